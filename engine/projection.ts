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
    /** The pass's raw result: this case is run `run` of it (a pass may run several cases). */
    raw: RawResult;
    run: number;
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
    const values = new Float64Array(c.dists.length);
    for (let i = 0; i < values.length; i++) {
        const d = c.dists[i];
        const favour = c.favour[i] ?? 0;
        if (which === 'mean' || favour === 0) values[i] = distMean(d);
        else if (which === 'best') values[i] = distQuantile(d, favour > 0 ? 1 : 0);
        else values[i] = distQuantile(d, favour > 0 ? 0.9 : 0.1);
    }
    return values;
}

/** The cases the checker reads, in the order one pass runs them. */
export const PROJECTION_CASES: readonly ProjectionCase[] = ['mean', 'p90', 'best'];

/**
 * Runs the mean-field pass of a compiled community for several cases at once: case r is run r of one
 * block (each run's draws answer with that case's values; nothing in a week mixes runs), so the three
 * cases the checker reads cost one block and one pass over the weeks instead of three.
 */
export function projectCases(c: CompiledCommunity, cases: readonly ProjectionCase[] = PROJECTION_CASES): Map<ProjectionCase, CommunityProjection> {
    const values = cases.map((which) => caseValues(c, which));
    const raw = simulateCommunity(c, new ExpectedDraws(values), { runs: cases.length });
    return new Map(cases.map((which, run) => [which, projectionOf(c, raw, values[run], run)]));
}

/** Runs the mean-field pass of a compiled community for one case. */
export function projectCompiled(c: CompiledCommunity, which: ProjectionCase): CommunityProjection {
    return projectCases(c, [which]).get(which)!;
}

/** Case `run` of a pass (raw holds every case of it, one run each). */
function projectionOf(c: CompiledCommunity, raw: RawResult, values: Float64Array, run: number): CommunityProjection {
    const H = c.horizon;
    const R = raw.runs;
    const tierMembers = c.tierNames.map((_, t) => {
        const series = new Float64Array(H + 1);
        const slot = c.tierSeed[t];
        const seed = slot >= 0 ? Math.round(Math.max(0, values[slot])) : 0;
        series[0] = Math.min(seed, c.tierCapacity[t] === Infinity ? seed : Math.floor(c.tierCapacity[t]));
        for (let w = 0; w < H; w++) series[w + 1] = rawValue(raw, c.tierSeries0 + t, w, run);
        return series;
    });
    const joined = new Float64Array(H + 1);
    for (let w = 0; w < H; w++) joined[w + 1] = joined[w] + rawValue(raw, S.newMembers, w, run);
    const joinsBySource = new Map<string, number>();
    c.sources.forEach((s, i) => joinsBySource.set(s.name, (joinsBySource.get(s.name) ?? 0) + raw.joinsBySource[i * R + run]));
    const costByCategory = Object.fromEntries(COST_CATEGORIES.map((k, i) => [k, raw.costByCategory[i * R + run]])) as Record<CostCategory, number>;
    const kpiValues = Float64Array.from(c.kpis, (_, k) => raw.kpiValues[k * R + run]);
    return { compiled: c, raw, run, tierMembers, joined, joinsBySource, costByCategory, staffHours: raw.staffHours, kpiValues };
}

/** Compiles and projects one community of a plan model. */
export function projectCommunity(plan: Plan, community: Community, which: ProjectionCase): CommunityProjection {
    return projectCompiled(compileCommunity(plan, community, new Assumptions(plan.assumptions)), which);
}
