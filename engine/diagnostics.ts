// The one diagnostics table: every code the server, the CLI and the reports can show, with its
// severity, message in English and Simplified Chinese, and a docs anchor. Messages use {placeholders}.
// Add a code here (and a test that triggers it) before using it anywhere.

import { fill, type ExpectNone, type Lang, type MessageValue, type MismatchedPlaceholders, type ParamsOf } from './messages.js';

export type { Lang } from './messages.js';
export type Severity = 'error' | 'warning' | 'info';

interface DiagnosticDef {
    readonly severity: Severity;
    readonly en: string;
    readonly zh: string;
}

export const DOCS_BASE = 'https://community-plans.dev/docs/diagnostics';

export const diagnostics = {
    // ---- syntax and names ----
    'syntax-error': { severity: 'error', en: 'Syntax error: {detail}', zh: '语法错误：{detail}' },
    'unresolved-reference': { severity: 'error', en: 'Unknown {kind} "{name}".{hint}', zh: '未知的{kind}“{name}”。{hint}' },
    'duplicate-name': { severity: 'error', en: '"{name}" is already defined in this {scope}.', zh: '“{name}”在此{scope}中已定义。' },
    'duplicate-property': {
        severity: 'warning',
        en: '"{property}" is set more than once; the last value wins.',
        zh: '“{property}”设置了多次，以最后一次为准。',
    },
    'missing-property': { severity: 'error', en: '{element} needs "{property}".', zh: '{element}缺少“{property}”。' },
    'multiple-plans': {
        severity: 'error',
        en: 'Only one plan block is allowed per plan (also found in {other}).',
        zh: '一个计划只能有一个 plan 块（另见 {other}）。',
    },
    'no-plan': {
        severity: 'error',
        en: 'This file defines communities but no plan block (start, horizon, currency) is in it or its imports.',
        zh: '此文件定义了社群，但本文件及其导入中没有 plan 块（开始日期、周期、币种）。',
    },
    'reward-needs-amount': {
        severity: 'error',
        en: 'A {kind} reward needs an amount, e.g. "reward {kind} 20 CNY" (points: "reward points 500").',
        zh: '{kind} 奖励需要写明数额，如 “reward {kind} 20 CNY”（积分：“reward points 500”）。',
    },
    'unknown-kind': { severity: 'warning', en: 'Unknown {what} "{value}"; known: {known}.', zh: '未知的{what}“{value}”；可选：{known}。' },
    'unknown-assumption': { severity: 'error', en: 'Unknown model assumption "{key}"; known: {known}.', zh: '未知的模型假设“{key}”；可选：{known}。' },
    // ---- units and values ----
    'wrong-unit': { severity: 'error', en: '{property} expects {expected}, but got {actual}.', zh: '{property}应为{expected}，实际为{actual}。' },
    'missing-period': {
        severity: 'error',
        en: '{property} is a rate: say per what period (e.g. "per month" or "weekly").',
        zh: '{property}是比率：请注明周期（如 “per month” 或 “weekly”）。',
    },
    'currency-mismatch': { severity: 'error', en: 'Money in {actual}, but the plan is in {expected}.', zh: '金额币种为 {actual}，但计划币种为 {expected}。' },
    'out-of-range': { severity: 'error', en: '{property} must be {range}, but is {value}.', zh: '{property}必须{range}，当前为 {value}。' },
    'bad-range': {
        severity: 'error',
        en: 'Range {low}..{high} runs backwards: the first number must not exceed the second.',
        zh: '区间 {low}..{high} 顺序颠倒：前一个数不能大于后一个数。',
    },
    'bad-uncertainty': {
        severity: 'error',
        en: 'Uncertainty is given twice; use one of "x ± y", "a..b" or "a..b likely m".',
        zh: '不确定性重复给出；请只用 “x ± y”、“a..b” 或 “a..b likely m” 之一。',
    },
    'bad-date': { severity: 'error', en: '"{value}" is not a calendar date.', zh: '“{value}”不是有效日期。' },
    'bad-time': { severity: 'error', en: '"{value}" is not a time of day (00:00–23:59).', zh: '“{value}”不是有效时刻（00:00–23:59）。' },
    'bad-timezone': {
        severity: 'error',
        en: '"{value}" is not an IANA time zone (e.g. "Asia/Shanghai").',
        zh: '“{value}”不是 IANA 时区（如 “Asia/Shanghai”）。',
    },
    'unknown-unit': {
        severity: 'warning',
        en: '"{unit}" after {number} is not a unit this language knows, so the number would be read as a plain count.{hint} Units: %, points, people/人, members, minutes…years/分钟…年, CNY/元/¥ and other currency codes.',
        zh: '{number} 后面的“{unit}”不是可识别的单位，数字会被当作纯数量。{hint}可用单位：%、个百分点、人、成员、分钟…年、元/¥/CNY 及其他币种代码。',
    },
    'full-width-char': {
        severity: 'error',
        en: 'The full-width character "{char}" cannot be read here; write the half-width "{half}" (the quick fix converts the whole file).',
        zh: '此处无法识别全角字符“{char}”，请改为半角“{half}”（快速修复可一次转换整个文件）。',
    },
    // ---- schedule ----
    'date-outside-horizon': { severity: 'warning', en: '{date} is outside the plan ({start} to {end}).', zh: '{date} 不在计划周期内（{start} 至 {end}）。' },
    'until-before-from': { severity: 'error', en: '"until" {until} is before "from" {from}.', zh: '结束日期 {until} 早于开始日期 {from}。' },
    // ---- tiers and flows ----
    'self-flow': { severity: 'error', en: 'Tier "{tier}" cannot flow from itself.', zh: '层级“{tier}”不能从自身流入。' },
    'outflow-over-100': {
        severity: 'error',
        en: 'Tier "{tier}" loses {total} per {period} (churn + promotions + demotions), above 100%.',
        zh: '层级“{tier}”每{period}流出 {total}（流失 + 晋升 + 降级），超过 100%。',
    },
    'no-entry-tier': {
        severity: 'warning',
        en: 'Community "{community}" has tiers but every tier is reached only by promotion; new members have nowhere to land.',
        zh: '社群“{community}”的每个层级都只能通过晋升进入，新成员无处落脚。',
    },
    'kpi-unknown-tier': {
        severity: 'error',
        en: 'KPI names tier "{tier}", which community "{community}" does not have.{hint}',
        zh: 'KPI 引用了社群“{community}”中不存在的层级“{tier}”。{hint}',
    },
    // ---- imports ----
    'import-missing': { severity: 'error', en: 'Cannot find imported file "{path}".', zh: '找不到导入的文件“{path}”。' },
    'import-outside-workspace': {
        severity: 'error',
        en: 'Import "{path}" leaves the workspace; imports must stay inside {root}.',
        zh: '导入“{path}”超出工作区；导入必须位于 {root} 之内。',
    },
    'import-cycle': { severity: 'error', en: 'Import cycle: {cycle}.', zh: '循环导入：{cycle}。' },
    'import-not-community': { severity: 'error', en: 'Imported file "{path}" is not a .community file.', zh: '导入的文件“{path}”不是 .community 文件。' },
    // ---- domain checks ----
    // platform limits (engine/platforms.ts; weak sources draw info or warnings)
    'group-outgrown': {
        severity: 'info',
        en: 'Tier "{tier}" may reach {members} members at P90, above the {cap}-member cap of one {platform} group: plan {groups} groups.',
        zh: '层级“{tier}”在 P90 时可能达到 {members} 人，超过“{platform}”单个群 {cap} 人的上限：请规划 {groups} 个群。',
    },
    'qr-join-cap': {
        severity: 'warning',
        en: 'Groups of tier "{tier}" on {platform} will pass {limit} members, where joining by group QR code stops: plan invitations or a join-way code.',
        zh: '层级“{tier}”在“{platform}”上的群将超过 {limit} 人，届时无法扫码入群：请改用邀请入群或入群方式二维码。',
    },
    'discord-limit': {
        severity: 'warning',
        en: 'The plan needs {count} Discord {what} on "{platform}", above the limit of {limit} per server.',
        zh: '计划在“{platform}”上需要 {count} 个 Discord {what}，超过每个服务器 {limit} 的上限。',
    },
    'wecom-mass-messages': {
        severity: 'warning',
        en: 'Community "{community}" sends {count} broadcasts on WeCom in the month of {month}, above the limit of {limit} per customer or group per month. Posts a member of staff makes by hand in the group are not broadcasts: mark them `sent manually`.',
        zh: '社群“{community}”在 {month} 月通过企业微信群发 {count} 次，超过每位客户/每个群每月 {limit} 次的上限。员工在群内手动发送的内容不算群发：请标注 `sent manually`。',
    },
    // schedule
    'offline-overlap': {
        severity: 'warning',
        en: 'Offline activities "{first}" and "{second}" overlap on {date} and need the same staff ({who}).',
        zh: '线下活动“{first}”与“{second}”在 {date} 时间重叠，且需要同一批人员（{who}）。',
    },
    'post-outside-active-hours': {
        severity: 'info',
        en: 'Content "{content}" posts at {time}, outside the active hours of audience "{audience}" ({windows}).',
        zh: '内容“{content}”在 {time} 发布，不在受众“{audience}”的活跃时段（{windows}）内。',
    },
    'cadence-fatigue': {
        severity: 'warning',
        en: 'Community "{community}" posts {posts} times a week on "{platform}", above the fatigue threshold of {threshold}: reach per post falls and churn rises.',
        zh: '社群“{community}”在“{platform}”每周发布 {posts} 次，超过疲劳阈值 {threshold}：单条触达下降、流失上升。',
    },
    'promo-heavy': {
        severity: 'warning',
        en: '{share} of the posts of community "{community}" are promotional ({promo} of {total} a week): a group that only pushes promotions loses activity and members; keep promotions to at most {threshold}.',
        zh: '社群“{community}”的内容中 {share} 为促销（每周 {total} 条中 {promo} 条）：只推促销的群活跃低、流失高；促销占比请控制在 {threshold} 以内。',
    },
    // resources
    'over-budget': {
        severity: 'warning',
        en: 'Planned costs total {total} {currency}, above the budget of {budget} {currency}: {breakdown}.',
        zh: '计划成本合计 {total} {currency}，超过预算 {budget} {currency}：{breakdown}。',
    },
    'staff-hours': {
        severity: 'warning',
        en: 'Week {week} needs about {hours} staff hours ({breakdown}), above the team capacity of {capacity} hours a week.',
        zh: '第 {week} 周约需 {hours} 人时（{breakdown}），超过团队每周 {capacity} 小时的产能。',
    },
    'lottery-draw-early': {
        severity: 'warning',
        en: 'Lottery "{activity}" draws on {draw}, before it opens on {opens}: nobody can have entered yet.',
        zh: '抽奖“{activity}”在 {draw} 开奖，早于活动开始的 {opens}：开奖时还没有人能参与。',
    },
    'month-day-skips': {
        severity: 'info',
        en: '"every month on day {day}" skips the months without a day {day}: {months}. Use a day up to 28 to run every month.',
        zh: '“every month on day {day}”会跳过没有第 {day} 天的月份：{months}。如需每月进行，请使用 28 日或更早的日期。',
    },
    'activity-capacity': {
        severity: 'warning',
        en: 'Activity "{activity}" expects up to about {turnout} participants in week {week} ({reach} of {members} members), above its capacity of {capacity}; it is over capacity in {over} of its {total} runs, from week {first}.',
        zh: '活动“{activity}”第 {week} 周预计最多约 {turnout} 人参加（{members} 名成员的 {reach}），超过容量 {capacity}；{total} 场中有 {over} 场超容，从第 {first} 周开始。',
    },
    'tier-full': {
        severity: 'info',
        en: 'Tier "{tier}" fills its capacity of {capacity} around week {week} (expected numbers): from then on promotions into it stay where they are and new joins wait outside, which holds down its growth and conversion KPIs.',
        zh: '层级“{tier}”约在第 {week} 周达到容量 {capacity}（按期望值推算）：此后晋升会停留在原层级、新成员无法加入，相关的增长与转化 KPI 会因此受限。',
    },
    // strategy
    'paid-tier-no-way-in': {
        severity: 'warning',
        en: 'Paid tier "{tier}" has no way in: add a promotion flow (e.g. "from {suggestion} 5% per month") or point a channel, referral or organic growth "into" it.',
        zh: '付费层级“{tier}”没有进入路径：请添加晋升流（如 “from {suggestion} 5% per month”），或让渠道、推荐、自然增长 “into” 该层级。',
    },
    'ab-low-pool-idle': {
        severity: 'warning',
        en: 'Two-pool plan: no activity targets the low-threshold pool "{tier}", so nothing shows its members the value of "{high}".',
        zh: 'AB 双池计划：没有活动面向低门槛池“{tier}”，无法向其成员展示“{high}”的价值。',
    },
    'kpi-unmodelled': {
        severity: 'warning',
        en: 'KPI "{kpi}" measures {metric}, which this plan does not model: {missing}.',
        zh: 'KPI“{kpi}”衡量{metric}，但计划中没有相应的模型：{missing}。',
    },
    'override-unknown-property': {
        severity: 'error',
        en: 'Cannot override "{property}" of {kind} "{name}"; overridable: {known}.',
        zh: '无法在情景中修改{kind}“{name}”的“{property}”；可修改：{known}。',
    },
    'override-ambiguous': {
        severity: 'error',
        en: 'The override names "{name}", which is both {kinds}: rename one so the scenario is not a guess.',
        zh: '情景修改的“{name}”同时是{kinds}：请重命名其一，避免歧义。',
    },
    'override-needs-period': {
        severity: 'error',
        en: '{property} is a rate: the override needs a period (e.g. "per month").',
        zh: '{property}是比率：情景修改需要写明周期（如 “per month”）。',
    },
    'kpi-impossible': {
        severity: 'warning',
        en: 'KPI "{kpi}" cannot be met on the plan\'s own numbers: {reason}.',
        zh: 'KPI“{kpi}”按计划自身的数字无法达成：{reason}。',
    },
    // compliance (domain brief §4)
    'lottery-top-prize': {
        severity: 'error',
        en: 'Top prize {prize} is above the ¥50,000 cap for lottery-type prize sales (Anti-Unfair Competition Law).',
        zh: '最高奖金额 {prize} 超过抽奖式有奖销售 5 万元的上限（《反不正当竞争法》）。',
    },
    'lottery-disclosure': { severity: 'error', en: 'The lottery of "{activity}" must disclose {missing}.', zh: '“{activity}”的抽奖必须公示{missing}。' },
    'induced-sharing-entry': {
        severity: 'warning',
        en: 'Tier "{tier}" lets people in for sharing a post: on WeChat, requiring a share to Moments or to groups is inducing sharing (诱导分享), the same rule as a rewarded poster; let people join by group QR code, invitation or application instead.',
        zh: '层级“{tier}”以分享内容作为入群条件：在微信上，要求分享到朋友圈或群属于诱导分享（与有奖海报同一规则）；请改为扫码入群、邀请或申请。',
    },
    'induced-sharing': {
        severity: 'error',
        en: 'Referral "{referral}" rewards sharing to {targets}: WeChat bans inducing sharing (诱导分享); use in-app invite codes or rewards not tied to sharing.',
        zh: '推荐“{referral}”以奖励诱导分享到{targets}：微信禁止诱导分享；请改用应用内邀请码或与分享无关的奖励。',
    },
    'data-consent': {
        severity: 'error',
        en: '"{owner}" collects personal data ({fields}) without {missing} (PIPL Art. 13–17 / GDPR).',
        zh: '“{owner}”收集个人信息（{fields}）但缺少{missing}（《个人信息保护法》第 13–17 条 / GDPR）。',
    },
    'sensitive-data': {
        severity: 'warning',
        en: '"{owner}" collects sensitive data ({fields}): PIPL needs separate consent ("consent separate").',
        zh: '“{owner}”收集敏感个人信息（{fields}）：需取得单独同意（“consent separate”）。',
    },
    'sweepstakes-free-entry': {
        severity: 'error',
        en: 'Sweepstakes "{activity}" in the US needs a free alternative entry ("no purchase necessary").',
        zh: '美国市场的抽奖活动“{activity}”必须提供免费参与方式（“无需购买”）。',
    },
    'ad-label-missing': {
        severity: 'warning',
        en: 'Content "{content}" carries a purchase link but is not labelled "广告" (Internet Advertising Measures 2023).',
        zh: '内容“{content}”带有购买链接，但未标注“广告”（《互联网广告管理办法》2023）。',
    },
    // ---- resource limits (language/limits.ts, imports, expansion; a file over a limit is not read) ----
    'file-too-large': {
        severity: 'error',
        en: 'This file is {size}, above the limit of {limit}, so it is not read (raise the limit with the environment variable COMMUNITY_MAX_FILE_MB).',
        zh: '此文件大小为 {size}，超过上限 {limit}，因此未读取（可用环境变量 COMMUNITY_MAX_FILE_MB 提高上限）。',
    },
    'token-too-long': {
        severity: 'error',
        en: 'Line {line} is {length} characters long, above the limit of {limit}: no name, text or comment of a plan is that long, so the file is not read.',
        zh: '第 {line} 行长 {length} 个字符，超过上限 {limit}：计划中的名称、文本或注释不会这么长，因此未读取此文件。',
    },
    'too-many-comments': {
        severity: 'error',
        en: 'This file has {count} comments, above the limit of {limit}, so it is not read.',
        zh: '此文件有 {count} 条注释，超过上限 {limit}，因此未读取。',
    },
    'too-many-problems': {
        severity: 'warning',
        en: '{more} more problems in this file are not listed (at most {limit} are shown).',
        zh: '此文件还有 {more} 个问题未列出（最多显示 {limit} 个）。',
    },
    'too-many-events': {
        severity: 'error',
        en: 'This schedule expands to about {count} events over {weeks} weeks, above the limit of {limit} per schedule: space it out, add "N times" or shorten the horizon.',
        zh: '此日程在 {weeks} 周内约展开为 {count} 个事件，超过每个日程 {limit} 个的上限：请拉开间隔、加上 “N times” 或缩短计划周期。',
    },
    'too-many-tiers': {
        severity: 'error',
        en: 'Community "{community}" has {tiers} tiers with {flows} flows between them, above the limit of {tierLimit} tiers and {flowLimit} flows per community, so it is not forecast: merge tiers members pass through alike.',
        zh: '社群“{community}”有 {tiers} 个层级、{flows} 条层级间流转，超过每个社群 {tierLimit} 个层级、{flowLimit} 条流转的上限，因此不做预测：请合并成员经历相同的层级。',
    },
    'import-not-file': {
        severity: 'error',
        en: 'Import "{path}" is {what}, not a .community plan file.',
        zh: '导入的“{path}”是{what}，不是 .community 计划文件。',
    },
    'forecast-memory': {
        severity: 'error',
        en: 'This forecast would need about {size} of memory ({runs} runs × {weeks} weeks × {series} series), above the budget of {limit}: use fewer runs, a shorter horizon or fewer tiers and flows (raise the budget with the environment variable COMMUNITY_FORECAST_MEMORY_MB).',
        zh: '此次预测约需 {size} 内存（{runs} 次模拟 × {weeks} 周 × {series} 个序列），超过上限 {limit}：请减少模拟次数、缩短计划周期或减少层级与流转（可用环境变量 COMMUNITY_FORECAST_MEMORY_MB 提高上限）。',
    },
    // ---- actuals (calibration, docs/calibration.md); {at} is file:row:col ----
    'actuals-missing': { severity: 'error', en: 'Cannot find the actuals file "{path}".', zh: '找不到实际数据文件“{path}”。' },
    'actuals-outside-workspace': {
        severity: 'error',
        en: 'Actuals "{path}" leave the workspace; data files must stay inside {root}.',
        zh: '实际数据“{path}”超出工作区；数据文件必须位于 {root} 之内。',
    },
    'actuals-unreadable': { severity: 'error', en: 'Cannot read actuals "{path}": {detail}.', zh: '无法读取实际数据“{path}”：{detail}。' },
    'actuals-bad-header': { severity: 'error', en: '{at}: bad header: {detail}.', zh: '{at}：表头有误：{detail}。' },
    'actuals-unknown-column': { severity: 'error', en: '{at}: unknown column "{column}"; known: {known}.', zh: '{at}：未知的列“{column}”；可用：{known}。' },
    'actuals-unknown-tier': {
        severity: 'error',
        en: '{at}: unknown tier "{tier}"; the community has: {known}.',
        zh: '{at}：未知的层级“{tier}”；社群的层级有：{known}。',
    },
    'actuals-not-a-number': { severity: 'error', en: '{at}: "{value}" in column "{column}" is not a number.', zh: '{at}：“{column}”列中的“{value}”不是数字。' },
    'actuals-week-outside': {
        severity: 'error',
        en: '{at}: {what} is outside the plan (weeks 1–{horizon}, {start} to {end}).',
        zh: '{at}：{what} 不在计划周期内（第 1–{horizon} 周，{start} 至 {end}）。',
    },
    'actuals-duplicate-week': {
        severity: 'error',
        en: '{at}: {when} appears twice (first on row {other}).',
        zh: '{at}：{when} 重复出现（首次在第 {other} 行）。',
    },
    'actuals-negative': { severity: 'error', en: '{at}: {column} cannot be negative ({value}).', zh: '{at}：{column} 不能为负数（{value}）。' },
    // ---- requests (server/forecast-request.ts) ----
    'forecast-too-large': {
        severity: 'error',
        en: 'A forecast of {runs} runs over {weeks} weeks is {work} run-weeks, above the limit of {limit} for the editor preview: lower the runs (community.preview.runs) or forecast it with `community simulate`.',
        zh: '{runs} 次模拟 × {weeks} 周的预测共 {work} 个模拟周，超过编辑器预览的上限 {limit}：请减少模拟次数（community.preview.runs），或用 `community simulate` 运行。',
    },
    'time-format': {
        severity: 'error',
        en: '"{value}" is not written as a time: a time looks like 21:00 or 9:30 (24-hour clock).',
        zh: '“{value}”不是时刻的写法：时刻写作 21:00 或 9:30（24 小时制），也可写 晚上9点。',
    },
    'drop-twice': {
        severity: 'error',
        en: 'Scenario "{scenario}" drops "{name}" twice: remove the second drop.',
        zh: '情景“{scenario}”两次移除“{name}”：请删去第二个 drop。',
    },
    'calibration-outside': {
        severity: 'warning',
        en: '{quantity} {value}; your last {weeks} weeks of actuals say {low}–{high} (the fitted 90 % interval): the plan is {verdict}.',
        zh: '{quantity} {value}；最近 {weeks} 周的实际数据显示为 {low}–{high}（拟合的 90% 区间）：计划{verdict}。',
    },
    'projections-skipped': {
        severity: 'info',
        en: 'This plan has {communities} communities: above {limit} the checker does not project them, so the checks that need projected numbers (budget, staff hours, group sizes, activity capacity, full tiers, impossible KPIs) are skipped. `community simulate` forecasts the whole plan.',
        zh: '此计划有 {communities} 个社群：超过 {limit} 个时检查器不再逐个推算，需要推算数字的检查（预算、人力工时、群规模、活动容量、层级满员、无法达成的 KPI）因此跳过。可用 `community simulate` 预测整个计划。',
    },
} as const satisfies Record<string, DiagnosticDef>;

export type DiagnosticCode = keyof typeof diagnostics;

/** A code's parameters, read from its English message: `{property}` in the text is `property` here. */
export type DiagnosticArgs<C extends DiagnosticCode> = ParamsOf<(typeof diagnostics)[C]['en']>;

// Compile-time: the en and zh message of every code use the same placeholders (a mismatch is a type
// error naming the code; test/language/messages.test.ts checks it again at run time).
export type DiagnosticsConsistent = ExpectNone<MismatchedPlaceholders<typeof diagnostics>>;

export function severityOf(code: DiagnosticCode): Severity {
    return diagnostics[code].severity;
}

export function docsUrl(code: DiagnosticCode): string {
    return `${DOCS_BASE}#${code}`;
}

/** Fills a code's message template in the chosen language, its parameters checked by the compiler. */
export function formatMessage<C extends DiagnosticCode>(code: C, args: DiagnosticArgs<C>, lang: Lang = 'en'): string {
    return formatStored(code, args, lang);
}

/**
 * Fills a code's message from arguments already stored with a diagnostic (its `data.args`), whose
 * shape the compiler no longer knows; unknown placeholders stay visible.
 */
export function formatStored(code: DiagnosticCode, args: Readonly<Record<string, MessageValue>>, lang: Lang = 'en'): string {
    const def: DiagnosticDef = diagnostics[code];
    return fill(lang === 'zh-CN' ? def.zh : def.en, args);
}

/** The message language from the environment (LANG / LC_ALL / LC_MESSAGES), English by default. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
    const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
    return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
