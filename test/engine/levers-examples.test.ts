// The levers move the shipped examples the way a strategist expects (each visible in
// `community simulate --all-scenarios`): common random numbers, so differences come from the change.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlansAgain } from '../helpers/workspace.js';
import { forecast } from '../../engine/forecast.js';
import { lowerPlan } from '../../language/lower.js';
import { ROOT } from '../helpers/cli.js';

async function run(file: string, scenarios: (string | null)[]) {
    const ws = await loadPlansAgain([join(ROOT, 'examples', file)], { lang: 'en', root: ROOT, cwd: ROOT });
    return forecast(lowerPlan(ws.services, ws.requested[0].document), { runs: 1000, seed: 11, scenarios });
}
type Report = Awaited<ReturnType<typeof run>>;
const series = (r: Report, i: number, key: string) => r.forecasts[i].communities[0].series.find((s) => s.key === key)!.mean.map((v) => v ?? 0);
const total = (xs: number[], from = 0, to = xs.length) => xs.slice(from, to).reduce((s, v) => s + v, 0);

describe('levers on the shipped examples', () => {
    it('beauty: dropping the Xiaohongshu notes lowers new members', async () => {
        const r = await run('beauty-multiplatform.community', [null, 'NoNotes']);
        expect(total(series(r, 1, 'new-members'))).toBeLessThan(total(series(r, 0, 'new-members')));
        const notes = r.forecasts[0].communities[0].newMembersBySource!.find((s) => s.source === 'IngredientNotes')!;
        expect(notes.kind).toBe('content');
        expect(notes.mean).toBeGreaterThan(0);
    }, 60_000);

    it('fitness: dropping the daily tips raises churn; dropping the offline salon lowers retention in the weeks after it; a margin lowers ROI', async () => {
        const r = await run('fitness-wechat.community', [null, 'NoTips', 'NoSalon']);
        const churnRate = (i: number, from = 0, to?: number) => total(series(r, i, 'churned'), from, to) / total(series(r, i, 'members'), from, to);
        expect(churnRate(1)).toBeGreaterThan(churnRate(0));
        // SpringSalon is on 2027-03-20, in week 11 (index 10): its trace lasts into the following weeks.
        expect(churnRate(2, 10, 16)).toBeGreaterThan(churnRate(0, 10, 16));
        const money = r.forecasts[0].communities[0].money!;
        expect(money.margin).toBeCloseTo(0.45, 6);
        expect(money.roi.p50).toBeLessThan(money.grossRoi.p50);
        expect(money.incrementalRevenue!.p50).toBeLessThan(series(r, 0, 'cumulative-revenue').at(-1)!);
    }, 60_000);
});
