// The one table of the properties each kind of item has (see ARCHITECTURE.md, "Adding a property").
// One entry says everything the tools need to know about a property:
//   - `ast` / `keyword`: the grammar's assignment and the keyword that starts its line (the formatter
//     puts every property start on its own line; `node` marks a nested block or schedule that starts
//     a line without a keyword of its own, `with` a value written on another property's line);
//   - `single`: written at most once per block (a second one is `duplicate-property`);
//   - `value`: what a number written for it must be (language/validation/values.ts);
//   - `override`: a scenario's `Item.name = …` (engine/scenario.ts) and a solve lever
//     (engine/solve.ts), read and written through one Access; `aliases` are other accepted names;
//   - `tune`: varied by the sensitivity analysis (engine/sensitivity.ts), id and English label;
//   - `model`: the plan-model field it lowers to, shown by `community diff` as a percent or money
//     by its value's class (cli/plan-diff.ts).
// The Chinese keyword form is in language/keywords-zh.ts and the hover text in
// language/lsp/keyword-docs.ts, both keyed by `keyword`; test/language/property-registry.test.ts
// holds this table to the grammar, those two tables and the engine.
import { cadenceOf, runsOf } from '../compile.js';
import {
    WEEKS_PER,
    type Activity,
    type Audience,
    type Channel,
    type Community,
    type Content,
    type Plan,
    type Platform,
    type Referral,
    type Tier,
} from '../model.js';
import { distCentre, scaleDist } from '../random.js';
import { parsePeriod } from '../rates.js';
import { daysFrom, distAccess, numberAccess, postsPerWeek, rateAccess, rateOf, weeksFrom, type Access } from './access.js';
import * as V from './values.js';

export interface PropertyDef<I = never> {
    /** Canonical name: what a scenario writes after the dot, or the grammar's assignment when no override reaches it. */
    readonly name: string;
    /** The grammar's assignment in the item's block; absent for a property only scenarios set (`Tips.posts`). */
    readonly ast?: string;
    /** The keyword that starts the property's line, as the grammar spells it (`cost` of `cost per join`). */
    readonly keyword?: string;
    /** Starts a line without a keyword of its own (a nested block, a schedule, `online workshop`). */
    readonly node?: true;
    /** Written on the line of the property named here (`reward points 500 each side`). */
    readonly with?: string;
    readonly single?: true;
    readonly value?: V.ValueSpec;
    readonly model?: string;
    readonly override?: { readonly aliases?: readonly string[]; readonly access: Access<I> };
    readonly tune?: { readonly id: string; readonly label: string; /** The id and label name no item: `orderValue`, `Order value`. */ readonly whole?: true };
}

/** Item kinds by their grammar rule (and AST type) name. */
export type ItemKind =
    'Plan' | 'Platform' | 'Audience' | 'Community' | 'Tier' | 'Content' | 'Activity' | 'Lottery' | 'DataCollection' | 'Referral' | 'Channel' | 'Organic';

// Entries with an override come first, in the order an unknown property's message lists them.

const PLAN: PropertyDef<Plan>[] = [
    {
        name: 'budget',
        ast: 'budget',
        keyword: 'budget',
        single: true,
        value: V.moneyOnce,
        model: 'budget',
        override: {
            access: numberAccess(
                (p) => p.budget,
                (p, n) => void (p.budget = n),
            ),
        },
    },
    {
        name: 'horizon',
        ast: 'horizon',
        keyword: 'horizon',
        single: true,
        value: V.horizon,
        model: 'horizonWeeks',
        override: {
            access: {
                read: (p) => ({ dist: { kind: 'fixed', value: p.horizonWeeks }, per: 'week' }),
                write: (p, o) => void (p.horizonWeeks = weeksFrom(distCentre(o.value), o.unit ?? o.per)),
            },
        },
    },
    { name: 'start', ast: 'start', keyword: 'start', single: true },
    { name: 'timezone', ast: 'timezone', keyword: 'timezone', single: true },
    { name: 'currency', ast: 'currency', keyword: 'currency', single: true },
    { name: 'team', ast: 'team', keyword: 'team', single: true },
    { name: 'markets', ast: 'markets', keyword: 'market' },
    { name: 'assumptions', ast: 'assumptions', keyword: 'assume' },
    { name: 'actuals', ast: 'actuals', node: true },
];

const PLATFORM: PropertyDef<Platform>[] = [
    {
        name: 'capacity',
        ast: 'groupCapacity',
        keyword: 'group',
        single: true,
        value: V.positiveCount,
        override: {
            access: numberAccess(
                (p) => p.limits['group-capacity'],
                (p, n) => void (p.limits['group-capacity'] = n),
            ),
        },
    },
    { name: 'kind', ast: 'kind', keyword: 'kind', single: true },
    { name: 'limits', ast: 'limits', keyword: 'limit' },
];

const AUDIENCE: PropertyDef<Audience>[] = [
    {
        name: 'size',
        ast: 'size',
        keyword: 'size',
        single: true,
        value: V.count,
        override: {
            access: distAccess(
                (a) => a.size,
                (a, d) => void (a.size = d),
            ),
        },
        tune: { id: 'size', label: 'audience size' },
    },
    {
        name: 'age',
        ast: 'age',
        keyword: 'age',
        single: true,
        value: {
            classes: ['plain', 'count', 'duration'],
            period: 'forbidden',
            min: 0,
            max: 130,
            expected: ['an age range (e.g. 25..40)', '年龄区间（如 25..40）'],
        },
    },
    { name: 'interests', ast: 'interests', keyword: 'interests' },
    { name: 'windows', ast: 'windows', keyword: 'active' },
    { name: 'regions', ast: 'regions', keyword: 'region' },
];

const innovation = V.bassRate('0.01 per month', '0.01 per month');
const imitation = V.bassRate('0.3 per month', '0.3 per month');
const zeroRate = { value: { kind: 'fixed' as const, value: 0 }, per: 'year' as const };
/** Community-level overrides of its organic growth create the organic block when the community has none. */
const organicAccess = (which: 'innovation' | 'imitation'): Access<Community> => ({
    read: (c) => ({ dist: c.organic?.[which].value, per: c.organic?.[which].per }),
    write: (c, o, where) => {
        const organic = c.organic ?? { innovation: zeroRate, imitation: zeroRate };
        organic[which] = rateOf(o, c.organic?.[which], where);
        c.organic = organic;
    },
    scale: (c, k) => void (c.organic![which] = { ...c.organic![which], value: scaleDist(c.organic![which].value, k) }),
});

const COMMUNITY: PropertyDef<Community>[] = [
    {
        name: 'innovation',
        value: innovation,
        override: { access: organicAccess('innovation') },
        tune: { id: 'organic.innovation', label: 'Organic innovation p', whole: true },
    },
    {
        name: 'imitation',
        value: imitation,
        override: { access: organicAccess('imitation') },
        tune: { id: 'organic.imitation', label: 'Organic imitation q', whole: true },
    },
    {
        name: 'order-value',
        ast: 'orderValue',
        keyword: 'order',
        single: true,
        value: V.moneyOnce,
        model: 'orderValue',
        override: {
            aliases: ['orderValue', 'order'],
            access: distAccess(
                (c) => c.orderValue,
                (c, d) => void (c.orderValue = d),
            ),
        },
        tune: { id: 'orderValue', label: 'Order value', whole: true },
    },
    {
        name: 'margin',
        ast: 'margin',
        keyword: 'margin',
        value: V.share,
        model: 'margin',
        override: {
            access: distAccess(
                (c) => c.margin,
                (c, d) => void (c.margin = d),
            ),
        },
    },
    {
        name: 'baseline',
        ast: 'baselineBuys',
        keyword: 'baseline',
        value: V.percentRate,
        model: 'baselineBuys',
        override: {
            access: rateAccess(
                (c) => c.baselineBuys,
                (c, r) => void (c.baselineBuys = r),
            ),
        },
    },
    { name: 'theme', ast: 'theme', keyword: 'theme', single: true },
    { name: 'platforms', ast: 'platforms', keyword: 'platform' },
    { name: 'audiences', ast: 'audiences', keyword: 'audience' },
    { name: 'rules', ast: 'rules', keyword: 'rules' },
    { name: 'data', ast: 'data', node: true, single: true },
    { name: 'tiers', ast: 'tiers', node: true },
    { name: 'contents', ast: 'contents', node: true },
    { name: 'activities', ast: 'activities', node: true },
    { name: 'referrals', ast: 'referrals', node: true },
    { name: 'channels', ast: 'channels', node: true },
    { name: 'organic', ast: 'organic', node: true, single: true },
    { name: 'kpis', ast: 'kpis', node: true },
    { name: 'actuals', ast: 'actuals', node: true },
];

const tierRate = (which: 'churn' | 'active' | 'buys' | 'repurchase') =>
    rateAccess<Tier>(
        (t) => t[which],
        (t, r) => void (t[which] = r),
    );

const TIER: PropertyDef<Tier>[] = [
    {
        name: 'churn',
        ast: 'churn',
        keyword: 'churn',
        single: true,
        value: V.percentRate,
        model: 'churn',
        override: { access: tierRate('churn') },
        tune: { id: 'churn', label: 'churn' },
    },
    {
        name: 'active',
        ast: 'active',
        keyword: 'active',
        single: true,
        value: V.percentRate,
        model: 'active',
        override: { access: tierRate('active') },
        tune: { id: 'active', label: 'active rate' },
    },
    {
        name: 'buys',
        ast: 'buys',
        keyword: 'buys',
        single: true,
        value: V.percentRate,
        model: 'buys',
        override: { access: tierRate('buys') },
        tune: { id: 'buys', label: 'purchase rate' },
    },
    {
        name: 'repurchase',
        ast: 'repurchase',
        keyword: 'repurchase',
        single: true,
        value: V.percentRate,
        model: 'repurchase',
        override: { access: tierRate('repurchase') },
        tune: { id: 'repurchase', label: 'repurchase rate' },
    },
    {
        name: 'seed',
        ast: 'seed',
        keyword: 'seed',
        single: true,
        value: V.count,
        model: 'seed',
        override: {
            access: distAccess(
                (t) => t.seed,
                (t, d) => void (t.seed = d),
            ),
        },
        tune: { id: 'seed', label: 'seed members' },
    },
    {
        name: 'capacity',
        ast: 'capacity',
        keyword: 'capacity',
        single: true,
        value: V.positiveCount,
        override: {
            access: numberAccess(
                (t) => t.capacity,
                (t, n) => void (t.capacity = n),
            ),
        },
    },
    {
        // `entry fee 1 CNY per day`: overridden as `VIP.fee = 2 CNY per day`, keeping the entry's period when the override writes none.
        name: 'fee',
        value: { ...V.money, above: true },
        model: 'fee',
        override: {
            access: {
                read: (t) => ({ dist: t.entry?.fee?.value, per: t.entry?.fee?.per }),
                write: (t, o) => {
                    const entry = t.entry ?? { condition: 'fee' };
                    const feePer = parsePeriod(o.per) ?? entry.feePer;
                    t.entry = { ...entry, condition: 'fee', fee: { value: o.value, per: o.per ?? entry.fee?.per }, feePer };
                },
                scale: (t, k) => void (t.entry!.fee!.value = scaleDist(t.entry!.fee!.value, k)),
            },
        },
        tune: { id: 'fee', label: 'fee' },
    },
    { name: 'entry', ast: 'entry', keyword: 'entry', single: true },
    // Promotions (`from Free 6% per month`) and demotions are overridden by the other tier's name (engine/scenario.ts).
    { name: 'flows', ast: 'flows', keyword: 'from' },
    { name: 'demotions', ast: 'demotions', keyword: 'down' },
    { name: 'platform', ast: 'platform', keyword: 'platform' },
    { name: 'benefits', ast: 'benefits', keyword: 'benefits' },
];

const CONTENT: PropertyDef<Content>[] = [
    {
        name: 'cost',
        ast: 'cost',
        keyword: 'cost',
        single: true,
        value: V.money,
        model: 'costPerPost',
        override: {
            access: distAccess(
                (c) => c.costPerPost,
                (c, d) => void (c.costPerPost = d),
            ),
        },
        tune: { id: 'cost', label: 'cost per post' },
    },
    {
        name: 'reach',
        ast: 'reach',
        keyword: 'reach',
        value: {
            classes: ['count', 'plain'],
            period: 'forbidden',
            min: 0,
            max: 1e10,
            expected: ['views per post (e.g. 3000 per post)', '每篇浏览量（如 3000 per post）'],
        },
        model: 'reachPerPost',
        override: {
            access: distAccess(
                (c) => c.reachPerPost,
                (c, d) => void (c.reachPerPost = d),
            ),
        },
    },
    {
        name: 'conversion',
        ast: 'conversion',
        keyword: 'conversion',
        value: V.share,
        model: 'joinRate',
        override: {
            access: distAccess(
                (c) => c.joinRate,
                (c, d) => void (c.joinRate = d),
            ),
        },
    },
    {
        // `Tips.posts = 5 per week`: the schedule keeps its shape, scaled to that cadence (engine/compile.ts rescaleCadence).
        name: 'posts',
        value: { classes: ['plain', 'count'], period: 'required', min: 0, expected: ['posts per period (e.g. 5 per week)', '每周期发布条数（如 5 per week）'] },
        override: {
            access: {
                read: (c, plan) => ({ dist: { kind: 'fixed', value: c.postsPerWeek ?? cadenceOf(plan, c) }, per: 'week' }),
                write: (c, o, where) => void (c.postsPerWeek = postsPerWeek(o, where)),
            },
        },
    },
    { name: 'kind', ast: 'kind', keyword: 'kind', single: true },
    { name: 'format', ast: 'format', keyword: 'format', single: true },
    { name: 'schedules', ast: 'schedules', node: true },
    { name: 'tiers', ast: 'tiers', keyword: 'for' },
    { name: 'platform', ast: 'platform', keyword: 'via', single: true },
    { name: 'delivery', ast: 'delivery', keyword: 'sent' },
    { name: 'into', ast: 'into', keyword: 'into' },
    { name: 'duration', ast: 'duration', keyword: 'lasts', single: true, value: V.withinHorizon },
    { name: 'owner', ast: 'owner', keyword: 'owner', single: true },
    { name: 'from', ast: 'from', keyword: 'from', single: true },
    { name: 'until', ast: 'until', keyword: 'until', single: true },
    { name: 'link', ast: 'link', keyword: 'link', single: true },
    { name: 'label', ast: 'label', keyword: 'label', single: true },
];

const lift = (which: 'retention' | 'activity' | 'promotion' | 'buys', tuned: boolean): PropertyDef<Activity> => ({
    // `Salon.retention = 3 points`: one of the activity's lifts (`lift retention 3 points`).
    name: which,
    value: V.liftPoints,
    model: which,
    override: {
        access: distAccess(
            (a) => a.lifts[which],
            (a, d) => void (a.lifts[which] = d),
        ),
    },
    ...(tuned ? { tune: { id: `lift.${which}`, label: `${which} lift` } } : {}),
});

const ACTIVITY: PropertyDef<Activity>[] = [
    {
        name: 'reach',
        ast: 'reach',
        keyword: 'reach',
        single: true,
        value: V.share,
        model: 'reach',
        override: {
            access: distAccess(
                (a) => a.reach,
                (a, d) => void (a.reach = d),
            ),
        },
        tune: { id: 'reach', label: 'reach' },
    },
    {
        name: 'cost',
        ast: 'cost',
        keyword: 'cost',
        single: true,
        value: V.money,
        model: 'costPerRun',
        override: {
            access: distAccess(
                (a) => a.costPerRun,
                (a, d) => void (a.costPerRun = d),
            ),
        },
        tune: { id: 'cost', label: 'cost per run' },
    },
    {
        name: 'capacity',
        ast: 'capacity',
        keyword: 'capacity',
        single: true,
        value: V.positiveCount,
        override: {
            access: numberAccess(
                (a) => a.capacity,
                (a, n) => void (a.capacity = n),
            ),
        },
    },
    {
        name: 'staff',
        ast: 'staff',
        keyword: 'staff',
        single: true,
        value: V.count,
        override: {
            access: numberAccess(
                (a) => a.staff,
                (a, n) => void (a.staff = n),
            ),
        },
    },
    {
        // `Salon.runs = 6`: the schedule's runs scaled to that total over the horizon.
        name: 'runs',
        value: { classes: ['plain', 'count'], period: 'forbidden', min: 0, expected: ['a number of runs over the horizon (e.g. 6)', '整个周期的场次（如 6）'] },
        override: {
            access: {
                read: (a, plan) => ({ dist: { kind: 'fixed', value: a.runsTotal ?? runsOf(plan, a) } }),
                write: (a, o) => void (a.runsTotal = Math.max(0, distCentre(o.value))),
            },
        },
    },
    lift('retention', true),
    lift('activity', true),
    lift('promotion', true),
    lift('buys', false),
    { name: 'mode', ast: 'mode', node: true, single: true },
    { name: 'kind', ast: 'kind', with: 'mode' },
    { name: 'location', ast: 'location', with: 'mode' },
    { name: 'schedules', ast: 'schedules', node: true },
    { name: 'duration', ast: 'duration', keyword: 'lasts', single: true, value: V.withinHorizon },
    { name: 'tiers', ast: 'tiers', keyword: 'for' },
    { name: 'lifts', ast: 'lifts', keyword: 'lift' },
    { name: 'owner', ast: 'owner', keyword: 'owner', single: true },
    { name: 'materials', ast: 'materials', keyword: 'materials' },
    { name: 'from', ast: 'from', keyword: 'from' },
    { name: 'until', ast: 'until', keyword: 'until' },
    { name: 'incentives', ast: 'incentives', keyword: 'incentive' },
    { name: 'lottery', ast: 'lottery', node: true, single: true },
    { name: 'data', ast: 'data', node: true, single: true },
];

const LOTTERY: PropertyDef[] = [
    { name: 'topPrize', ast: 'topPrize', keyword: 'top', value: V.moneyOnce, model: 'topPrize' },
    { name: 'odds', ast: 'odds', keyword: 'odds' },
    { name: 'drawDate', ast: 'drawDate', keyword: 'draw' },
    { name: 'drawTime', ast: 'drawTime', with: 'drawDate' },
    { name: 'redemption', ast: 'redemption', keyword: 'redemption' },
    { name: 'freeEntry', ast: 'freeEntry', keyword: 'free' },
];

const DATA_COLLECTION: PropertyDef[] = [
    { name: 'fields', ast: 'fields', keyword: 'collects' },
    { name: 'purpose', ast: 'purpose', keyword: 'purpose' },
    { name: 'retention', ast: 'retention', keyword: 'retention', value: V.duration },
    { name: 'consent', ast: 'consent', keyword: 'consent' },
    { name: 'consentKind', ast: 'consentKind', with: 'consent' },
];

const REFERRAL: PropertyDef<Referral>[] = [
    {
        name: 'invites',
        ast: 'invites',
        keyword: 'invites',
        single: true,
        model: 'invites',
        value: {
            classes: ['plain', 'count'],
            period: 'required',
            min: 0,
            expected: ['invitations per member per period (e.g. 0.8 per member per month)', '每人每周期邀请数（如 0.8 per member per month）'],
        },
        override: {
            access: rateAccess(
                (r) => r.invites,
                (r, x) => void (r.invites = x),
            ),
        },
        tune: { id: 'invites', label: 'invites' },
    },
    {
        name: 'conversion',
        ast: 'conversion',
        keyword: 'conversion',
        single: true,
        value: V.share,
        model: 'conversion',
        override: {
            access: distAccess(
                (r) => r.conversion,
                (r, d) => void (r.conversion = d),
            ),
        },
        tune: { id: 'conversion', label: 'conversion' },
    },
    {
        name: 'cycle',
        ast: 'cycle',
        keyword: 'cycle',
        single: true,
        value: V.duration,
        model: 'cycleDays',
        override: {
            access: {
                ...numberAccess(
                    (r) => r.cycleDays,
                    (r, n) => void (r.cycleDays = n),
                    'day',
                ),
                write: (r, o) => void (r.cycleDays = daysFrom(distCentre(o.value), o.unit ?? o.per)),
            },
        },
        tune: { id: 'cycle', label: 'cycle time' },
    },
    {
        // The stated conversion holds at the stated reward; a changed reward moves it (engine/rewards.ts).
        name: 'reward',
        ast: 'reward',
        keyword: 'reward',
        single: true,
        value: V.moneyOnce,
        model: 'reward',
        override: {
            access: {
                read: (r) => ({ dist: r.reward }),
                write: (r, o) => {
                    r.rewardAsWritten ??= r.reward ?? { kind: 'fixed', value: 0 };
                    r.reward = o.value;
                },
                scale: (r, k) => {
                    r.rewardAsWritten ??= r.reward;
                    r.reward = scaleDist(r.reward!, k);
                },
            },
        },
        tune: { id: 'reward', label: 'reward' },
    },
    { name: 'rewardKind', ast: 'rewardKind', with: 'reward' },
    { name: 'eachSide', ast: 'eachSide', with: 'reward' },
    { name: 'mechanic', ast: 'mechanic', keyword: 'mechanic', single: true },
    { name: 'tiers', ast: 'tiers', keyword: 'for' },
    { name: 'into', ast: 'into', keyword: 'into', single: true },
    { name: 'from', ast: 'from', keyword: 'from', single: true },
    { name: 'until', ast: 'until', keyword: 'until', single: true },
    { name: 'sharesTo', ast: 'sharesTo', keyword: 'shares' },
];

const CHANNEL: PropertyDef<Channel>[] = [
    {
        // One reading everywhere: a spend with a period is per that period, one without is a total over
        // the channel's weeks (as in the channel itself, engine/compile/inflows.ts).
        name: 'paid',
        ast: 'spend',
        keyword: 'paid',
        single: true,
        model: 'spend',
        value: {
            ...V.money,
            period: 'optional',
            expected: ['money per period (e.g. 3000 CNY per week) or a total (e.g. 50000 CNY)', '每周期金额（如 3000 CNY per week）或总额（如 50000 CNY）'],
        },
        override: {
            aliases: ['spend'],
            access: {
                read: (c) => ({ dist: c.spend?.value, per: c.spend?.per ?? c.spendPer }),
                write: (c, o) => {
                    c.spend = { value: o.value, per: o.per };
                    c.spendPer = parsePeriod(o.per);
                },
                scale: (c, k) => void (c.spend = { ...c.spend!, value: scaleDist(c.spend!.value, k) }),
            },
        },
        tune: { id: 'spend', label: 'spend' },
    },
    {
        name: 'cost',
        ast: 'costPerJoin',
        keyword: 'cost',
        single: true,
        value: { ...V.money, above: true },
        model: 'costPerJoin',
        override: {
            aliases: ['cost-per-join', 'costPerJoin'],
            access: distAccess(
                (c) => c.costPerJoin,
                (c, d) => void (c.costPerJoin = d),
            ),
        },
        tune: { id: 'costPerJoin', label: 'cost per join' },
    },
    {
        // `capacity 300 per week`: the most joins a week, whatever the spend buys (engine/week/acquisition.ts).
        name: 'capacity',
        ast: 'capacity',
        keyword: 'capacity',
        single: true,
        model: 'capacityPerWeek',
        value: {
            classes: ['count', 'plain'],
            period: 'required',
            min: 0,
            max: 1e10,
            expected: ['people per period (e.g. 300 per week)', '每周期人数（如 300 per week）'],
        },
        override: {
            access: {
                read: (c) => ({ dist: c.capacityPerWeek !== undefined ? { kind: 'fixed', value: c.capacityPerWeek } : undefined, per: 'week' }),
                write: (c, o) => void (c.capacityPerWeek = Math.max(0, distCentre(o.value)) / WEEKS_PER[parsePeriod(o.per) ?? 'week']),
            },
        },
    },
    { name: 'into', ast: 'into', keyword: 'into', single: true },
    { name: 'from', ast: 'from', keyword: 'from', single: true },
    { name: 'until', ast: 'until', keyword: 'until', single: true },
];

const ORGANIC: PropertyDef[] = [
    { name: 'innovation', ast: 'innovation', keyword: 'innovation', single: true, value: innovation, model: 'innovation' },
    { name: 'imitation', ast: 'imitation', keyword: 'imitation', single: true, value: imitation, model: 'imitation' },
    { name: 'into', ast: 'into', keyword: 'into', single: true },
];

/** Every item kind's properties. */
export const PROPERTIES: { readonly [K in ItemKind]: readonly PropertyDef<ItemOf<K>>[] } = {
    Plan: PLAN,
    Platform: PLATFORM,
    Audience: AUDIENCE,
    Community: COMMUNITY,
    Tier: TIER,
    Content: CONTENT,
    Activity: ACTIVITY,
    Lottery: LOTTERY,
    DataCollection: DATA_COLLECTION,
    Referral: REFERRAL,
    Channel: CHANNEL,
    Organic: ORGANIC,
};

/** The plan-model item a kind's overrides and tunes act on. */
export type ItemOf<K extends ItemKind> = K extends 'Plan'
    ? Plan
    : K extends 'Platform'
      ? Platform
      : K extends 'Audience'
        ? Audience
        : K extends 'Community'
          ? Community
          : K extends 'Tier'
            ? Tier
            : K extends 'Content'
              ? Content
              : K extends 'Activity'
                ? Activity
                : K extends 'Referral'
                  ? Referral
                  : K extends 'Channel'
                    ? Channel
                    : never;

export function isItemKind(type: string): type is ItemKind {
    return Object.hasOwn(PROPERTIES, type);
}

/** The property a scenario names `Item.<name>` on an item of this kind (by its name or an alias). */
export function overridable<K extends ItemKind>(
    kind: K,
    name: string,
): (PropertyDef<ItemOf<K>> & { override: NonNullable<PropertyDef<ItemOf<K>>['override']> }) | undefined {
    const list = PROPERTIES[kind] as readonly PropertyDef<ItemOf<K>>[];
    return list.find((p) => p.override && (p.name === name || p.override.aliases?.includes(name))) as never;
}

/** What a scenario can override on an item of this kind, canonical names in table order (for messages). */
export function overridableNames(kind: ItemKind): string[] {
    return PROPERTIES[kind].filter((p) => p.override).map((p) => p.name);
}

/** The value spec of a grammar assignment, by AST type and property (`Tier.churn`). */
export function valueSpecOf(type: string, ast: string): V.ValueSpec | undefined {
    return isItemKind(type) ? PROPERTIES[type].find((p) => p.ast === ast)?.value : undefined;
}
