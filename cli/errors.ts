// Errors the CLI reports as one clear line and a non-zero exit, never as a stack trace. Each may
// carry its line in both languages (`said(key, params)`): cli/program.ts prints the one of the
// command's --lang, or of the environment (LANG), as the rest of the command's output is.
import { langFromEnv, type Lang } from '../engine/diagnostics.js';
import { t, type MessageKey, type MessageParams } from '../engine/messages.js';

/** A line in both languages. */
export interface Said {
    en: string;
    zh: string;
}

/** A CLI message (engine/messages/cli.ts) in both languages; `zhParams` replaces what differs in Chinese (a list's "none"). */
export function said<K extends MessageKey>(key: K, params: MessageParams<K>, zhParams: Partial<MessageParams<K>> = {}): Said {
    return { en: t(key, params, 'en'), zh: t(key, { ...params, ...zhParams }, 'zh-CN') };
}

/** Why a write or a folder failed, from its errno, in both languages (an errno without words as it is). */
export function whyNotWritten(code: string | undefined, fallback: string): Said {
    if (code === 'EACCES' || code === 'EPERM') return said('cli.why.permission', {});
    if (code === 'ENOTDIR' || code === 'EEXIST') return said('cli.why.in-the-way', {});
    if (code === 'EROFS') return said('cli.why.read-only', {});
    return { en: code ?? fallback, zh: code ?? fallback };
}

/** Names as a message lists them ("a, b" / "a、b"), or none. */
export function namesSaid(names: readonly string[]): { en: string; zh: string } {
    return { en: names.join(', ') || 'none', zh: names.join('、') || '无' };
}

/** What the CLI reports as one line with its own exit code. */
export abstract class CliError extends Error {
    abstract readonly exitCode: number;
    /** The Chinese line, when the thrower gave one. */
    readonly zh: string | undefined;
    constructor(message: string | Said) {
        super(typeof message === 'string' ? message : message.en);
        this.zh = typeof message === 'string' ? undefined : message.zh;
    }
    /** The line in a language (English where no Chinese was given). */
    inLang(lang: Lang): string {
        return lang === 'zh-CN' && this.zh !== undefined ? this.zh : this.message;
    }
}

/** Bad flags, missing or unreadable files, unwritable output: exit 2. */
export class UsageError extends CliError {
    readonly exitCode = 2;
}

/** The plan has errors: exit 1 (the diagnostics were already printed). */
export class PlanErrors extends CliError {
    readonly exitCode = 1;
}

/** Ctrl-C stopped the work between blocks: exit 130, as a shell reports SIGINT. */
export class Interrupted extends CliError {
    readonly exitCode = 130;
}

export function exitCodeOf(error: unknown): number {
    if (error instanceof CliError) return error.exitCode;
    return 2;
}

/** The message language of a command line: its --lang, else the environment's. */
export function langOfArgv(argv: readonly string[], env: Record<string, string | undefined>): Lang {
    for (let i = argv.length - 1; i >= 0; i--) {
        const value = argv[i] === '--lang' ? argv[i + 1] : argv[i].startsWith('--lang=') ? argv[i].slice(7) : undefined;
        if (value === 'en' || value === 'zh-CN') return value;
    }
    return langFromEnv(env);
}
