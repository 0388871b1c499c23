// `community calibrate` as users run it, and the checker's findings on `actuals "file"` lines. The
// first command runs as the built CLI's process; the rest in this process (helpers/cli-in-process.ts:
// the same stdout, stderr, exit code and files), the first test comparing the two.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

beforeAll(() => ensureBuilt());

function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'calibrate-'));
    cpSync(join(ROOT, 'examples/fitness-calibration.community'), join(dir, 'plan.community'));
    cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
    cpSync(join(ROOT, 'examples/data'), join(dir, 'data'), { recursive: true });
    return dir;
}

describe('community calibrate', () => {
    it('prints plan value, fitted P10/P50/P90 and a verdict per quantity, the same every time (en, zh-CN)', async () => {
        const r = community(['calibrate', 'examples/fitness-calibration.community']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Community FitHome: calibrated to 12 observed weeks (mapping canonical');
        expect(r.stdout).toMatch(/Prospect churn\s+12\.0% per month\s+1\d\.\d%\s+1\d\.\d%\s+1\d\.\d%\s+plan too optimistic/);
        expect(r.stdout).toMatch(/DouyinAds cost per join\s+15\.00 CNY\s+16\.\d\d CNY\s+17\.\d\d CNY\s+18\.\d\d CNY\s+plan too optimistic/);
        expect(r.stdout).toMatch(/Core from Prospect\s+6\.00% per month\s+4\.\d\d%\s+4\.\d\d%\s+5\.\d\d%\s+plan too optimistic/);
        // The same every time, and in this process what the built CLI printed.
        expect((await communityHere(['calibrate', 'examples/fitness-calibration.community'])).stdout).toBe(r.stdout);
        const zh = await communityHere(['calibrate', 'examples/fitness-calibration.community', '--lang', 'zh-CN']);
        expect(zh.stdout).toContain('社群 FitHome：按 12 周实际数据校准');
        expect(zh.stdout).toMatch(/Prospect 流失率\s+12\.0% \/month.*计划过于乐观/);
    }, 120_000);

    it('--format json and --backtest K', async () => {
        const r = await communityHere(['calibrate', 'examples/fitness-calibration.community', '--format', 'json', '--backtest', '3']);
        expect(r.code).toBe(0);
        const json = JSON.parse(r.stdout);
        const churn = json.quantities.find((q: { id: string }) => q.id === 'Prospect.churn');
        expect(churn.verdict).toBe('too-optimistic');
        expect(churn.fitted.p10).toBeLessThan(churn.fitted.p50);
        expect(json.backtest.held_out_weeks).toEqual([10, 11, 12]);
        expect(json.backtest.coverage).toBeGreaterThanOrEqual(0);
        expect(json.backtest.coverage).toBeLessThanOrEqual(1);
    }, 120_000);

    it('--write records scenario Calibrated atomically, keeps comments, and changes nothing the second time', async () => {
        const dir = workspace();
        const plan = join(dir, 'plan.community');
        const before = readFileSync(plan, 'utf8');
        const first = await communityHere(['calibrate', 'plan.community', '--write'], { cwd: dir });
        expect(first.code).toBe(0);
        const after = readFileSync(plan, 'utf8');
        expect(after.startsWith(before)).toBe(true);
        expect(after).toMatch(/scenario Calibrated "按实际数据校准" \{\n {2}\/\/ fitted by `community calibrate` to 12 observed weeks/);
        expect(after).toMatch(/\n {2}Prospect\.churn = [\d.]+%\.\.[\d.]+% likely [\d.]+% per month\n/);
        expect((await communityHere(['calibrate', 'plan.community', '--write'], { cwd: dir })).code).toBe(0);
        expect(readFileSync(plan, 'utf8')).toBe(after);
        const check = await communityHere(['check', 'plan.community'], { cwd: dir });
        expect(check.stdout).toContain('0 errors');
        const sim = await communityHere(['simulate', 'plan.community', '--scenario', 'Calibrated', '--runs', '50'], { cwd: dir });
        expect(sim.code).toBe(0);
    }, 180_000);

    it('a malformed file: one line per problem with file:row:col, exit 1; a missing one exits 2', async () => {
        const dir = workspace();
        writeFileSync(join(dir, 'data/bad.csv'), 'week,members:Prospect\n1,300\n2,lots\n');
        const bad = await communityHere(['calibrate', 'plan.community', '--actuals', 'data/bad.csv'], { cwd: dir });
        expect(bad.code).toBe(1);
        expect(bad.stderr).toBe('data/bad.csv - error actuals-not-a-number: data/bad.csv:3:2: "lots" in column "members:Prospect" is not a number.\n');
        const missing = await communityHere(['calibrate', 'plan.community', '--actuals', 'data/none.csv'], { cwd: dir });
        expect(missing.code).toBe(2);
        expect(missing.stderr).toContain('error actuals-missing: Cannot find the actuals file "data/none.csv".');
    }, 120_000);
});

describe('checker: actuals "file" in a plan', () => {
    it('reports missing, outside-workspace and malformed files on the plan line, with the file row:col', async () => {
        const dir = workspace();
        const plan = join(dir, 'plan.community');
        const text = readFileSync(plan, 'utf8');
        writeFileSync(join(dir, 'data/bad.csv'), 'week,members\n1,300\n1,310\n');
        writeFileSync(plan, text.replace('actuals "data/fithome-weeks.csv"', 'actuals "data/bad.csv"'));
        const dup = await communityHere(['check', 'plan.community'], { cwd: dir });
        expect(dup.code).toBe(1);
        expect(dup.stdout).toContain('plan.community:11:11 - error actuals-duplicate-week: data/bad.csv:3:1: week 1 appears twice (first on row 2).');
        writeFileSync(plan, text.replace('actuals "data/fithome-weeks.csv"', 'actuals "data/nothing.csv"'));
        expect((await communityHere(['check', 'plan.community'], { cwd: dir })).stdout).toContain(
            'plan.community:11:11 - error actuals-missing: Cannot find the actuals file "data/nothing.csv".',
        );
        writeFileSync(plan, text.replace('actuals "data/fithome-weeks.csv"', 'actuals "../outside.csv"'));
        expect((await communityHere(['check', 'plan.community'], { cwd: dir })).stdout).toContain(
            'plan.community:11:11 - error actuals-outside-workspace: Actuals "../outside.csv" leave the workspace',
        );
    }, 120_000);
});
