// Default coefficients of the forecast model. Each one is a modelling choice or a practitioner
// figure (confidence noted), never a law of nature, so a plan can override any of them with
// `assume KEY VALUE` (they arrive in plan.assumptions as numbers in canonical units: percents as
// fractions). The language server uses this table for completion, hover and validation.
// docs/forecast-model.md explains how each coefficient enters the weekly step.
// The per-platform-kind fatigue thresholds come from engine/platforms.ts (PLATFORM_KINDS).
import { PLATFORM_KINDS } from './platforms.js';

export type AssumptionUnit = 'fraction' | 'fraction per week' | 'posts per week' | 'exponent' | 'money per hour' | 'weeks';

export interface AssumptionDef {
    readonly key: string;
    readonly default: number;
    readonly unit: AssumptionUnit;
    readonly min: number;
    readonly max: number;
    readonly description: string;
    /** Where the default comes from and how much to trust it. */
    readonly basis: string;
}

/** Prefix of the per-platform-kind fatigue thresholds, e.g. `fatigue-threshold-wechat-group`. */
export const FATIGUE_THRESHOLD_PREFIX = 'fatigue-threshold-';

const table: readonly AssumptionDef[] = [
    {
        key: 'promo-share-threshold',
        default: 0.3,
        unit: 'fraction',
        min: 0,
        max: 1,
        description: 'Share of promotional posts (kinds promotional, product) a tier receives in a week above which churn rises.',
        basis: 'Modelling choice after the failed retail group in the domain brief (promotions only, no interaction → high churn); weak.',
    },
    {
        key: 'promo-churn-uplift',
        default: 0.03,
        unit: 'fraction per week',
        min: 0,
        max: 1,
        description: 'Weekly churn added at a 100 % promotional share; scales linearly from 0 at the threshold.',
        basis: 'Modelling choice (≈ 12 % extra monthly churn for a promotions-only group); weak, widen with assume.',
    },
    {
        key: 'fatigue-threshold',
        default: 14,
        unit: 'posts per week',
        min: 0,
        max: 1000,
        description: 'Posts per week on one platform a member tolerates before fatigue churn starts (platform kinds without their own threshold).',
        basis: 'HubSpot/Facebook: engagement per post drops steeply above ~2 posts a day; secondary.',
    },
    // One `fatigue-threshold-<kind>` per platform kind, from engine/platforms.ts (the one table).
    ...Object.entries(PLATFORM_KINDS).map(
        ([kind, def]): AssumptionDef => ({
            key: FATIGUE_THRESHOLD_PREFIX + kind,
            default: def.fatiguePostsPerWeek,
            unit: 'posts per week',
            min: 0,
            max: 1000,
            description: `Fatigue threshold for ${def.label}.`,
            basis: def.fatigueBasis,
        }),
    ),
    {
        key: 'fatigue-churn',
        default: 0.002,
        unit: 'fraction per week',
        min: 0,
        max: 1,
        description: 'β: weekly churn added per post per week above the fatigue threshold (h = h0 + β·max(0, posts − θ)).',
        basis: 'Domain brief §2 fatigue model; coefficient is a modelling choice; weak.',
    },
    {
        key: 'content-activity-lift',
        default: 0.02,
        unit: 'fraction',
        min: 0,
        max: 1,
        description: 'Points of weekly active rate added by the first valuable post (educational, ugc, tips, case-study, story, interaction) a tier gets in a week.',
        basis: 'Modelling choice; weak.',
    },
    {
        key: 'post-reach-decay',
        default: 0.6,
        unit: 'fraction',
        min: 0,
        max: 0.99,
        description: 'd: the k-th valuable post in a week counts d^(k−1) of the first, so the lift saturates at lift/(1 − d).',
        basis: 'Domain brief §2: r_k = r_1·d^(k−1), d ≈ 0.4–0.7; secondary.',
    },
    {
        key: 'paid-saturation',
        default: 1,
        unit: 'exponent',
        min: 0,
        max: 10,
        description: 'γ: paid joins per week = spend / cost per join × (remaining pool / audience)^γ; 0 turns diminishing returns off.',
        basis: 'Modelling choice (ads reach the audience at random; people already reached cannot join again).',
    },
    {
        key: 'activity-reach',
        default: 0.2,
        unit: 'fraction',
        min: 0,
        max: 1,
        description: 'Share of the targeted tiers taking part in an activity run when the activity declares no reach.',
        basis: 'Modelling choice; weak.',
    },
    {
        key: 'staff-hour-cost',
        default: 0,
        unit: 'money per hour',
        min: 0,
        max: 1e6,
        description: 'Cost of one staff hour at offline activities (staff × duration); 0 leaves staff out of the cost.',
        basis: 'Plan-specific; set it to price staff time.',
    },
    {
        key: 'kpi-rate-window',
        default: 4,
        unit: 'weeks',
        min: 1,
        max: 52,
        description: 'Weeks before a KPI deadline over which churn and conversion rates are measured.',
        basis: 'Modelling choice to smooth weekly noise.',
    },
];

/** The documented table of model coefficients, by key. */
export const ASSUMPTIONS: Readonly<Record<string, AssumptionDef>> = Object.freeze(Object.fromEntries(table.map((d) => [d.key, d])));

/** All known keys, for completion. */
export const ASSUMPTION_KEYS: readonly string[] = table.map((d) => d.key);

/** The definition of a key; any `fatigue-threshold-<kind>` is valid and inherits `fatigue-threshold`'s range. */
export function assumptionDef(key: string): AssumptionDef | undefined {
    const known = ASSUMPTIONS[key];
    if (known) return known;
    if (key.startsWith(FATIGUE_THRESHOLD_PREFIX) && key.length > FATIGUE_THRESHOLD_PREFIX.length) {
        const base = ASSUMPTIONS['fatigue-threshold'];
        return { ...base, key, description: `Fatigue threshold for platforms of kind "${key.slice(FATIGUE_THRESHOLD_PREFIX.length)}".` };
    }
    return undefined;
}

export function isKnownAssumption(key: string): boolean {
    return assumptionDef(key) !== undefined;
}

/** Why an override is unusable, or undefined when it is fine. */
export function checkAssumption(key: string, value: number): string | undefined {
    const def = assumptionDef(key);
    if (!def) return `unknown model assumption "${key}"`;
    if (!Number.isFinite(value) || value < def.min || value > def.max) return `"${key}" must be between ${def.min} and ${def.max} (${def.unit}), but is ${value}`;
    return undefined;
}

/** Effective coefficients: defaults with the plan's overrides applied. */
export class Assumptions {
    private readonly values: Map<string, number>;
    /** Overrides that were ignored, with the reason. */
    readonly problems: string[] = [];

    constructor(overrides: Readonly<Record<string, number>> = {}) {
        this.values = new Map(table.map((d) => [d.key, d.default]));
        for (const [key, value] of Object.entries(overrides)) {
            const problem = checkAssumption(key, value);
            if (problem) this.problems.push(problem);
            else this.values.set(key, value);
        }
    }

    has(key: string): boolean {
        return this.values.has(key);
    }

    get(key: string): number {
        const v = this.values.get(key);
        if (v === undefined) throw new Error(`Unknown model assumption "${key}"`);
        return v;
    }

    /** The fatigue threshold for a platform kind (posts per week). */
    fatigueThreshold(kind: string | undefined): number {
        if (kind) {
            const v = this.values.get(FATIGUE_THRESHOLD_PREFIX + kind);
            if (v !== undefined) return v;
        }
        return this.get('fatigue-threshold');
    }

    /** Effective values of all keys in use (defaults plus overrides), sorted by key. */
    entries(): [string, number][] {
        return [...this.values.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    }
}

/** Content kinds that lift activity (valuable content). */
export const VALUABLE_CONTENT_KINDS: ReadonlySet<string> = new Set(['educational', 'ugc', 'tips', 'case-study', 'story', 'interaction']);
/** Content kinds that count as promotional. */
export const PROMOTIONAL_CONTENT_KINDS: ReadonlySet<string> = new Set(['promotional', 'product']);
