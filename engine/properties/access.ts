// How a property of an item is read, overridden by a scenario and scaled by the sensitivity analysis,
// by the shape of its value in the plan model: a distribution, a rate (a distribution per period) or a
// plain number (read at its centre). The registry (registry.ts) picks one per property; a property
// whose override needs more (a fee's period, a spend without one, posts per week) writes its own.
import type { Dist, Period, Plan, Rate } from '../model.js';
import { distCentre, scaleDist } from '../random.js';
import { WEEKS_PER } from '../periods.js';
import { parsePeriod } from '../rates.js';

/** What went wrong, for the checker's coded diagnostic (language/validation/scenarios.ts). */
export interface ScenarioProblem {
    kind: 'unknown-scenario' | 'unknown-property' | 'needs-period' | 'unknown-target' | 'unknown-drop' | 'ambiguous-target';
    /** Index of the override (or drop) in the scenario's list. */
    index?: number;
    params: Record<string, string>;
}

export class ScenarioError extends Error {
    constructor(
        message: string,
        readonly problem?: ScenarioProblem,
    ) {
        super(message);
        this.name = 'ScenarioError';
    }
}

export type OverrideValue = Plan['scenarios'][number]['overrides'][number];

/** A property's value as written: its distribution (undefined when the plan leaves it out) and period. */
export interface Reading {
    dist?: Dist;
    per?: string;
}

/** Reading, writing and scaling one property of items of type I. */
export interface Access<I> {
    /** The value as the plan writes it (solve's starting point, the sensitivity's base). */
    read(item: I, plan: Plan): Reading;
    /** A scenario's `Item.property = value` (`where` names it in messages). */
    write(item: I, o: OverrideValue, where: string): void;
    /** The whole distribution scaled by k (sensitivity: 80 % and 120 %); needed by a property with `tune`. */
    scale?(item: I, k: number): void;
}

/** A rate override keeps the period of the value it replaces when it writes none. */
export function rateOf(o: OverrideValue, existing: Rate | undefined, what: string): Rate {
    const per = parsePeriod(o.per) ?? existing?.per;
    if (!per)
        throw new ScenarioError(`${what} is a rate: the override needs a period (e.g. "per month").`, { kind: 'needs-period', params: { property: what } });
    return { value: o.value, per };
}

/** `5 per week`, `20 per month`: posts per week (a cadence needs its period). */
export function postsPerWeek(o: OverrideValue, what: string): number {
    const per = parsePeriod(o.per);
    if (!per)
        throw new ScenarioError(`${what} is a cadence: the override needs a period (e.g. "5 per week").`, { kind: 'needs-period', params: { property: what } });
    return Math.max(0, distCentre(o.value)) / WEEKS_PER[per];
}

export function weeksFrom(value: number, unit: string | undefined): number {
    const per: Period = parsePeriod(unit) ?? 'week';
    return Math.max(1, Math.round(value * WEEKS_PER[per]));
}

export function daysFrom(value: number, unit: string | undefined): number {
    const per = parsePeriod(unit) ?? 'day';
    return value * WEEKS_PER[per] * 7;
}

/** A distribution on the item, replaced whole by an override. */
export function distAccess<I>(get: (item: I) => Dist | undefined, set: (item: I, d: Dist) => void): Access<I> {
    return {
        read: (item) => ({ dist: get(item) }),
        write: (item, o) => set(item, o.value),
        scale: (item, k) => set(item, scaleDist(get(item)!, k)),
    };
}

/** A rate on the item: an override without a period keeps the one it replaces. */
export function rateAccess<I>(get: (item: I) => Rate | undefined, set: (item: I, r: Rate) => void): Access<I> {
    return {
        read: (item) => ({ dist: get(item)?.value, per: get(item)?.per }),
        write: (item, o, where) => set(item, rateOf(o, get(item), where)),
        scale: (item, k) => set(item, { ...get(item)!, value: scaleDist(get(item)!.value, k) }),
    };
}

/** A plain number on the item: an override sets the centre of what it writes. */
export function numberAccess<I>(get: (item: I) => number | undefined, set: (item: I, n: number) => void, per?: string): Access<I> {
    return {
        read: (item) => {
            const n = get(item);
            return { dist: n !== undefined ? { kind: 'fixed', value: n } : undefined, ...(per ? { per } : {}) };
        },
        write: (item, o) => set(item, distCentre(o.value)),
        scale: (item, k) => set(item, get(item)! * k),
    };
}
