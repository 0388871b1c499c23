// Plan output folders (compile --out): written all or nothing, and never at the expense of a folder
// the tool did not write. Each plan's files go into a temp folder beside the target, then renames
// swap it in. The target may be replaced only if it is a previous output: it holds the marker file
// (or, for folders written before the marker existed, nothing but output file names). Temp and old
// folders left by a killed run are removed by the next run; an old folder that cannot be removed
// (say, owned by another user) leaves a warning, not a failure, once the new output is in place.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../engine/report/outputs.js';
import { UsageError } from './errors.js';
import { oneLine } from './report.js';

/** The file that marks a folder as written by `community compile`. */
export const OUTPUT_MARKER = '.community-output';
const MARKER_TEXT = 'This folder is written by `community compile`; it is replaced on the next compile.\n';

/** Names compile writes (before the marker existed, a folder of only these was an output). */
const OUTPUT_NAME = /^(?:[^/]+\.ics|schedule\.csv|schedule\.json|report\.html|report\.md)$/;

const pendingTemps = new Set<string>();
let cleanupInstalled = false;

function installCleanup(): void {
    if (cleanupInstalled) return;
    cleanupInstalled = true;
    const onSignal = (signal: NodeJS.Signals) => {
        for (const dir of pendingTemps) rmSync(dir, { recursive: true, force: true });
        pendingTemps.clear();
        process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.once('exit', () => {
        for (const dir of pendingTemps) rmSync(dir, { recursive: true, force: true });
    });
}

/** Whether `dir` is a previous output of this tool (see the file comment). */
export function isOutputFolder(dir: string): boolean {
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    } catch {
        return false;
    }
    if (entries.some((e) => e.name === OUTPUT_MARKER && e.isFile())) return true;
    return entries.length > 0 && entries.every((e) => e.isFile() && OUTPUT_NAME.test(e.name));
}

function alive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (e) {
        return (e as NodeJS.ErrnoException).code === 'EPERM';
    }
}

/** Removes `.<name>.tmp-<pid>-<hex>` and `.<name>.old-<pid>-<hex>` folders whose process is gone. */
export function cleanStale(parent: string, name: string): void {
    let entries: string[];
    try {
        entries = readdirSync(parent);
    } catch {
        return;
    }
    const prefix = `.${name}.`;
    for (const entry of entries) {
        if (!entry.startsWith(prefix)) continue;
        const m = /^(?:tmp|old)-(\d+)-[0-9a-f]{8}$/.exec(entry.slice(prefix.length));
        if (!m || (Number(m[1]) !== process.pid && alive(Number(m[1])))) continue;
        const full = join(parent, entry);
        if (lstatSync(full).isDirectory()) rmSync(full, { recursive: true, force: true });
    }
}

/**
 * Writes the files into `target` all or nothing. Returns warnings to print (success either way);
 * throws a UsageError when nothing could be written or the target is not ours to replace.
 */
export function writeOutputFolder(target: string, files: OutputFile[]): string[] {
    installCleanup();
    const parent = dirname(target);
    const name = basename(target);
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const temp = join(parent, `.${name}.tmp-${tag}`);
    const old = join(parent, `.${name}.old-${tag}`);
    const shown = oneLine(target);
    cleanStale(parent, name);
    const existing = existsSync(target) ? lstatSync(target) : undefined;
    if (existing && !existing.isDirectory()) throw new UsageError(`cannot write "${shown}": a file is in the way.`);
    if (existing && !isOutputFolder(target)) {
        throw new UsageError(`cannot write "${shown}": the folder exists and was not written by community compile (no ${OUTPUT_MARKER} in it); move it or choose another --out.`);
    }
    pendingTemps.add(temp);
    try {
        mkdirSync(temp);
        for (const f of files) writeFileSync(join(temp, f.name), f.content);
        writeFileSync(join(temp, OUTPUT_MARKER), MARKER_TEXT);
        let moved = false;
        if (existing) {
            renameSync(target, old);
            moved = true;
        }
        try {
            renameSync(temp, target);
        } catch (e) {
            if (moved) renameSync(old, target);
            throw e;
        }
        pendingTemps.delete(temp);
        if (moved) {
            try {
                rmSync(old, { recursive: true });
            } catch (e) {
                const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
                return [`warning: wrote "${shown}", but could not remove the previous output kept at "${oneLine(old)}" (${code}); remove it by hand.`];
            }
        }
        return [];
    } catch (e) {
        rmSync(temp, { recursive: true, force: true });
        pendingTemps.delete(temp);
        if (e instanceof UsageError) throw e;
        const code = (e as NodeJS.ErrnoException).code;
        throw new UsageError(`cannot write "${shown}": ${code ?? (e as Error).message}.`);
    }
}
