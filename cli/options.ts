// Options shared by several commands.
import { Option } from 'commander';
import { langFromEnv, type Lang } from '../engine/diagnostics.js';

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
