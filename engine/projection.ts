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
import { simulateCommunity, type RawResult } from './simulate.js';

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
export function caseValues(c: CompiledCommunity, which: ProjectionCase, values = new Float64Array(c.dists.length)): Float64Array {
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
    // Every array of the pass's cases from one buffer: for a community of a few tiers and weeks, an
    // off-heap buffer each would cost as much as a week of the pass (the values are the same).
    const D = c.dists.length;
    const H = c.horizon;
    const per = D + (c.T + 1) * (H + 1) + c.kpis.length;
    const buffer = new ArrayBuffer(cases.length * per * 8);
    const values: Float64Array[] = [];
    for (let run = 0; run < cases.length; run++) values.push(caseValues(c, cases[run], new Float64Array(buffer, run * per * 8, D)));
    const raw = simulateCommunity(c, new ExpectedDraws(values), { runs: cases.length });
    const projections = new Map<ProjectionCase, CommunityProjection>();
    for (let run = 0; run < cases.length; run++) projections.set(cases[run], projectionOf(c, raw, values[run], run, buffer, (run * per + D) * 8));
    return projections;
}

/** Runs the mean-field pass of a compiled community for one case. */
export function projectCompiled(c: CompiledCommunity, which: ProjectionCase): CommunityProjection {
    return projectCases(c, [which]).get(which)!;
}

/**
 * Case `run` of a pass (raw holds every case of it, one run each); its arrays are carved from `buffer`
 * at `at` (bytes): (T + 1) · (H + 1) + K numbers.
 */
function projectionOf(c: CompiledCommunity, raw: RawResult, values: Float64Array, run: number, buffer: ArrayBuffer, at: number): CommunityProjection {
    const H = c.horizon;
    const R = raw.runs;
    const tierMembers: Float64Array[] = [];
    for (let t = 0; t < c.T; t++) {
        const series = new Float64Array(buffer, at + t * (H + 1) * 8, H + 1);
        const slot = c.tierSeed[t];
        const seed = slot >= 0 ? Math.round(Math.max(0, values[slot])) : 0;
        series[0] = Math.min(seed, c.tierCapacity[t] === Infinity ? seed : Math.floor(c.tierCapacity[t]));
        readStored(raw, c.tierSeries0 + t, run, series);
        tierMembers.push(series);
    }
    const joined = new Float64Array(buffer, at + c.T * (H + 1) * 8, H + 1);
    readStored(raw, S.newMembers, run, joined);
    for (let w = 0; w < H; w++) joined[w + 1] += joined[w];
    const joinsBySource = new Map<string, number>();
    for (let i = 0; i < c.sources.length; i++) {
        const name = c.sources[i].name;
        joinsBySource.set(name, (joinsBySource.get(name) ?? 0) + raw.joinsBySource[i * R + run]);
    }
    const costByCategory = {} as Record<CostCategory, number>;
    for (let i = 0; i < COST_CATEGORIES.length; i++) costByCategory[COST_CATEGORIES[i]] = raw.costByCategory[i * R + run];
    const K = c.kpis.length;
    const kpiValues = new Float64Array(buffer, at + (c.T + 1) * (H + 1) * 8, K);
    for (let k = 0; k < K; k++) kpiValues[k] = raw.kpiValues[k * R + run];
    return { compiled: c, raw, run, tierMembers, joined, joinsBySource, costByCategory, staffHours: raw.staffHours, kpiValues };
}

/** Stored series `s` of run `run` in weeks 0..H−1 into out[1..H] (what `rawValue` reads for a stored series). */
function readStored(raw: RawResult, s: number, run: number, out: Float64Array): void {
    const H = raw.compiled.horizon;
    const R = raw.runs;
    const v = raw.isCount[s] ? raw.counts : raw.series;
    const o = raw.storedSlot[s] * H * R + run;
    for (let w = 0; w < H; w++) out[w + 1] = v[o + w * R];
}

/** Compiles and projects one community of a plan model. */
export function projectCommunity(plan: Plan, community: Community, which: ProjectionCase): CommunityProjection {
    return projectCompiled(compileCommunity(plan, community, new Assumptions(plan.assumptions)), which);
}
