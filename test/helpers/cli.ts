// Runs the built `community` CLI as a real process, the way users and CI run it.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');
export const BIN = resolve(ROOT, 'bin/community.cjs');

/** Newest modification time of the TypeScript sources the bundles are built from. */
function newestSource(): number {
    let newest = 0;
    const walk = (dir: string) => {
        for (const entry of readdirSync(dir, { withFileTypes: true })) {
            const p = join(dir, entry.name);
            if (entry.isDirectory()) walk(p);
            else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
        }
    };
    for (const d of ['language', 'engine', 'runtime', 'server', 'protocol', 'cli']) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
    return newest;
}

/** Rebuilds out/ with esbuild when a bundle is missing or older than a source (`npm test` builds first). */
export function ensureBuilt(): void {
    const bundles = ['out/cli/main.cjs', 'out/server/main.cjs', 'out/runtime/simulation-worker.cjs'].map((b) => resolve(ROOT, b));
    const oldest = Math.min(...bundles.map((b) => (existsSync(b) ? statSync(b).mtimeMs : 0)));
    if (oldest >= newestSource()) return;
    const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
}

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export function community(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliResult {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, LANG: 'en_US.UTF-8', LC_ALL: undefined, ...options.env };
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, encoding: 'utf8', env: env as NodeJS.ProcessEnv, timeout: 120_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Finished {
    status: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
}

/**
 * `file …args` run to its end as spawnSync runs it (stdin empty and closed, killed with SIGTERM
 * after `timeout` ms), without blocking this process: for runs that go side by side.
 */
export function finished(file: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<Finished> {
    const child = spawn(file, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.end();
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = options.timeout ? setTimeout(() => child.kill('SIGTERM'), options.timeout) : undefined;
    return new Promise((resolve, reject) => {
        child.once('error', (error) => {
            clearTimeout(timer);
            reject(error);
        });
        child.once('close', (status, signal) => {
            clearTimeout(timer);
            resolve({ status, signal, stdout, stderr });
        });
    });
}

/** `community()` without blocking this process, so several can run at once. */
export async function communityAsync(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
    const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, LANG: 'en_US.UTF-8', LC_ALL: undefined, ...options.env };
    const r = await finished(process.execPath, [BIN, ...args], { cwd: options.cwd, env: env as NodeJS.ProcessEnv, timeout: 120_000 });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}
