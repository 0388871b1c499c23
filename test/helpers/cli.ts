// Runs the built `community` CLI as a real process, the way users and CI run it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');
export const BIN = resolve(ROOT, 'bin/community.cjs');

export function ensureBuilt(): void {
    if (!existsSync(resolve(ROOT, 'out/cli/main.cjs'))) {
        const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
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
