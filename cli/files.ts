// Turns the paths, folders and globs a user typed into a sorted list of .community files.
import {
    accessSync,
    closeSync,
    constants,
    fstatSync,
    globSync,
    mkdirSync,
    openSync,
    readFileSync,
    readdirSync,
    readlinkSync,
    realpathSync,
    statSync,
    type Stats,
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { compareText } from '../engine/text.js';
import { said, UsageError } from './errors.js';

const SKIP_DIRS = new Set(['node_modules', 'out', 'dist']);

function walk(dir: string, found: string[]): void {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.') || SKIP_DIRS.has(entry.name)) continue;
        const full = join(dir, entry.name);
        if (entry.isDirectory()) walk(full, found);
        else if (entry.isFile() && entry.name.endsWith('.community')) found.push(full);
    }
}

export function expandInputs(inputs: string[], cwd = process.cwd()): string[] {
    if (inputs.length === 0) throw new UsageError(said('cli.no-plan-given', {}));
    const files = new Set<string>();
    for (const input of inputs) {
        if (/[*?[\]{}]/.test(input)) {
            const matches = globSync(input, { cwd })
                .map((m) => resolve(cwd, m))
                .filter((m) => m.endsWith('.community'));
            if (matches.length === 0) throw new UsageError(said('cli.no-match', { input }));
            matches.forEach((m) => files.add(m));
            continue;
        }
        const full = resolve(cwd, input);
        let stat;
        try {
            stat = statSync(full);
        } catch {
            throw new UsageError(said('cli.cannot-find', { input }));
        }
        if (stat.isDirectory()) {
            const found: string[] = [];
            walk(full, found);
            if (found.length === 0) throw new UsageError(said('cli.empty-folder', { input }));
            found.forEach((f) => files.add(f));
        } else if (stat.isFile()) {
            files.add(full);
        } else {
            throw new UsageError(said('cli.not-file', { input }));
        }
    }
    return [...files].sort(compareText);
}

/** What readPlanText found: the text, or only the size of a file over the limit (not read). */
export type PlanText = { text: string; tooLarge?: undefined } | { text?: undefined; tooLarge: number };

/**
 * Reads a plan as UTF-8 text through one opened handle: only a regular file is read (a FIFO or a
 * device named *.community would block or never end), its size is checked against `maxBytes`
 * before reading, and binary files are refused with one clear line.
 */
/** A file with a NUL byte: binary, not a plan. */
export class NotTextError extends UsageError {}

export function readPlanText(path: string, shown: string, maxBytes = Infinity, inside?: (real: string) => boolean): PlanText {
    let fd: number;
    try {
        // O_NONBLOCK: opening a FIFO must not wait for a writer.
        fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (e) {
        throw cannotRead(shown, readError((e as NodeJS.ErrnoException).code));
    }
    try {
        const stat = fstatSync(fd);
        if (inside && !inside(realPathOf(fd, path, stat))) throw cannotRead(shown, said('cli.why.outside', {}));
        if (stat.isDirectory()) throw cannotRead(shown, said('cli.why.folder', {}));
        if (!stat.isFile()) throw cannotRead(shown, said('cli.why.not-regular', {}));
        if (stat.size > maxBytes) return { tooLarge: stat.size };
        let bytes: Buffer;
        try {
            bytes = readFileSync(fd);
        } catch (e) {
            throw cannotRead(shown, readError((e as NodeJS.ErrnoException).code));
        }
        if (bytes.length > maxBytes) return { tooLarge: bytes.length };
        if (bytes.includes(0)) throw new NotTextError(said('cli.not-text', { file: shown }));
        let text = bytes.toString('utf8');
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        return { text };
    } finally {
        closeSync(fd);
    }
}

/**
 * The real path of the file behind an open handle: /proc/self/fd where there is one (Linux); else
 * the real path of `path`, accepted only if it is still the same file (device and inode) as the handle.
 */
function realPathOf(fd: number, path: string, stat: Stats): string {
    try {
        return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
        const real = realpathSync(path);
        const now = statSync(real);
        if (now.ino !== stat.ino || now.dev !== stat.dev) throw cannotRead(path, said('cli.why.changed', {}));
        return real;
    }
}

/** Why a file could not be read, in both languages (an errno without words is shown as it is). */
function readError(code: string | undefined): { en: string; zh: string } {
    const key = code === 'EACCES' ? 'cli.why.permission' : code === 'EISDIR' ? 'cli.why.folder' : code === 'ENOENT' ? 'cli.why.no-file' : undefined;
    return key ? said(key, {}) : { en: code ?? 'read failed', zh: code ?? '读取失败' };
}

/** "cannot read <file>: <why>." in both languages. */
function cannotRead(file: string, why: { en: string; zh: string }): UsageError {
    return new UsageError(said('cli.cannot-read', { file, why: why.en }, { why: why.zh }));
}

/**
 * Creates `path` and any missing parent folders without `mkdirSync({ recursive: true })`, which
 * loops forever on procfs under Node 24 (e.g. --out /proc/x). Finds the nearest existing ancestor,
 * checks that it is a writable folder, then creates each missing segment one by one. Any failure
 * is thrown as an Error with a short reason in `message` and the errno in `code`.
 */
export function makeDirs(path: string): string[] {
    const target = resolve(path);
    const missing: string[] = [];
    let current = target;
    for (;;) {
        let stat;
        try {
            stat = statSync(current);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code !== 'ENOENT') throw dirError(code, current);
            const parent = dirname(current);
            if (parent === current) throw dirError('ENOENT', current);
            missing.push(current);
            current = parent;
            continue;
        }
        if (!stat.isDirectory()) throw dirError('ENOTDIR', current);
        break;
    }
    if (missing.length === 0) return [];
    try {
        accessSync(current, constants.W_OK | constants.X_OK);
    } catch (e) {
        throw dirError((e as NodeJS.ErrnoException).code, current);
    }
    for (const dir of missing.reverse()) {
        try {
            mkdirSync(dir);
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code;
            if (code === 'EEXIST' && statSync(dir, { throwIfNoEntry: false })?.isDirectory()) continue;
            throw dirError(code, dir);
        }
    }
    // Outermost first, as they were made.
    return missing;
}

function dirError(code: string | undefined, at: string): NodeJS.ErrnoException {
    const why =
        code === 'EACCES' || code === 'EPERM'
            ? 'permission denied'
            : code === 'ENOTDIR' || code === 'EEXIST'
              ? 'a file is in the way'
              : code === 'EROFS'
                ? 'read-only file system'
                : code === 'ENOENT'
                  ? 'cannot create folders there'
                  : (code ?? 'cannot create folder');
    return Object.assign(new Error(`${why} (${at})`), { code: code ?? 'EUNKNOWN' });
}
