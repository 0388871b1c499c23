// Goal seeking: "how much do I need to spend to reach 50,000 members at 80 %?" (docs/solve.md).
//
// A lever is any overridable property of the plan (`DouyinAds.paid`, `InviteCode.invites`,
// `Core.seed` …), applied exactly as a scenario override would be (engine/scenario.ts), so every
// lever the forecast has can be varied and a solved value can be written back as a scenario. A
// candidate is scored by the Monte Carlo forecast with common random numbers: every candidate runs
// with the same seed and runs, so P(KPI met) changes only through the lever (a smooth, repeatable
// objective; the answer does not jump between candidates because of noise). The search is written
// as a generator of steps (the simulations of one candidate), so the same code runs in this thread
// (`solve`) or over the worker pool with cancellation between blocks (runtime/, `solveSteps`).
//
// - One lever: the KPIs' probability is monotone in a lever in practice; the direction is read from
//   the range's two ends, then bisection finds the smallest value (largest, where less helps) at
//   which every KPI reaches the probability.
// - Several levers with a budget: each lever alone first (the others as written), the best of these
//   starts a compass search (coordinate steps halving down to 1/64 of each range) over the levers'
//   box; a candidate whose mean total cost exceeds the budget is infeasible. Only improvements are
//   taken, so the allocation never does worse than the best single lever under the same budget.
import { S } from './compile.js';
import { planJobs, runStepwise, type Stepwise } from './forecast.js';
import type { Dist, Plan } from './model.js';
import { distCentre, scaleDist } from './random.js';
import { applyScenario, ScenarioError } from './scenario.js';
import type { Access, Reading } from './properties/access.js';
import { overridable, type ItemKind, type ItemOf } from './properties/registry.js';
import { kpiHits, kpiTargetsOf } from './kpi-targets.js';
import { SeriesReader } from './simulate.js';

export interface Lever {
    /** Item name (or "plan") and property, as in a scenario override. */
    target: string;
    property: string;
    min: number;
    max: number;
}

export interface SolveOptions {
    kpis: string[];
    /** Required probability of meeting each KPI (0–1). */
    probability: number;
    levers: Lever[];
    /** Mean total cost over the horizon (all communities) must stay within this. */
    budget?: number;
    objective: 'minimise-cost' | 'maximise-probability';
    runs: number;
    seed: number;
    onProgress?: (done: number, total: number) => void;
    /** Asked before every candidate evaluation; true stops the solve with SolveCancelled (the editor's cancel). */
    shouldStop?: () => boolean;
}

export interface Evaluation {
    values: number[];
    /** P(met) of each requested KPI, in request order. */
    probabilities: number[];
    /** Mean total cost over the horizon. */
    cost: number;
    feasible: boolean;
}

export interface SolveResult {
    levers: Lever[];
    best: Evaluation;
    /** True when every KPI reaches the probability at the answer. */
    reached: boolean;
    /** One lever: which way the lever helps. */
    direction?: 'more' | 'less';
    /** Several levers: each lever alone (the others as written) under the same budget. */
    singles?: SolveResult[];
    /** At the answer: change in the lowest KPI probability and in mean cost per +1 % of each lever's range. */
    marginal?: { lever: string; probability: number; cost: number }[];
    evaluations: number;
}

/** Thrown when `shouldStop` asked the solve to stop; no partial answer is returned. */
export class SolveCancelled extends Error {
    constructor() {
        super('solve cancelled');
        this.name = 'SolveCancelled';
    }
}

export class SolveError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'SolveError';
    }
}

/** The value a lever has in the plan as written (its distribution's centre), undefined when unset. */
export function currentValue(plan: Plan, lever: Lever): number | undefined {
    const dist = findDist(plan, lever)?.dist;
    return dist ? distCentre(dist) : undefined;
}

/** The current distribution and period of a lever (undefined dist when the plan does not set it), read through the property registry. */
function findDist(plan: Plan, lever: Lever): Reading | undefined {
    const { target, property } = lever;
    const read = <K extends ItemKind>(kind: K, item: ItemOf<K>): Reading | undefined =>
        (overridable(kind, property)?.override.access as Access<ItemOf<K>> | undefined)?.read(item, plan);
    if (target === 'plan') return read('Plan', plan);
    for (const a of plan.audiences) if (a.name === target) return read('Audience', a);
    for (const c of plan.communities) {
        if (c.name === target) {
            const found = read('Community', c);
            if (found) return found;
        }
        for (const t of c.tiers) {
            if (t.name !== target) continue;
            const found = read('Tier', t);
            if (found) return found;
            const flow = t.flowsFrom.find((f) => f.tier === property);
            if (flow) return { dist: flow.rate.value, per: flow.rate.per };
        }
        for (const x of c.contents) if (x.name === target) return read('Content', x);
        for (const a of c.activities) if (a.name === target) return read('Activity', a);
        for (const r of c.referrals) if (r.name === target) return read('Referral', r);
        for (const ch of c.channels) if (ch.name === target) return read('Channel', ch);
    }
    return undefined;
}

/** A Dist centred on `value`, keeping the existing one's relative spread. */
function centredOn(existing: Dist | undefined, value: number): Dist {
    if (!existing || existing.kind === 'fixed') return { kind: 'fixed', value };
    const centre = distCentre(existing);
    return centre > 0 ? scaleDist(existing, value / centre) : { kind: 'fixed', value };
}

/** The plan with every lever set: a scenario of overrides, applied by the scenario code. */
export function planWith(plan: Plan, levers: Lever[], values: number[]): Plan {
    const overrides = levers.map((lever, i) => {
        // A property this reader does not know is still tried as a scenario override, whose error
        // lists what can be overridden.
        const found = findDist(plan, lever) ?? {};
        return { target: lever.target, property: lever.property, value: centredOn(found.dist, values[i]), per: found.per };
    });
    const name = '\u0000solve';
    try {
        return applyScenario({ ...plan, scenarios: [...plan.scenarios, { name, overrides, drops: [] }] }, name);
    } catch (e) {
        if (e instanceof ScenarioError) throw new SolveError(e.message);
        throw e;
    }
}

/** Monte Carlo score of one candidate with common random numbers (the same seed and streams every time), step by step. */
export function* evaluateSteps(
    plan: Plan,
    options: Pick<SolveOptions, 'kpis' | 'runs' | 'seed' | 'budget'>,
    levers: Lever[],
    values: number[],
): Stepwise<Evaluation> {
    const p = planWith(plan, levers, values);
    const raws = yield planJobs(p, options.runs, options.seed);
    const hits = new Float64Array(options.kpis.length);
    let cost = 0;
    const scratch = new Float64Array(Math.max(1, Math.floor(options.runs)));
    for (let ci = 0; ci < raws.length; ci++) {
        const raw = raws[ci];
        const compiled = raw.compiled;
        options.kpis.forEach((name, i) => {
            const k = compiled.kpis.findIndex((x) => x.kpi.name === name);
            if (k < 0) return;
            hits[i] = kpiHits(raw, k, kpiTargetsOf(plan, options.runs, options.seed).targets(ci, compiled.kpis[k].kpi)) / raw.runs;
        });
        new SeriesReader(raw).read(S.cumulativeCost, compiled.horizon - 1, scratch);
        let sum = 0;
        for (let r = 0; r < raw.runs; r++) sum += scratch[r];
        cost += sum / raw.runs;
    }
    return { values: [...values], probabilities: [...hits], cost, feasible: options.budget === undefined || cost <= options.budget + 1e-9 };
}

/** Monte Carlo score of one candidate, in this thread. */
export function evaluate(plan: Plan, options: Pick<SolveOptions, 'kpis' | 'runs' | 'seed' | 'budget'>, levers: Lever[], values: number[]): Evaluation {
    return runStepwise(evaluateSteps(plan, options, levers, values));
}

const lowest = (e: Evaluation) => Math.min(...e.probabilities);
const meets = (e: Evaluation, probability: number) => e.feasible && e.probabilities.every((p) => p >= probability - 1e-12);

/** True when `a` is a better answer than `b` for the objective. */
function better(a: Evaluation, b: Evaluation, options: SolveOptions): boolean {
    if (a.feasible !== b.feasible) return a.feasible;
    const am = meets(a, options.probability);
    const bm = meets(b, options.probability);
    if (options.objective === 'minimise-cost' && am && bm) return a.cost < b.cost - 1e-9;
    if (am !== bm) return am;
    const d = lowest(a) - lowest(b);
    if (Math.abs(d) > 1e-12) return d > 0;
    return a.cost < b.cost - 1e-9;
}

/** Bisection steps: the answer is within (max − min) / 2^BISECTION_STEPS of the exact one. */
const BISECTION_STEPS = 14;
const COMPASS_MIN_STEP = 1 / 64;

/** Goal seeking, in this thread. */
export function solve(plan: Plan, options: SolveOptions): SolveResult {
    return runStepwise(solveSteps(plan, options));
}

/** Goal seeking step by step: each step is the simulations of one candidate (see runtime/ for running them on the pool). */
export function* solveSteps(plan: Plan, options: SolveOptions): Stepwise<SolveResult> {
    if (options.levers.length === 0) throw new SolveError('nothing to vary: give at least one --vary ITEM.PROPERTY=MIN..MAX.');
    if (options.kpis.length === 0) throw new SolveError('no KPI: give --kpi NAME.');
    const known = plan.communities.flatMap((c) => c.kpis.map((k) => k.name));
    for (const k of options.kpis) if (!known.includes(k)) throw new SolveError(`unknown KPI "${k}"; the plan has: ${known.join(', ') || 'none'}.`);
    for (const l of options.levers) {
        if (!(l.max > l.min) || !Number.isFinite(l.min) || !Number.isFinite(l.max))
            throw new SolveError(`the range of "${l.target}.${l.property}" is empty: ${l.min}..${l.max}.`);
        planWith(plan, [l], [l.min]);
    }
    let evaluations = 0;
    const total = options.levers.length === 1 ? BISECTION_STEPS + 2 : options.levers.length * (BISECTION_STEPS + 2) + 60;
    const score = function* (levers: Lever[], values: number[]): Stepwise<Evaluation> {
        if (options.shouldStop?.()) throw new SolveCancelled();
        const e = yield* evaluateSteps(plan, options, levers, values);
        evaluations++;
        options.onProgress?.(Math.min(evaluations, total), total);
        return e;
    };
    if (options.levers.length === 1) return { ...(yield* solveOne(options, options.levers[0], score)), evaluations };

    // Several levers: each alone (the others as written), then a compass search from the best.
    const current = options.levers.map((l) => clamp(currentValue(plan, l) ?? l.min, l));
    const singles: Omit<SolveResult, 'evaluations'>[] = [];
    for (let i = 0; i < options.levers.length; i++) {
        const lever = options.levers[i];
        const others = options.levers.filter((_, j) => j !== i);
        singles.push(yield* solveOne(options, lever, (_ls, v) => score([lever, ...others], [v[0], ...others.map((o) => current[options.levers.indexOf(o)])])));
    }
    const singleValues = singles.map((s, i) => options.levers.map((_, j) => (j === i ? s.best.values[0] : current[j])));
    let best = yield* score(options.levers, singleValues[0]);
    for (let i = 1; i < singleValues.length; i++) {
        const e = yield* score(options.levers, singleValues[i]);
        if (better(e, best, options)) best = e;
    }
    let step = 0.25;
    while (step >= COMPASS_MIN_STEP && evaluations < total * 4) {
        let improved = false;
        for (let i = 0; i < options.levers.length; i++) {
            for (const sign of [1, -1]) {
                const l = options.levers[i];
                const values = [...best.values];
                values[i] = clamp(values[i] + sign * step * (l.max - l.min), l);
                if (values[i] === best.values[i]) continue;
                const e = yield* score(options.levers, values);
                if (better(e, best, options)) {
                    best = e;
                    improved = true;
                }
            }
        }
        if (!improved) step /= 2;
    }
    const marginal: NonNullable<SolveResult['marginal']> = [];
    for (let i = 0; i < options.levers.length; i++) {
        const l = options.levers[i];
        const delta = 0.01 * (l.max - l.min);
        const values = [...best.values];
        values[i] = clamp(values[i] + delta, l);
        const e = values[i] === best.values[i] ? best : yield* score(options.levers, values);
        marginal.push({ lever: `${l.target}.${l.property}`, probability: lowest(e) - lowest(best), cost: e.cost - best.cost });
    }
    return {
        levers: options.levers,
        best,
        reached: meets(best, options.probability),
        singles: singles.map((s) => ({ ...s, evaluations: 0 })),
        marginal,
        evaluations,
    };
}

function clamp(v: number, l: Lever): number {
    return v < l.min ? l.min : v > l.max ? l.max : v;
}

/** One lever by bisection between the ends of its range (the direction read from the ends). */
function* solveOne(
    options: SolveOptions,
    lever: Lever,
    score: (levers: Lever[], values: number[]) => Stepwise<Evaluation>,
): Stepwise<Omit<SolveResult, 'evaluations'>> {
    const lo = yield* score([lever], [lever.min]);
    const hi = yield* score([lever], [lever.max]);
    const more = lowest(hi) >= lowest(lo);
    const direction = more ? 'more' : 'less';
    // `weak` is the end that helps least, `strong` the end that helps most.
    let weak = more ? lever.min : lever.max;
    let strong = more ? lever.max : lever.min;
    let weakE = more ? lo : hi;
    let strongE = more ? hi : lo;
    const ok = (e: Evaluation) => meets(e, options.probability);
    // The budget: cost is taken to be monotone in the lever, so the feasible values are one interval
    // reaching one end of the range; its edge is found by bisection and becomes that end.
    if (weakE.feasible !== strongE.feasible) {
        let inside = weakE.feasible ? weak : strong;
        let insideE = weakE.feasible ? weakE : strongE;
        let outside = weakE.feasible ? strong : weak;
        for (let i = 0; i < BISECTION_STEPS; i++) {
            const mid = (inside + outside) / 2;
            const e = yield* score([lever], [mid]);
            if (e.feasible) [inside, insideE] = [mid, e];
            else outside = mid;
        }
        if (weakE.feasible) [strong, strongE] = [inside, insideE];
        else [weak, weakE] = [inside, insideE];
    }
    if (ok(weakE)) return { levers: [lever], best: weakE, reached: true, direction };
    if (!ok(strongE)) return { levers: [lever], best: better(strongE, weakE, options) ? strongE : weakE, reached: false, direction };
    let bestE = strongE;
    for (let i = 0; i < BISECTION_STEPS; i++) {
        const mid = (weak + strong) / 2;
        const e = yield* score([lever], [mid]);
        if (ok(e)) {
            strong = mid;
            bestE = e;
        } else weak = mid;
    }
    return { levers: [lever], best: bestE, reached: true, direction };
}
