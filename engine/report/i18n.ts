// Labels and number formatting for the reports in English and Simplified Chinese (Intl).
import type { Lang } from '../diagnostics.js';
import type { KpiForecast } from '../forecast-schema.js';
import type { KpiMetric } from '../model.js';
import type { ItemKind } from '../schedule.js';
import { kpiUnit, type Light } from '../view/kpi.js';

export { lightOf, type Light } from '../view/kpi.js';

const en = {
    report: 'Plan report',
    generated: 'Compiled by community compile',
    plan: 'Plan',
    scenario: 'Scenario',
    asWritten: 'as written',
    horizon: 'Horizon',
    weeksFrom: (weeks: number, start: string, end: string) => `${weeks} weeks, ${start} to ${end}`,
    timezone: 'Time zone',
    runs: 'Runs',
    seed: 'Seed',
    budget: 'Budget',
    budgetLine: (amount: string, p50: string, p: string) => `Budget ${amount}: expected cost P50 ${p50}, ${p} chance to stay within it.`,
    kpis: 'KPIs',
    kpi: 'KPI',
    target: 'Target',
    byWeek: (w: number) => `by week ${w}`,
    probability: 'Probability',
    status: 'Status',
    onTrack: 'on track',
    atRisk: 'at risk',
    offTrack: 'off track',
    noKpis: 'No KPIs defined.',
    charts: 'Forecast charts',
    membersByTier: 'Members by tier (P50, band P10–P90)',
    activeRate: 'Active rate (P50, band P10–P90)',
    costRevenue: 'Cumulative cost vs revenue (P50, band P10–P90)',
    heatmap: 'Content calendar: posts per week',
    tornado: (kpi: string) => `Sensitivity of “${kpi}” (P50 at −20 % and +20 % of each parameter)`,
    week: 'Week',
    members: 'Members',
    tier: 'Tier',
    value: 'Value',
    series: 'Series',
    item: 'Item',
    posts: 'Posts',
    parameter: 'Parameter',
    change: 'Change',
    low: '−20 %',
    high: '+20 %',
    cost: 'Cost',
    revenue: 'Revenue',
    schedule: 'Schedule',
    kind: 'Kind',
    cadence: 'Occurrences',
    first: 'First',
    last: 'Last',
    totalCost: 'Expected cost',
    atHorizon: (week: number) => `Forecast at week ${week}`,
    measure: 'Measure',
    cumulativeRevenue: 'Revenue to date',
    cumulativeCost: 'Cost to date',
    roi: 'ROI',
    costByCategory: 'Cost by category over the horizon',
    category: 'Category',
    share: 'Share of P50',
    cost_content: 'Content (per post)',
    cost_activities: 'Activities (per run, priced staff time)',
    cost_paid: 'Paid channels',
    cost_referral: 'Referral rewards',
    owner: 'Owner',
    gantt: 'Activities',
    runSheet: 'Run-sheet: offline activities',
    noOffline: 'No offline activities.',
    when: 'When',
    activity: 'Activity',
    where: 'Where',
    staff: 'Staff',
    capacity: 'Capacity',
    materials: 'Materials',
    notes: 'Notes',
    community: 'Community',
    occurrences: (n: number) => `${n} occurrences`,
    runsCount: (n: number) => `×${n}`,
    kind_content: 'content',
    'kind_online activity': 'online activity',
    'kind_offline activity': 'offline activity',
    metric: {
        members: 'members',
        'new-members': 'new members',
        'active-rate': 'active rate',
        'active-members': 'active members',
        retention: 'retention',
        churn: 'churn',
        conversion: 'conversion',
        revenue: 'revenue',
        cost: 'cost',
        roi: 'ROI',
        participation: 'participation',
        'repurchase-rate': 'repurchase rate',
    } as Record<KpiMetric, string>,
    days: (n: number) => `${n} days`,
    per: { day: 'per day', week: 'per week', month: 'per month', year: 'per year' } as Record<string, string>,
    checks: 'Checks',
    noChecks: 'community check found no warnings or notes.',
    severity: 'Severity',
    code: 'Code',
    line: 'Line',
    message: 'Message',
    severityWord: { warning: 'warning', info: 'info' } as Record<'warning' | 'info', string>,
    kpiTargetLine: (kpi: string, target: string) => `${kpi} target ${target}`,
    // Executive summary, sections and exports (issue 15).
    summary: 'Executive summary',
    goal: 'Goal',
    headline: 'Forecast',
    headlineMembers: (p50: string, p10: string, p90: string, week: number) => `${p50} members by week ${week} (P10–P90: ${p10} – ${p90})`,
    headlineMoney: (cost: string, revenue: string, roi: string) => `cost ${cost}, revenue ${revenue}, ROI ${roi} (P50)`,
    kpiChances: 'Goals and the chance of meeting them',
    budgetUse: 'Budget',
    budgetUseLine: (p50: string, amount: string, share: string, p: string) => `expected cost ${p50} of ${amount} (${share}); ${p} chance to stay within it`,
    risks: 'Biggest risks',
    noRisks: 'No KPI is at risk and the checks found nothing to warn about.',
    riskKpi: (kpi: string, p: string) => `“${kpi}” has only a ${p} chance of being met`,
    riskSensitivity: (param: string, kpi: string, low: string, high: string) => `“${kpi}” depends most on ${param}: P50 ${low} at −20 %, ${high} at +20 %`,
    riskCheck: (message: string) => message,
    bestScenario: (name: string, p: string) => `Best scenario by KPI chances: ${name} (average ${p})`,
    // Solved scenarios (`solved for Growth at 80%`, from `community solve --write`).
    cheapestWays: 'Cheapest known way to each goal',
    cheapestWay: (kpi: string, scenario: string, cost: string, p: string, required: string) =>
        `“${kpi}”: ${scenario}, mean cost ${cost}, ${p} chance of meeting it (solved for ${required})`,
    noSolvedWayMeets: (kpi: string, required: string, scenario: string, p: string, cost: string) =>
        `“${kpi}”: no solved scenario reaches ${required} here; the closest is ${scenario} with ${p} (mean cost ${cost})`,
    recommendedScenario: (name: string, cost: string, kpis: string) =>
        `Recommended scenario: ${name}, the cheapest solved scenario that meets its goals (mean cost ${cost}; ${kpis})`,
    kpiChance: (kpi: string, p: string) => `“${kpi}” ${p}`,
    growth: 'Growth',
    growthBySource: 'New members by source',
    source: 'Source',
    newMembers: 'New members',
    sourceChart: 'New members per week by source (mean)',
    organic: 'Organic (word of mouth, search)',
    sourceKind: { organic: 'organic', channel: 'paid channel', referral: 'referral', content: 'public content' } as Record<string, string>,
    meanShare: 'Share of mean',
    grossRoi: 'ROI on gross sales',
    marginRoi: (m: string) => `ROI on margin (${m})`,
    incrementalRevenue: 'Incremental revenue (over baseline)',
    incrementalRoi: 'Incremental ROI',
    scenarios: 'Scenarios side by side',
    scenarioMembers: 'Members in each scenario (P50, band P10–P90)',
    chartTotal: 'All members',
    actual: 'Actual',
    actualOutside: 'Actual outside P10–P90',
    avgProbability: 'Average KPI chance',
    money: 'Money',
    budgetRow: 'Budget',
    withinBudget: 'Chance within budget',
    calendar: 'Calendar',
    calendarNote: 'Posts per day, activities, lottery draws and the weeks paid channels and referral campaigns run.',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    postsShort: (n: number) => `${n} post${n === 1 ? '' : 's'}`,
    windows: 'Campaign windows',
    channelWindow: 'paid channel',
    referralWindow: 'referral campaign',
    windowRange: (from: string, until: string) => `${from} to ${until}`,
    drawSuffix: ' (draw)',
    checksPlain: 'What the checks found',
    codesAndLines: 'Codes and lines',
    format: 'format',
    assumption: (key: string) => `model coefficient ${key}`,
};

type Labels = typeof en;

const zh: Labels = {
    report: '计划报告',
    generated: '由 community compile 生成',
    plan: '计划',
    scenario: '情景',
    asWritten: '按计划原文',
    horizon: '周期',
    weeksFrom: (weeks, start, end) => `${weeks} 周，${start} 至 ${end}`,
    timezone: '时区',
    runs: '模拟次数',
    seed: '随机种子',
    budget: '预算',
    budgetLine: (amount, p50, p) => `预算 ${amount}：预计成本 P50 ${p50}，不超预算的概率为 ${p}。`,
    kpis: '关键指标',
    kpi: '指标',
    target: '目标',
    byWeek: (w) => `第 ${w} 周前`,
    probability: '达成概率',
    status: '状态',
    onTrack: '正常',
    atRisk: '有风险',
    offTrack: '偏离',
    noKpis: '未定义关键指标。',
    charts: '预测图表',
    membersByTier: '各层级成员数（P50，区间 P10–P90）',
    activeRate: '活跃率（P50，区间 P10–P90）',
    costRevenue: '累计成本与收入（P50，区间 P10–P90）',
    heatmap: '内容日历：每周发布数',
    tornado: (kpi) => `“${kpi}”的敏感性（各参数 −20 % 与 +20 % 时的 P50）`,
    week: '周',
    members: '成员',
    tier: '层级',
    value: '数值',
    series: '序列',
    item: '项目',
    posts: '发布数',
    parameter: '参数',
    change: '变化',
    low: '−20 %',
    high: '+20 %',
    cost: '成本',
    revenue: '收入',
    schedule: '日程',
    kind: '类型',
    cadence: '次数',
    first: '首次',
    last: '末次',
    totalCost: '预计成本',
    atHorizon: (week) => `第 ${week} 周预测`,
    measure: '指标',
    cumulativeRevenue: '累计收入',
    cumulativeCost: '累计成本',
    roi: '投资回报率',
    costByCategory: '整个周期按类别的成本',
    category: '类别',
    share: '占 P50 比例',
    cost_content: '内容（按篇）',
    cost_activities: '活动（按场次，含计价人工）',
    cost_paid: '付费渠道',
    cost_referral: '裂变奖励',
    owner: '负责人',
    gantt: '活动',
    runSheet: '执行单：线下活动',
    noOffline: '没有线下活动。',
    when: '时间',
    activity: '活动',
    where: '地点',
    staff: '人员',
    capacity: '容量',
    materials: '物料',
    notes: '备注',
    community: '社群',
    occurrences: (n) => `${n} 次`,
    runsCount: (n) => `×${n}`,
    kind_content: '内容',
    'kind_online activity': '线上活动',
    'kind_offline activity': '线下活动',
    metric: {
        members: '成员数',
        'new-members': '新成员',
        'active-rate': '活跃率',
        'active-members': '活跃成员',
        retention: '留存率',
        churn: '流失率',
        conversion: '转化率',
        revenue: '收入',
        cost: '成本',
        roi: '投资回报率',
        participation: '活动参与率',
        'repurchase-rate': '复购率',
    },
    days: (n) => `${n} 天`,
    per: { day: '每天', week: '每周', month: '每月', year: '每年' },
    checks: '检查结果',
    noChecks: 'community check 没有发现警告或提示。',
    severity: '级别',
    code: '代码',
    line: '行',
    message: '说明',
    severityWord: { warning: '警告', info: '提示' },
    kpiTargetLine: (kpi, target) => `${kpi} 目标 ${target}`,
    summary: '摘要',
    goal: '目标',
    headline: '预测',
    headlineMembers: (p50, p10, p90, week) => `第 ${week} 周成员数 ${p50}（P10–P90：${p10} – ${p90}）`,
    headlineMoney: (cost, revenue, roi) => `成本 ${cost}，收入 ${revenue}，投资回报率 ${roi}（P50）`,
    kpiChances: '目标与达成概率',
    budgetUse: '预算',
    budgetUseLine: (p50, amount, share, p) => `预计成本 ${p50}，占预算 ${amount} 的 ${share}；不超预算的概率为 ${p}`,
    risks: '最大风险',
    noRisks: '没有指标有风险，检查也没有发现需要警告的问题。',
    riskKpi: (kpi, p) => `“${kpi}”的达成概率只有 ${p}`,
    riskSensitivity: (param, kpi, low, high) => `“${kpi}”对${param}最敏感：−20 % 时 P50 为 ${low}，+20 % 时为 ${high}`,
    riskCheck: (message) => message,
    bestScenario: (name, p) => `按指标达成概率最好的情景：${name}（平均 ${p}）`,
    cheapestWays: '达成各目标的已知最低成本方案',
    cheapestWay: (kpi, scenario, cost, p, required) => `“${kpi}”：${scenario}，平均成本 ${cost}，达成概率 ${p}（求解目标 ${required}）`,
    noSolvedWayMeets: (kpi, required, scenario, p, cost) =>
        `“${kpi}”：没有已求解的情景在此达到 ${required}；最接近的是 ${scenario}，达成概率 ${p}（平均成本 ${cost}）`,
    recommendedScenario: (name, cost, kpis) => `推荐情景：${name}，达成目标的已求解情景中成本最低（平均成本 ${cost}；${kpis}）`,
    kpiChance: (kpi, p) => `“${kpi}” ${p}`,
    growth: '增长',
    growthBySource: '按来源的新成员',
    source: '来源',
    newMembers: '新成员',
    sourceChart: '每周按来源的新成员（均值）',
    organic: '自然增长（口碑、搜索）',
    sourceKind: { organic: '自然增长', channel: '付费投放', referral: '裂变', content: '公开内容' },
    meanShare: '占均值比例',
    grossRoi: '按销售额的投资回报率',
    marginRoi: (m) => `按毛利的投资回报率（毛利率 ${m}）`,
    incrementalRevenue: '增量收入（相对基线）',
    incrementalRoi: '增量投资回报率',
    scenarios: '情景对比',
    scenarioMembers: '各情景成员数（P50，区间 P10–P90）',
    chartTotal: '全部成员',
    actual: '实际值',
    actualOutside: '实际值超出 P10–P90',
    avgProbability: '平均达成概率',
    money: '资金',
    budgetRow: '预算',
    withinBudget: '不超预算概率',
    calendar: '月历',
    calendarNote: '每天的发布数、活动、抽奖开奖，以及付费投放和裂变活动进行的日子。',
    weekdays: ['一', '二', '三', '四', '五', '六', '日'],
    postsShort: (n) => `${n} 篇`,
    windows: '投放与裂变时段',
    channelWindow: '付费投放',
    referralWindow: '裂变活动',
    windowRange: (from, until) => `${from} 至 ${until}`,
    drawSuffix: '（开奖）',
    checksPlain: '检查发现',
    codesAndLines: '代码与行号',
    format: '格式',
    assumption: (key) => `模型系数 ${key}`,
};

export function labels(lang: Lang): Labels {
    return lang === 'zh-CN' ? zh : en;
}

export function kindLabel(lang: Lang, kind: ItemKind): string {
    return labels(lang)[`kind_${kind}`];
}

export class Formatter {
    readonly t: Labels;
    private readonly int: Intl.NumberFormat;
    private readonly dec: Intl.NumberFormat;
    private readonly pct: Intl.NumberFormat;
    private readonly money: Intl.NumberFormat;
    private readonly moneyWhole: Intl.NumberFormat;

    constructor(
        readonly lang: Lang,
        readonly currency: string,
    ) {
        this.t = labels(lang);
        this.int = new Intl.NumberFormat(lang, { maximumFractionDigits: 0 });
        this.dec = new Intl.NumberFormat(lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
        this.pct = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 });
        this.money = new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 2 });
        this.moneyWhole = new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 });
    }

    integer(x: number | null): string {
        return x === null ? '—' : this.int.format(x);
    }
    decimal(x: number | null): string {
        return x === null ? '—' : this.dec.format(x);
    }
    percent(x: number | null): string {
        return x === null ? '—' : this.pct.format(x);
    }
    currencyAmount(x: number | null, whole = false): string {
        return x === null ? '—' : (whole ? this.moneyWhole : this.money).format(x);
    }

    /** A KPI value in its metric's unit (the view model's table: engine/view/kpi.ts). */
    metricValue(metric: KpiMetric, x: number | null): string {
        const unit = kpiUnit(metric);
        return unit === 'percent' ? this.percent(x) : unit === 'money' ? this.currencyAmount(x, true) : unit === 'ratio' ? this.decimal(x) : this.integer(x);
    }

    /** "members ≥ 20,000 by week 26" in the report language. */
    kpiTarget(k: KpiForecast): string {
        const op = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' }[k.op];
        let what = this.t.metric[k.metric];
        if (k.tier) what += ` (${k.tier})`;
        if (k.fromTier && k.toTier) what += ` (${k.fromTier} → ${k.toTier})`;
        if (k.windowDays) what += ` ${this.t.days(k.windowDays)}`;
        const per = k.targetPer ? ` ${this.t.per[k.targetPer]}` : '';
        return `${what} ${op} ${this.metricValue(k.metric, k.target)}${per}, ${this.t.byWeek(k.deadlineWeek)}`;
    }
}

/**
 * The name a report shows for a KPI. A KPI written without a name gets one derived from what it
 * measures (language/lower.ts kpiName: `members-Barista`, `active-rate`, `retention-30d`,
 * `conversion-Prospect-Core`); the zh-CN report reads those as words (“Barista 成员数”). A name the
 * plan gave is shown as written.
 */
export function kpiLabel(k: Pick<KpiForecast, 'name' | 'metric' | 'tier' | 'fromTier' | 'toTier' | 'windowDays'>, lang: Lang): string {
    if (lang !== 'zh-CN') return k.name;
    const metric = labels(lang).metric[k.metric];
    if (k.metric === 'conversion' && k.fromTier && k.toTier && k.name === `conversion-${k.fromTier}-${k.toTier}`)
        return `${k.fromTier} → ${k.toTier} ${metric}`;
    if (k.metric === 'retention' && k.windowDays !== undefined && k.name === `retention-${Math.round(k.windowDays)}d`)
        return `${Math.round(k.windowDays)} 天${metric}`;
    if (k.tier && k.name === `${k.metric}-${k.tier}`) return `${k.tier} ${metric}`;
    if (k.name === k.metric) return metric;
    return k.name;
}

export function lightLabel(lang: Lang, light: Light): string {
    const t = labels(lang);
    return light === 'green' ? t.onTrack : light === 'amber' ? t.atRisk : t.offTrack;
}
