// Exact conversion of the plan's rates to the simulation's weekly step.
//
// A share per period (churn, promotion, demotion, purchase, activity, invitation conversion) is a
// probability over that period. Assuming a constant hazard inside the period, the weekly
// probability that gives the same survival is p_week = 1 − (1 − p)^(1 / weeksPer), where weeksPer
// comes from WEEKS_PER (a month is 52/12 weeks, a year 52). Counts per period (invitations, spend)
// scale linearly. The Bass coefficients p and q are continuous-time hazard coefficients and also
// scale linearly (see docs/forecast-model.md).
import type { Period, Rate } from './model.js';
import { WEEKS_PER } from './periods.js';

/** Weekly probability equivalent to probability `p` per `per`. */
export function weeklyProbability(p: number, per: Period): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return 1;
    const weeksPer = WEEKS_PER[per];
    if (weeksPer === 1) return p;
    return 1 - Math.pow(1 - p, 1 / weeksPer);
}

/** Probability over `per` equivalent to weekly probability `pw` (the inverse of weeklyProbability). */
export function probabilityPer(pw: number, per: Period): number {
    if (!(pw > 0)) return 0;
    if (pw >= 1) return 1;
    const weeksPer = WEEKS_PER[per];
    if (weeksPer === 1) return pw;
    return 1 - Math.pow(1 - pw, weeksPer);
}

/** A count or amount per `per` expressed per week (linear). */
export function weeklyAmount(amount: number, per: Period): number {
    return amount / WEEKS_PER[per];
}

/** Reads a period word ("month", "monthly", "months") or undefined when it is not a period. */
export function parsePeriod(word: string | undefined): Period | undefined {
    if (!word) return undefined;
    const w = word.toLowerCase();
    if (w === 'day' || w === 'days' || w === 'daily') return 'day';
    if (w === 'week' || w === 'weeks' || w === 'weekly') return 'week';
    if (w === 'month' || w === 'months' || w === 'monthly') return 'month';
    if (w === 'year' || w === 'years' || w === 'yearly' || w === 'annually') return 'year';
    return undefined;
}

/** The weekly probability of a sampled rate value. */
export function weeklyRate(value: number, rate: Rate): number {
    return weeklyProbability(value, rate.per);
}
