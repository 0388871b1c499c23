// The readable table of `community simulate` (the default format), in English or Chinese (--lang):
// weeks × key metrics with P10–P90, the tiers at the horizon, cost by category, KPIs with their
// probability (coloured on a terminal), the budget line and the sensitivity ranking; with solved
// scenarios (`solved for …`), the cheapest known way to each KPI and the recommended scenario.
import { parameterLabel } from '../engine/report/words.js';
import type { Lang } from '../engine/diagnostics.js';
import type { Recommendation, SolvedWay } from '../engine/solved-ways.js';
import type { CommunityForecast, ForecastReport, ForecastSeries, KpiForecast, SensitivityReport } from '../engine/forecast-schema.js';
import { costRows, moneyRows, sourceRows } from '../engine/view/forecast-view.js';
import { kpiUnit as metricUnit, lightOf } from '../engine/view/kpi.js';
import { colorsFor, oneLine } from './report.js';
import { displayWidth, padDisplay } from './width.js';

type Colors = ReturnType<typeof colorsFor>;

const EN = {
    asWritten: 'plan as written',
    scenario: (name: string, title: string) => `scenario ${name}${title ? ` “${title}”` : ''}`,
    setup: (runs: number, seed: number, weeks: number, start: string, currency: string) =>
        `${runs} runs, seed ${seed}, ${weeks} weeks from ${start}, money in ${currency}`,
    fromWeek: (week: number) =>
        `Weeks 1–${week - 1} are the actuals (the same in every run); forecast from the state of week ${week - 1} on (--from-start: from the plan's start)`,
    week: 'week',
    starts: 'starts',
    columns: {
        members: 'members P50 (P10–P90)',
        'new-members': 'new',
        'active-rate': 'active',
        churned: 'churned',
        'cumulative-cost': 'cost to date',
        'cumulative-revenue': 'revenue to date',
        roi: 'ROI P50 (P10–P90)',
    } as Record<string, string>,
    atWeek: (week: number) => `At week ${week} (P50): `,
    groupsOn: (groups: string, platform: string) => `${groups} groups on ${platform}`,
    retention: 'retention',
    list: ', ',
    sep: '; ',
    costLine: 'Cost over the horizon by category (P50): ',
    categories: { content: 'content', activities: 'activities', paid: 'paid', referral: 'referral' } as Record<string, string>,
    sourcesLine: 'New members by source (mean over the horizon): ',
    organic: 'organic',
    moneyLine: (margin: string, roi: string, gross: string) => `ROI on a ${margin} margin P50 ${roi} (gross ${gross})`,
    grossOnly: (gross: string) => `ROI on gross sales P50 ${gross} (no margin given)`,
    incremental: (rev: string, roi: string) => `; incremental revenue over the baseline P50 ${rev}, incremental ROI ${roi}`,
    kpiHead: ['KPI', 'target', 'by week', 'P(success)', 'P50 (P10–P90) at deadline'],
    relative: (pct: string, scenario: string) => ` (${pct} above ${scenario}, P50)`,
    note: 'note: ',
    budget: (amount: string, currency: string, p50: string, p10: string, p90: string, within: string) =>
        `Budget ${amount} ${currency}: total cost P50 ${p50} (P10–P90 ${p10}–${p90}), within budget in ${within} of runs.`,
    sensitivityTitle: (kpi: string, community: string, runs: number) => `Sensitivity of ${kpi} (${community}) to ±20 % on each parameter, ${runs} runs each`,
    baseline: (value: string, probability: string) => `baseline P50 ${value}, P(success) ${probability}`,
    sensitivityHead: ['parameter', 'P50 at −20 %', 'P50 at +20 %', 'swing', 'P(success) −20 % / +20 %'],
    compareTitle: 'KPIs across scenarios: P(success) and P50 at the deadline',
    waysTitle: 'Cheapest known way to each KPI (solved scenarios)',
    way: (kpi: string, scenario: string, cost: string, p: string, required: string) =>
        `${kpi}: ${scenario}, mean cost ${cost}, P(success) ${p} (solved for ${required})`,
    noWay: (kpi: string, required: string, scenario: string, p: string, cost: string) =>
        `${kpi}: no solved scenario reaches ${required}; closest ${scenario}, P(success) ${p}, mean cost ${cost}`,
    recommended: (scenario: string, cost: string) => `Recommended: ${scenario}, the cheapest solved scenario that meets its KPIs (mean cost ${cost})`,
    end: '.',
};

type Words = typeof EN;

const ZH: Words = {
    asWritten: '计划原文',
    scenario: (name: string, title: string) => `情景 ${name}${title ? `“${title}”` : ''}`,
    setup: (runs: number, seed: number, weeks: number, start: string, currency: string) =>
        `${runs} 次模拟，随机种子 ${seed}，自 ${start} 起 ${weeks} 周，金额单位 ${currency}`,
    fromWeek: (week: number) => `第 1–${week - 1} 周为实际数据（每次模拟相同）；自第 ${week - 1} 周的状态起预测（--from-start：从计划开始预测）`,
    week: '周',
    starts: '开始日期',
    columns: {
        members: '成员 P50（P10–P90）',
        'new-members': '新增',
        'active-rate': '活跃率',
        churned: '流失',
        'cumulative-cost': '累计成本',
        'cumulative-revenue': '累计收入',
        roi: '投资回报率 P50（P10–P90）',
    } as Record<string, string>,
    atWeek: (week: number) => `第 ${week} 周（P50）：`,
    groupsOn: (groups: string, platform: string) => `${platform} 上需 ${groups} 个群`,
    retention: '留存',
    list: '，',
    sep: '；',
    costLine: '整个周期按类别的成本（P50）：',
    categories: { content: '内容', activities: '活动', paid: '付费渠道', referral: '裂变奖励' } as Record<string, string>,
    sourcesLine: '新成员来源（整个周期的平均值）：',
    organic: '自然增长',
    moneyLine: (margin: string, roi: string, gross: string) => `按 ${margin} 毛利计算的投资回报率 P50 ${roi}（按销售额 ${gross}）`,
    grossOnly: (gross: string) => `按销售额计算的投资回报率 P50 ${gross}（未设毛利率）`,
    incremental: (rev: string, roi: string) => `；相对基准的增量收入 P50 ${rev}，增量投资回报率 ${roi}`,
    kpiHead: ['KPI', '目标', '截止周', '达成概率', '截止时 P50（P10–P90）'],
    relative: (pct: string, scenario: string) => `（比情景 ${scenario} 高 ${pct}，P50）`,
    note: '注：',
    budget: (amount: string, currency: string, p50: string, p10: string, p90: string, within: string) =>
        `预算 ${amount} ${currency}：总成本 P50 ${p50}（P10–P90 ${p10}–${p90}），${within} 的模拟在预算之内。`,
    sensitivityTitle: (kpi: string, community: string, runs: number) => `${kpi}（${community}）对各参数 ±20% 的敏感性，每项 ${runs} 次模拟`,
    baseline: (value: string, probability: string) => `基准 P50 ${value}，达成概率 ${probability}`,
    sensitivityHead: ['参数', '−20% 时 P50', '+20% 时 P50', '变化幅度', '达成概率 −20% / +20%'],
    compareTitle: '各情景的 KPI：达成概率与截止时 P50',
    waysTitle: '达成各 KPI 的已知最低成本方案（已求解的情景）',
    way: (kpi: string, scenario: string, cost: string, p: string, required: string) =>
        `${kpi}：${scenario}，平均成本 ${cost}，达成概率 ${p}（求解目标 ${required}）`,
    noWay: (kpi: string, required: string, scenario: string, p: string, cost: string) =>
        `${kpi}：没有已求解的情景达到 ${required}；最接近的是 ${scenario}，达成概率 ${p}，平均成本 ${cost}`,
    recommended: (scenario: string, cost: string) => `推荐：${scenario}，达成其 KPI 的已求解情景中成本最低（平均成本 ${cost}）`,
    end: '。',
};

const WORDS: Record<Lang, Words> = { en: EN, 'zh-CN': ZH };

// Made on first use: the simulate startup snapshot (cli/entries/simulate-snapshot.ts) cannot hold Intl objects.
let wholeNumbers: Intl.NumberFormat | undefined;
const whole = (n: number) => (wholeNumbers ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(n);
const people = { format: whole };
const money = { format: whole };

function fmt(value: number | null, unit: ForecastSeries['unit'] | 'kpi-share'): string {
    if (value === null) return '–';
    switch (unit) {
        case 'share':
        case 'kpi-share':
            return `${(value * 100).toFixed(1)}%`;
        case 'ratio':
            return value.toFixed(2);
        case 'money':
            return money.format(value);
        default:
            return people.format(value);
    }
}

/** A KPI's cells in the unit of its metric (the view model's table), a percent with one decimal. */
function kpiUnit(k: Pick<KpiForecast, 'metric'>): ForecastSeries['unit'] | 'kpi-share' {
    return ({ percent: 'kpi-share', money: 'money', ratio: 'ratio', count: 'people' } as const)[metricUnit(k.metric)];
}

function pad(rows: string[][], rightAlign: boolean[]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
    return (
        rows
            .map((r) =>
                r
                    .map((cell, i) => padDisplay(cell, widths[i], rightAlign[i]))
                    .join('  ')
                    .trimEnd(),
            )
            .join('\n') + '\n'
    );
}

/** The week table's columns: series key and whether the cell shows the P10–P90 band. */
const TABLE_COLUMNS: { key: string; band: boolean }[] = [
    { key: 'members', band: true },
    { key: 'new-members', band: false },
    { key: 'active-rate', band: false },
    { key: 'churned', band: false },
    { key: 'cumulative-cost', band: false },
    { key: 'cumulative-revenue', band: false },
    { key: 'roi', band: true },
];

/** What the solved scenarios say about a forecast (engine/solved-ways.ts). */
export interface SolvedSection {
    ways: SolvedWay[];
    recommended: Recommendation | null;
}

export function formatTable(
    report: ForecastReport,
    kpiFilter: string | undefined,
    colors: Colors = colorsFor(process.stdout),
    lang: Lang = 'en',
    solved?: SolvedSection,
): string {
    const w: Words = WORDS[lang];
    let out = '';
    for (const f of report.forecasts) {
        const scenario = f.scenario === null ? w.asWritten : w.scenario(f.scenario, f.title ?? '');
        for (const c of f.communities) {
            out += colors.bold(oneLine(`${report.plan} — ${c.name}${c.title ? ` “${c.title}”` : ''} — ${scenario}`)) + '\n';
            out += colors.dim(w.setup(report.runs, report.seed, report.horizonWeeks, report.start, report.currency)) + '\n';
            if (c.fromWeek !== undefined) out += colors.dim(w.fromWeek(c.fromWeek)) + '\n';
            out += '\n';
            out += weekTable(c, w);
            out += '\n' + tierLine(c, w);
            out += costLine(c, w);
            out += sourcesLine(c, w);
            out += moneyLine(c, w);
            const kpis = c.kpis.filter((k) => kpiFilter === undefined || k.name === kpiFilter);
            if (kpis.length > 0) out += '\n' + kpiTable(kpis, colors, w);
            for (const note of c.notes) out += colors.yellow(`${w.note}${note}`) + '\n';
            out += '\n';
        }
        if (f.budget) {
            const b = f.budget;
            out +=
                w.budget(
                    money.format(b.amount),
                    report.currency,
                    money.format(b.cost.p50),
                    money.format(b.cost.p10),
                    money.format(b.cost.p90),
                    fmt(b.probabilityWithin, 'share'),
                ) + '\n\n';
        }
    }
    if (report.forecasts.length > 1) out += scenarioComparison(report, kpiFilter, colors, w);
    if (solved && solved.ways.length > 0) out += solvedLines(solved, report.currency, kpiFilter, colors, w);
    if (report.sensitivity) out += sensitivityTable(report.sensitivity, colors, w, lang);
    return out;
}

/** Per KPI the cheapest solved scenario that meets it (or the closest), then the recommended one. */
function solvedLines(solved: SolvedSection, currency: string, kpiFilter: string | undefined, colors: Colors, w: Words): string {
    const several = new Set(solved.ways.map((x) => x.community)).size > 1;
    const lines = solved.ways
        .filter((x) => kpiFilter === undefined || x.kpi === kpiFilter)
        .map((x) => {
            const kpi = several ? `${x.community}: ${x.kpi}` : x.kpi;
            const name = x.title ? `${x.scenario} “${x.title}”` : x.scenario;
            const cost = `${money.format(x.cost)} ${currency}`;
            const line = x.meets
                ? w.way(kpi, name, cost, fmt(x.probability, 'share'), fmt(x.required, 'share'))
                : w.noWay(kpi, fmt(x.required, 'share'), name, fmt(x.probability, 'share'), cost);
            return `  ${oneLine(line)}`;
        });
    if (lines.length === 0) return '';
    let out = colors.bold(w.waysTitle) + '\n' + lines.join('\n') + '\n';
    const r = solved.recommended;
    if (r) out += `  ${oneLine(w.recommended(r.title ? `${r.scenario} “${r.title}”` : r.scenario, `${money.format(r.cost)} ${currency}`))}\n`;
    return out + '\n';
}

/** With several scenarios: one row per KPI (per community), one column per scenario, side by side. */
function scenarioComparison(report: ForecastReport, kpiFilter: string | undefined, colors: Colors, w: Words): string {
    const heads = report.forecasts.map((f) => (f.scenario === null ? w.asWritten : f.scenario));
    const several = report.forecasts[0].communities.length > 1;
    const rows: string[][] = [['KPI', ...heads]];
    for (const [ci, c] of report.forecasts[0].communities.entries()) {
        for (const k of c.kpis) {
            if (kpiFilter !== undefined && k.name !== kpiFilter) continue;
            const unit = kpiUnit(k);
            const cells = report.forecasts.map((f) => {
                const same = f.communities.find((x) => x.name === c.name) ?? f.communities[ci];
                const kk = same?.kpis.find((x) => x.name === k.name);
                return kk ? `${fmt(kk.probability, 'share')} · ${fmt(kk.p50, unit)}` : '–';
            });
            rows.push([several ? `${c.name}: ${k.name}` : k.name, ...cells]);
        }
    }
    if (rows.length === 1) return '';
    return colors.bold(w.compareTitle) + '\n' + pad(rows, [false, ...heads.map(() => true)]) + '\n';
}

function weekTable(c: CommunityForecast, w: Words): string {
    const series = new Map(c.series.map((s) => [s.key, s]));
    const rows: string[][] = [[w.week, w.starts, ...TABLE_COLUMNS.map((col) => w.columns[col.key])]];
    c.weeks.forEach(({ week, start }, i) => {
        const cells = TABLE_COLUMNS.map((col) => {
            const s = series.get(col.key);
            if (!s) return '–';
            const p50 = fmt(s.p50[i], s.unit);
            return col.band ? `${p50} (${fmt(s.p10[i], s.unit)}–${fmt(s.p90[i], s.unit)})` : p50;
        });
        rows.push([String(week), start, ...cells]);
    });
    return pad(rows, [true, false, ...TABLE_COLUMNS.map(() => true)]);
}

function tierLine(c: CommunityForecast, w: Words): string {
    const last = c.weeks.length - 1;
    const parts = c.series.filter((s) => s.tier !== undefined).map((s) => `${s.tier} ${fmt(s.p50[last], s.unit)}`);
    const groups = c.series.filter((s) => s.platform !== undefined).map((s) => w.groupsOn(fmt(s.p50[last], s.unit), s.platform!));
    const retention = c.series.filter((s) => s.key.startsWith('retention-')).map((s) => `${s.key.slice('retention-'.length)} ${fmt(s.p50[last], s.unit)}`);
    let line = w.atWeek(last + 1) + parts.join(w.list);
    if (groups.length) line += w.sep + groups.join(w.list);
    if (retention.length) line += `${w.sep}${w.retention} ${retention.join(w.list)}`;
    return line + w.end + '\n';
}

/** Where the money goes: each category's P50 total over the horizon (categories no run spends on left out). */
function costLine(c: CommunityForecast, w: Words): string {
    const parts = costRows(c).map((x) => `${w.categories[x.category]} ${money.format(x.p50)}`);
    return parts.length > 0 ? `${w.costLine}${parts.join(w.list)}${w.end}\n` : '';
}

/** Where new members come from: each source's mean total (largest first). */
function sourcesLine(c: CommunityForecast, w: Words): string {
    const sources = sourceRows(c);
    if (sources.length === 0) return '';
    const parts = sources.map((s) => `${s.kind === 'organic' ? w.organic : s.source} ${money.format(Math.round(s.mean))}`);
    return `${w.sourcesLine}${parts.join(w.list)}${w.end}\n`;
}

/** ROI on margin beside gross ROI, and incremental revenue against the baseline (the view model's money rows). */
function moneyLine(c: CommunityForecast, w: Words): string {
    const rows = moneyRows(c);
    if (rows.length === 0) return '';
    const p50 = (kind: (typeof rows)[number]['kind']) => rows.find((r) => r.kind === kind)?.p50;
    const ratio = (x: number) => x.toFixed(2);
    const margin = rows.find((r) => r.kind === 'margin-roi');
    const gross = p50('gross-roi') ?? 0;
    let line = margin ? w.moneyLine(`${Math.round((margin.margin ?? 0) * 100)}%`, ratio(margin.p50), ratio(gross)) : w.grossOnly(ratio(gross));
    const revenue = p50('incremental-revenue');
    const roi = p50('incremental-roi');
    if (revenue !== undefined && roi !== undefined) line += w.incremental(money.format(revenue), ratio(roi));
    return line + w.end + '\n';
}

function kpiTable(kpis: KpiForecast[], colors: Colors, w: Words): string {
    const rows: string[][] = [[...w.kpiHead]];
    for (const k of kpis) {
        const unit = kpiUnit(k);
        const per = k.targetPer ? ` per ${k.targetPer}` : '';
        const rel = k.relativeTo ? w.relative(`${Math.round((k.relativeTo.factor - 1) * 1000) / 10}%`, k.relativeTo.scenario) : '';
        rows.push([
            k.name,
            `${k.op} ${fmt(k.target, unit)}${per}${rel}`,
            String(k.deadlineWeek),
            fmt(k.probability, 'share'),
            `${fmt(k.p50, unit)} (${fmt(k.p10, unit)}–${fmt(k.p90, unit)})`,
        ]);
    }
    const text = pad(rows, [false, false, true, true, true]).split('\n');
    return text
        .map((line, i) => {
            if (i === 0 || line === '') return line;
            const light = lightOf(kpis[i - 1].probability);
            return light === 'green' ? colors.green(line) : light === 'amber' ? colors.yellow(line) : colors.red(line);
        })
        .join('\n');
}

function sensitivityTable(s: SensitivityReport, colors: Colors, w: Words, lang: Lang): string {
    const unit = kpiUnit({ metric: s.metric });
    let out = colors.bold(w.sensitivityTitle(s.kpi, s.community, s.runs)) + '\n';
    out += w.baseline(fmt(s.baseline.value, unit), fmt(s.baseline.probability, 'share')) + '\n';
    const rows: string[][] = [[...w.sensitivityHead]];
    for (const p of s.parameters) {
        rows.push([
            // The parameter in the table's language, as the report's tornado names it.
            parameterLabel(lang, p.id, p.label),
            fmt(p.low.value, unit),
            fmt(p.high.value, unit),
            fmt(p.swing, unit === 'kpi-share' ? 'share' : unit),
            `${fmt(p.low.probability, 'share')} / ${fmt(p.high.probability, 'share')}`,
        ]);
    }
    return out + pad(rows, [false, true, true, true, true]) + '\n';
}
