// Per-run KPI targets. A KPI's target is a number, except `>= 20% above scenario NoAds`: then the
// target of run r is 1.2 × the same KPI's value in run r of scenario NoAds, simulated with the same
// seed (common random numbers: both runs share their draws, so the comparison is of the plans, not
// of their luck). Forecast, sensitivity and solve score KPIs through `kpiHits`, so a KPI is met by
// the same rule everywhere (docs/forecast-model.md, "KPIs").
import { Assumptions } from './assumptions.js';
import { compileCommunity } from './compile.js';
import type { Kpi, Plan } from './model.js';
import { applyScenario } from './scenario.js';
import { meetsTarget, simulateStreams, type RawResult } from './simulate.js';

/** Simulates every community of a (scenario-applied) plan; forecast.ts passes its simulatePlan. */
export type SimulatePlan = (plan: Plan, runs: number, seed: number) => RawResult[];

/** Community i on block streams (seed, i, k): the streams the forecast, solve and the sensitivity simulate by. */
const simulateEach: SimulatePlan = (plan, runs, seed) => {
    const assumptions = new Assumptions(plan.assumptions);
    return plan.communities.map((community, i) => simulateStreams(compileCommunity(plan, community, assumptions), seed, i, runs));
};

const shared = new WeakMap<Plan, Map<string, KpiTargets>>();

/** The KpiTargets of a plan for runs × seed, made once (solve scores many candidates against one base). */
export function kpiTargetsOf(plan: Plan, runs: number, seed: number): KpiTargets {
    let byKey = shared.get(plan);
    if (!byKey) shared.set(plan, (byKey = new Map()));
    const key = `${runs}:${seed}`;
    let t = byKey.get(key);
    if (!t) byKey.set(key, (t = new KpiTargets(plan, runs, seed)));
    return t;
}

/** Base-scenario KPI values per community and KPI name, simulated once per scenario and kept. */
export class KpiTargets {
    private readonly cache = new Map<string, RawResult[]>();

    constructor(
        private readonly plan: Plan,
        private readonly runs: number,
        private readonly seed: number,
        private readonly simulate: SimulatePlan = simulateEach,
    ) {}

    /** Per-run targets of `kpi` in community `ci`, or undefined when its target is one number. */
    targets(ci: number, kpi: Kpi): Float64Array | undefined {
        const rel = kpi.relativeTo;
        if (!rel) return undefined;
        let raws = this.cache.get(rel.scenario);
        if (!raws) {
            raws = this.simulate(applyScenario(this.plan, rel.scenario), this.runs, this.seed);
            this.cache.set(rel.scenario, raws);
        }
        const out = new Float64Array(this.runs).fill(NaN);
        const base = raws[ci];
        const k = base ? base.compiled.kpis.findIndex((x) => x.kpi.name === kpi.name) : -1;
        if (k < 0) return out;
        for (let r = 0; r < this.runs; r++) out[r] = rel.factor * base.kpiValues[k * base.runs + r];
        return out;
    }
}

/** Runs of KPI k that meet their target (a run whose relative target is undefined does not). */
export function kpiHits(raw: RawResult, k: number, targets?: Float64Array): number {
    const kpi = raw.compiled.kpis[k].kpi;
    let hits = 0;
    for (let r = 0; r < raw.runs; r++) {
        const target = targets ? targets[r] : kpi.target;
        if (!Number.isNaN(target) && meetsTarget(raw.kpiValues[k * raw.runs + r], kpi.op, target)) hits++;
    }
    return hits;
}
