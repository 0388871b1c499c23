// `community check plans/*.community | head`: the reader closes the pipe after a few lines. The
// command must not print Node's EPIPE stack trace, and it still ends with its own exit code (1 when
// a plan has errors), so `set -o pipefail` scripts see the check's verdict.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, ROOT } from '../helpers/cli.js';

beforeAll(ensureBuilt);

/** Runs the CLI, closes its standard output after the first chunk, and collects stderr and the exit code. */
function readFirstChunk(args: string[]): Promise<{ first: string; stderr: string; code: number | null }> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
        let first = '';
        let stderr = '';
        child.stdout.once('data', (chunk: Buffer) => {
            first = chunk.toString('utf8');
            child.stdout.destroy();
        });
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
        child.on('error', reject);
        child.on('close', (code) => resolve({ first, stderr, code }));
    });
}

/** A plan with many diagnostics, so its report is longer than one pipe buffer. */
function longReport(errors: boolean): string {
    const tiers = Array.from({ length: 3000 }, (_, i) => `  tier T${i} {\n    seed 10 members\n    churn ${errors ? '150%' : '5%'} per month\n  }\n`).join('');
    return `plan "P" {\n  start 2027-03-01\n  horizon 4 weeks\n  currency CNY\n}\ncommunity Club {\n${tiers}}\n`;
}

describe('a reader that closes the pipe early', () => {
    const dir = mkdtempSync(join(tmpdir(), 'community-pipe-'));
    const bad = join(dir, 'bad.community');
    writeFileSync(bad, longReport(true));

    it('gets the first lines, no stack trace, and the check still exits 1 for plan errors', async () => {
        for (const format of ['text', 'json']) {
            const r = await readFirstChunk(['check', bad, '--format', format]);
            expect(r.first.length).toBeGreaterThan(0);
            expect(r.stderr).not.toMatch(/EPIPE|at .*\(node:|Error:/);
            expect(r.code).toBe(1);
        }
    });
});
