// What a row of actuals can say about a week: the canonical measures of the documented layout
// (docs/calibration.md). A measure is a stock (a level at the end of the day or week: members,
// active members) or a flow (a count or amount during it: joins, leaves, buyers, revenue, spend).
// Daily rows roll up to plan weeks by the last value of a stock and the sum of a flow; active
// members roll up by their largest day (a daily count cannot give a weekly one exactly: the
// largest day is a lower bound of the week's active members, which the docs state).

export type MeasureKind = 'stock' | 'flow' | 'peak';

export interface MeasureDef {
    readonly kind: MeasureKind;
    /** May be split by tier (`members:Core` in a wide file, or a `tier` column in a long one). */
    readonly perTier: boolean;
    /** Money rather than people. */
    readonly money: boolean;
}

export const MEASURES = {
    members: { kind: 'stock', perTier: true, money: false },
    joins: { kind: 'flow', perTier: true, money: false },
    leaves: { kind: 'flow', perTier: true, money: false },
    active: { kind: 'peak', perTier: true, money: false },
    participants: { kind: 'flow', perTier: false, money: false },
    buyers: { kind: 'flow', perTier: true, money: false },
    revenue: { kind: 'flow', perTier: false, money: true },
    'referral-joins': { kind: 'flow', perTier: false, money: false },
    spend: { kind: 'flow', perTier: false, money: true },
} as const satisfies Record<string, MeasureDef>;

export type Measure = keyof typeof MEASURES;

/** Columns that place a row in time or in a tier rather than measure something. */
export const KEY_COLUMNS = ['week', 'date', 'tier', 'community'] as const;
export type KeyColumn = (typeof KEY_COLUMNS)[number];

/** A column of the canonical layout: a key, or a measure with an optional qualifier (tier or, for spend, channel). */
export type Column = { key: KeyColumn } | { measure: Measure; qualifier?: string };

/** Parses a canonical column name: `week`, `members`, `members:Core`, `spend:DouyinAds`. */
export function canonicalColumn(name: string): Column | undefined {
    const n = name.trim().toLowerCase();
    if ((KEY_COLUMNS as readonly string[]).includes(n)) return { key: n as KeyColumn };
    const colon = name.indexOf(':');
    const head = (colon >= 0 ? name.slice(0, colon) : name).trim().toLowerCase();
    if (!(head in MEASURES)) return undefined;
    const qualifier = colon >= 0 ? name.slice(colon + 1).trim() : undefined;
    if (qualifier === '') return undefined;
    const def: MeasureDef = MEASURES[head as Measure];
    if (qualifier !== undefined && !def.perTier && head !== 'spend') return undefined;
    return { measure: head as Measure, qualifier };
}

/** Series key of a measure: `members`, `members:Core`, `spend:DouyinAds`. */
export function seriesKey(measure: Measure, qualifier?: string): string {
    return qualifier === undefined ? measure : `${measure}:${qualifier}`;
}

export const CANONICAL_NAMES: string[] = [
    ...KEY_COLUMNS,
    ...Object.keys(MEASURES).map((m) => (MEASURES[m as Measure].perTier ? `${m}[:tier]` : m === 'spend' ? 'spend:channel' : m)),
];
