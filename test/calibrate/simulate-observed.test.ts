// `community simulate` on the shipped calibration example: the twelve observed weeks are the actuals,
// the forecast runs from week 13, `--from-start` gives exactly the forecast of the plan without its
// actuals, and 1 or 2 threads give the same bytes.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

const PLAN = 'examples/fitness-calibration.community';

/** The example's CSV: column → values of weeks 1–12. */
function csv(): Record<string, number[]> {
    const [head, ...rows] = readFileSync(join(ROOT, 'examples/data/fithome-weeks.csv'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => l.split(','));
    return Object.fromEntries(head.map((h, i) => [h, rows.map((r) => Number(r[i]))]));
}

type Series = { key: string; p10: number[]; p50: number[]; p90: number[] };

describe('community simulate from the last observed week', () => {
    it('shows the observed weeks as the actuals and forecasts weeks 13–26 from their state', () => {
        const r = community(['simulate', PLAN, '--format', 'json', '--runs', '300']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const c = JSON.parse(r.stdout).forecasts[0].communities[0];
        expect(c.fromWeek).toBe(13);
        const data = csv();
        const series = (key: string): Series => c.series.find((s: Series) => s.key === key);
        const members = series('members');
        const observed = data['members:Prospect'].map((p, w) => p + data['members:Core'][w] + data['members:Ambassador'][w]);
        expect(members.p10.slice(0, 12)).toEqual(observed);
        expect(members.p90.slice(0, 12)).toEqual(observed);
        expect(series('members:Core').p50.slice(0, 12)).toEqual(data['members:Core']);
        expect(series('new-members').p50.slice(0, 12)).toEqual(data.joins);
        expect(series('churned').p50.slice(0, 12)).toEqual(data.leaves);
        // The forecast weeks are bands that start from week 12's state.
        expect(members.p10[12]).toBeLessThan(members.p90[12]);
        expect(members.p10[12]).toBeGreaterThan(observed[11]);
        const revenue = series('cumulative-revenue');
        const total = data.revenue.reduce((a, b) => a + b, 0);
        expect([revenue.p10[11], revenue.p90[11]]).toEqual([total, total]);
        expect(revenue.p10[12]).toBeGreaterThan(total);

        const table = community(['simulate', PLAN, '--runs', '300', '--no-progress']);
        expect(table.stdout).toContain('Weeks 1–12 are the actuals (the same in every run); forecast from the state of week 12 on');
        const zh = community(['simulate', PLAN, '--runs', '300', '--no-progress', '--lang', 'zh-CN']);
        expect(zh.stdout).toContain('第 1–12 周为实际数据');
    }, 120_000);

    it('--from-start forecasts the plan as if it had no actuals (same bytes)', () => {
        const dir = mkdtempSync(join(tmpdir(), 'from-start-'));
        cpSync(join(ROOT, PLAN), join(dir, 'plan.community'));
        cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
        cpSync(join(ROOT, 'examples/data'), join(dir, 'data'), { recursive: true });
        const fromStart = community(['simulate', 'plan.community', '--format', 'json', '--runs', '300', '--from-start'], { cwd: dir });
        expect(fromStart.code).toBe(0);
        expect(JSON.parse(fromStart.stdout).forecasts[0].communities[0].fromWeek).toBeUndefined();
        const text = readFileSync(join(dir, 'plan.community'), 'utf8');
        writeFileSync(join(dir, 'plan.community'), text.replace(/\n\s*actuals "data\/fithome-weeks.csv".*\n/, '\n'));
        const without = community(['simulate', 'plan.community', '--format', 'json', '--runs', '300'], { cwd: dir });
        expect(without.code).toBe(0);
        expect(fromStart.stdout).toBe(without.stdout);
    }, 120_000);

    it('gives the same bytes on 1 and 2 threads (the pool gets the observed start)', () => {
        // COMMUNITY_POOL_FROM=0: the CLI uses the pool for any size, so two threads run blocks on workers.
        const args = ['simulate', PLAN, '--format', 'json', '--runs', '4000', '--seed', '3'];
        const one = community(args, { env: { COMMUNITY_THREADS: '1' } });
        const two = community(args, { env: { COMMUNITY_THREADS: '2', COMMUNITY_POOL_FROM: '0' } });
        expect(one.code).toBe(0);
        expect(JSON.parse(one.stdout).forecasts[0].communities[0].fromWeek).toBe(13);
        expect(two.stdout).toBe(one.stdout);
    }, 120_000);
});
