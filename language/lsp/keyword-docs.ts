// The one table of keyword documentation: a short explanation in English and Simplified Chinese and
// an example for every word of the language. Hover shows it; completion uses it as item docs.
// A test checks that every keyword of the grammar has an entry.
import { inLang, t } from '../../engine/messages.js';
import type { Lang } from '../../engine/diagnostics.js';
import { KEYWORD_FORMS } from '../keywords-zh.js';

export interface KeywordDoc {
    readonly en: string;
    readonly zh: string;
    readonly example: string;
}

const d = (en: string, zh: string, example: string): KeywordDoc => ({ en, zh, example });

export const KEYWORD_DOCS: Readonly<Record<string, KeywordDoc>> = {
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
    start: d('First day of week 1 of the plan (ISO date).', '计划第 1 周的第一天（ISO 日期）。', 'start 2027-01-04'),
    horizon: d('How long the plan runs; forecasts and schedules stop there.', '计划持续时长；预测与日程到此为止。', 'horizon 26 weeks'),
    timezone: d('IANA time zone of every date and time in the plan.', '计划中所有日期时刻所用的 IANA 时区。', 'timezone "Asia/Shanghai"'),
    currency: d('ISO 4217 currency of all money in the plan.', '计划中所有金额的 ISO 4217 币种。', 'currency CNY'),
    budget: d(
        'Total money available over the horizon; planned costs above it draw a warning.',
        '整个周期的总预算；计划成本超出时给出警告。',
        'budget 120000 CNY',
    ),
    team: d(
        'Operators: people and hours each per week; staff-hour checks compare the plan against it.',
        '运营团队：人数与每人每周工时；人力检查以此为上限。',
        'team 3 people, 40 hours per week each',
    ),
    each: d('Per person (team hours) or per side (referral rewards).', '每人（团队工时）或每方（推荐奖励）。', 'reward 20 CNY each side'),
    market: d(
        'Markets the plan targets (CN, US, EU, UK, global): selects the compliance rules that apply.',
        '计划面向的市场（CN、US、EU、UK、global），决定适用的合规规则。',
        'market CN, US',
    ),
    assume: d('Override a forecast model coefficient (see the assumptions table).', '覆盖预测模型的一个系数（见假设表）。', 'assume promo-share-threshold 20%'),
    platform: d(
        'A platform where the community lives (WeChat group, WeCom, QQ, Discord …), which platforms a community uses, or — in a tier — the one platform its groups live on (so group counts are not doubled across platforms).',
        '社群所在的平台（微信群、企业微信、QQ、Discord 等）、社群使用的平台，或在层级中表示该层级的群所在的唯一平台（群数不会跨平台重复计算）。',
        'platform WeChatGroups "微信群" { kind wechat-group }',
    ),
    kind: d(
        'What kind of platform, content or activity this is; known kinds carry limits and model effects.',
        '平台、内容或活动的类型；已知类型带有平台限制与模型效果。',
        'kind wechat-group',
    ),
    group: d(
        '`group capacity N`: members per group on this platform (overrides the limits table).',
        '`group capacity N`：该平台每个群的人数上限（覆盖限制表）。',
        'group capacity 500',
    ),
    limit: d('Override one entry of the platform-limits table for this plan.', '在本计划中覆盖平台限制表的一项。', 'limit qr-join 200'),
    audience: d(
        'The people a community addresses: size, age, interests, active hours, regions.',
        '社群面向的人群：规模、年龄、兴趣、活跃时段、地区。',
        'audience OfficeWorkers { size 200000  active 20:00-23:00 }',
    ),
    size: d('Addressable people in an audience (caps growth).', '受众中可触达的人数（增长上限）。', 'size 200000'),
    age: d('Age range of an audience.', '受众年龄区间。', 'age 25..40'),
    interests: d('Interests of an audience (for positioning and reports).', '受众兴趣（用于定位与报告）。', 'interests "fitness", "healthy eating"'),
    region: d('Regions of an audience.', '受众所在地区。', 'region "Shanghai", "Hangzhou"'),
    community: d(
        'A community: its positioning, platforms, tiers, content, activities, growth and KPIs.',
        '一个社群：定位、平台、分层、内容、活动、增长与 KPI。',
        'community FitHome "居家健身社群" { theme "Home workouts" }',
    ),
    theme: d('What the community is about (shared interest, 同好).', '社群主题（同好）。', 'theme "Home workouts for busy office workers"'),
    rules: d('Group rules members agree to.', '成员需遵守的群规。', 'rules "No advertising", "Respect others"'),
    order: d('`order value`: average order value (客单价) used for revenue.', '`order value`：客单价，用于计算收入。', 'order value 199 CNY ± 40 CNY'),
    value: d('See `order value`: average order value per purchase.', '见 `order value`：每次购买的客单价。', 'order value 199 CNY'),
    // tiers
    tier: d(
        'A membership level (用户分层) with its own entry, flows, churn and activity.',
        '会员层级（用户分层），有各自的进入方式、流转、流失与活跃。',
        'tier Core "真爱粉丝" { entry fee 1 CNY per day  churn 4% per month }',
    ),
    entry: d(
        'How people get into a tier: share, invite, application, open, purchase, or `fee` with a price.',
        '进入层级的方式：share、invite、application、open、purchase，或 `fee` 加价格。',
        'entry share post',
    ),
    fee: d('A paid entry (high threshold); also a scenario property.', '付费进入（高门槛）；也可在情景中修改。', 'entry fee 1 CNY per day'),
    from: d(
        'In a tier: promotion from another tier at a rate per period. Elsewhere: the first date something runs.',
        '层级中：按周期比率从另一层级晋升。其他位置：开始日期。',
        'from Prospect 6% per month ± 2%',
    ),
    down: d(
        '`down to T r`: demotion from this tier to tier T at a rate per period.',
        '`down to T r`：按周期比率降级到层级 T。',
        'down to Prospect 5% per month',
    ),
    to: d('Target of a demotion (`down to`) or of sharing (`shares to`).', '降级（`down to`）或分享（`shares to`）的目标。', 'down to Prospect 5% per month'),
    churn: d(
        "Share of a tier's members leaving per period (流失率). A KPI metric too.",
        '每个周期离开该层级的成员比例（流失率），也可作为 KPI。',
        'churn 12% per month ± 4%',
    ),
    active: d('Share of members active per period; on an audience, its active hours.', '每个周期活跃成员比例；在受众中表示活跃时段。', 'active 25% weekly'),
    seed: d("Members a tier has at the plan's start.", '计划开始时该层级的成员数。', 'seed 300 members'),
    buys: d(
        'Share of members buying per period (revenue = buyers × order value); `baseline buys` on a community: what the same people would buy without it.',
        '每个周期购买的成员比例（收入 = 购买人数 × 客单价）；社群中的 `baseline buys`：没有社群时这些人本来的购买率。',
        'buys 5% per month',
    ),
    repurchase: d(
        'Tier: the share of members who have bought before buying again per period (复购; absent: the `buys` rate). KPI `repurchase rate`: of everyone who has bought since the start, the share who bought at least twice (复购率).',
        '层级中：已购买过的成员每个周期再次购买的比例（复购；不写时同 `buys`）。KPI `repurchase rate`（复购率）：自计划开始以来购买过的人中，购买两次及以上的比例。',
        'repurchase 25% per month',
    ),
    margin: d(
        'Contribution margin on sales (毛利率): ROI is then on margin, with gross ROI shown beside it.',
        '销售的贡献毛利率：投资回报率按毛利计算，并同时显示按销售额计算的回报率。',
        'margin 40%',
    ),
    baseline: d(
        '`baseline buys r`: the purchase rate members would have without the community; reports show incremental revenue and ROI against it.',
        '`baseline buys r`：没有社群时成员本来的购买率；报告据此给出增量收入与增量回报率。',
        'baseline buys 2% per month',
    ),
    actuals: d(
        'Observed weekly or daily numbers (CSV or XLSX, path relative to this file, inside the workspace) that `community calibrate` fits the plan to (数据复盘); see docs/calibration.md.',
        '实际数据（CSV 或 XLSX，路径相对于本文件且位于工作区内），`community calibrate` 据此校准计划（数据复盘）；见 docs/calibration.md。',
        'actuals "data/fithome.csv"',
    ),
    capacity: d(
        'Tier: members its groups can hold (e.g. 3 groups × 500). Activity: the most participants a run takes. Channel: the most people it brings in a period, whatever the spend buys (`capacity 300 per week`).',
        '层级：其群组可容纳的人数（如 3 个群 × 500）。活动：每场最多参与人数。渠道：每周期最多带来的人数，无论投放多少（`capacity 300 per week`）。',
        'capacity 60',
    ),
    benefits: d('What members of a tier get.', '该层级成员享有的权益。', 'benefits "Weekly coaching", "Member coupons"'),
    // content
    content: d(
        'A content stream: kind, format, schedule, audience tiers, cost.',
        '内容栏目：类型、形式、发布日程、面向层级与成本。',
        'content WorkoutTips { kind educational  every day at 20:00 }',
    ),
    format: d('Format of a content stream: text, image, video, livestream, article, audio.', '内容形式：文字、图片、视频、直播、长文、音频。', 'format video'),
    for: d('Which tiers a content stream, activity or referral addresses.', '内容、活动或推荐面向的层级。', 'for Prospect, Core'),
    sent: d(
        'WeCom: how a content item reaches the group — `sent as broadcast` (a company mass message, counted against the monthly cap; the default) or `sent manually` (posted in the group by staff, not a broadcast).',
        '企业微信：内容如何发到群里——`sent as broadcast`（企业群发，计入每月上限；默认）或 `sent manually`（员工在群内手动发送，不算群发）。',
        'sent manually',
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
    via: d(
        "The platform a content stream is posted on (default: all of the community's platforms).",
        '内容发布的平台（默认：社群的所有平台）。',
        'via WeChatGroups',
    ),
    cost: d(
        'Money per post, per run or per period; `cost per join` on a channel. A KPI metric too.',
        '每条、每场或每周期的费用；渠道中为 `cost per join`。也可作为 KPI。',
        'cost 300 CNY per post',
    ),
    owner: d('Who is responsible (used for staff overlap checks).', '负责人（用于人员冲突检查）。', 'owner "Lina"'),
    link: d(
        'A link a post carries; purchase links need the "广告" label in China.',
        '内容附带的链接；在中国，购买链接需标注“广告”。',
        'link "https://shop.example.com/sale"',
    ),
    label: d('A label shown on posts, e.g. "广告" for advertising.', '内容标签，如广告需标注“广告”。', 'label "广告"'),
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
    lasts: d("How long one run of an activity, or one post's calendar slot, lasts.", '每场活动或每条内容在日历中占用的时长。', 'lasts 3 hours'),
    reach: d(
        'Activity: share of the targeted tiers taking part in a run. Content on a public platform (Xiaohongshu, Douyin…): views per post outside the community.',
        '活动：目标层级中参与每场活动的比例。公域平台内容（小红书、抖音等）：每篇在社群外的浏览量。',
        'reach 40% ± 10%',
    ),
    lift: d(
        'What an activity improves while it runs: retention, activity or promotion, in points.',
        '活动期间的提升效果：留存、活跃或晋升（百分点）。',
        'lift retention 2 points',
    ),
    staff: d('Staff needed per run (for hours and overlap checks).', '每场所需人员（用于工时和冲突检查）。', 'staff 3'),
    materials: d('Materials an offline activity needs.', '线下活动所需物料。', 'materials "Yoga mats", "Name badges"'),
    incentive: d('A reward members get: points, coupon, gift, red-packet, badge.', '成员获得的激励：积分、优惠券、礼品、红包、徽章。', 'incentive points 100'),
    lottery: d(
        'A lucky draw (抽奖). In China: top prize ≤ ¥50,000, with odds, draw time and redemption disclosed.',
        '抽奖。在中国：最高奖 ≤ 5 万元，并公示中奖概率、开奖时间与兑奖方式。',
        'lottery { top prize 5000 CNY  odds "1 in 200"  draw on 2027-02-01 at 20:00  redemption "Online coupon" }',
    ),
    top: d('`top prize`: the most valuable prize of a lottery.', '`top prize`：抽奖的最高奖。', 'top prize 5000 CNY'),
    prize: d('See `top prize`.', '见 `top prize`。', 'top prize 5000 CNY'),
    odds: d('The published odds of winning.', '公示的中奖概率。', 'odds "1 in 200"'),
    draw: d('When a lottery is drawn.', '开奖时间。', 'draw on 2027-02-01 at 20:00'),
    redemption: d('How winners redeem prizes.', '兑奖方式。', 'redemption "Coupon in the mini-program within 7 days"'),
    free: d(
        '`free entry`: a no-purchase way to enter (required for US sweepstakes).',
        '`free entry`：无需购买的参与方式（美国抽奖必需）。',
        'free entry "Mail a postcard to …"',
    ),
    data: d(
        'Personal data a community or activity collects, for PIPL / GDPR checks.',
        '社群或活动收集的个人信息，用于《个人信息保护法》/ GDPR 检查。',
        'data { collects "phone"  purpose "Prize delivery"  retention 90 days  consent }',
    ),
    collects: d('The personal data fields collected.', '收集的个人信息字段。', 'collects "phone", "city"'),
    purpose: d('Why the data is collected (must be stated to get consent).', '收集目的（取得同意时必须说明）。', 'purpose "Prize delivery"'),
    retention: d('How long data is kept; as a lift or KPI: members staying.', '数据保存期限；用于提升或 KPI 时表示留存。', 'retention 90 days'),
    consent: d(
        'Members consent to the collection; `consent separate` for sensitive data.',
        '成员同意收集；敏感信息需 `consent separate`（单独同意）。',
        'consent separate',
    ),
    // growth
    referral: d(
        'A referral / fission (裂变) mechanic: invite codes, task sharing, posters.',
        '推荐/裂变机制：邀请码、任务分享、海报。',
        'referral InviteCode { mechanic invite-code  invites 0.8 per member per month  conversion 25% }',
    ),
    mechanic: d(
        'How a referral works: invite-code, task-share, poster, referral-link.',
        '推荐方式：invite-code、task-share、poster、referral-link。',
        'mechanic invite-code',
    ),
    reward: d(
        'What an inviter (and with `each side`, the invitee) gets per join: cash by default, or coupon (costs its redemption share), points (their cash value when spent), gift, red-packet, pack (资料包: costs only what you write) or badge. A scenario that changes it changes conversion too (docs/forecast-model.md, Rewards).',
        '每次成功邀请，邀请人（`each side` 时双方）获得的奖励：默认现金，也可写 coupon（优惠券，按核销率计成本）、points（积分，按兑换价值计）、gift（礼品）、red-packet（红包）、pack（资料包，只计写明的制作成本）或 badge（徽章）。情景中修改奖励也会改变转化率。',
        'reward coupon 20 CNY each side',
    ),
    side: d('`each side`: both inviter and invitee are rewarded.', '`each side`：邀请双方都获得奖励。', 'reward 20 CNY each side'),
    invites: d('Invitations each member sends per period.', '每位成员每周期发出的邀请数。', 'invites 0.8 per member per month'),
    conversion: d(
        'Share of invitations that join; on public content, share of viewers who join; as a KPI, the promotion rate between tiers.',
        '邀请转化为加入的比例；公域内容中为浏览者加入的比例；作为 KPI 时表示层级间转化率。',
        'conversion 25%',
    ),
    cycle: d('Time from an invitation to the join (referral cycle time).', '从邀请到加入的周期时长。', 'cycle 7 days'),
    into: d('The tier new members from this source land in (default: the entry tier).', '该来源的新成员进入的层级（默认：入口层级）。', 'into Prospect'),
    until: d('The last date something runs.', '结束日期。', 'until 2027-03-29'),
    shares: d(
        '`shares to`: where a referral asks members to share (moments, link, group, in-app).',
        '`shares to`：推荐要求分享到的位置（moments、link、group、in-app）。',
        'shares to group, in-app',
    ),
    channel: d(
        'A paid acquisition channel: spend per period and cost per join.',
        '付费获客渠道：每周期投放与单个获客成本。',
        'channel DouyinAds { paid 3000 CNY per week  cost per join 15 CNY }',
    ),
    paid: d('Spend per period on a channel.', '渠道每周期投放金额。', 'paid 3000 CNY per week'),
    join: d('`cost per join`: money per member acquired.', '`cost per join`：每获取一位成员的费用。', 'cost per join 15 CNY ± 5 CNY'),
    organic: d(
        'Word of mouth by the Bass model: innovation p and imitation q per period.',
        '按 Bass 模型的自然增长：创新系数 p 与模仿系数 q。',
        'organic { innovation 0.01 per month  imitation 0.3 per month }',
    ),
    innovation: d(
        'Bass p: share of the remaining audience joining on its own per period (often < 1 % per month).',
        'Bass 系数 p：每周期自发加入的剩余受众比例（通常每月 < 1%）。',
        'innovation 0.01 per month',
    ),
    imitation: d(
        'Bass q: word-of-mouth pull per period (≈ 0.3–0.5 per year in studies).',
        'Bass 系数 q：每周期口碑带动强度（研究中约每年 0.3–0.5）。',
        'imitation 0.3 per month',
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
