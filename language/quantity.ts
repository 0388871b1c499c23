// Reads a Quantity from the AST into a number with a unit class, a period and uncertainty.
// Shared by validation (unit checks), lowering (plan model) and hovers/inlay hints.
import type { Dist, Period } from '../engine/model.js';
import type { Amount, Quantity } from './generated/ast.js';

export type UnitClass = 'percent' | 'money' | 'duration' | 'points' | 'count' | 'plain';

export interface Measured {
    dist: Dist;
    /** The central value (mode or midpoint), in canonical units. */
    center: number;
    unitClass: UnitClass;
    /** The unit as written: "%", "CNY", "days", "members", … */
    unit?: string;
    /** Everything after "per": ["member", "month"]; adverbs become periods (weekly → week). */
    per: string[];
    /** The time period among `per`, if any. */
    period?: Period;
}

const DURATION_DAYS: Record<string, number> = {
    minute: 1 / 1440,
    minutes: 1 / 1440,
    hour: 1 / 24,
    hours: 1 / 24,
    day: 1,
    days: 1,
    week: 7,
    weeks: 7,
    month: 364 / 12,
    months: 364 / 12,
    year: 364,
    years: 364,
};

const PERIOD_OF: Record<string, Period> = {
    day: 'day',
    daily: 'day',
    week: 'week',
    weekly: 'week',
    month: 'month',
    monthly: 'month',
    year: 'year',
    yearly: 'year',
};

/** ISO 4217 codes a plan is likely to use; any other 3-letter upper-case unit is still read as money. */
export const KNOWN_CURRENCIES = ['CNY', 'RMB', 'USD', 'EUR', 'GBP', 'JPY', 'HKD', 'TWD', 'SGD', 'KRW', 'AUD', 'CAD'] as const;

/**
 * Other ways people write a currency: RMB, 元, 块, ¥ and ￥ are Chinese yuan (CNY); the Chinese names
 * of the other currencies above (美元, 港币, 欧元 …) are theirs, so `1万美元` in a CNY plan is a
 * currency mismatch, not 10,000 yuan with a warning.
 */
const CURRENCY_ALIASES: Record<string, string> = {
    RMB: 'CNY',
    元: 'CNY',
    块: 'CNY',
    '¥': 'CNY',
    '￥': 'CNY',
    人民币: 'CNY',
    美元: 'USD',
    美金: 'USD',
    欧元: 'EUR',
    英镑: 'GBP',
    日元: 'JPY',
    港币: 'HKD',
    港元: 'HKD',
    新台币: 'TWD',
    新加坡元: 'SGD',
    新元: 'SGD',
    韩元: 'KRW',
    澳元: 'AUD',
    加元: 'CAD',
};

/**
 * Chinese number words written as a unit: 30万 is 300,000 and 30万元 is 300,000 CNY (万 = 10⁴,
 * 亿 = 10⁸). The scale applies to the number; what is left is the unit (none, or the currency).
 */
const SCALED_UNITS: Record<string, { scale: number; unit: string | undefined }> = {
    万: { scale: 1e4, unit: undefined },
    亿: { scale: 1e8, unit: undefined },
    万元: { scale: 1e4, unit: 'CNY' },
    亿元: { scale: 1e8, unit: 'CNY' },
    千: { scale: 1e3, unit: undefined },
    千元: { scale: 1e3, unit: 'CNY' },
};

/**
 * Units a count may carry. Any other word after a number (30万粉丝, 5 posts) is not read as a count
 * of something: it is an `unknown-unit` diagnostic (language/validation/values.ts).
 */
export const COUNT_UNITS: readonly string[] = ['people', 'members'];

/** Every unit word a number may carry, for "did you mean" on an unknown one. */
export const KNOWN_UNITS: readonly string[] = [
    '%',
    'points',
    ...COUNT_UNITS,
    ...Object.keys(DURATION_DAYS),
    ...KNOWN_CURRENCIES,
    ...Object.keys(CURRENCY_ALIASES),
];

/** Whether a written unit is one the checker knows (a currency code counts: any 3 capitals). */
export function isKnownUnit(written: string | undefined): boolean {
    if (written === undefined) return true;
    const unit = baseUnit(written);
    return unit === undefined || unitClassOf(written) !== 'count' || COUNT_UNITS.includes(unit);
}

/** The factor a written unit applies to its number (1 for ordinary units). */
export function unitScale(unit: string | undefined): number {
    return unit !== undefined && unit in SCALED_UNITS ? SCALED_UNITS[unit].scale : 1;
}

/** The unit a written unit stands for once its scale is applied (万 → none, 万元 → CNY). */
export function baseUnit(unit: string | undefined): string | undefined {
    return unit !== undefined && unit in SCALED_UNITS ? SCALED_UNITS[unit].unit : unit;
}

/** The ISO code a money unit stands for (RMB and 元 → CNY). */
export function currencyOf(unit: string | undefined): string | undefined {
    return unit === undefined ? undefined : (CURRENCY_ALIASES[unit] ?? unit);
}

export function unitClassOf(written: string | undefined): UnitClass {
    const unit = baseUnit(written);
    if (unit === undefined) return 'plain';
    if (unit in CURRENCY_ALIASES) return 'money';
    if (unit === '%') return 'percent';
    if (unit === 'points') return 'points';
    if (unit in DURATION_DAYS) return 'duration';
    if (/^[A-Z]{3}$/.test(unit)) return 'money';
    return 'count';
}

/**
 * Whether every part of a quantity was parsed. Validation runs on files with syntax errors too, where
 * a number can be cut short; such a quantity is left to the syntax error.
 */
export function isComplete(q: Quantity | undefined): q is Quantity {
    if (!q || !amountComplete(q.low)) return false;
    // Validation calls this for every number: no intermediate arrays.
    if (q.high !== undefined && !amountComplete(q.high)) return false;
    if (q.likely !== undefined && !amountComplete(q.likely)) return false;
    for (const s of q.spreads) if (!amountComplete(s)) return false;
    for (const p of q.pers) if (p === undefined || p.unit === undefined) return false;
    return true;
}

function amountComplete(a: Amount | undefined): boolean {
    return a !== undefined && typeof a.value === 'number';
}

export function amountValue(a: Amount): number {
    const v = (a.negative ? -a.value : a.value) * unitScale(a.unit);
    return a.unit === '%' ? v / 100 : v;
}

/** The unit that governs a quantity: the first one written among low, high, likely and spreads. */
export function quantityUnit(q: Quantity): string | undefined {
    const written = q.low.unit ?? q.high?.unit ?? q.likely?.unit ?? q.spreads.find((s) => s.unit)?.unit;
    return baseUnit(written);
}

function raw(a: Amount): number {
    return (a.negative ? -a.value : a.value) * unitScale(a.unit);
}

/**
 * Each quantity node's reading, made once: lowering, the value checks, the domain checks, hovers and
 * inlay hints all read the same numbers, and a syntax tree never changes after parsing (an edit
 * builds a new one). Frozen, because every reader shares it.
 */
const readings = new WeakMap<Quantity, Measured>();

export function readQuantity(q: Quantity): Measured {
    let m = readings.get(q);
    if (m === undefined) readings.set(q, (m = interned(measure(q))));
    return m;
}

/**
 * One reading object per distinct reading. A plan writes the same few values again and again (the
 * generated 5 MB plan: ~104,000 quantities, a few hundred distinct readings): each reading is four
 * frozen objects (~150 bytes) that would otherwise stay alive beside the syntax tree. Readings are
 * frozen and nothing compares them by identity, so sharing one changes nothing a reader sees; the
 * key is every field of the reading (center, unit class and period follow from the others).
 */
const distinct = new Map<string, Measured>();
/** A long session writes many values; past this many the table starts afresh (readings already handed out stay valid). */
const DISTINCT_MAX = 20_000;

function interned(m: Measured): Measured {
    const d = m.dist;
    const numbers = d.kind === 'fixed' ? [d.value] : d.kind === 'uniform' ? [d.min, d.max] : [d.min, d.mode, d.max];
    // String(-0) is "0": a negative zero keeps its own reading rather than share a positive one.
    if (numbers.some((n) => Object.is(n, -0))) return m;
    const key = `${d.kind}\u0000${numbers.join('\u0000')}\u0000${m.unit === undefined ? '\u0001' : m.unit}\u0000${m.per.join('\u0000')}`;
    const seen = distinct.get(key);
    if (seen) return seen;
    if (distinct.size >= DISTINCT_MAX) distinct.clear();
    distinct.set(key, m);
    return m;
}

function measure(q: Quantity): Measured {
    const unit = quantityUnit(q);
    // Arithmetic happens in written units (12% ± 4% → 8..16) and is scaled once, so 0.08 stays 0.08.
    // A bare number beside a percent reads as a percent too: "12% ± 4" means ± 4 %.
    const k = unit === '%' ? 100 : 1;
    const low = raw(q.low);
    let dist: Dist;
    if (q.high) {
        const high = raw(q.high);
        dist = q.likely ? { kind: 'triangular', min: low / k, mode: raw(q.likely) / k, max: high / k } : { kind: 'uniform', min: low / k, max: high / k };
    } else if (q.spreads.length > 0) {
        const s = Math.abs(raw(q.spreads[q.spreads.length - 1]));
        dist = s === 0 ? { kind: 'fixed', value: low / k } : { kind: 'triangular', min: (low - s) / k, mode: low / k, max: (low + s) / k };
    } else {
        dist = { kind: 'fixed', value: low / k };
    }
    const per: string[] = [];
    let period: Period | undefined;
    for (const p of q.pers) {
        const word = PERIOD_OF[p.unit] ?? p.unit;
        per.push(word);
        // The last time period written governs.
        period = PERIOD_OF[word] ?? period;
    }
    Object.freeze(dist);
    Object.freeze(per);
    return Object.freeze({ dist, center: distCenter(dist), unitClass: unitClassOf(unit), unit, per, period });
}

export function distCenter(d: Dist): number {
    switch (d.kind) {
        case 'fixed':
            return d.value;
        case 'uniform':
            return (d.min + d.max) / 2;
        case 'triangular':
            return d.mode;
    }
}

export function distMin(d: Dist): number {
    return d.kind === 'fixed' ? d.value : d.min;
}

export function distMax(d: Dist): number {
    return d.kind === 'fixed' ? d.value : d.max;
}

/** Scales every number of a distribution (e.g. hours → minutes). */
export function scaleDist(d: Dist, k: number): Dist {
    switch (d.kind) {
        case 'fixed':
            return { kind: 'fixed', value: d.value * k };
        case 'uniform':
            return { kind: 'uniform', min: d.min * k, max: d.max * k };
        case 'triangular':
            return { kind: 'triangular', min: d.min * k, mode: d.mode * k, max: d.max * k };
    }
}

/** A duration quantity in days (3 hours → 0.125); undefined when it is not a duration. */
export function durationDays(m: Measured): number | undefined {
    if (m.unitClass !== 'duration' || m.unit === undefined) return undefined;
    return m.center * DURATION_DAYS[m.unit];
}

export function isPeriodUnit(word: string): boolean {
    return word in PERIOD_OF;
}
