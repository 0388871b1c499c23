// The checker and the forecast tell one story: the checker's projection (the engine's mean-field pass
// of the same model, engine/projection.ts) against the Monte Carlo mean on every shipped example, and
// kpi-impossible only where the forecast's P90 misses too.
import { readdirSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadPlansAgain } from '../helpers/workspace.js';
import { forecast } from '../../engine/forecast.js';
import { lowerPlan } from '../../language/lower.js';
import { ROOT } from '../helpers/cli.js';

const EXAMPLES = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.community'));
/** Stated tolerance: members and new members at the horizon within 12 % of the Monte Carlo mean, cost within 5 %. */
const PEOPLE_TOLERANCE = 0.12;
const COST_TOLERANCE = 0.05;

function relDiff(a: number, b: number): number {
    return Math.abs(a - b) / Math.max(1, Math.abs(b));
}

describe('checker projection = forecast mean', () => {
    it.each(EXAMPLES)(
        '%s',
        async (file) => {
            const ws = await loadPlansAgain([join(ROOT, 'examples', file)], { lang: 'en', root: ROOT, cwd: ROOT });
            const doc = ws.requested[0].document;
            const plan = lowerPlan(ws.services, doc);
            const report = forecast(plan, { runs: 2000, seed: 7 });
            for (const c of report.forecasts[0].communities) {
                const model = ws.services.community.PlanModel.community(doc, c.name);
                expect(model, c.name).toBeDefined();
                const p = model!.project('mean');
                const H = plan.horizonWeeks;
                const series = (key: string) => c.series.find((s) => s.key === key)!;
                const mcMembers = series('members').mean[H - 1]!;
                const mfMembers = p.tierMembers.reduce((s, t) => s + t[H], 0);
                expect(
                    relDiff(mfMembers, mcMembers),
                    `${c.name} members: checker ${mfMembers.toFixed(0)} vs forecast mean ${mcMembers.toFixed(0)}`,
                ).toBeLessThan(PEOPLE_TOLERANCE);
                const mcNew = series('new-members').mean.reduce((s: number, v) => s + (v ?? 0), 0);
                expect(relDiff(p.joined[H], mcNew), `${c.name} new members: ${p.joined[H].toFixed(0)} vs ${mcNew.toFixed(0)}`).toBeLessThan(PEOPLE_TOLERANCE);
                const mcCost = series('cumulative-cost').mean[H - 1]!;
                const mfCost = Object.values(p.costByCategory).reduce((s, v) => s + v, 0);
                expect(relDiff(mfCost, mcCost), `${c.name} cost: ${mfCost.toFixed(0)} vs ${mcCost.toFixed(0)}`).toBeLessThan(COST_TOLERANCE);
                // Staff hours and posts are deterministic: identical, week by week.
                const staff = series('staff-hours').mean;
                for (let w = 0; w < H; w++) expect(p.staffHours[w]).toBeCloseTo(staff[w]!, 3);
                // kpi-impossible never contradicts the forecast: where it fires, the P90 misses.
                const impossible = ws.requested[0].diagnostics.filter((d) => d.code === 'kpi-impossible');
                for (const d of impossible) {
                    const kpi = c.kpis.find((k) => String(d.message).includes(`"${k.name}"`));
                    if (kpi) expect(kpi.probability, String(d.message)).toBeLessThan(0.1);
                }
            }
        },
        60_000,
    );
});

describe('kpi-impossible agrees with the forecast', () => {
    const header = `plan "T" {\n  start 2027-01-04\n  horizon 26 weeks\n  currency CNY\n}\naudience A { size 100000 }\n`;
    async function check(body: string) {
        const dir = mkdtempSync(join(tmpdir(), 'kpi-'));
        const file = join(dir, 'p.community');
        writeFileSync(file, header + body);
        const ws = await loadPlansAgain([file], { lang: 'en', root: dir, cwd: dir });
        const plan = lowerPlan(ws.services, ws.requested[0].document);
        const report = forecast(plan, { runs: 1000, seed: 3 });
        return { codes: ws.requested[0].diagnostics.map((d) => d.code), kpis: report.forecasts[0].communities[0].kpis };
    }

    it('fires where even the best case misses, and the forecast misses too', async () => {
        const r = await check(
            `community C {\n  audience A\n  tier T { seed 100  churn 5% per month }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY ± 2 CNY }\n  kpi Big: members >= 20000\n}\n`,
        );
        expect(r.codes).toContain('kpi-impossible');
        expect(r.kpis[0].probability).toBe(0);
        expect(r.kpis[0].p90!).toBeLessThan(20000);
    });

    it("does not fire on an active-rate KPI that content and activities lift above the tiers' stated rate", async () => {
        const r = await check(
            `community C {\n  audience A\n  tier T { seed 1000  active 30% weekly  churn 5% per month }\n  content Tips { kind ugc  every day at 20:00 }\n  activity Q { online qa  every week on Friday at 20:00  reach 50%  lift activity 20 points }\n  kpi Active: active rate >= 38%\n}\n`,
        );
        expect(r.codes).not.toContain('kpi-impossible');
        expect(r.kpis[0].probability).toBeGreaterThan(0.5);
    });

    it('does not fire on a members KPI the forecast reaches by chance (no uncertainty, target just above the mean)', async () => {
        const r = await check(
            `community C {\n  audience A\n  tier T { seed 500 }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }\n  kpi Near: members >= 3110\n}\n`,
        );
        expect(r.codes).not.toContain('kpi-impossible');
    });
});

describe('kpi-impossible stays quiet where the best case is no upper bound', () => {
    it("a tier's own members (promotions out of it) and participation are not judged", async () => {
        const dir = mkdtempSync(join(tmpdir(), 'kpi2-'));
        const file = join(dir, 'p.community');
        writeFileSync(
            file,
            `plan "T" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency CNY\n}\ncommunity C {\n  tier Free { seed 1000 members  churn 1% per month }\n  tier Core { from Free 1%..60% per month  churn 1% per month }\n  activity Q { online qa  every week on Friday at 20:00  reach 80%  capacity 50 }\n  kpi Stay: members in Free >= 600 by week 8\n  kpi Join: participation >= 20%\n}\n`,
        );
        const ws = await loadPlansAgain([file], { lang: 'en', root: dir, cwd: dir });
        expect(ws.requested[0].diagnostics.map((d) => d.code)).not.toContain('kpi-impossible');
        const report = forecast(lowerPlan(ws.services, ws.requested[0].document), { runs: 500, seed: 2 });
        expect(report.forecasts[0].communities[0].kpis[0].probability).toBeGreaterThan(0.1);
    });
});
