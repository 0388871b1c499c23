// What kind of number each property takes: unit classes, period, range and the words messages use.
// The value checks (language/validation/values.ts) read these through the property registry
// (engine/properties/registry.ts), so a property's expected value is written once, beside it.

/** Unit classes of a written number (language/quantity.ts reads a number's class from its unit). */
export type ValueClass = 'percent' | 'money' | 'duration' | 'points' | 'count' | 'plain';

export interface ValueSpec {
    /** Unit classes accepted; 'plain' numbers are accepted wherever 'count' is. */
    classes: ValueClass[];
    period: 'required' | 'optional' | 'forbidden';
    min?: number;
    max?: number;
    /** The value must be strictly above min. */
    above?: boolean;
    /** Durations: the longest allowed, in days, and how to say it ([English, Chinese]). */
    maxDays?: { days: number; words: [string, string] };
    /** `max` is per month and scales with the period written (Bass p and q: 1 per month = 12 per year). */
    maxPerMonth?: boolean;
    /** Words for messages: English, Chinese. */
    expected: [string, string];
}

/** The longest horizon: schedules and the forecast work week by week over the whole horizon. */
export const MAX_HORIZON_WEEKS = 520;

export const percentRate: ValueSpec = {
    classes: ['percent'],
    period: 'required',
    min: 0,
    max: 1,
    expected: ['a percentage per period (e.g. 12% per month)', '每周期百分比（如 12% per month）'],
};
export const share: ValueSpec = { classes: ['percent'], period: 'forbidden', min: 0, max: 1, expected: ['a percentage (e.g. 40%)', '百分比（如 40%）'] };
export const money: ValueSpec = { classes: ['money'], period: 'optional', min: 0, max: 1e12, expected: ['money (e.g. 300 CNY)', '金额（如 300 CNY）'] };
export const moneyOnce: ValueSpec = { ...money, period: 'forbidden' };
// No community has more people than the world; larger numbers are typos that would overflow the forecast.
export const count: ValueSpec = { classes: ['count', 'plain'], period: 'forbidden', min: 0, max: 1e10, expected: ['a count (e.g. 500)', '数量（如 500）'] };
export const positiveCount: ValueSpec = { ...count, above: true, expected: ['a count above 0', '大于 0 的数量'] };
export const duration: ValueSpec = {
    classes: ['duration'],
    period: 'forbidden',
    min: 0,
    above: true,
    expected: ['a duration (e.g. 7 days)', '时长（如 7 days）'],
};
// At most the longest horizon: longer ones overflowed dates and buffers further down.
export const withinHorizon: ValueSpec = {
    ...duration,
    maxDays: { days: MAX_HORIZON_WEEKS * 7, words: [`above 0 and at most ${MAX_HORIZON_WEEKS} weeks`, `大于 0 且不超过 ${MAX_HORIZON_WEEKS} 周`] },
};
export const horizon: ValueSpec = {
    ...duration,
    maxDays: {
        days: MAX_HORIZON_WEEKS * 7,
        words: [`above 0 and at most ${MAX_HORIZON_WEEKS} weeks (10 years)`, `大于 0 且不超过 ${MAX_HORIZON_WEEKS} 周（10 年）`],
    },
    expected: ['a duration (e.g. 26 weeks)', '时长（如 26 weeks）'],
};
export const liftPoints: ValueSpec = {
    classes: ['points', 'percent'],
    period: 'forbidden',
    min: 0,
    max: 100,
    expected: ['percentage points (e.g. 2 points)', '百分点（如 2 points）'],
};
export const bassRate = (example: string, zh: string): ValueSpec => ({
    classes: ['plain', 'percent'],
    period: 'required',
    min: 0,
    max: 1,
    maxPerMonth: true,
    expected: [`a rate per period (e.g. ${example})`, `每周期比率（如 ${zh}）`],
});

/**
 * The kind of plan-model value a property lowers to: its zod type and canonical unit (engine/model.ts)
 * and how language/lower.ts reads it from the quantity (or list) the plan writes:
 *   - `dist`: a distribution in canonical units (percents as fractions, money in the plan currency);
 *   - `number`: a plain number, the quantity's centre;
 *   - `perWeek`: a count per period as a count per week, at its centre, never negative (no period: per week);
 *   - `rate`: a distribution per period (no period: per month);
 *   - `weeklyRate`: the same, no period read as per week (a tier's `active 25%`);
 *   - `lifts`: percentage points by metric (`lift retention 2 points`, `2%` alike), as fractions.
 */
export type ModelValue = 'dist' | 'number' | 'perWeek' | 'rate' | 'weeklyRate' | 'lifts';

/** Plan-model fields by name and the kind of value each holds, in the model's order. */
export type FieldTable = Readonly<Record<string, ModelValue>>;
