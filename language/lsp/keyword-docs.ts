// The one table of keyword documentation: a short explanation in English and Simplified Chinese and
// an example for every word of the language. Hover shows it; completion uses it as item docs. The
// keywords that start a property's line give theirs in the property registry
// (engine/properties/registry.ts). A test checks that every keyword of the grammar has an entry.
import { inLang, t } from '../../engine/messages.js';
import type { Lang } from '../../engine/diagnostics.js';
import { PROPERTY_KEYWORDS } from '../../engine/properties/registry.js';
import { KEYWORD_FORMS } from '../keywords-zh.js';

export interface KeywordDoc {
    readonly en: string;
    readonly zh: string;
    readonly example: string;
}

const d = (en: string, zh: string, example: string): KeywordDoc => ({ en, zh, example });

/** The text of the keywords that start no property's line (item kinds, words inside a line, units, schedules). */
export const OTHER_KEYWORD_DOCS: Readonly<Record<string, KeywordDoc>> = {
    // structure
    import: d(
        'Use platforms, audiences and plans defined in another .community file (path relative to this file).',
        '引用另一个 .community 文件中定义的平台、受众和计划（相对路径）。',
        'import "shared/platforms.community"',
    ),
    plan: d(
        'The plan block: start date, horizon, currency, budget, team and markets. One per plan (across imports).',
        '计划块：开始日期、周期、币种、预算、团队与市场。每个计划（含导入）只能有一个。',
        'plan "FitHome 2027 H1" { start 2027-01-04  horizon 26 weeks  currency CNY }',
    ),
    each: d('Per person (team hours) or per side (referral rewards).', '每人（团队工时）或每方（推荐奖励）。', 'reward 20 CNY each side'),
    community: d(
        'A community: its positioning, platforms, tiers, content, activities, growth and KPIs.',
        '一个社群：定位、平台、分层、内容、活动、增长与 KPI。',
        'community FitHome "居家健身社群" { theme "Home workouts" }',
    ),
    value: d('See `order value`: average order value per purchase.', '见 `order value`：每次购买的客单价。', 'order value 199 CNY'),
    // tiers
    tier: d(
        'A membership level (用户分层) with its own entry, flows, churn and activity.',
        '会员层级（用户分层），有各自的进入方式、流转、流失与活跃。',
        'tier Core "真爱粉丝" { entry fee 1 CNY per day  churn 4% per month }',
    ),
    fee: d('A paid entry (high threshold); also a scenario property.', '付费进入（高门槛）；也可在情景中修改。', 'entry fee 1 CNY per day'),
    to: d('Target of a demotion (`down to`) or of sharing (`shares to`).', '降级（`down to`）或分享（`shares to`）的目标。', 'down to Prospect 5% per month'),
    actuals: d(
        'Observed weekly or daily numbers (CSV or XLSX, path relative to this file, inside the workspace) that `community calibrate` fits the plan to (数据复盘); see docs/calibration.md.',
        '实际数据（CSV 或 XLSX，路径相对于本文件且位于工作区内），`community calibrate` 据此校准计划（数据复盘）；见 docs/calibration.md。',
        'actuals "data/fithome.csv"',
    ),
    // content
    content: d(
        'A content stream: kind, format, schedule, audience tiers, cost.',
        '内容栏目：类型、形式、发布日程、面向层级与成本。',
        'content WorkoutTips { kind educational  every day at 20:00 }',
    ),
    above: d(
        'A relative KPI target: `kpi new members >= 40% above 3000` means at least 4,200 (the baseline × 1.4); `>= 20% above scenario NoAds` compares each run with the same run of that scenario (same draws).',
        '相对的 KPI 目标：`kpi new members >= 40% above 3000` 表示至少 4,200（基准 × 1.4）；`>= 20% above scenario NoAds` 表示每次模拟都与该情景的同一次模拟（相同随机数）相比高 20%。',
        'kpi Signups: new members >= 40% above 3000',
    ),
    as: d(
        'See `sent`: `sent as broadcast`; and `actuals "file" as MAPPING`: read a platform export with its built-in column mapping (wecom, discord, discourse-signups, discourse-engaged-users).',
        '见 `sent`：`sent as broadcast`；以及 `actuals "文件" as 映射`：按内置列映射读取平台导出（wecom、discord、discourse-signups、discourse-engaged-users）。',
        'sent as broadcast',
    ),
    broadcast: d('See `sent`: a company mass message on WeCom.', '见 `sent`：企业微信的企业群发。', 'sent as broadcast'),
    manually: d(
        'See `sent`: posted in the group by a member of staff, not a company broadcast.',
        '见 `sent`：员工在群内手动发送，不是企业群发。',
        'sent manually',
    ),
    // activities
    activity: d(
        'An online or offline activity (活动) with a schedule, target tiers, reach, lift and cost.',
        '线上或线下活动，含日程、面向层级、参与率、提升效果与成本。',
        'activity SpringSalon { offline salon at "Shanghai"  on 2027-03-20 at 14:00 }',
    ),
    online: d('An online activity (Q&A, challenge, livestream, lottery, vote …).', '线上活动（问答、打卡、直播、抽奖、投票等）。', 'online challenge'),
    offline: d(
        'An offline activity (meetup, salon, trial, sport …): needs venue, staff and a run-sheet.',
        '线下活动（聚会、沙龙、体验、运动等）：需要场地、人员与流程。',
        'offline salon at "Shanghai, Jing\'an"',
    ),
    at: d(
        'Time of day (HH:MM) of a schedule, or the place of an offline activity.',
        '日程的时刻（HH:MM），或线下活动的地点。',
        'every week on Friday at 12:00',
    ),
    lottery: d(
        'A lucky draw (抽奖). In China: top prize ≤ ¥50,000, with odds, draw time and redemption disclosed.',
        '抽奖。在中国：最高奖 ≤ 5 万元，并公示中奖概率、开奖时间与兑奖方式。',
        'lottery { top prize 5000 CNY  odds "1 in 200"  draw on 2027-02-01 at 20:00  redemption "Online coupon" }',
    ),
    prize: d('See `top prize`.', '见 `top prize`。', 'top prize 5000 CNY'),
    data: d(
        'Personal data a community or activity collects, for PIPL / GDPR checks.',
        '社群或活动收集的个人信息，用于《个人信息保护法》/ GDPR 检查。',
        'data { collects "phone"  purpose "Prize delivery"  retention 90 days  consent }',
    ),
    // growth
    referral: d(
        'A referral / fission (裂变) mechanic: invite codes, task sharing, posters.',
        '推荐/裂变机制：邀请码、任务分享、海报。',
        'referral InviteCode { mechanic invite-code  invites 0.8 per member per month  conversion 25% }',
    ),
    side: d('`each side`: both inviter and invitee are rewarded.', '`each side`：邀请双方都获得奖励。', 'reward 20 CNY each side'),
    channel: d(
        'A paid acquisition channel: spend per period and cost per join.',
        '付费获客渠道：每周期投放与单个获客成本。',
        'channel DouyinAds { paid 3000 CNY per week  cost per join 15 CNY }',
    ),
    join: d('`cost per join`: money per member acquired.', '`cost per join`：每获取一位成员的费用。', 'cost per join 15 CNY ± 5 CNY'),
    organic: d(
        'Word of mouth by the Bass model: innovation p and imitation q per period.',
        '按 Bass 模型的自然增长：创新系数 p 与模仿系数 q。',
        'organic { innovation 0.01 per month  imitation 0.3 per month }',
    ),
    // KPIs
    kpi: d('A target the forecast reports a probability for.', '预测会给出达成概率的目标。', 'kpi Growth: members >= 20000 by week 26'),
    members: d('Members (in all tiers or one tier); a unit for counts too.', '成员数（全部或某一层级）；也可作计数单位。', 'kpi members in Core >= 2000'),
    new: d('`new members`: people joining over the plan.', '`new members`：计划期内新加入人数。', 'kpi new members >= 5000'),
    in: d('Restrict a KPI to one tier.', '把 KPI 限定到某一层级。', 'kpi members in Core >= 2000'),
    rate: d('`active rate`: share of members active in a week.', '`active rate`：每周活跃成员比例。', 'kpi active rate >= 20%'),
    revenue: d('Revenue: purchases × order value plus fees.', '收入：购买 × 客单价 + 会费。', 'kpi revenue >= 500000 CNY'),
    roi: d(
        'Return on investment: (revenue × margin − cost) ÷ cost; on gross revenue when the community gives no margin.',
        '投资回报率：（收入 × 毛利率 − 成本）÷ 成本；未设毛利率时按销售额计算。',
        'kpi roi >= 1.5',
    ),
    participation: d(
        'KPI: the average weekly share of members taking part in activities over the last weeks before the deadline (kpi-rate-window).',
        'KPI：截止前若干周（kpi-rate-window）每周参与活动的成员比例的平均值。',
        'kpi participation >= 70%',
    ),
    by: d('Deadline of a KPI: a plan week or a date.', 'KPI 截止时间：计划周次或日期。', 'kpi members >= 20000 by week 26'),
    // scenarios
    scenario: d(
        'A what-if: overrides and drops applied to the plan for comparison.',
        '情景：对计划的覆盖与删除，用于对比。',
        'scenario DoubleAds { DouyinAds.paid = 6000 CNY per week }',
    ),
    drop: d('A scenario runs without this item.', '情景中去掉该条目。', 'drop FlashSale'),
    solved: d(
        'What `community solve --write` found this scenario for: the KPIs it meets and the probability each was to reach. The reports rank solved scenarios by cost.',
        '`community solve --write` 求得该情景的目标：要达成的指标及各自的达成概率。报告按成本比较已求解的情景。',
        'scenario SpendFor50k "Spend for 50k" solved for Growth at 80% { DouyinAds.paid = 4500 CNY per week }',
    ),
    // schedules
    every: d(
        'A recurring schedule: every day / week / month / weekday, optionally on days, at times, from, until, N times.',
        '重复日程：每天/每周/每月/工作日，可指定日期、时刻、起止与次数。',
        'every week on Monday, Thursday at 19:30',
    ),
    on: d(
        'Days of a recurrence (weekdays or `day N` of the month), or the date of a one-off.',
        '重复的日期（星期或每月第 N 天），或单次日程的日期。',
        'on 2027-03-20 at 14:00',
    ),
    times: d('`N times`: the series stops after N occurrences.', '`N times`：发生 N 次后停止。', 'every week 8 times'),
    weekday: d('Monday to Friday.', '周一至周五。', 'every weekday at 08:00'),
    day: d('A day: a frequency, a duration unit, a period, or `day N` of the month.', '天：频率、时长单位、周期，或每月第 N 天。', 'every day at 20:00'),
    days: d('Days (duration or frequency).', '天（时长或频率）。', 'lasts 7 days'),
    week: d('A week: frequency, period, duration or KPI deadline.', '周：频率、周期、时长或 KPI 截止。', 'every week on Friday'),
    weeks: d('Weeks (duration or frequency).', '周（时长或频率）。', 'horizon 26 weeks'),
    month: d('A month (52/12 weeks in the model).', '月（模型中为 52/12 周）。', '12% per month'),
    months: d('Months (duration or frequency).', '月（时长或频率）。', 'every 2 months'),
    year: d('A year (52 weeks in the model).', '年（模型中为 52 周）。', '30% per year'),
    years: d('Years (duration).', '年（时长）。', 'retention 3 years'),
    hour: d('An hour (duration or period).', '小时（时长或周期）。', '40 hours per week'),
    hours: d('Hours (duration).', '小时（时长）。', 'lasts 3 hours'),
    minute: d('A minute (duration or period).', '分钟。', 'lasts 90 minute'),
    minutes: d('Minutes (duration).', '分钟（时长）。', 'lasts 45 minutes'),
    Monday: d('Monday (周一).', '周一。', 'every week on Monday'),
    Tuesday: d('Tuesday (周二).', '周二。', 'every week on Tuesday'),
    Wednesday: d('Wednesday (周三).', '周三。', 'every week on Wednesday'),
    Thursday: d('Thursday (周四).', '周四。', 'every week on Thursday'),
    Friday: d('Friday (周五).', '周五。', 'every Friday at 12:00'),
    Saturday: d('Saturday (周六).', '周六。', 'every Saturday at 10:00'),
    Sunday: d('Sunday (周日).', '周日。', 'every Sunday at 10:00'),
    // numbers
    per: d('The period or thing a number is counted per.', '数字所对应的周期或单位。', '12% per month'),
    daily: d('Per day.', '每天。', 'active 10% daily'),
    weekly: d('Per week.', '每周。', 'active 25% weekly'),
    monthly: d('Per month.', '每月。', 'churn 5% monthly'),
    yearly: d('Per year.', '每年。', 'churn 40% yearly'),
    likely: d('The most likely value of a range (triangular distribution).', '区间中最可能的值（三角分布）。', '8%..16% likely 12% per month'),
    points: d('Percentage points (lifts) or a points incentive (积分).', '百分点（提升）或积分激励。', 'lift retention 2 points'),
    people: d('A count of people.', '人数。', 'team 3 people'),
    promotion: d('Lift on promotion between tiers while an activity runs.', '活动期间对层级晋升的提升。', 'lift promotion 1 points'),
};

/** Every keyword's text: a property's keyword gives it with the property (engine/properties/registry.ts, `hover`). */
export const KEYWORD_DOCS: Readonly<Record<string, KeywordDoc>> = {
    ...Object.fromEntries(PROPERTY_KEYWORDS.map((k) => [k.keyword, k.hover])),
    ...OTHER_KEYWORD_DOCS,
};

/** Documentation of a keyword as Markdown, in the configured language. */
export function keywordMarkdown(keyword: string, lang: Lang): string | undefined {
    const doc = KEYWORD_DOCS[keyword];
    if (!doc) return undefined;
    const text = inLang(doc, lang);
    const example = t('docs.example', {}, lang);
    // Both forms: a plan may be written with either (keywords-zh.ts).
    const chinese = KEYWORD_FORMS.get(keyword)?.zh.filter((z) => /[^\x00-\x7f]/.test(z));
    const forms = chinese && chinese.length > 0 ? ` · ${chinese.join(' / ')}` : '';
    return `**${keyword}**${forms} — ${text}\n\n${example}:\n\`\`\`community\n${doc.example}\n\`\`\``;
}
