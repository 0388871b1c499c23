// Default coefficients of the forecast model. Each one is a modelling choice or a practitioner
// figure (confidence noted), never a law of nature, so a plan can override any of them with
// `assume KEY VALUE` (they arrive in plan.assumptions as numbers in canonical units: percents as
// fractions). The language server uses this table for completion, hover and validation.
// docs/forecast-model.md explains how each coefficient enters the weekly step.
// The per-platform-kind fatigue thresholds come from engine/platforms.ts (PLATFORM_KINDS).
import { CONTENT_EFFECTS } from './content-effects.js';
import { PLATFORM_KINDS } from './platforms.js';
import { JOIN_RATE_PREFIX, PUBLIC_REACH, REACH_PER_POST_PREFIX } from './public-reach.js';

export type AssumptionUnit = 'fraction' | 'fraction per week' | 'posts per week' | 'exponent' | 'money per hour' | 'weeks' | 'ratio' | 'views per post';

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
    ...Object.entries(PLATFORM_KINDS).map(([kind, def]): AssumptionDef => ({
        key: FATIGUE_THRESHOLD_PREFIX + kind,
        default: def.fatiguePostsPerWeek,
        unit: 'posts per week',
        min: 0,
        max: 1000,
        description: `Fatigue threshold for ${def.label}.`,
        basis: def.fatigueBasis,
    })),
    // Views per post and join rate of each public platform kind, from engine/public-reach.ts.
    ...Object.entries(PUBLIC_REACH).flatMap(([kind, def]): AssumptionDef[] => [
        {
            key: REACH_PER_POST_PREFIX + kind,
            default: def.reach.mode,
            unit: 'views per post',
            min: 0,
            max: 1e9,
            description: `Most likely views of one post on ${kind} (the range keeps its relative spread: ${def.reach.min}–${def.reach.max} at the default).`,
            basis: def.basis,
        },
        {
            key: JOIN_RATE_PREFIX + kind,
            default: def.joinRate.mode,
            unit: 'fraction',
            min: 0,
            max: 1,
            description: `Most likely share of the viewers of a post on ${kind} who join the community (${def.joinRate.min * 100}–${def.joinRate.max * 100} % at the default).`,
            basis: def.basis,
        },
    ]),
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
        description:
            "Points of weekly active rate added by the first post a tier gets in a week, times the kind's activity weight (1 for educational, tips, case-study, story; 1.2 ugc, interaction; 1.5 livestream; 0.5 news and other kinds; 0.2–0.3 promotional, product).",
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
        key: 'active-churn-ratio',
        default: 0.4,
        unit: 'ratio',
        min: 0,
        max: 1,
        description:
            "r: churn of an active member relative to an inactive one. A tier's stated churn holds at its stated active rate a0; at active rate a it is churn × (r·a + 1 − a) / (r·a0 + 1 − a0). 1 turns engagement → retention off.",
        basis: 'Modelling choice after the domain brief §6 (low activity → high churn); engaged users churn markedly less in product analytics; weak.',
    },
    {
        key: 'content-buy-lift',
        default: 0.003,
        unit: 'fraction',
        min: 0,
        max: 1,
        description:
            "Points of weekly purchase probability added by the first selling post a tier gets in a week, times the kind's buy weight (1 promotional, 0.8 product, 1.5 livestream, 0.2 case-study); saturates like the activity lift.",
        basis: 'Modelling choice after the domain brief §6 (a flash sale in WeChat groups +30 % orders; a livestream +20 % online sales); weak.',
    },
    {
        key: 'content-wom-lift',
        default: 0.05,
        unit: 'fraction',
        min: 0,
        max: 10,
        description:
            "Relative increase of word of mouth (Bass imitation q and referral invitations) from the first shareable post of the week, times the kind's word-of-mouth weight; saturates like the activity lift.",
        basis: 'Modelling choice (shareable content gives members something to pass on); weak.',
    },
    {
        key: 'coupon-redemption',
        default: 0.3,
        unit: 'fraction',
        min: 0,
        max: 1,
        description: 'Share of coupons given as rewards or incentives that are redeemed; a coupon costs its face value × this share.',
        basis: 'Modelling choice (coupons cost only when used); weak — take your own redemption rate from past campaigns.',
    },
    {
        key: 'coupon-worth',
        default: 0.5,
        unit: 'ratio',
        min: 0,
        max: 1,
        description:
            'What a coupon is worth to its receiver per unit of face value (it must be spent with you), for the effect of a changed reward on conversion.',
        basis: 'Modelling choice; weak.',
    },
    {
        key: 'point-value',
        default: 0.01,
        unit: 'ratio',
        min: 0,
        max: 100,
        description: 'Cash value of one point (积分) in the plan currency, when spent.',
        basis: 'Modelling choice (100 points = 1 CNY is a common exchange rate in Chinese loyalty programmes); set your own.',
    },
    {
        key: 'points-redemption',
        default: 0.5,
        unit: 'fraction',
        min: 0,
        max: 1,
        description: 'Share of points given that are ever spent; points cost their cash value × this share.',
        basis: "Modelling choice (much of a loyalty programme's points are never redeemed); weak.",
    },
    {
        key: 'pack-worth',
        default: 20,
        unit: 'ratio',
        min: 0,
        max: 1e6,
        description:
            'What a resource pack (资料包: templates, guides, course notes) is worth to its receiver in the plan currency; it costs only the amount written, if any.',
        basis: 'Modelling choice (the 资料包 hook of education communities is valued like a small paid download); weak.',
    },
    {
        key: 'badge-worth',
        default: 2,
        unit: 'ratio',
        min: 0,
        max: 1e6,
        description: 'What a badge or title is worth to its receiver in the plan currency; it costs nothing.',
        basis: 'Modelling choice; weak.',
    },
    {
        key: 'reward-anchor',
        default: 10,
        unit: 'ratio',
        min: 0.01,
        max: 1e6,
        description:
            "Worth (plan currency) at which a reward starts to matter: a referral's conversion scales by ((anchor + worth) / (anchor + worth as written))^elasticity when a scenario changes the reward.",
        basis: 'Modelling choice; weak.',
    },
    {
        key: 'reward-elasticity',
        default: 0.3,
        unit: 'exponent',
        min: 0,
        max: 2,
        description: "Elasticity of a referral's conversion to the worth of its reward (0: the reward changes cost only).",
        basis: 'Modelling choice (diminishing returns of larger rewards); weak.',
    },
    {
        key: 'activity-half-life',
        default: 2,
        unit: 'weeks',
        min: 0,
        max: 52,
        description: "Weeks after a run over which half of an activity's lift (retention, activity, promotion) remains; 0 ends the effect with the run.",
        basis: 'Modelling choice after the domain brief §6 (offline events build trust beyond their day); weak.',
    },
    {
        key: 'activity-default-lift-scale',
        default: 1,
        unit: 'ratio',
        min: 0,
        max: 10,
        description:
            'Scales the default lifts of activities that declare no `lift` (engine/activity-effects.ts: e.g. an offline salon 2 points of retention, 10 of activity, 1 of promotion); 0 gives such activities no effect.',
        basis: 'Modelling choice after the domain brief §6 (offline events build trust beyond their day; flash sales +30 % orders); weak.',
    },
    {
        key: 'promo-share-floor',
        default: 3,
        unit: 'posts per week',
        min: 0,
        max: 1000,
        description:
            'Promotional posts per week below which the promotional-share churn uplift is scaled down (× posts / floor): one promotion a week is not a promotions-only group.',
        basis: 'Modelling choice; weak.',
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
        description:
            'Cost of one staff hour at activities (engine/staff.ts: offline staff × (duration up to 8 h a day + 2 h set-up), online staff × moderation up to 2 h a day); 0 leaves staff out of the cost.',
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
    if (!Number.isFinite(value) || value < def.min || value > def.max)
        return `"${key}" must be between ${def.min} and ${def.max} (${def.unit}), but is ${value}`;
    return undefined;
}

/** Effective coefficients: defaults with the plan's overrides applied. */
export class Assumptions {
    private readonly values: Map<string, number>;
    /** Overrides that were ignored, with the reason. */
    readonly problems: string[] = [];
    /** Keys the plan set itself (and that were valid). */
    private readonly overridden = new Set<string>();

    constructor(overrides: Readonly<Record<string, number>> = {}) {
        this.values = new Map(table.map((d) => [d.key, d.default]));
        for (const [key, value] of Object.entries(overrides)) {
            const problem = checkAssumption(key, value);
            if (problem) this.problems.push(problem);
            else {
                this.values.set(key, value);
                this.overridden.add(key);
            }
        }
    }

    /** The plan's own value of a key, undefined when the plan does not set it. */
    overriddenValue(key: string): number | undefined {
        return this.overridden.has(key) ? this.values.get(key) : undefined;
    }

    has(key: string): boolean {
        return this.values.has(key);
    }

    get(key: string): number {
        const v = this.values.get(key);
        if (v === undefined) throw new Error(`Unknown model assumption "${key}"`);
        return v;
    }

    /**
     * The fatigue threshold for a platform kind (posts per week): the plan's
     * `fatigue-threshold-<kind>` if it sets one, else the plan's `fatigue-threshold` if it sets
     * that (a plan-wide threshold applies to every kind), else the kind's default, else the
     * general default.
     */
    fatigueThreshold(kind: string | undefined): number {
        const specific = kind ? FATIGUE_THRESHOLD_PREFIX + kind : undefined;
        if (specific && this.overridden.has(specific)) return this.get(specific);
        if (this.overridden.has('fatigue-threshold')) return this.get('fatigue-threshold');
        if (specific) {
            const v = this.values.get(specific);
            if (v !== undefined) return v;
        }
        return this.get('fatigue-threshold');
    }

    /** Effective values of all keys in use (defaults plus overrides), sorted by key. */
    entries(): [string, number][] {
        return [...this.values.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    }
}

/** Content kinds that count as promotional (engine/content-effects.ts is the one table). */
export const PROMOTIONAL_CONTENT_KINDS: ReadonlySet<string> = new Set(
    Object.entries(CONTENT_EFFECTS)
        .filter(([, e]) => e.promotional)
        .map(([k]) => k),
);
