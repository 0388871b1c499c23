// Data shaping for the forecast preview: formats, KPI rows, calendar and the status-bar headline.
// (The charts are the shared chart definitions: test/extension/charts.test.ts.)
import { describe, expect, it } from 'vitest';
import type { CommunityForecastView, ScenarioForecastView } from '../../protocol/forecast.js';
import {
    calendarRows,
    compactNumber,
    escapeHtml,
    formatProbability,
    formatValue,
    communityLabel,
    communitySummaries,
    headline,
    headlineMembers,
    kpiRows,
    likelihood,
    pickCommunity,
} from '../../extension/src/preview/shape.js';

const band = (p10: number[], p50: number[], p90: number[]) => ({ p10, p50, p90 });

function community(over: Partial<CommunityForecastView> = {}): CommunityForecastView {
    const total = band([90, 180, 270], [100, 200, 300], [110, 220, 330]);
    return {
        community: 'FitHome',
        title: '居家健身社群',
        weeks: 3,
        members: [{ key: 'Core', label: 'Core', band: total }],
        total: { key: 'total', label: 'Total', band: total },
        activeRate: band([0.2, 0.2, 0.2], [0.3, 0.3, 0.3], [0.4, 0.4, 0.4]),
        cost: band([0, 1, 2], [0, 1, 2], [0, 1, 2]),
        revenue: band([0, 1, 2], [0, 1, 2], [0, 1, 2]),
        kpis: [
            {
                name: 'Growth',
                label: 'Growth: members ≥ 250',
                metric: 'members',
                op: '>=',
                target: 250,
                unit: 'count',
                deadlineWeek: 3,
                probability: 0.9,
                p50: 300,
            },
            {
                name: 'Active',
                label: 'active rate ≥ 35%',
                metric: 'active-rate',
                op: '>=',
                target: 0.35,
                unit: 'percent',
                deadlineWeek: 3,
                probability: 0.3,
                p50: 0.3,
            },
            {
                name: 'Roi',
                label: 'roi ≥ 1.5',
                metric: 'roi',
                op: '>=',
                target: 1.5,
                unit: 'ratio',
                deadlineWeek: 3,
                probability: 0.6,
                p50: 1.2,
                source: { uri: 'file:///p.community', line: 4, character: 2 },
            },
        ],
        ...over,
    };
}

/** A second community with its own numbers: 40 members at the horizon, one unlikely KPI. */
function runClub(): CommunityForecastView {
    const total = band([10, 20, 30], [15, 25, 40], [20, 30, 50]);
    return community({
        community: 'RunClub',
        title: '城市跑团',
        members: [{ key: 'Runner', label: '跑友', band: total }],
        total: { key: 'total', label: 'Total', band: total },
        kpis: [
            {
                name: 'Runners',
                label: 'Runners: members ≥ 100',
                metric: 'members',
                op: '>=',
                target: 100,
                unit: 'count',
                deadlineWeek: 3,
                probability: 0.05,
                p50: 40,
            },
        ],
        source: { uri: 'file:///p.community', line: 60, character: 0 },
    });
}

function forecast(communities: CommunityForecastView[] = [community()], over: Partial<ScenarioForecastView> = {}): ScenarioForecastView {
    return { scenario: null, title: 'Plan', weeks: 3, communities, ...over };
}

describe('number formats', () => {
    it('compacts numbers in English and Chinese', () => {
        expect(compactNumber(18437)).toBe('18.4k');
        expect(compactNumber(1_250_000)).toBe('1.3M');
        expect(compactNumber(950)).toBe('950');
        expect(compactNumber(2.345)).toBe('2.3');
        expect(compactNumber(18437, 'zh-CN')).toBe('1.8万');
        expect(compactNumber(Number.NaN)).toBe('–');
    });

    it('formats KPI units and probabilities', () => {
        expect(formatValue(0.456, 'percent', 'CNY')).toBe('45.6%');
        expect(formatValue(120000, 'money', 'CNY')).toBe('120k CNY');
        expect(formatValue(1.5, 'ratio', 'CNY')).toBe('1.50');
        expect(formatProbability(0.004)).toBe('<1%');
        expect(formatProbability(0.996)).toBe('>99%');
        expect(formatProbability(1)).toBe('100%');
        expect(formatProbability(0.506)).toBe('51%');
        expect(likelihood(0.8)).toBe('likely');
        expect(likelihood(0.5)).toBe('uncertain');
        expect(likelihood(0.49)).toBe('unlikely');
    });
});

describe('KPI rows and headline', () => {
    it('keeps plan order, formats values and compares scenarios by KPI name', () => {
        const base = community();
        const other = community({ kpis: base.kpis.map((k) => ({ ...k, probability: Math.min(1, k.probability + 0.25) })) });
        const rows = kpiRows(base, 'CNY', 'en', other);
        expect(rows.map((r) => r.name)).toEqual(['Growth', 'Active', 'Roi']);
        expect(rows[1]).toMatchObject({ probability: '30%', p50: '30%', target: '>= 35%', likelihood: 'unlikely' });
        expect(rows[1].compare?.probability).toBe('55%');
        expect(rows[1].compare?.delta).toBeCloseTo(0.25);
        expect(rows[0].compare?.probability).toBe('100%');
        expect(kpiRows(base, 'CNY', 'en')[0].compare).toBeUndefined();
    });

    it('summarises P50 members at the horizon and likely KPIs', () => {
        expect(headline(forecast())).toEqual({ membersP50: [300], likely: 1, total: 3 });
        expect(headlineMembers(headline(forecast()))).toBe('300');
    });

    it("lists each community's P50 members and counts KPIs over all communities", () => {
        const h = headline(forecast([community({ total: { key: 'total', label: 'Total', band: band([0], [18400], [0]) } }), runClub()]));
        expect(h).toEqual({ membersP50: [18400, 40], likely: 1, total: 4 });
        expect(headlineMembers(h)).toBe('18.4k + 40');
        expect(headlineMembers(h, 'zh-CN')).toBe('1.8万 + 40');
    });
});

describe('several communities', () => {
    it('picks the community asked for, else the first', () => {
        const f = forecast([community(), runClub()]);
        expect(pickCommunity(f, 'RunClub')?.title).toBe('城市跑团');
        expect(pickCommunity(f, null)?.community).toBe('FitHome');
        expect(pickCommunity(f, 'Gone')?.community).toBe('FitHome');
        expect(pickCommunity(undefined, 'RunClub')).toBeUndefined();
        expect(pickCommunity(forecast([]), null)).toBeUndefined();
    });

    it('labels a community by its title and name', () => {
        expect(communityLabel({ community: 'RunClub', title: '城市跑团' })).toBe('城市跑团 (RunClub)');
        expect(communityLabel({ name: 'Lumen' })).toBe('Lumen');
        expect(communityLabel({ name: 'Same', title: 'Same' })).toBe('Same');
    });

    it('summarises each community with its own KPIs and weakest likelihood', () => {
        const rows = communitySummaries(forecast([community(), runClub(), community({ community: 'Quiet', title: undefined, kpis: [] })]));
        expect(rows.map((r) => r.community)).toEqual(['FitHome', 'RunClub', 'Quiet']);
        expect(rows[0]).toMatchObject({ label: '居家健身社群 (FitHome)', membersP50: 300, likely: 1, kpis: 3, weakest: 'unlikely' });
        expect(rows[1]).toMatchObject({ label: '城市跑团 (RunClub)', membersP50: 40, likely: 0, kpis: 1, weakest: 'unlikely', source: { line: 60 } });
        expect(rows[2]).toMatchObject({ label: 'Quiet', kpis: 0, weakest: undefined });
    });

    it('KPI rows compare the same community across scenarios', () => {
        const rows = kpiRows(runClub(), 'CNY', 'en', { ...runClub(), kpis: [{ ...runClub().kpis[0], probability: 0.5 }] });
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ name: 'Runners', probability: '5%', likelihood: 'unlikely', compare: { probability: '50%' } });
    });
});

describe('calendar strip', () => {
    it('pads to the horizon, puts content first and scales intensity by the busiest week', () => {
        const rows = calendarRows(
            [
                { community: 'FitHome', name: 'Salon', kind: 'activity', perWeek: [0, 1] },
                { community: 'FitHome', name: 'Tips', kind: 'content', perWeek: [7, 7, 3, 0] },
            ],
            4,
        );
        expect(rows.map((r) => r.name)).toEqual(['Tips', 'Salon']);
        expect(rows[0].cells.map((c) => c.count)).toEqual([7, 7, 3, 0]);
        expect(rows[0].cells[0].intensity).toBe(1);
        expect(rows[0].cells[3].intensity).toBe(0);
        expect(rows[0].total).toBe(17);
        expect(rows[1].cells.map((c) => c.count)).toEqual([0, 1, 0, 0]);
    });

    it("shows one community's items when asked, all otherwise", () => {
        const items = [
            { community: 'FitHome', name: 'Tips', kind: 'content' as const, perWeek: [7, 7] },
            { community: 'RunClub', name: 'LongRun', kind: 'activity' as const, perWeek: [1, 1] },
            { community: 'RunClub', name: 'Route', kind: 'content' as const, perWeek: [1, 0] },
        ];
        expect(calendarRows(items, 2, 'RunClub').map((r) => r.name)).toEqual(['Route', 'LongRun']);
        expect(calendarRows(items, 2, 'FitHome').map((r) => r.name)).toEqual(['Tips']);
        expect(calendarRows(items, 2, 'Nobody')).toEqual([]);
        expect(calendarRows(items, 2).map((r) => r.name)).toEqual(['Tips', 'Route', 'LongRun']);
    });
});

describe('escaping', () => {
    it('escapes markup and quotes', () => {
        expect(escapeHtml(`<img src=x onerror="alert('x')">&`)).toBe('&#60;img src=x onerror=&#34;alert(&#39;x&#39;)&#34;&#62;&#38;');
    });
});
