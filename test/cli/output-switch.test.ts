// One run's outputs switch together: `compile` stages every plan's folder and renames them all in at
// the end, so after a run either every plan shows this run's output or none does (a plan with
// errors is skipped and says so); a failure while switching puts back what was switched.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUTPUT_MARKER, stageOutputFolder, switchOutputs } from '../../cli/output-folder.js';
import { tempFolder } from '../compile/helpers.js';
import { community, ensureBuilt } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

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

const calName = (dir: string) => /X-WR-CALNAME:(.*)\r\n/.exec(readFileSync(join(dir, 'plan.ics'), 'utf8'))?.[1];
const hidden = (dir: string) => readdirSync(dir).filter((e) => e.startsWith('.'));

beforeAll(() => ensureBuilt());

describe('compile: the outputs of one run switch together', () => {
    it('writes every plan and lists each one after the switch', async () => {
        const dir = tempFolder({ 'a.community': PLAN('Alpha v1'), 'b.community': PLAN('Beta v1'), 'c.community': PLAN('Gamma v1') });
        const r = await communityHere(['compile', 'a.community', 'b.community', 'c.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], {
            cwd: dir,
        });
        expect(r.code).toBe(0);
        expect(
            r.stdout
                .trim()
                .split('\n')
                .map((l) => l.split(' → ')[0]),
        ).toEqual(['✓ a.community', '✓ b.community', '✓ c.community']);
        expect(['a', 'b', 'c'].map((n) => calName(join(dir, 'out', n)))).toEqual(['Alpha v1', 'Beta v1', 'Gamma v1']);
        expect(hidden(join(dir, 'out'))).toEqual([]);
    });

    it('writes no plan when a later plan’s folder cannot be replaced: every plan keeps its previous output', () => {
        const dir = tempFolder({ 'a.community': PLAN('Alpha v1'), 'b.community': PLAN('Beta v1') });
        expect(community(['compile', 'a.community', 'b.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir }).code).toBe(0);
        writeFileSync(join(dir, 'a.community'), PLAN('Alpha v2'));
        writeFileSync(join(dir, 'b.community'), PLAN('Beta v2'));
        // b's folder is now someone else's: no marker, a file compile never writes.
        rmSync(join(dir, 'out/b', OUTPUT_MARKER));
        writeFileSync(join(dir, 'out/b/notes.txt'), 'mine\n');
        const r = community(['compile', 'a.community', 'b.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/cannot write ".*out\/b": the folder exists and was not written by community compile .*; no plan of this run was written\./);
        expect(r.stdout).toBe('');
        // a still has run 1's output, not run 2's: nothing of this run appeared.
        expect(calName(join(dir, 'out/a'))).toBe('Alpha v1');
        expect(readFileSync(join(dir, 'out/b/notes.txt'), 'utf8')).toBe('mine\n');
        expect(hidden(join(dir, 'out'))).toEqual([]);
    });

    it('still writes the good plans when one has errors, and says which plan was not written', async () => {
        const dir = tempFolder({ 'a.community': PLAN('Alpha'), 'b.community': PLAN('Beta').replace('seed 10 members', 'seed ten members') });
        const r = await communityHere(['compile', 'a.community', 'b.community', '--out', 'out', '--runs', '10', '--formats', 'ics'], { cwd: dir });
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/^✓ a\.community → .*\n✗ b\.community: \d+ errors?, nothing written\n$/);
        expect(calName(join(dir, 'out/a'))).toBe('Alpha');
        expect(existsSync(join(dir, 'out/b'))).toBe(false);
    });
});

describe('switchOutputs', () => {
    it('switches back the plans already switched when a later rename fails, and says nothing was written', () => {
        const out = tempFolder();
        for (const n of ['a', 'b']) {
            mkdirSync(join(out, n));
            writeFileSync(join(out, n, OUTPUT_MARKER), '');
            writeFileSync(join(out, n, 'plan.ics'), `${n} old`);
        }
        const staged = ['a', 'b'].map((n) => stageOutputFolder(join(out, n), [{ name: 'plan.ics', content: `${n} new` }]));
        // The second plan's staged folder disappears before the switch (another process, a full disk…).
        rmSync(staged[1].temp, { recursive: true });
        expect(() => switchOutputs(staged)).toThrow(
            /cannot write ".*\/b": ENOENT; no output of this run was written \(every plan keeps its previous output\)\./,
        );
        expect(readFileSync(join(out, 'a/plan.ics'), 'utf8')).toBe('a old');
        expect(readFileSync(join(out, 'b/plan.ics'), 'utf8')).toBe('b old');
        expect(hidden(out)).toEqual([]);
    });

    it('switches every staged plan in and removes the previous outputs', () => {
        const out = tempFolder();
        mkdirSync(join(out, 'a'));
        writeFileSync(join(out, 'a', OUTPUT_MARKER), '');
        writeFileSync(join(out, 'a', 'plan.ics'), 'a old');
        const staged = ['a', 'b'].map((n) => stageOutputFolder(join(out, n), [{ name: 'plan.ics', content: `${n} new` }]));
        expect(readFileSync(join(out, 'a/plan.ics'), 'utf8')).toBe('a old');
        expect(existsSync(join(out, 'b'))).toBe(false);
        expect(switchOutputs(staged)).toEqual([]);
        expect(['a', 'b'].map((n) => readFileSync(join(out, n, 'plan.ics'), 'utf8'))).toEqual(['a new', 'b new']);
        expect(hidden(out)).toEqual([]);
    });
});
