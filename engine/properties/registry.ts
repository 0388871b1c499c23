// The one table of the properties each kind of item has (see ARCHITECTURE.md, "Adding a property").
// One entry says everything the tools need to know about a property:
//   - `ast` / `keyword`: the grammar's assignment and the keyword that starts its line (the formatter
//     puts every property start on its own line; `node` marks a nested block or schedule that starts
//     a line without a keyword of its own, `with` a value written on another property's line);
//   - `single`: written at most once per block (a second one is `duplicate-property`);
//   - `value`: what a number written for it must be (language/validation/values.ts);
//   - `override`: a scenario's `Item.name = …` (engine/scenario.ts) and a solve lever
//     (engine/solve.ts), read and written through one Access; `aliases` are other accepted names;
//   - `tune`: varied by the sensitivity analysis (engine/sensitivity.ts), id, English and zh-CN label
//     (the reports' label, engine/report/words.ts);
//   - `model`: the plan-model field it lowers to, shown by `community diff` as a percent or money
//     by its value's class (cli/plan-diff.ts); for the kinds with a field table below (community,
//     tier, activity, channel), the field's kind of value there is its zod type and canonical unit
//     in engine/model.ts and how language/lower.ts reads it from the AST;
//   - `zh` / `hover`: the keyword's Chinese forms (language/keywords-zh.ts, the lexer, `format
//     --keywords zh`) and its hover and completion text in English and Chinese
//     (language/lsp/keyword-docs.ts), given by the one entry of each keyword (the first in table
//     order; another property with the same keyword extends that text).
// test/language/property-registry.test.ts holds this table to the grammar, the plan model and the engine.
// Runtime imports stay clear of model.ts, which reads this table's model fields (a cycle would leave them undefined).
import { cadenceOf, runsOf } from '../cadence.js';
import type { Activity, Audience, Channel, Community, Content, Plan, Platform, Referral, Tier } from '../model.js';
import { distCentre, scaleDist } from '../random.js';
import { WEEKS_PER } from '../periods.js';
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
    readonly tune?: {
        readonly id: string;
        readonly label: string;
        /** The zh-CN label (`留存提升`; the report puts the item's name before it unless `whole`). */
        readonly zh: string;
        /** The id and label name no item: `orderValue`, `Order value`. */
        readonly whole?: true;
    };
    /** The keyword's Chinese forms; the first is what `community format --keywords zh` writes. */
    readonly zh?: readonly string[];
    /** The keyword's hover and completion text, in English and Chinese, with an example line. */
    readonly hover?: KeywordHover;
}

export interface KeywordHover {
    readonly en: string;
    readonly zh: string;
    readonly example: string;
}

/** Item kinds by their grammar rule (and AST type) name. */
export type ItemKind =
    'Plan' | 'Platform' | 'Audience' | 'Community' | 'Tier' | 'Content' | 'Activity' | 'Lottery' | 'DataCollection' | 'Referral' | 'Channel' | 'Organic';

/**
 * The plan-model fields the properties of a community, a tier, an activity and a channel lower to, in
 * the model's order: engine/model.ts spreads them into M.Community, M.Tier, M.Activity and M.Channel
 * (the zod type of each kind of value), and
 * language/lower.ts reads each from the AST property of the entry whose `model` names it. A table
 * beside the entries, not in them, because the entries' overrides are typed by the model these
 * fields make (TypeScript cannot infer a type from a table typed by that type).
 */
export const COMMUNITY_FIELDS = { orderValue: 'dist', margin: 'dist', baselineBuys: 'rate' } as const satisfies V.FieldTable;
export const TIER_FIELDS = {
    churn: 'rate',
    active: 'weeklyRate',
    seed: 'dist',
    buys: 'rate',
    repurchase: 'rate',
    capacity: 'number',
} as const satisfies V.FieldTable;
export const ACTIVITY_FIELDS = { reach: 'dist', lifts: 'lifts', costPerRun: 'dist', capacity: 'number', staff: 'number' } as const satisfies V.FieldTable;
export const CHANNEL_FIELDS = { costPerJoin: 'dist', capacityPerWeek: 'perWeek' } as const satisfies V.FieldTable;
/** The kinds whose plan-model fields come from the registry. */
export const MODEL_FIELDS = { Community: COMMUNITY_FIELDS, Tier: TIER_FIELDS, Activity: ACTIVITY_FIELDS, Channel: CHANNEL_FIELDS } as const;
export type FieldKind = keyof typeof MODEL_FIELDS;

// Entries with an override come first, in the order an unknown property's message lists them.

const PLAN: PropertyDef<Plan>[] = [
    {
        name: 'budget',
        ast: 'budget',
        keyword: 'budget',
        zh: ['预算'],
        hover: {
            en: 'Total money available over the horizon; planned costs above it draw a warning.',
            zh: '整个周期的总预算；计划成本超出时给出警告。',
            example: 'budget 120000 CNY',
        },
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
        zh: ['规划期'],
        hover: { en: 'How long the plan runs; forecasts and schedules stop there.', zh: '计划持续时长；预测与日程到此为止。', example: 'horizon 26 weeks' },
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
    {
        name: 'start',
        ast: 'start',
        keyword: 'start',
        zh: ['开始'],
        hover: { en: 'First day of week 1 of the plan (ISO date).', zh: '计划第 1 周的第一天（ISO 日期）。', example: 'start 2027-01-04' },
        single: true,
    },
    {
        name: 'timezone',
        ast: 'timezone',
        keyword: 'timezone',
        zh: ['时区'],
        hover: { en: 'IANA time zone of every date and time in the plan.', zh: '计划中所有日期时刻所用的 IANA 时区。', example: 'timezone "Asia/Shanghai"' },
        single: true,
    },
    {
        name: 'currency',
        ast: 'currency',
        keyword: 'currency',
        zh: ['币种'],
        hover: { en: 'ISO 4217 currency of all money in the plan.', zh: '计划中所有金额的 ISO 4217 币种。', example: 'currency CNY' },
        single: true,
    },
    {
        name: 'team',
        ast: 'team',
        keyword: 'team',
        zh: ['团队'],
        hover: {
            en: 'Operators: people and hours each per week; staff-hour checks compare the plan against it.',
            zh: '运营团队：人数与每人每周工时；人力检查以此为上限。',
            example: 'team 3 people, 40 hours per week each',
        },
        single: true,
    },
    {
        name: 'markets',
        ast: 'markets',
        keyword: 'market',
        zh: ['市场'],
        hover: {
            en: 'Markets the plan targets (CN, US, EU, UK, global): selects the compliance rules that apply.',
            zh: '计划面向的市场（CN、US、EU、UK、global），决定适用的合规规则。',
            example: 'market CN, US',
        },
    },
    {
        name: 'assumptions',
        ast: 'assumptions',
        keyword: 'assume',
        zh: ['假设'],
        hover: {
            en: 'Override a forecast model coefficient (see the assumptions table).',
            zh: '覆盖预测模型的一个系数（见假设表）。',
            example: 'assume promo-share-threshold 20%',
        },
    },
    { name: 'actuals', ast: 'actuals', node: true },
];

const PLATFORM: PropertyDef<Platform>[] = [
    {
        name: 'capacity',
        ast: 'groupCapacity',
        keyword: 'group',
        zh: ['群'],
        hover: {
            en: '`group capacity N`: members per group on this platform (overrides the limits table).',
            zh: '`group capacity N`：该平台每个群的人数上限（覆盖限制表）。',
            example: 'group capacity 500',
        },
        single: true,
        value: V.positiveCount,
        override: {
            access: numberAccess(
                (p) => p.limits['group-capacity'],
                (p, n) => void (p.limits['group-capacity'] = n),
            ),
        },
    },
    {
        name: 'kind',
        ast: 'kind',
        keyword: 'kind',
        zh: ['类型'],
        hover: {
            en: 'What kind of platform, content or activity this is; known kinds carry limits and model effects.',
            zh: '平台、内容或活动的类型；已知类型带有平台限制与模型效果。',
            example: 'kind wechat-group',
        },
        single: true,
    },
    {
        name: 'limits',
        ast: 'limits',
        keyword: 'limit',
        zh: ['限制'],
        hover: { en: 'Override one entry of the platform-limits table for this plan.', zh: '在本计划中覆盖平台限制表的一项。', example: 'limit qr-join 200' },
    },
];

const AUDIENCE: PropertyDef<Audience>[] = [
    {
        name: 'size',
        ast: 'size',
        keyword: 'size',
        zh: ['规模'],
        hover: { en: 'Addressable people in an audience (caps growth).', zh: '受众中可触达的人数（增长上限）。', example: 'size 200000' },
        single: true,
        value: V.count,
        override: {
            access: distAccess(
                (a) => a.size,
                (a, d) => void (a.size = d),
            ),
        },
        tune: { id: 'size', label: 'audience size', zh: '受众规模' },
    },
    {
        name: 'age',
        ast: 'age',
        keyword: 'age',
        zh: ['年龄'],
        hover: { en: 'Age range of an audience.', zh: '受众年龄区间。', example: 'age 25..40' },
        single: true,
        value: {
            classes: ['plain', 'count', 'duration'],
            period: 'forbidden',
            min: 0,
            max: 130,
            expected: ['an age range (e.g. 25..40)', '年龄区间（如 25..40）'],
        },
    },
    {
        name: 'interests',
        ast: 'interests',
        keyword: 'interests',
        zh: ['兴趣'],
        hover: {
            en: 'Interests of an audience (for positioning and reports).',
            zh: '受众兴趣（用于定位与报告）。',
            example: 'interests "fitness", "healthy eating"',
        },
    },
    {
        name: 'windows',
        ast: 'windows',
        keyword: 'active',
        zh: ['活跃'],
        hover: {
            en: 'Share of members active per period; on an audience, its active hours.',
            zh: '每个周期活跃成员比例；在受众中表示活跃时段。',
            example: 'active 25% weekly',
        },
    },
    {
        name: 'regions',
        ast: 'regions',
        keyword: 'region',
        zh: ['地区'],
        hover: { en: 'Regions of an audience.', zh: '受众所在地区。', example: 'region "Shanghai", "Hangzhou"' },
    },
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
        tune: { id: 'organic.innovation', label: 'Organic innovation p', zh: '自然增长（创新系数 p）', whole: true },
    },
    {
        name: 'imitation',
        value: imitation,
        override: { access: organicAccess('imitation') },
        tune: { id: 'organic.imitation', label: 'Organic imitation q', zh: '自然增长（模仿系数 q）', whole: true },
    },
    {
        name: 'order-value',
        ast: 'orderValue',
        keyword: 'order',
        zh: ['订单'],
        hover: {
            en: '`order value`: average order value (客单价) used for revenue.',
            zh: '`order value`：客单价，用于计算收入。',
            example: 'order value 199 CNY ± 40 CNY',
        },
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
        tune: { id: 'orderValue', label: 'Order value', zh: '客单价', whole: true },
    },
    {
        name: 'margin',
        ast: 'margin',
        keyword: 'margin',
        zh: ['毛利率'],
        hover: {
            en: 'Contribution margin on sales (毛利率): ROI is then on margin, with gross ROI shown beside it.',
            zh: '销售的贡献毛利率：投资回报率按毛利计算，并同时显示按销售额计算的回报率。',
            example: 'margin 40%',
        },
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
        zh: ['基线'],
        hover: {
            en: '`baseline buys r`: the purchase rate members would have without the community; reports show incremental revenue and ROI against it.',
            zh: '`baseline buys r`：没有社群时成员本来的购买率；报告据此给出增量收入与增量回报率。',
            example: 'baseline buys 2% per month',
        },
        value: V.percentRate,
        model: 'baselineBuys',
        override: {
            access: rateAccess(
                (c) => c.baselineBuys,
                (c, r) => void (c.baselineBuys = r),
            ),
        },
    },
    {
        name: 'theme',
        ast: 'theme',
        keyword: 'theme',
        zh: ['主题'],
        hover: {
            en: 'What the community is about (shared interest, 同好).',
            zh: '社群主题（同好）。',
            example: 'theme "Home workouts for busy office workers"',
        },
        single: true,
    },
    {
        name: 'platforms',
        ast: 'platforms',
        keyword: 'platform',
        zh: ['平台'],
        hover: {
            en: 'A platform where the community lives (WeChat group, WeCom, QQ, Discord …), which platforms a community uses, or — in a tier — the one platform its groups live on (so group counts are not doubled across platforms).',
            zh: '社群所在的平台（微信群、企业微信、QQ、Discord 等）、社群使用的平台，或在层级中表示该层级的群所在的唯一平台（群数不会跨平台重复计算）。',
            example: 'platform WeChatGroups "微信群" { kind wechat-group }',
        },
    },
    {
        name: 'audiences',
        ast: 'audiences',
        keyword: 'audience',
        zh: ['受众'],
        hover: {
            en: 'The people a community addresses: size, age, interests, active hours, regions.',
            zh: '社群面向的人群：规模、年龄、兴趣、活跃时段、地区。',
            example: 'audience OfficeWorkers { size 200000  active 20:00-23:00 }',
        },
    },
    {
        name: 'rules',
        ast: 'rules',
        keyword: 'rules',
        zh: ['规则'],
        hover: { en: 'Group rules members agree to.', zh: '成员需遵守的群规。', example: 'rules "No advertising", "Respect others"' },
    },
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
        zh: ['流失'],
        hover: {
            en: "Share of a tier's members leaving per period (流失率). A KPI metric too.",
            zh: '每个周期离开该层级的成员比例（流失率），也可作为 KPI。',
            example: 'churn 12% per month ± 4%',
        },
        single: true,
        value: V.percentRate,
        model: 'churn',
        override: { access: tierRate('churn') },
        tune: { id: 'churn', label: 'churn', zh: '流失率' },
    },
    {
        name: 'active',
        ast: 'active',
        keyword: 'active',
        single: true,
        value: V.percentRate,
        model: 'active',
        override: { access: tierRate('active') },
        tune: { id: 'active', label: 'active rate', zh: '活跃率' },
    },
    {
        name: 'buys',
        ast: 'buys',
        keyword: 'buys',
        zh: ['购买'],
        hover: {
            en: 'Share of members buying per period (revenue = buyers × order value); `baseline buys` on a community: what the same people would buy without it.',
            zh: '每个周期购买的成员比例（收入 = 购买人数 × 客单价）；社群中的 `baseline buys`：没有社群时这些人本来的购买率。',
            example: 'buys 5% per month',
        },
        single: true,
        value: V.percentRate,
        model: 'buys',
        override: { access: tierRate('buys') },
        tune: { id: 'buys', label: 'purchase rate', zh: '购买率' },
    },
    {
        name: 'repurchase',
        ast: 'repurchase',
        keyword: 'repurchase',
        zh: ['复购', '复购率'],
        hover: {
            en: 'Tier: the share of members who have bought before buying again per period (复购; absent: the `buys` rate). KPI `repurchase rate`: of everyone who has bought since the start, the share who bought at least twice (复购率).',
            zh: '层级中：已购买过的成员每个周期再次购买的比例（复购；不写时同 `buys`）。KPI `repurchase rate`（复购率）：自计划开始以来购买过的人中，购买两次及以上的比例。',
            example: 'repurchase 25% per month',
        },
        single: true,
        value: V.percentRate,
        model: 'repurchase',
        override: { access: tierRate('repurchase') },
        tune: { id: 'repurchase', label: 'repurchase rate', zh: '复购率' },
    },
    {
        name: 'seed',
        ast: 'seed',
        keyword: 'seed',
        zh: ['初始'],
        hover: { en: "Members a tier has at the plan's start.", zh: '计划开始时该层级的成员数。', example: 'seed 300 members' },
        single: true,
        value: V.count,
        model: 'seed',
        override: {
            access: distAccess(
                (t) => t.seed,
                (t, d) => void (t.seed = d),
            ),
        },
        tune: { id: 'seed', label: 'seed members', zh: '初始成员' },
    },
    {
        name: 'capacity',
        ast: 'capacity',
        keyword: 'capacity',
        zh: ['容量'],
        hover: {
            en: 'Tier: members its groups can hold (e.g. 3 groups × 500). Activity: the most participants a run takes. Channel: the most people it brings in a period, whatever the spend buys (`capacity 300 per week`).',
            zh: '层级：其群组可容纳的人数（如 3 个群 × 500）。活动：每场最多参与人数。渠道：每周期最多带来的人数，无论投放多少（`capacity 300 per week`）。',
            example: 'capacity 60',
        },
        single: true,
        value: V.positiveCount,
        model: 'capacity',
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
        tune: { id: 'fee', label: 'fee', zh: '费用' },
    },
    {
        name: 'entry',
        ast: 'entry',
        keyword: 'entry',
        zh: ['准入'],
        hover: {
            en: 'How people get into a tier: share, invite, application, open, purchase, or `fee` with a price.',
            zh: '进入层级的方式：share、invite、application、open、purchase，或 `fee` 加价格。',
            example: 'entry share post',
        },
        single: true,
    },
    // Promotions (`from Free 6% per month`) and demotions are overridden by the other tier's name (engine/scenario.ts).
    {
        name: 'flows',
        ast: 'flows',
        keyword: 'from',
        zh: ['从'],
        hover: {
            en: 'In a tier: promotion from another tier at a rate per period. Elsewhere: the first date something runs.',
            zh: '层级中：按周期比率从另一层级晋升。其他位置：开始日期。',
            example: 'from Prospect 6% per month ± 2%',
        },
    },
    {
        name: 'demotions',
        ast: 'demotions',
        keyword: 'down',
        zh: ['降级'],
        hover: {
            en: '`down to T r`: demotion from this tier to tier T at a rate per period.',
            zh: '`down to T r`：按周期比率降级到层级 T。',
            example: 'down to Prospect 5% per month',
        },
    },
    { name: 'platform', ast: 'platform', keyword: 'platform' },
    {
        name: 'benefits',
        ast: 'benefits',
        keyword: 'benefits',
        zh: ['权益'],
        hover: { en: 'What members of a tier get.', zh: '该层级成员享有的权益。', example: 'benefits "Weekly coaching", "Member coupons"' },
    },
];

const CONTENT: PropertyDef<Content>[] = [
    {
        name: 'cost',
        ast: 'cost',
        keyword: 'cost',
        zh: ['成本'],
        hover: {
            en: 'Money per post, per run or per period; `cost per join` on a channel. A KPI metric too.',
            zh: '每条、每场或每周期的费用；渠道中为 `cost per join`。也可作为 KPI。',
            example: 'cost 300 CNY per post',
        },
        single: true,
        value: V.money,
        model: 'costPerPost',
        override: {
            access: distAccess(
                (c) => c.costPerPost,
                (c, d) => void (c.costPerPost = d),
            ),
        },
        tune: { id: 'cost', label: 'cost per post', zh: '单次成本' },
    },
    {
        name: 'reach',
        ast: 'reach',
        keyword: 'reach',
        zh: ['触达'],
        hover: {
            en: 'Activity: share of the targeted tiers taking part in a run. Content on a public platform (Xiaohongshu, Douyin…): views per post outside the community.',
            zh: '活动：目标层级中参与每场活动的比例。公域平台内容（小红书、抖音等）：每篇在社群外的浏览量。',
            example: 'reach 40% ± 10%',
        },
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
        zh: ['转化'],
        hover: {
            en: 'Share of invitations that join; on public content, share of viewers who join; as a KPI, the promotion rate between tiers.',
            zh: '邀请转化为加入的比例；公域内容中为浏览者加入的比例；作为 KPI 时表示层级间转化率。',
            example: 'conversion 25%',
        },
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
    {
        name: 'format',
        ast: 'format',
        keyword: 'format',
        zh: ['形式'],
        hover: {
            en: 'Format of a content stream: text, image, video, livestream, article, audio.',
            zh: '内容形式：文字、图片、视频、直播、长文、音频。',
            example: 'format video',
        },
        single: true,
    },
    { name: 'schedules', ast: 'schedules', node: true },
    {
        name: 'tiers',
        ast: 'tiers',
        keyword: 'for',
        zh: ['面向'],
        hover: { en: 'Which tiers a content stream, activity or referral addresses.', zh: '内容、活动或推荐面向的层级。', example: 'for Prospect, Core' },
    },
    {
        name: 'platform',
        ast: 'platform',
        keyword: 'via',
        zh: ['通过'],
        hover: {
            en: "The platform a content stream is posted on (default: all of the community's platforms).",
            zh: '内容发布的平台（默认：社群的所有平台）。',
            example: 'via WeChatGroups',
        },
        single: true,
    },
    {
        name: 'delivery',
        ast: 'delivery',
        keyword: 'sent',
        zh: ['发送'],
        hover: {
            en: 'WeCom: how a content item reaches the group — `sent as broadcast` (a company mass message, counted against the monthly cap; the default) or `sent manually` (posted in the group by staff, not a broadcast).',
            zh: '企业微信：内容如何发到群里——`sent as broadcast`（企业群发，计入每月上限；默认）或 `sent manually`（员工在群内手动发送，不算群发）。',
            example: 'sent manually',
        },
    },
    {
        name: 'into',
        ast: 'into',
        keyword: 'into',
        zh: ['进入'],
        hover: {
            en: 'The tier new members from this source land in (default: the entry tier).',
            zh: '该来源的新成员进入的层级（默认：入口层级）。',
            example: 'into Prospect',
        },
    },
    {
        name: 'duration',
        ast: 'duration',
        keyword: 'lasts',
        zh: ['持续'],
        hover: {
            en: "How long one run of an activity, or one post's calendar slot, lasts.",
            zh: '每场活动或每条内容在日历中占用的时长。',
            example: 'lasts 3 hours',
        },
        single: true,
        value: V.withinHorizon,
    },
    {
        name: 'owner',
        ast: 'owner',
        keyword: 'owner',
        zh: ['负责人'],
        hover: { en: 'Who is responsible (used for staff overlap checks).', zh: '负责人（用于人员冲突检查）。', example: 'owner "Lina"' },
        single: true,
    },
    { name: 'from', ast: 'from', keyword: 'from', single: true },
    {
        name: 'until',
        ast: 'until',
        keyword: 'until',
        zh: ['直到'],
        hover: { en: 'The last date something runs.', zh: '结束日期。', example: 'until 2027-03-29' },
        single: true,
    },
    {
        name: 'link',
        ast: 'link',
        keyword: 'link',
        zh: ['链接'],
        hover: {
            en: 'A link a post carries; purchase links need the "广告" label in China.',
            zh: '内容附带的链接；在中国，购买链接需标注“广告”。',
            example: 'link "https://shop.example.com/sale"',
        },
        single: true,
    },
    {
        name: 'label',
        ast: 'label',
        keyword: 'label',
        zh: ['标注'],
        hover: { en: 'A label shown on posts, e.g. "广告" for advertising.', zh: '内容标签，如广告需标注“广告”。', example: 'label "广告"' },
        single: true,
    },
];

const LIFT_ZH = { retention: '留存提升', activity: '活跃提升', promotion: '晋升提升', buys: '购买提升' } as const;
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
    ...(tuned ? { tune: { id: `lift.${which}`, label: `${which} lift`, zh: LIFT_ZH[which] } } : {}),
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
        tune: { id: 'reach', label: 'reach', zh: '覆盖率' },
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
        tune: { id: 'cost', label: 'cost per run', zh: '单次成本' },
    },
    {
        name: 'capacity',
        ast: 'capacity',
        keyword: 'capacity',
        single: true,
        value: V.positiveCount,
        model: 'capacity',
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
        zh: ['人手'],
        hover: { en: 'Staff needed per run (for hours and overlap checks).', zh: '每场所需人员（用于工时和冲突检查）。', example: 'staff 3' },
        single: true,
        value: V.count,
        model: 'staff',
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
    {
        name: 'lifts',
        ast: 'lifts',
        keyword: 'lift',
        model: 'lifts',
        zh: ['提升'],
        hover: {
            en: 'What an activity improves while it runs: retention, activity or promotion, in points.',
            zh: '活动期间的提升效果：留存、活跃或晋升（百分点）。',
            example: 'lift retention 2 points',
        },
    },
    { name: 'owner', ast: 'owner', keyword: 'owner', single: true },
    {
        name: 'materials',
        ast: 'materials',
        keyword: 'materials',
        zh: ['物料'],
        hover: { en: 'Materials an offline activity needs.', zh: '线下活动所需物料。', example: 'materials "Yoga mats", "Name badges"' },
    },
    { name: 'from', ast: 'from', keyword: 'from' },
    { name: 'until', ast: 'until', keyword: 'until' },
    {
        name: 'incentives',
        ast: 'incentives',
        keyword: 'incentive',
        zh: ['激励'],
        hover: {
            en: 'A reward members get: points, coupon, gift, red-packet, badge.',
            zh: '成员获得的激励：积分、优惠券、礼品、红包、徽章。',
            example: 'incentive points 100',
        },
    },
    { name: 'lottery', ast: 'lottery', node: true, single: true },
    { name: 'data', ast: 'data', node: true, single: true },
];

const LOTTERY: PropertyDef[] = [
    {
        name: 'topPrize',
        ast: 'topPrize',
        keyword: 'top',
        zh: ['最高'],
        hover: { en: '`top prize`: the most valuable prize of a lottery.', zh: '`top prize`：抽奖的最高奖。', example: 'top prize 5000 CNY' },
        value: V.moneyOnce,
        model: 'topPrize',
    },
    {
        name: 'odds',
        ast: 'odds',
        keyword: 'odds',
        zh: ['中奖率'],
        hover: { en: 'The published odds of winning.', zh: '公示的中奖概率。', example: 'odds "1 in 200"' },
    },
    {
        name: 'drawDate',
        ast: 'drawDate',
        keyword: 'draw',
        zh: ['开奖'],
        hover: { en: 'When a lottery is drawn.', zh: '开奖时间。', example: 'draw on 2027-02-01 at 20:00' },
    },
    { name: 'drawTime', ast: 'drawTime', with: 'drawDate' },
    {
        name: 'redemption',
        ast: 'redemption',
        keyword: 'redemption',
        zh: ['兑奖'],
        hover: { en: 'How winners redeem prizes.', zh: '兑奖方式。', example: 'redemption "Coupon in the mini-program within 7 days"' },
    },
    {
        name: 'freeEntry',
        ast: 'freeEntry',
        keyword: 'free',
        zh: ['免费'],
        hover: {
            en: '`free entry`: a no-purchase way to enter (required for US sweepstakes).',
            zh: '`free entry`：无需购买的参与方式（美国抽奖必需）。',
            example: 'free entry "Mail a postcard to …"',
        },
    },
];

const DATA_COLLECTION: PropertyDef[] = [
    {
        name: 'fields',
        ast: 'fields',
        keyword: 'collects',
        zh: ['收集'],
        hover: { en: 'The personal data fields collected.', zh: '收集的个人信息字段。', example: 'collects "phone", "city"' },
    },
    {
        name: 'purpose',
        ast: 'purpose',
        keyword: 'purpose',
        zh: ['目的'],
        hover: {
            en: 'Why the data is collected (must be stated to get consent).',
            zh: '收集目的（取得同意时必须说明）。',
            example: 'purpose "Prize delivery"',
        },
    },
    {
        name: 'retention',
        ast: 'retention',
        keyword: 'retention',
        zh: ['留存'],
        hover: {
            en: 'How long data is kept; as a lift or KPI: members staying.',
            zh: '数据保存期限；用于提升或 KPI 时表示留存。',
            example: 'retention 90 days',
        },
        value: V.duration,
    },
    {
        name: 'consent',
        ast: 'consent',
        keyword: 'consent',
        zh: ['同意'],
        hover: {
            en: 'Members consent to the collection; `consent separate` for sensitive data.',
            zh: '成员同意收集；敏感信息需 `consent separate`（单独同意）。',
            example: 'consent separate',
        },
    },
    { name: 'consentKind', ast: 'consentKind', with: 'consent' },
];

const REFERRAL: PropertyDef<Referral>[] = [
    {
        name: 'invites',
        ast: 'invites',
        keyword: 'invites',
        zh: ['邀请'],
        hover: { en: 'Invitations each member sends per period.', zh: '每位成员每周期发出的邀请数。', example: 'invites 0.8 per member per month' },
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
        tune: { id: 'invites', label: 'invites', zh: '邀请数' },
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
        tune: { id: 'conversion', label: 'conversion', zh: '转化率' },
    },
    {
        name: 'cycle',
        ast: 'cycle',
        keyword: 'cycle',
        zh: ['周期'],
        hover: { en: 'Time from an invitation to the join (referral cycle time).', zh: '从邀请到加入的周期时长。', example: 'cycle 7 days' },
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
        tune: { id: 'cycle', label: 'cycle time', zh: '周期' },
    },
    {
        // The stated conversion holds at the stated reward; a changed reward moves it (engine/rewards.ts).
        name: 'reward',
        ast: 'reward',
        keyword: 'reward',
        zh: ['奖励'],
        hover: {
            en: 'What an inviter (and with `each side`, the invitee) gets per join: cash by default, or coupon (costs its redemption share), points (their cash value when spent), gift, red-packet, pack (资料包: costs only what you write) or badge. A scenario that changes it changes conversion too (docs/forecast-model.md, Rewards).',
            zh: '每次成功邀请，邀请人（`each side` 时双方）获得的奖励：默认现金，也可写 coupon（优惠券，按核销率计成本）、points（积分，按兑换价值计）、gift（礼品）、red-packet（红包）、pack（资料包，只计写明的制作成本）或 badge（徽章）。情景中修改奖励也会改变转化率。',
            example: 'reward coupon 20 CNY each side',
        },
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
        tune: { id: 'reward', label: 'reward', zh: '奖励' },
    },
    { name: 'rewardKind', ast: 'rewardKind', with: 'reward' },
    { name: 'eachSide', ast: 'eachSide', with: 'reward' },
    {
        name: 'mechanic',
        ast: 'mechanic',
        keyword: 'mechanic',
        zh: ['机制'],
        hover: {
            en: 'How a referral works: invite-code, task-share, poster, referral-link.',
            zh: '推荐方式：invite-code、task-share、poster、referral-link。',
            example: 'mechanic invite-code',
        },
        single: true,
    },
    { name: 'tiers', ast: 'tiers', keyword: 'for' },
    { name: 'into', ast: 'into', keyword: 'into', single: true },
    { name: 'from', ast: 'from', keyword: 'from', single: true },
    { name: 'until', ast: 'until', keyword: 'until', single: true },
    {
        name: 'sharesTo',
        ast: 'sharesTo',
        keyword: 'shares',
        zh: ['分享'],
        hover: {
            en: '`shares to`: where a referral asks members to share (moments, link, group, in-app).',
            zh: '`shares to`：推荐要求分享到的位置（moments、link、group、in-app）。',
            example: 'shares to group, in-app',
        },
    },
];

const CHANNEL: PropertyDef<Channel>[] = [
    {
        // One reading everywhere: a spend with a period is per that period, one without is a total over
        // the channel's weeks (as in the channel itself, engine/compile/inflows.ts).
        name: 'paid',
        ast: 'spend',
        keyword: 'paid',
        zh: ['投放'],
        hover: { en: 'Spend per period on a channel.', zh: '渠道每周期投放金额。', example: 'paid 3000 CNY per week' },
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
        tune: { id: 'spend', label: 'spend', zh: '投放金额' },
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
        tune: { id: 'costPerJoin', label: 'cost per join', zh: '单个入群成本' },
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
    {
        name: 'innovation',
        ast: 'innovation',
        keyword: 'innovation',
        zh: ['创新'],
        hover: {
            en: 'Bass p: share of the remaining audience joining on its own per period (often < 1 % per month).',
            zh: 'Bass 系数 p：每周期自发加入的剩余受众比例（通常每月 < 1%）。',
            example: 'innovation 0.01 per month',
        },
        single: true,
        value: innovation,
        model: 'innovation',
    },
    {
        name: 'imitation',
        ast: 'imitation',
        keyword: 'imitation',
        zh: ['模仿'],
        hover: {
            en: 'Bass q: word-of-mouth pull per period (≈ 0.3–0.5 per year in studies).',
            zh: 'Bass 系数 q：每周期口碑带动强度（研究中约每年 0.3–0.5）。',
            example: 'imitation 0.3 per month',
        },
        single: true,
        value: imitation,
        model: 'imitation',
    },
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

/** Every entry's words and levers (what needs no item type), with its kind, in table order. */
export const ENTRIES: readonly { readonly kind: ItemKind; readonly def: Pick<PropertyDef, 'name' | 'keyword' | 'zh' | 'hover' | 'tune'> }[] = (
    Object.keys(PROPERTIES) as ItemKind[]
).flatMap((kind) => PROPERTIES[kind].map((def) => ({ kind, def })));

/** A property's name (`paid`) from one of its Chinese words (`投放`), as a scenario line reads it; undefined for any other word. */
export function propertyOfChinese(word: string): string | undefined {
    return ENTRIES.find(({ def }) => def.zh?.includes(word))?.def.name;
}

/** The keywords that start a property's line, each with its Chinese forms and hover text (from the one entry that gives them). */
export const PROPERTY_KEYWORDS: readonly { readonly keyword: string; readonly zh: readonly string[]; readonly hover: KeywordHover }[] = ENTRIES.flatMap(
    ({ def }) => (def.keyword !== undefined && def.zh && def.hover ? [{ keyword: def.keyword, zh: def.zh, hover: def.hover }] : []),
);

/** The value spec of a grammar assignment, by AST type and property (`Tier.churn`). */
export function valueSpecOf(type: string, ast: string): V.ValueSpec | undefined {
    return isItemKind(type) ? PROPERTIES[type].find((p) => p.ast === ast)?.value : undefined;
}
