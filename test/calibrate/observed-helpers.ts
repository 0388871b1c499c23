// Plans and observed weeks shared by the observed-start suites (in-process and on the worker pool).
import { Assumptions } from '../../engine/assumptions.js';
import { compileCommunity } from '../../engine/compile.js';
import type { Community, Plan } from '../../engine/model.js';
import type { ObservedWeeks } from '../../engine/observed-start.js';
import { community, fixed, plan, rate, tier } from '../engine/helpers.js';

export const H = 26;

/** Observed weeks from plain arrays (NaN after the given values). */
export function weeks(values: Record<string, number[]>): ObservedWeeks {
    return new Map(Object.entries(values).map(([k, v]) => [k, Float64Array.from({ length: H }, (_, w) => (w < v.length ? v[w] : NaN))]));
}

export function compiled(p: Plan) {
    return compileCommunity(p, p.communities[0], new Assumptions(p.assumptions));
}

export const oneTier = (extra: Partial<Community> = {}) =>
    plan([community({ name: 'C', tiers: [tier('Members', { seed: fixed(1000), churn: rate(0.1, 'week') })], ...extra })]);
