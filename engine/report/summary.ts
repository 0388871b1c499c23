// The one-screen executive summary both reports open with: the forecast headline with its P10–P90 range, each KPI's target and chance, budget use, the three biggest
// risks (KPIs unlikely to be met, the parameter the first KPI depends on most, the checker's
// warnings) and, when the plan has scenarios, the one to recommend: the cheapest solved scenario
// (`solved for …`, engine/solved-ways.ts) that meets its goals, else the one with the best KPI
// chances; per KPI the cheapest known way to reach it when a solved scenario exists.
import { cheapestWays, recommendedSolved } from '../solved-ways.js';
import { allScenarios, atHorizon, averageProbability, displayName, kpiRows, scenarioOf, type KpiRow, type ReportInput } from './common.js';
import { kpiLabel, type Formatter } from './i18n.js';
import { parameterLabel } from './words.js';

export interface SummaryCommunity {
    name: string;
    headline: string | null;
    money: string | null;
    kpis: KpiRow[];
    /** Per KPI with a solved scenario: the cheapest known way to reach it (one line each). */
    ways: string[];
}

export interface Summary {
    communities: SummaryCommunity[];
    budget: string | null;
    risks: string[];
    bestScenario: string | null;
}

const MAX_RISKS = 3;

export function summaryOf(input: ReportInput, f: Formatter): Summary {
    const t = f.t;
    const scenario = scenarioOf(input);
    const communities = scenario.communities.map((c): SummaryCommunity => {
        const members = atHorizon(c, 'members');
        const cost = atHorizon(c, 'cumulative-cost');
        const revenue = atHorizon(c, 'cumulative-revenue');
        const roi = atHorizon(c, 'roi');
        return {
            name: displayName(c.name, c.title),
            headline: members ? t.headlineMembers(f.integer(members.p50), f.integer(members.p10), f.integer(members.p90), c.weeks.length) : null,
            money:
                cost && revenue ? t.headlineMoney(f.currencyAmount(cost.p50, true), f.currencyAmount(revenue.p50, true), roi ? f.decimal(roi.p50) : '—') : null,
            kpis: kpiRows(c),
            ways: [],
        };
    });
    // The cheapest known way to each KPI, from the solved scenarios the forecast has.
    for (const w of cheapestWays(input.plan, input.forecast)) {
        const ci = scenario.communities.findIndex((c) => c.name === w.community);
        const kpi = scenario.communities[ci]?.kpis.find((k) => k.name === w.kpi);
        if (ci < 0 || !kpi) continue;
        const name = displayName(w.scenario, w.title);
        communities[ci].ways.push(
            w.meets
                ? t.cheapestWay(kpiLabel(kpi, f.lang), name, f.currencyAmount(w.cost, true), f.percent(w.probability), f.percent(w.required))
                : t.noSolvedWayMeets(kpiLabel(kpi, f.lang), f.percent(w.required), name, f.percent(w.probability), f.currencyAmount(w.cost, true)),
        );
    }
    const b = scenario.budget;
    const budget = b
        ? t.budgetUseLine(
              f.currencyAmount(b.cost.p50, true),
              f.currencyAmount(b.amount, true),
              f.percent(b.amount > 0 ? b.cost.p50 / b.amount : null),
              f.percent(b.probabilityWithin),
          )
        : null;

    // Risks: the least likely KPI, the strongest lever, the first warning; then more of the same.
    const atRisk = scenario.communities
        .flatMap((c) => kpiRows(c))
        .filter((r) => r.light !== 'green')
        .sort((x, y) => x.kpi.probability - y.kpi.probability)
        .map((r) => t.riskKpi(kpiLabel(r.kpi, f.lang), f.percent(r.kpi.probability)));
    const sens: string[] = [];
    const s = input.forecast.sensitivity;
    if (s) {
        const top = [...s.parameters].filter((p) => p.low.value !== null && p.high.value !== null).sort((x, y) => y.swing - x.swing)[0];
        const kpi = scenario.communities.find((c) => c.name === s.community)?.kpis.find((k) => k.name === s.kpi);
        if (top && kpi && top.swing > 0) {
            sens.push(
                t.riskSensitivity(
                    parameterLabel(f.lang, top.id, top.label),
                    kpiLabel(kpi, f.lang),
                    f.metricValue(kpi.metric, top.low.value),
                    f.metricValue(kpi.metric, top.high.value),
                ),
            );
        }
    }
    const warnings = (input.checks ?? []).filter((d) => d.severity === 'warning').map((d) => t.riskCheck(d.message));
    const risks: string[] = [];
    for (const list of [atRisk.slice(0, 1), sens, warnings.slice(0, 1), atRisk.slice(1), warnings.slice(1)]) {
        for (const r of list) if (risks.length < MAX_RISKS && !risks.includes(r)) risks.push(r);
    }

    let bestScenario: string | null = null;
    const scenarios = allScenarios(input);
    const recommended = recommendedSolved(input.plan, input.forecast);
    if (recommended) {
        const label = (community: string, name: string) => {
            const k = scenario.communities.find((c) => c.name === community)?.kpis.find((x) => x.name === name);
            return k ? kpiLabel(k, f.lang) : name;
        };
        const chances = recommended.kpis.map((k) => t.kpiChance(label(k.community, k.kpi), f.percent(k.probability))).join(f.lang === 'zh-CN' ? '，' : ', ');
        bestScenario = t.recommendedScenario(displayName(recommended.scenario, recommended.title), f.currencyAmount(recommended.cost, true), chances);
    } else if (scenarios.length > 1) {
        const ranked = scenarios
            .map((x) => ({ x, p: averageProbability(x) }))
            .filter((r) => r.p !== null)
            .sort((a, b) => b.p! - a.p!);
        if (ranked.length > 1 && ranked[0].p! > ranked[1].p!) {
            const best = ranked[0].x;
            bestScenario = t.bestScenario(best.scenario === null ? t.asWritten : displayName(best.scenario, best.title), f.percent(ranked[0].p));
        }
    }
    return { communities, budget, risks, bestScenario };
}
