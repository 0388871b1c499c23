// Plan output folders (compile --out): written all or nothing, and never at the expense of a folder
// the tool did not write. Each plan's files go into a temp folder beside the target, then renames
// swap it in. The target may be replaced only if it is a previous output: it holds the marker file
// (or, for folders written before the marker existed, nothing but output file names). Temp and old
// folders left by a killed run are removed by the next run; an old folder that cannot be removed
// (say, owned by another user) leaves a warning, not a failure, once the new output is in place.
// A run with several plans stages every plan's folder first and switches them in together
// (stageOutputFolder, then switchOutputs), so one run's outputs never mix with a previous run's.
import { randomBytes } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { OutputFile } from '../engine/report/outputs.js';
import { said, UsageError, whyNotWritten } from './errors.js';
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

/** A plan's new output, written in full into a temp folder beside its target, not yet switched in. */
export interface StagedOutput {
    target: string;
    temp: string;
    old: string;
    /** Whether a previous output is in the way (it is renamed aside at the switch). */
    replaces: boolean;
}

/**
 * Writes the files into a temp folder beside `target` (checking first that the target is ours to
 * replace). Nothing visible changes until `switchOutputs`. Throws a UsageError when the target is
 * not ours or the files cannot be written; the temp folder is removed then.
 */
export function stageOutputFolder(target: string, files: OutputFile[]): StagedOutput {
    installCleanup();
    const parent = dirname(target);
    const name = basename(target);
    const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const temp = join(parent, `.${name}.tmp-${tag}`);
    const old = join(parent, `.${name}.old-${tag}`);
    const shown = oneLine(target);
    cleanStale(parent, name);
    const existing = existsSync(target) ? lstatSync(target) : undefined;
    if (existing && !existing.isDirectory())
        throw new UsageError(said('cli.cannot-write', { file: shown, why: said('cli.why.in-the-way', {}).en }, { why: said('cli.why.in-the-way', {}).zh }));
    if (existing && !isOutputFolder(target)) {
        throw new UsageError(said('cli.not-ours', { file: shown, marker: OUTPUT_MARKER }));
    }
    pendingTemps.add(temp);
    try {
        mkdirSync(temp);
        for (const f of files) writeFileSync(join(temp, f.name), f.content);
        writeFileSync(join(temp, OUTPUT_MARKER), MARKER_TEXT);
    } catch (e) {
        discardStaged([{ target, temp, old, replaces: false }]);
        const code = (e as NodeJS.ErrnoException).code;
        const why = whyNotWritten(code, (e as Error).message);
        throw new UsageError(said('cli.cannot-write', { file: shown, why: code ?? (e as Error).message }, { why: why.zh }));
    }
    return { target, temp, old, replaces: existing !== undefined };
}

/** Removes staged outputs that will not be switched in (a later plan of the run failed). */
export function discardStaged(staged: StagedOutput[]): void {
    for (const s of staged) {
        rmSync(s.temp, { recursive: true, force: true });
        pendingTemps.delete(s.temp);
    }
}

/**
 * Switches every staged output in at once: one synchronous run of renames (previous output aside,
 * new one in), so a signal cannot land between two plans. If a rename fails, the plans already
 * switched are switched back, so either every target shows this run's output or none does; only if
 * switching back fails too does the error name the plans that now hold the new output. Old outputs
 * are removed afterwards; one that cannot be removed is a warning (the new output is complete).
 */
export function switchOutputs(staged: StagedOutput[]): string[] {
    const done: StagedOutput[] = [];
    let failure: { s: StagedOutput; why: string } | null = null;
    for (const s of staged) {
        let aside = false;
        try {
            if (s.replaces) {
                renameSync(s.target, s.old);
                aside = true;
            }
            renameSync(s.temp, s.target);
            done.push(s);
        } catch (e) {
            if (aside) {
                try {
                    renameSync(s.old, s.target);
                } catch {
                    // left at s.old; reported below through the plans not switched back
                }
            }
            failure = { s, why: (e as NodeJS.ErrnoException).code ?? (e as Error).message };
            break;
        }
    }
    if (failure) {
        const stuck: string[] = [];
        for (const s of done.reverse()) {
            try {
                renameSync(s.target, s.temp);
                if (s.replaces) renameSync(s.old, s.target);
            } catch {
                stuck.push(oneLine(s.target));
            }
        }
        discardStaged(staged.filter((s) => !stuck.includes(oneLine(s.target))));
        const shown = oneLine(failure.s.target);
        throw new UsageError(
            stuck.length === 0
                ? `cannot write "${shown}": ${failure.why}; no output of this run was written${staged.length > 1 ? ' (every plan keeps its previous output)' : ''}.`
                : `cannot write "${shown}": ${failure.why}; only these plans have this run's output: ${stuck.map((t) => `"${t}"`).join(', ')}.`,
        );
    }
    const warnings: string[] = [];
    for (const s of staged) {
        pendingTemps.delete(s.temp);
        if (!s.replaces) continue;
        try {
            rmSync(s.old, { recursive: true });
        } catch (e) {
            const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
            warnings.push(
                `warning: wrote "${oneLine(s.target)}", but could not remove the previous output kept at "${oneLine(s.old)}" (${code}); remove it by hand.`,
            );
        }
    }
    return warnings;
}

/**
 * Writes the files into `target` all or nothing. Returns warnings to print (success either way);
 * throws a UsageError when nothing could be written or the target is not ours to replace.
 */
export function writeOutputFolder(target: string, files: OutputFile[]): string[] {
    return switchOutputs([stageOutputFolder(target, files)]);
}
