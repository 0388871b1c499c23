// One chart definition for the report and the preview: from one forecast of the calibration example
// (actuals, margin, attribution, sensitivity), the report's charts (engine/report/common.ts
// reportCharts) and the preview's (the server's view → JSON → the webview's communityCharts) are
// the same definitions and the same ECharts options; the members and active-rate charts carry the
// KPI target lines, the actuals are laid over the bands with the points outside P10–P90 marked, new
// members by source are stacked, and the report's SVG is the same bytes on every render.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { forecast } from '../../engine/forecast.js';
import type { ForecastReport } from '../../engine/forecast-schema.js';
import type { Plan } from '../../engine/model.js';
import { reportCharts, type ReportInput } from '../../engine/report/common.js';
import { renderChart } from '../../engine/report/charts.js';
import { expandPlan } from '../../engine/schedule.js';
import { communityCharts, type BandChart, type ChartDefinition, type StackChart } from '../../engine/view/charts.js';
import { echartsOption, REPORT_PALETTE } from '../../engine/view/echarts-option.js';
import { actualsView, scenarioView, type ObservedSeries } from '../../engine/view/forecast-view.js';
import { observedActuals } from '../../language/actuals/observed.js';
import type { CommunityForecastView } from '../../protocol/forecast.js';
import { planFromFile, ROOT } from '../compile/helpers.js';

let plan: Plan;
let report: ForecastReport;
let observed: Map<string, ObservedSeries>;

beforeAll(async () => {
    plan = await planFromFile(join(ROOT, 'examples/fitness-calibration.community'));
    report = forecast(plan, { runs: 200, seed: 11, scenarios: [null], sensitivity: { runs: 50 } });
    const loaded = await observedActuals(plan);
    expect(loaded.skipped).toEqual([]);
    observed = loaded.byCommunity;
}, 120_000);

/** What the preview draws: the server's shaping, sent as JSON, turned into charts in the webview. */
function previewCharts(lang: 'en' | 'zh-CN'): ChartDefinition[] {
    const view = scenarioView(report, report.forecasts[0], plan);
    for (const c of view.communities) c.actuals = actualsView(c, observed.get(c.community)!);
    const sent: CommunityForecastView = JSON.parse(JSON.stringify(view.communities[0]));
    return communityCharts(sent, { lang, currency: plan.currency });
}

function charts(lang: 'en' | 'zh-CN'): ChartDefinition[] {
    const input: ReportInput = { plan, schedule: expandPlan(plan), forecast: report, lang, observed };
    return reportCharts(input, report.forecasts[0].communities[0]);
}

const byId = <T extends ChartDefinition>(list: ChartDefinition[], id: ChartDefinition['id']) => list.find((d) => d.id === id) as T;

describe('report and preview share their chart definitions', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
        it(`draws the same charts with the same ECharts options (${lang})`, () => {
            const fromReport = charts(lang);
            const fromPreview = previewCharts(lang);
            expect(fromReport.map((d) => d.id)).toEqual(['members', 'active', 'money', 'sources', 'tornado']);
            expect(fromPreview).toEqual(fromReport);
            // Functions (axis formats, tooltips) are left out of JSON: compare them on sample values too.
            for (let i = 0; i < fromReport.length; i++) {
                const a = echartsOption(fromReport[i], REPORT_PALETTE);
                const b = echartsOption(fromPreview[i], REPORT_PALETTE);
                expect(JSON.stringify(b)).toBe(JSON.stringify(a));
                const format = (o: ReturnType<typeof echartsOption>) => {
                    const axis = (o.yAxis as { axisLabel?: { formatter?: (v: number) => string } } | undefined)?.axisLabel?.formatter;
                    return axis ? [0, 0.25, 1234, 56789].map(axis) : [];
                };
                expect(format(b)).toEqual(format(a));
            }
        });
    }

    it('draws the KPI targets on the members and active-rate charts', () => {
        const members = byId<BandChart>(charts('en'), 'members');
        const active = byId<BandChart>(charts('en'), 'active');
        expect(members.targets).toEqual([{ value: 20000, label: 'Growth target ≥ 20,000' }]);
        expect(active.targets).toEqual([{ value: 0.2, label: 'active-rate target ≥ 20%' }]);
        expect(byId<BandChart>(charts('en'), 'money').targets).toEqual([]);
        // And as dashed lines in the option both sides draw.
        const option = echartsOption(members, REPORT_PALETTE) as {
            series: { id: string; markLine?: { lineStyle: { type: number[] }; data: { yAxis: number }[] } }[];
        };
        const line = option.series.find((s) => s.id === 'target:0')!;
        expect(line.markLine).toMatchObject({ lineStyle: { type: [6, 4] }, data: [{ yAxis: 20000 }] });
    });

    it('lays the actuals over the bands and marks the points outside P10–P90', () => {
        const members = byId<BandChart>(charts('en'), 'members');
        const total = members.actuals.find((a) => a.key === 'total')!;
        const file = observed.get('FitHome')!;
        const weeks = [...Array(plan.horizonWeeks).keys()].filter((w) => Number.isFinite(file.get('members:Prospect')![w]));
        expect(total.points.map((p) => p.week)).toEqual(weeks.map((w) => w + 1));
        const band = members.series.find((s) => s.key === 'total')!.band;
        for (const p of total.points) {
            const value = ['Prospect', 'Core', 'Ambassador'].reduce((sum, t) => sum + file.get(`members:${t}`)![p.week - 1], 0);
            expect(p.value).toBe(value);
            expect(p.outside).toBe(value < band.p10[p.week - 1] || value > band.p90[p.week - 1]);
        }
        expect(members.actuals.map((a) => a.key)).toEqual(['total', 'Prospect', 'Core', 'Ambassador']);
        expect(byId<BandChart>(charts('en'), 'active').actuals[0].points.length).toBe(weeks.length);
        expect(byId<BandChart>(charts('en'), 'money').actuals.map((a) => a.key)).toEqual(['revenue']);
        // Drawn as two point series: inside the band, and outside it (its own legend entry).
        const option = echartsOption(members, REPORT_PALETTE) as { series: { id: string; data: unknown[] }[] };
        const inside = option.series.find((s) => s.id === 'actual')?.data.length ?? 0;
        const outside = option.series.find((s) => s.id === 'actual-outside')?.data.length ?? 0;
        expect(inside + outside).toBe(members.actuals.reduce((n, a) => n + a.points.length, 0));
        expect(outside).toBe(members.actuals.reduce((n, a) => n + a.points.filter((p) => p.outside).length, 0));
        // The example's first twelve weeks run below the plan's band: there is something to mark.
        expect(outside).toBeGreaterThan(0);
    });

    it('stacks new members by source, one series per source of the attribution', () => {
        const sources = byId<StackChart>(charts('en'), 'sources');
        const attribution = report.forecasts[0].communities[0].newMembersBySource!.filter((s) => s.mean > 0);
        expect(sources.series.map((s) => s.key).sort()).toEqual(attribution.map((s) => s.source).sort());
        expect(sources.series.find((s) => s.key === 'organic')!.label).toBe('Organic (word of mouth, search)');
        expect(sources.series.find((s) => s.key === 'DouyinAds')!.label).toBe('抖音投放 (DouyinAds)');
        for (const s of sources.series) expect(s.values).toEqual(attribution.find((a) => a.source === s.key)!.weeklyMean);
        const option = echartsOption(sources, REPORT_PALETTE) as { series: { stack: string; type: string }[] };
        expect(option.series.every((s) => s.stack === 'sources' && s.type === 'line')).toBe(true);
        expect(byId<StackChart>(charts('zh-CN'), 'sources').series.find((s) => s.key === 'organic')!.label).toBe('自然增长（口碑、搜索）');
    });

    it('renders the same SVG bytes however many charts were drawn before', async () => {
        const list = charts('en');
        const first = await renderChart(list[0], 'chart1');
        for (const other of list.slice(1)) await renderChart(other, 'other');
        const again = await renderChart(charts('en')[0], 'chart1');
        expect(again).toBe(first);
        expect(first).not.toMatch(/zr\d+-/);
        expect(first).toContain('stroke-dasharray="6,4"');
        expect(first).toContain('Actual');
    }, 60_000);
});
