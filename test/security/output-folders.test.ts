// Output folders: compile never replaces a folder it did not write (./docs with notes.txt survives),
// cleans temp/old folders left by a killed run, succeeds with a warning when an old output cannot be
// removed, and diff --base removes its mirror folder when interrupted.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isOutputFolder, OUTPUT_MARKER } from '../../cli/output-folder.js';
import { tempFolder } from '../compile/helpers.js';
import { BIN, community, ensureBuilt } from '../helpers/cli.js';

const PLAN = (title: string) => `plan "${title}" {
  start 2027-01-04
  horizon 4 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Club {
  tier A { seed 10 members }
  content Tips { kind educational  every week on Monday at 09:00  for A }
}
`;

beforeAll(() => ensureBuilt());

describe('compile output folders', () => {
    it('does not replace a folder it did not write (compile --out . with a plan named docs)', () => {
        const dir = tempFolder({ 'docs.community': PLAN('Docs'), 'docs/notes.txt': 'my notes\n' });
        const r = community(['compile', 'docs.community', '--out', '.', '--runs', '10', '--formats', 'ics'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toContain('the folder exists and was not written by community compile');
        expect(readFileSync(join(dir, 'docs/notes.txt'), 'utf8')).toBe('my notes\n');
        expect(readdirSync(dir).filter((e) => e.startsWith('.docs.'))).toEqual([]);
    });

    it('marks what it writes, replaces its own output, and cleans stale temp and old folders', () => {
        const dir = tempFolder({ 'plan.community': PLAN('P') });
        const out = join(dir, 'out');
        expect(community(['compile', 'plan.community', '--out', 'out', '--runs', '10', '--formats', 'ics,csv'], { cwd: dir }).code).toBe(0);
        expect(existsSync(join(out, 'plan', OUTPUT_MARKER))).toBe(true);
        expect(isOutputFolder(join(out, 'plan'))).toBe(true);
        // What a kill -9 leaves: a temp and an old folder of a process that is gone.
        mkdirSync(join(out, '.plan.tmp-999999-0123abcd'));
        writeFileSync(join(out, '.plan.tmp-999999-0123abcd', 'plan.ics'), 'partial');
        mkdirSync(join(out, '.plan.old-999999-89abcdef'));
        const again = community(['compile', 'plan.community', '--out', 'out', '--runs', '10', '--formats', 'ics,csv'], { cwd: dir });
        expect(again.code).toBe(0);
        expect(readdirSync(out).sort()).toEqual(['plan']);
        expect(readdirSync(join(out, 'plan')).sort()).toEqual([OUTPUT_MARKER, 'Club.ics', 'plan.ics', 'schedule.csv']);
    });

    it('accepts an output folder written before the marker existed', () => {
        const dir = tempFolder({ 'plan.community': PLAN('P'), 'out/plan/plan.ics': 'old', 'out/plan/schedule.csv': 'old' });
        expect(community(['compile', 'plan.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir }).code).toBe(0);
        expect(readFileSync(join(dir, 'out/plan/plan.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
    });

    it('reports success with a warning when the old output cannot be removed', () => {
        const dir = tempFolder({ 'plan.community': PLAN('P') });
        const out = join(dir, 'out');
        expect(community(['compile', 'plan.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir }).code).toBe(0);
        // An undeletable file in the old output (root ignores permissions, so make it immutable).
        const stuck = join(out, 'plan', 'stuck');
        mkdirSync(stuck);
        writeFileSync(join(stuck, 'x.ics'), 'x');
        const root = process.getuid?.() === 0;
        if (root) spawnSync('chattr', ['+i', join(stuck, 'x.ics')]);
        else chmodSync(stuck, 0o555);
        try {
            const r = community(['compile', 'plan.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir });
            expect(r.code).toBe(0);
            expect(r.stderr).toMatch(/^warning: wrote ".*out\/plan", but could not remove the previous output kept at ".*\.plan\.old-\d+-[0-9a-f]{8}"/);
            expect(readFileSync(join(out, 'plan', 'plan.ics'), 'utf8')).toContain('BEGIN:VCALENDAR');
        } finally {
            for (const e of readdirSync(out).filter((x) => x.startsWith('.plan.old-'))) {
                if (root) spawnSync('chattr', ['-i', join(out, e, 'stuck', 'x.ics')]);
                else chmodSync(join(out, e, 'stuck'), 0o755);
            }
        }
    });
});

describe('diff --base interrupted', () => {
    it('removes its .community-diff-* mirror on SIGINT and SIGTERM', async () => {
        ensureBuilt();
        for (const signal of ['SIGINT', 'SIGTERM'] as const) {
            const dir = tempFolder({ 'plan.community': PLAN('P') + '\n'.repeat(200_000) });
            const git = (...args: string[]) =>
                spawnSync('git', args, {
                    cwd: dir,
                    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
                });
            git('init', '-q');
            git('add', '.');
            git('commit', '-q', '-m', 'base');
            const child = spawn(process.execPath, [BIN, 'diff', 'plan.community', '--base', 'HEAD', '--runs', '200000'], { cwd: dir, stdio: 'ignore' });
            const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
            const mirrors = () => readdirSync(dir).filter((e) => e.startsWith('.community-diff-'));
            const end = Date.now() + 20_000;
            while (mirrors().length === 0 && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
            expect(mirrors()).toHaveLength(1);
            // A signal that lands while git runs synchronously can be lost (as for a user pressing
            // Ctrl+C twice): send it until the process is gone.
            let done = false;
            void exited.then(() => (done = true));
            while (!done) {
                child.kill(signal);
                await new Promise((r) => setTimeout(r, 20));
            }
            expect(await exited).toBe(signal === 'SIGINT' ? 130 : 143);
            expect(mirrors()).toEqual([]);
        }
    }, 60_000);
});
