// When a start may use a V8 startup snapshot that `npm run build` made (esbuild.mjs: out/snapshot/).
// Node reads a snapshot only from `--snapshot-blob` at process start, and refuses, with exit code 14,
// a blob made by another Node binary or version; a blob made from an older build would run old code.
// So each blob has a small record beside it (<name>.json): the Node that made it, the bundle it was
// made from (size and modification time) and the folder it was made in (the blob holds its paths).
// A start uses the blob only when all of that still holds for this process; otherwise it runs the
// plain bundle, which gives the same output. COMMUNITY_SNAPSHOT=off turns the snapshot off.
import { readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** What esbuild.mjs writes beside a blob. */
export interface SnapshotRecord {
    /** The plans the build warmed the heap up on, relative to the project (esbuild.mjs remakes the blob when they change; a start ignores them). */
    warmUp?: string[];
    node: string;
    execPath: string;
    arch: string;
    platform: string;
    /** The folder the blob was made in (out/snapshot), absolute. */
    dir: string;
    /** The bundle the blob was made from, relative to `dir`, and its size and mtime then. */
    bundle: { file: string; size: number; mtimeMs: number };
    blob: { size: number; mtimeMs: number };
}

function statOf(path: string): { size: number; mtimeMs: number } {
    const s = statSync(path);
    return { size: s.size, mtimeMs: s.mtimeMs };
}

/** The record for a blob made now by this Node from `bundle` (esbuild.mjs writes it). */
export function recordFor(blob: string, bundle: string): SnapshotRecord {
    const dir = dirname(blob);
    return {
        node: process.version,
        execPath: realpathSync(process.execPath),
        arch: process.arch,
        platform: process.platform,
        dir,
        bundle: { file: bundle.slice(dir.length + 1), ...statOf(bundle) },
        blob: statOf(blob),
    };
}

/** Why `blob` cannot start this process (undefined: it can), for the tests and the bench. */
export function snapshotRefusal(blob: string, env: Record<string, string | undefined> = process.env): string | undefined {
    if (env.COMMUNITY_SNAPSHOT === 'off') return 'COMMUNITY_SNAPSHOT=off';
    let record: SnapshotRecord;
    try {
        record = JSON.parse(readFileSync(blob.replace(/\.blob$/, '.json'), 'utf8')) as SnapshotRecord;
    } catch {
        return 'no snapshot built';
    }
    try {
        if (record.node !== process.version || record.arch !== process.arch || record.platform !== process.platform) return `made by Node ${record.node}`;
        if (record.execPath !== realpathSync(process.execPath)) return `made by ${record.execPath}`;
        if (record.dir !== dirname(blob)) return `made in ${record.dir}`;
        const bundle = statOf(join(record.dir, record.bundle.file));
        if (bundle.size !== record.bundle.size || bundle.mtimeMs !== record.bundle.mtimeMs) return 'bundle rebuilt since';
        const made = statOf(blob);
        if (made.size !== record.blob.size || made.mtimeMs !== record.blob.mtimeMs) return 'blob changed since';
    } catch {
        return 'snapshot files missing';
    }
    return undefined;
}

/** `blob` when this process's Node can start from it, else undefined. */
export function usableSnapshot(blob: string, env: Record<string, string | undefined> = process.env): string | undefined {
    return snapshotRefusal(blob, env) === undefined ? blob : undefined;
}
