// The `community/forecast` request's work on real documents: lowering + engine + shaping for the
// preview, refusal of plans with errors, scenario comparison and the sensitivity follow-up.
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForecastResult } from '../../protocol/forecast.js';
import { createCommunityServices, type CommunityServices } from '../../language/community-module.js';
import { createCommunityLspServices } from '../../language/lsp/lsp-module.js';
import { CommunitySettings } from '../../language/settings.js';
import { computeForecast, computeForecastAsync, withActuals } from '../../server/forecast-request.js';
import { compilePlan } from '../../engine/report/outputs.js';
import { costShares } from '../../extension/src/preview/shape.js';

const ROOT = resolve(__dirname, '../..');
const FITNESS = resolve(ROOT, 'examples/fitness-wechat.community');
const SHARED = resolve(ROOT, 'examples/shared/platforms.community');

/** One set of services for the file (Chevrotain's analysis of the grammar costs ~60 ms a set): each load removes the documents of the one before. */
let loaded: CommunityServices | undefined;

async function load(text: string, path = FITNESS): Promise<{ services: CommunityServices; doc: LangiumDocument }> {
    if (loaded) await loaded.shared.workspace.DocumentBuilder.update([], loaded.shared.workspace.LangiumDocuments.all.map((d) => d.uri).toArray());
    else {
        const settings = new CommunitySettings();
        settings.roots = [realpathSync(resolve(ROOT, 'examples'))];
        settings.realPath = (p) => realpathSync(p);
        loaded = createCommunityServices({ ...NodeFileSystem, settings }).Community;
    }
    const Community = loaded;
    const factory = Community.shared.workspace.LangiumDocumentFactory;
    const docs = Community.shared.workspace.LangiumDocuments;
    const doc = factory.fromString(text, URI.file(path));
    docs.addDocument(doc);
    docs.addDocument(factory.fromString(readFileSync(SHARED, 'utf8'), URI.file(SHARED)));
    await Community.shared.workspace.DocumentBuilder.build(docs.all.toArray(), { validation: true });
    return { services: Community, doc };
}

type Ok = Extract<ForecastResult, { status: 'ok' }>;
function ok(r: ForecastResult): Ok {
    if (r.status !== 'ok') throw new Error(`expected a forecast, got ${JSON.stringify(r)}`);
    return r;
}

describe('community/forecast on the fitness example', () => {
    let text: string;
    let base: Ok;
    beforeAll(async () => {
        text = readFileSync(FITNESS, 'utf8');
        const { services, doc } = await load(text);
        base = ok(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 300, seed: 42 }).result);
    });

    it('shapes members by tier, active rate, money bands and KPIs with sources', () => {
        const f = base.forecasts[0].communities[0];
        expect(base.forecasts[0].communities.map((c) => c.community)).toEqual(['FitHome']);
        expect(f.title).toBe('居家健身社群');
        expect(base.plan.communities).toEqual([{ name: 'FitHome', title: '居家健身社群' }]);
        expect(base.plan).toMatchObject({ name: 'FitHome 2027 H1', horizonWeeks: 26, currency: 'CNY' });
        expect(base.plan.scenarios.map((s) => s.name)).toEqual(['DoubleAds', 'NoTips', 'NoSalon']);
        expect(base.forecasts[0].scenario).toBeNull();
        expect(f.members.map((m) => m.key)).toEqual(['Prospect', 'Core', 'Ambassador']);
        expect(f.members[0].label).toBe('意向粉丝');
        expect(f.members[0].source?.line).toBe(22);
        for (const b of [f.total.band, f.activeRate, f.cost, f.revenue, ...f.members.map((m) => m.band)]) {
            expect(b.p50).toHaveLength(26);
            for (let w = 0; w < 26; w++) expect(b.p10[w]).toBeLessThanOrEqual(b.p90[w]);
        }
        // Cumulative cost never falls.
        for (let w = 1; w < 26; w++) expect(f.cost.p50[w]).toBeGreaterThanOrEqual(f.cost.p50[w - 1]);
        expect(f.kpis.map((k) => k.metric)).toEqual(['members', 'active-rate', 'retention', 'conversion', 'roi']);
        expect(f.kpis[0]).toMatchObject({ name: 'Growth', unit: 'count', deadlineWeek: 26, target: 20000 });
        expect(f.kpis[0].label).toContain('members ≥ 20000');
        expect(f.kpis[1].unit).toBe('percent');
        for (const k of f.kpis) {
            expect(k.probability).toBeGreaterThanOrEqual(0);
            expect(k.probability).toBeLessThanOrEqual(1);
            expect(k.source?.uri).toBe(URI.file(FITNESS).toString());
        }
        expect(f.sensitivity).toBeUndefined();
    });

    it('splits the cost over the horizon into categories whose shares add up', () => {
        const f = base.forecasts[0].communities[0];
        expect(f.costByCategory!.map((c) => c.category)).toEqual(['content', 'activities', 'paid', 'referral']);
        const daily = f.costByCategory!.find((c) => c.category === 'content')!;
        expect(daily.p50).toBe(182 * 300); // WorkoutTips: every day for 26 weeks at 300 CNY a post
        const shares = costShares(f);
        expect(shares[0].share).toBeGreaterThanOrEqual(shares[shares.length - 1].share);
        expect(shares.reduce((sum, r) => sum + r.share, 0)).toBeCloseTo(1, 9);
    });

    it('builds the calendar strip from the schedules', () => {
        const byName = new Map(base.calendar.map((c) => [c.name, c]));
        expect(byName.get('WorkoutTips')?.perWeek.slice(0, 3)).toEqual([7, 7, 7]);
        expect(byName.get('FlashSale')?.perWeek.every((n) => n === 1)).toBe(true);
        const salon = byName.get('SpringSalon')!;
        expect(salon.kind).toBe('activity');
        expect(salon.perWeek.reduce((a, b) => a + b, 0)).toBe(1);
        // 2027-03-20 is in week 11 of a plan starting 2027-01-04.
        expect(salon.perWeek[10]).toBe(1);
    });

    it('is deterministic for one seed', async () => {
        const { services, doc } = await load(text);
        const again = ok(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 300, seed: 42 }).result);
        expect(again.forecasts).toEqual(base.forecasts);
    });

    it('doubling the paid spend changes a KPI probability', async () => {
        const doubled = text.replace('paid 3000 CNY per week', 'paid 6000 CNY per week');
        expect(doubled).not.toBe(text);
        const { services, doc } = await load(doubled);
        const after = ok(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 300, seed: 42 }).result);
        const before = base.forecasts[0].communities[0].kpis.map((k) => k.probability);
        const now = after.forecasts[0].communities[0].kpis.map((k) => k.probability);
        expect(now).not.toEqual(before);
        expect(after.forecasts[0].communities[0].total.band.p50[25]).toBeGreaterThan(base.forecasts[0].communities[0].total.band.p50[25]);
    });

    it('compares two scenarios side by side and adds the sensitivity analysis on request', async () => {
        const { services, doc } = await load(text);
        const r = ok(
            computeForecast(services, doc, { uri: doc.uri.toString(), runs: 100, seed: 7, scenario: 'DoubleAds', compareScenario: 'base', sensitivity: true })
                .result,
        );
        expect(r.forecasts.map((f) => f.scenario)).toEqual(['DoubleAds', null]);
        expect(r.forecasts[0].title).toBe('抖音投放翻倍');
        const s = r.forecasts[0].communities[0].sensitivity!;
        expect(s.kpi).toBe('Growth');
        expect(s.items.length).toBeGreaterThan(3);
        expect(s.items.some((i) => i.source !== undefined)).toBe(true);
        expect(r.forecasts[1].communities[0].sensitivity).toBeUndefined();
    });

    it('ignores an unknown scenario name and falls back to the plan as written', async () => {
        const { services, doc } = await load(text);
        const r = ok(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 50, seed: 1, scenario: 'Nope' }).result);
        expect(r.forecasts.map((f) => f.scenario)).toEqual([null]);
    });
});

describe('community/forecast on a plan with two communities', () => {
    const TWO = resolve(ROOT, 'test/e2e/fixtures/two-communities.community');
    let r: Ok;
    beforeAll(async () => {
        const { services, doc } = await load(readFileSync(TWO, 'utf8'), TWO);
        r = ok(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 200, seed: 42, sensitivity: true }).result);
    });

    it('forecasts every community with its own tiers, bands and KPIs', () => {
        expect(r.plan.communities).toEqual([
            { name: 'FitHome', title: '居家健身社群' },
            { name: 'RunClub', title: '城市跑团' },
        ]);
        const [fit, run] = r.forecasts[0].communities;
        expect(r.forecasts[0].communities).toHaveLength(2);
        expect(fit.community).toBe('FitHome');
        expect(fit.members.map((m) => m.key)).toEqual(['Prospect', 'Core']);
        expect(fit.kpis.map((k) => k.name)).toEqual(['Growth', 'active-rate']);
        expect(run).toMatchObject({ community: 'RunClub', title: '城市跑团', weeks: 26 });
        expect(run.members.map((m) => [m.key, m.label])).toEqual([
            ['Runner', '跑友'],
            ['Pacer', '配速员'],
        ]);
        expect(run.kpis.map((k) => k.name)).toEqual(['Runners', 'RunnerActivity']);
        expect(run.kpis[0].source?.line).toBeGreaterThan(fit.kpis[1].source!.line);
        expect(run.total.band.p50).toHaveLength(26);
        // Each community's own numbers, not copies of the first.
        expect(run.total.band.p50[25]).not.toBe(fit.total.band.p50[25]);
        expect(run.cost.p50[25]).not.toBe(fit.cost.p50[25]);
        expect(run.source?.line).toBeGreaterThan(fit.source!.line);
    });

    it('puts the sensitivity analysis on the community whose KPI it measures', () => {
        const [fit, run] = r.forecasts[0].communities;
        expect(fit.sensitivity?.kpi).toBe('Growth');
        expect(run.sensitivity).toBeUndefined();
    });

    it('builds calendar rows for every community, tagged with it', () => {
        const byName = new Map(r.calendar.map((c) => [c.name, c]));
        expect(r.calendar.map((c) => [c.community, c.name])).toEqual([
            ['FitHome', 'WorkoutTips'],
            ['RunClub', 'RoutePost'],
            ['RunClub', 'LongRun'],
        ]);
        expect(byName.get('LongRun')).toMatchObject({ kind: 'activity', title: '周末长距离跑' });
        expect(byName.get('LongRun')!.perWeek.every((n) => n === 1)).toBe(true);
        expect(byName.get('RoutePost')!.perWeek.slice(0, 3)).toEqual([1, 1, 1]);
    });
});

describe('community/forecast on plans with errors', () => {
    it('reports the errors instead of forecasting', async () => {
        const text = readFileSync(FITNESS, 'utf8').replace('from Prospect 6%', 'from Nobody 6%');
        const { services, doc } = await load(text);
        const r = computeForecast(services, doc, { uri: doc.uri.toString(), runs: 50, seed: 1 }).result;
        expect(r.status).toBe('errors');
        if (r.status === 'errors') {
            expect(r.errorCount).toBeGreaterThan(0);
            expect(r.firstError?.message).toBeTruthy();
        }
    });

    it('reports a syntax error', async () => {
        const { services, doc } = await load('plan "x" { start 2027-01-04 horizon }');
        expect(computeForecast(services, doc, { uri: doc.uri.toString(), runs: 50, seed: 1 }).result.status).toBe('errors');
    });
});

describe('community/forecast on a plan with actuals (the calibration example)', () => {
    const CALIBRATION = resolve(ROOT, 'examples/fitness-calibration.community');

    it('forecasts from the last observed week, as `simulate` and `compile` do, and lays the actuals over the bands', async () => {
        const { services, doc } = await load(readFileSync(CALIBRATION, 'utf8'), CALIBRATION);
        const params = { uri: doc.uri.toString(), runs: 300, seed: 42 };
        const computation = await computeForecastAsync(services, doc, params, {});
        const result = ok(await withActuals(computation));
        const f = result.forecasts[0].communities[0];
        const csv = readFileSync(resolve(ROOT, 'examples/data/fithome-weeks.csv'), 'utf8')
            .trim()
            .split('\n')
            .slice(1)
            .map((l) => l.split(',').map(Number));
        const observed = csv.map((r) => r[1] + r[2] + r[3]);
        expect(f.total.band.p10.slice(0, 12)).toEqual(observed);
        expect(f.total.band.p90.slice(0, 12)).toEqual(observed);
        expect(f.total.band.p10[12]).toBeLessThan(f.total.band.p90[12]);
        // The observed weeks are the band: every actual point is inside it.
        const total = f.actuals!.find((a) => a.key === 'total')!;
        expect(total.points.map((p) => p.value)).toEqual(observed);
        expect(total.points.some((p) => p.outside)).toBe(false);
        // The same engine call as `compile` (one model): its report's forecast has the same members.
        const compiled = await compilePlan(computation.plan!, {
            formats: ['md'],
            runs: 300,
            seed: 42,
            scenario: null,
            lang: 'en',
            observed: computation.observed!.byCommunity,
        });
        const members = compiled.forecast!.forecasts[0].communities[0].series.find((s) => s.key === 'members')!;
        expect(compiled.forecast!.forecasts[0].communities[0].fromWeek).toBe(13);
        expect(members.p50.slice(0, 12)).toEqual(observed);
    }, 120_000);
});

describe('the forecast pool waits for the first diagnostics', () => {
    it('no worker thread starts before the first build is validated; the pool is made once, after it', async () => {
        const { registerForecastRequest } = await import('../../server/forecast-request.js');
        const settings = new CommunitySettings();
        const { Community, shared } = createCommunityLspServices({ ...NodeFileSystem, settings, editorFeatures: false });
        const made: string[] = [];
        const connection = { onRequest: () => undefined, console: { error: (m: string) => made.push(`error ${m}`) } };
        registerForecastRequest(connection as never, shared, () => {
            made.push('pool');
            return undefined;
        });
        expect(made).toEqual([]);
        const doc = Community.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(FITNESS, 'utf8'), URI.file(FITNESS));
        Community.shared.workspace.LangiumDocuments.addDocument(doc);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        expect(made).toEqual([]); // diagnostics are published in this phase; the threads start on the next turn
        await new Promise((r) => setTimeout(r, 0));
        expect(made).toEqual(['pool']);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        await new Promise((r) => setTimeout(r, 0));
        expect(made).toEqual(['pool']);
    });
});
