// Options shared by several commands.
import { Option } from 'commander';
import { langFromEnv, type Lang } from '../engine/diagnostics.js';
import { said, UsageError } from './errors.js';

export interface CommonOptions {
    lang?: string;
    root?: string;
}

export function langOption(): Option {
    return new Option('--lang <lang>', 'language of messages (default: from LANG)').choices(['en', 'zh-CN']);
}

export function rootOption(): Option {
    return new Option('--root <dir>', 'workspace folder imports may not leave (default: the current folder)');
}

export function resolveLang(lang: string | undefined): Lang {
    return lang === 'en' || lang === 'zh-CN' ? lang : langFromEnv(process.env);
}

/** Most Monte Carlo runs any command accepts (simulate, compile, diff). */
export const MAX_RUNS = 1_000_000;

/** A whole number in [min, max], or a usage error naming the option. */
export function parseInteger(value: string, name: string, min: number, max: number): number {
    if (!/^-?\d+$/.test(value.trim())) throw new UsageError(said('cli.whole-number', { option: name, value }));
    const n = Number(value);
    if (n < min || n > max) throw new UsageError(said('cli.between', { option: name, min, max, value: n }));
    return n;
}

/** --runs of every command: 1 to MAX_RUNS, the same rule and message everywhere. */
export function parseRuns(value: string): number {
    return parseInteger(value, '--runs', 1, MAX_RUNS);
}
