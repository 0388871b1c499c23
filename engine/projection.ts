// The checker's projection: the forecast's own weekly step run once, deterministically, with every
// draw replaced by its expectation (engine/expected-draws.ts) and every uncertain number at the value
// a case asks for. Checks, hovers and inlay hints read this — never a second model of the plan — so
// what the checker says about group counts, capacity, budget, staff hours and KPI reachability is
// what the forecast computes, up to the difference between a mean-field pass and a Monte Carlo mean
// (test/engine/projection.test.ts bounds it on every example).
import { Assumptions } from './assumptions.js';
import { compileCommunity, S, type CompiledCommunity } from './compile.js';
import { COST_CATEGORIES, type CostCategory } from './cost-categories.js';
import { ExpectedDraws } from './expected-draws.js';
import type { Community, Plan } from './model.js';
import { distMean, distQuantile } from './random.js';
import { rawValue, simulateCommunity, type RawResult } from './simulate.js';

/**
 * Which number of each uncertain input a projection uses: `mean` the expected value; `p90` the 90th
 * percentile of inputs that help (seeds, conversion, spend…) and the 10th of those that hurt (churn,
 * cost per join); `best` every input at its most favourable end (what no run can beat).
 */
export type ProjectionCase = 'mean' | 'p90' | 'best';

export interface CommunityProjection {
    compiled: CompiledCommunity;
    raw: RawResult;
    /** Members per tier by week: [t][w], w = 0 at the start (seeds), w = k after k weeks. */
    tierMembers: Float64Array[];
    /** New members up to week w (same indexing; 0 at the start). */
    joined: Float64Array;
    /** New members over the horizon by source name (organic, channels, referrals, public content). */
    joinsBySource: Map<string, number>;
    /** Cost over the horizon by category. */
    costByCategory: Record<CostCategory, number>;
    /** Staff hours per plan week (activities and posting). */
    staffHours: Float64Array;
    /** KPI values at their deadlines, in the community's KPI order. */
    kpiValues: Float64Array;
}

/** The value each distribution slot takes in a case. */
export function caseValues(c: CompiledCommunity, which: ProjectionCase): Float64Array {
    return Float64Array.from(c.dists, (d, i) => {
        const favour = c.favour[i] ?? 0;
        if (which === 'mean' || favour === 0) return distMean(d);
        if (which === 'best') return distQuantile(d, favour > 0 ? 1 : 0);
        return distQuantile(d, favour > 0 ? 0.9 : 0.1);
    });
}

/** Runs the mean-field pass of a compiled community for one case. */
export function projectCompiled(c: CompiledCommunity, which: ProjectionCase): CommunityProjection {
    const values = caseValues(c, which);
    const raw = simulateCommunity(c, new ExpectedDraws(values), { runs: 1 });
    const H = c.horizon;
    const tierMembers = c.tierNames.map((_, t) => {
        const series = new Float64Array(H + 1);
        const slot = c.tierSeed[t];
        const seed = slot >= 0 ? Math.round(Math.max(0, values[slot])) : 0;
        series[0] = Math.min(seed, c.tierCapacity[t] === Infinity ? seed : Math.floor(c.tierCapacity[t]));
        for (let w = 0; w < H; w++) series[w + 1] = rawValue(raw, c.tierSeries0 + t, w, 0);
        return series;
    });
    const joined = new Float64Array(H + 1);
    for (let w = 0; w < H; w++) joined[w + 1] = joined[w] + rawValue(raw, S.newMembers, w, 0);
    const joinsBySource = new Map<string, number>();
    c.sources.forEach((s, i) => joinsBySource.set(s.name, (joinsBySource.get(s.name) ?? 0) + raw.joinsBySource[i]));
    const costByCategory = Object.fromEntries(COST_CATEGORIES.map((k, i) => [k, raw.costByCategory[i]])) as Record<CostCategory, number>;
    return { compiled: c, raw, tierMembers, joined, joinsBySource, costByCategory, staffHours: raw.staffHours, kpiValues: raw.kpiValues };
}

/** Compiles and projects one community of a plan model. */
export function projectCommunity(plan: Plan, community: Community, which: ProjectionCase): CommunityProjection {
    return projectCompiled(compileCommunity(plan, community, new Assumptions(plan.assumptions)), which);
}
