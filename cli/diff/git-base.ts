// `community diff --base <git-ref>`: the plan and the files it imports are taken from git (git show
// ref:path) into a temporary folder inside the repository, mirroring their paths so relative imports
// resolve; the folder goes when the diff is done, on Ctrl+C, or at the next run if a run was killed.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { said, UsageError } from '../errors.js';
import { makeDirs } from '../files.js';
import { importPathsOf } from '../workspace.js';

function git(args: string[], cwd: string): string {
    try {
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
        const stderr = String((e as { stderr?: string }).stderr ?? '')
            .trim()
            .split('\n')[0];
        throw new UsageError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}.`);
    }
}

/**
 * The commit a --base ref names, as a full SHA. A ref starting with "-" would be read by git as an
 * option (`--output=/tmp/x`), so it is refused; the ref is verified with --end-of-options, and only
 * the resolved SHA is passed to later git commands.
 */
export function resolveBaseRef(ref: string, cwd: string): string {
    if (ref === '' || ref.startsWith('-')) throw new UsageError(said('cli.base-ref', { ref }));
    let sha: string;
    try {
        sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], {
            cwd,
            encoding: 'utf8',
            stdio: ['ignore', 'pipe', 'pipe'],
        }).trim();
    } catch {
        throw new UsageError(said('cli.base-not-commit', { ref }));
    }
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new UsageError(said('cli.base-not-commit', { ref }));
    return sha;
}

// Mirror folders of the base in the repository: removed when done, on SIGINT/SIGTERM (Ctrl+C in the
// middle of a diff must not leave .community-diff-* behind), and, if a run was killed outright, by
// the next run (its process id is in the name).
const mirrors = new Set<string>();
let mirrorCleanupInstalled = false;

function installMirrorCleanup(): void {
    if (mirrorCleanupInstalled) return;
    mirrorCleanupInstalled = true;
    const removeAll = () => {
        for (const dir of mirrors) rmSync(dir, { recursive: true, force: true });
        mirrors.clear();
    };
    const onSignal = (signal: NodeJS.Signals) => {
        removeAll();
        process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.once('exit', removeAll);
}

export function yieldToSignals(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** Removes the mirror folder of a finished diff. */
export function removeMirror(root: string): void {
    rmSync(root, { recursive: true, force: true });
    mirrors.delete(root);
}

function cleanStaleMirrors(top: string): void {
    for (const entry of readdirSync(top)) {
        const m = /^\.community-diff-(\d+)-[0-9a-f]{8}$/.exec(entry);
        if (!m) continue;
        const pid = Number(m[1]);
        let alive = pid === process.pid;
        try {
            if (!alive) process.kill(pid, 0);
            alive = true;
        } catch (e) {
            alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
        if (!alive) rmSync(join(top, entry), { recursive: true, force: true });
    }
}

/** Writes `ref`'s version of the plan and of everything it imports into a mirror folder; returns the plan's path there. */
export function materializeBase(planPath: string, ref: string): { root: string; plan: string; sha: string } {
    const abs = resolve(planPath);
    const top = git(['rev-parse', '--show-toplevel'], dirname(abs)).trim();
    const sha = resolveBaseRef(ref, top);
    cleanStaleMirrors(top);
    const root = join(top, `.community-diff-${process.pid}-${randomBytes(4).toString('hex')}`);
    mirrors.add(root);
    installMirrorCleanup();
    mkdirSync(root);
    const seen = new Set<string>();
    const fetch = (repoRel: string, required: boolean) => {
        if (seen.has(repoRel)) return;
        seen.add(repoRel);
        let text: string;
        try {
            text = git(['show', `${sha}:${repoRel}`], top);
        } catch (e) {
            if (required) throw e;
            return; // an import missing at the base is reported by validation
        }
        const target = join(root, ...repoRel.split('/'));
        makeDirs(dirname(target));
        writeFileSync(target, text);
        for (const path of importPathsOf(text)) {
            if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || /^[a-z]+:/i.test(path)) continue; // refused by validation
            const next = posix.normalize(posix.join(posix.dirname(repoRel), path.replace(/\\/g, '/')));
            if (next !== '..' && !next.startsWith('../')) fetch(next, false);
        }
    };
    const rel = relative(top, abs).split(sep).join('/');
    try {
        fetch(rel, true);
    } catch (e) {
        removeMirror(root);
        throw e;
    }
    return { root, plan: join(root, ...rel.split('/')), sha };
}
