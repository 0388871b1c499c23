// Ctrl-C during a long command: the work stops between blocks, nothing is printed or written, and
// the command exits 130 with one line (cli/engine-run.ts).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../helpers/cli.js';
import { usedCpu } from '../helpers/process-cpu.js';

// The command is well into its work once it has used this much CPU (however loaded the machine): a
// start costs 0.1–0.4 s of it (from the startup snapshot or the plain bundle), and both commands
// below run for seconds more. Where a process's CPU time cannot be read, `afterMs` of wall time.
const WORKING_CPU_S = 0.8;

async function interrupted(
    args: string[],
    afterMs: number,
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; exitMs: number }> {
    ensureBuilt();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, LANG: 'en_US.UTF-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += String(d)));
    child.stderr.on('data', (d) => (stderr += String(d)));
    await usedCpu(child.pid, WORKING_CPU_S, afterMs);
    const sent = performance.now();
    child.kill('SIGINT');
    const [code, signal] = await new Promise<[number | null, string | null]>((resolve) => child.on('close', (c, s) => resolve([c, s])));
    return { code, signal, stdout, stderr, exitMs: performance.now() - sent };
}

const FITNESS = join(ROOT, 'examples/fitness-wechat.community');

describe('Ctrl-C', () => {
    it('stops `simulate --runs 100000` between blocks: exit 130, no output', async () => {
        const r = await interrupted(['simulate', FITNESS, '--runs', '100000', '--sensitivity', '--format', 'json'], 3000);
        expect(r.signal).toBeNull();
        expect(r.code).toBe(130);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe('community: interrupted; nothing was written.\n');
        expect(r.exitMs).toBeLessThan(5000);
    }, 60_000);

    it('stops `solve` between blocks: exit 130, no answer printed', async () => {
        const r = await interrupted(['solve', FITNESS, '--kpi', 'conversion-Prospect-Core', '--vary', 'Core.Prospect=3%..12%', '--runs', '50000'], 3000);
        expect(r.code).toBe(130);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe('community: interrupted; nothing was written.\n');
    }, 60_000);

    it('says so in Chinese with --lang zh-CN', async () => {
        const r = await interrupted(['simulate', FITNESS, '--runs', '100000', '--sensitivity', '--format', 'json', '--lang', 'zh-CN'], 3000);
        expect(r.code).toBe(130);
        expect(r.stdout).toBe('');
        expect(r.stderr).toBe('community: 已中断，未写入任何内容。\n');
    }, 60_000);
});
