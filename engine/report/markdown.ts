// report.md: GitHub-flavoured Markdown for pull-request comments and step summaries — the executive
// summary first, then per community the KPI lines and table, members/revenue/cost/ROI at the
// horizon, new members by source (when the forecast attributes them), the scenarios side by side,
// cost by category, a month-by-month calendar (posts, activities, lottery draws, campaign windows),
// a Mermaid gantt of the activities, the schedule summary and the run-sheet of offline activities
// (who, where, materials, staff); last the checker's warnings and infos in plain language, with
// codes and lines folded in a <details>. User text is escaped for Markdown tables and inline HTML;
// Mermaid labels are stripped of the characters its syntax reserves.
import { Temporal } from 'temporal-polyfill';
import type { Occurrence } from '../schedule.js';
import { calendarMonths } from './calendar.js';
import {
    allScenarios,
    atHorizon,
    costRows,
    moneyBands,
    displayName,
    itemSummaries,
    kpiRows,
    occurrenceTitle,
    runSheet,
    scenarioOf,
    sourceRows,
    whenText,
    type ReportInput,
} from './common.js';
import { summaryOf } from './summary.js';
import { subkindLabel } from './words.js';
import { Formatter, kindLabel, kpiLabel, lightLabel, type Light } from './i18n.js';

const LIGHT_EMOJI: Record<Light, string> = { green: '🟢', amber: '🟡', red: '🔴' };

/** Escapes text for a Markdown paragraph or table cell: no HTML, no emphasis, no cell breaks. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(/\r?\n|\r/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/([\\`*_[\]|~])/g, '\\$1');
}

const m = escapeMarkdown;

/**
 * Words Mermaid's gantt lexer (case-insensitive, first rule wins, no word boundary) reads as a
 * directive at the start of a line, where a task label would start.
 */
const MERMAID_GANTT_KEYWORDS = [
    'gantt',
    'title',
    'dateFormat',
    'axisFormat',
    'tickInterval',
    'todayMarker',
    'inclusiveEndDates',
    'topAxis',
    'includes',
    'excludes',
    'weekday',
    'weekend',
    'section',
    'click',
    'call',
    'href',
    'accTitle',
    'accDescr',
    'displayMode',
];
const MERMAID_DIRECTIVE = new RegExp(`^(?:${MERMAID_GANTT_KEYWORDS.join('|')})`, 'i');

/**
 * A Mermaid gantt label: no characters Mermaid's gantt grammar or its HTML labels reserve, and no
 * directive word at its start (an activity named "excludes" or "title x" would otherwise be read as
 * a directive): such a label starts with an invisible zero-width space, which the lexer takes as
 * task text and the chart does not show.
 */
export function mermaidLabel(text: string): string {
    const label =
        text
            .replace(/[:;#<>&"'`\\{}[\]\r\n%]+/g, ' ')
            .replace(/\s+/g, ' ')
            .trim() || '-';
    return MERMAID_DIRECTIVE.test(label) ? `\u200B${label}` : label;
}

function table(header: string[], rows: string[][], numeric: boolean[] = []): string[] {
    const align = header.map((_, i) => (numeric[i] ? '---:' : '---'));
    return [`| ${header.join(' | ')} |`, `| ${align.join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

const MAX_GANTT_TASKS_PER_ITEM = 6;

function ganttTask(o: Occurrence, label: string): string {
    if (o.time === '') {
        const end = Temporal.PlainDate.from(o.end).add({ days: 1 }).toString();
        return `${label} : ${o.date} 00:00, ${end} 00:00`;
    }
    const endText = o.end.replace('T', ' ');
    const start = `${o.date} ${o.time}`;
    // Mermaid needs a visible bar: instantaneous activities get one hour.
    const end = endText === start ? Temporal.PlainDateTime.from(`${o.date}T${o.time}`).add({ hours: 1 }).toString().slice(0, 16).replace('T', ' ') : endText;
    return `${label} : ${start}, ${end}`;
}

export function renderMarkdown(input: ReportInput): string {
    const { plan, schedule, forecast, lang } = input;
    const f = new Formatter(lang, plan.currency);
    const t = f.t;
    const scenario = scenarioOf(input);
    const scenarios = allScenarios(input);
    const out: string[] = [];
    out.push(`# ${m(t.report)}: ${m(plan.name)}`, '');
    out.push(
        [
            `${m(t.scenario)}: ${m(scenario.scenario === null ? t.asWritten : displayName(scenario.scenario, scenario.title))}`,
            `${m(t.horizon)}: ${m(t.weeksFrom(plan.horizonWeeks, schedule.start, schedule.end))}`,
            `${m(t.timezone)}: ${m(plan.timezone)}`,
            `${m(t.runs)}: ${m(f.integer(forecast.runs))}`,
            `${m(t.seed)}: ${forecast.seed}`,
        ].join(' · '),
        '',
    );
    // Executive summary first: headline, KPI targets and chances, budget, risks, best scenario.
    const summary = summaryOf(input, f);
    const many = scenario.communities.length > 1;
    out.push(`## ${m(t.summary)}`, '');
    for (const c of summary.communities) {
        if (many) out.push(`**${m(c.name)}**`, '');
        const headline = [c.headline, c.money].filter((x): x is string => x !== null);
        if (headline.length > 0) out.push(`**${m(t.headline)}:** ${headline.map(m).join('; ')}`, '');
        if (c.kpis.length > 0) {
            out.push(
                ...table(
                    [m(t.status), m(t.kpi), m(t.target), 'P50', m(t.probability)],
                    c.kpis.map(({ kpi, light }) => [
                        `${LIGHT_EMOJI[light]} ${m(lightLabel(lang, light))}`,
                        m(kpiLabel(kpi, lang)),
                        m(f.kpiTarget(kpi)),
                        m(f.metricValue(kpi.metric, kpi.p50)),
                        `**${m(f.percent(kpi.probability))}**`,
                    ]),
                    [false, false, false, true, true],
                ),
                '',
            );
        }
        if (c.ways.length > 0) out.push(`**${m(t.cheapestWays)}:**`, '', ...c.ways.map((w) => `- ${m(w)}`), '');
    }
    if (summary.budget) out.push(`**${m(t.budgetUse)}:** ${m(summary.budget)}`, '');
    out.push(`**${m(t.risks)}:**`, '');
    if (summary.risks.length === 0) out.push(m(t.noRisks), '');
    else out.push(...summary.risks.map((r, i) => `${i + 1}. ${m(r)}`), '');
    if (summary.bestScenario) out.push(m(summary.bestScenario), '');
    if (scenario.budget) {
        const b = scenario.budget;
        out.push(m(t.budgetLine(f.currencyAmount(b.amount, true), f.currencyAmount(b.cost.p50, true), f.percent(b.probabilityWithin))), '');
    }

    for (const c of scenario.communities) {
        out.push(`## ${m(t.community)}: ${m(displayName(c.name, c.title))}`, '');
        const rows = kpiRows(c);
        out.push(`### ${m(t.kpis)}`, '');
        if (rows.length === 0) out.push(m(t.noKpis), '');
        else {
            for (const { kpi, light } of rows) {
                out.push(
                    `- ${LIGHT_EMOJI[light]} **${m(kpiLabel(kpi, lang))}**: ${m(f.kpiTarget(kpi))} — P50 ${m(f.metricValue(kpi.metric, kpi.p50))} ` +
                        `(P10 ${m(f.metricValue(kpi.metric, kpi.p10))}, P90 ${m(f.metricValue(kpi.metric, kpi.p90))}), ${m(t.probability)} ${m(f.percent(kpi.probability))}`,
                );
            }
            out.push('');
            out.push(
                ...table(
                    [m(t.status), m(t.kpi), m(t.target), 'P10', 'P50', 'P90', m(t.probability)],
                    rows.map(({ kpi, light }) => [
                        `${LIGHT_EMOJI[light]} ${m(lightLabel(lang, light))}`,
                        m(kpiLabel(kpi, lang)),
                        m(f.kpiTarget(kpi)),
                        m(f.metricValue(kpi.metric, kpi.p10)),
                        m(f.metricValue(kpi.metric, kpi.p50)),
                        m(f.metricValue(kpi.metric, kpi.p90)),
                        m(f.percent(kpi.probability)),
                    ]),
                    [false, false, false, true, true, true, true],
                ),
                '',
            );
        }

        // Where the plan ends up: members, money and ROI at the last week (P50 with P10–P90).
        const last = c.weeks.length - 1;
        const byKey = new Map(c.series.map((x) => [x.key, x]));
        const horizonRows = (
            [
                ['members', t.members, (v: number | null) => f.integer(v)],
                ...c.tiers.map((tier) => [`members:${tier}`, `${t.members} · ${tier}`, (v: number | null) => f.integer(v)] as const),
                ['cumulative-revenue', t.cumulativeRevenue, (v: number | null) => f.currencyAmount(v, true)],
                ['cumulative-cost', t.cumulativeCost, (v: number | null) => f.currencyAmount(v, true)],
                ['roi', t.roi, (v: number | null) => (v === null ? '–' : v.toFixed(2))],
            ] as const
        ).flatMap(([key, label, show]) => {
            const x = byKey.get(key);
            return x && last >= 0 ? [[m(label), m(show(x.p50[last])), m(show(x.p10[last])), m(show(x.p90[last]))]] : [];
        });
        for (const [label, band, isMoney] of moneyBands(c, f)) {
            const show = (x: number) => (isMoney ? f.currencyAmount(x, true) : f.decimal(x));
            horizonRows.push([m(label), m(show(band.p50)), m(show(band.p10)), m(show(band.p90))]);
        }
        if (horizonRows.length > 0) {
            out.push(`### ${m(t.atHorizon(last + 1))}`, '');
            out.push(...table([m(t.measure), 'P50', 'P10', 'P90'], horizonRows, [false, true, true, true]), '');
        }

        // New members by source, when the forecast attributes them.
        const sources = sourceRows(c, plan, t.organic);
        if (sources.length > 0) {
            out.push(`### ${m(t.growthBySource)}`, '');
            out.push(
                ...table(
                    [m(t.source), m(t.kind), 'P10', 'P50', 'P90', m(t.meanShare)],
                    sources.map((x) => [
                        m(x.label),
                        m(t.sourceKind[x.kind] ?? x.kind),
                        m(f.integer(x.p10)),
                        m(f.integer(x.p50)),
                        m(f.integer(x.p90)),
                        m(f.percent(x.share)),
                    ]),
                    [false, false, true, true, true, true],
                ),
                '',
            );
        }

        // Scenarios side by side
        if (scenarios.length > 1) {
            out.push(`### ${m(t.scenarios)}`, '');
            out.push(
                ...table(
                    [m(t.scenario), ...c.kpis.map((k) => m(kpiLabel(k, lang))), m(t.cumulativeCost), m(t.roi)],
                    scenarios.map((x) => {
                        const xc = x.communities.find((y) => y.name === c.name);
                        return [
                            m(x.scenario === null ? t.asWritten : displayName(x.scenario, x.title)),
                            ...c.kpis.map((k) => {
                                const xk = xc?.kpis.find((y) => y.name === k.name);
                                return xk ? `${m(f.percent(xk.probability))} (P50 ${m(f.metricValue(xk.metric, xk.p50))})` : '—';
                            }),
                            m(f.currencyAmount((xc && atHorizon(xc, 'cumulative-cost')?.p50) ?? null, true)),
                            m(f.decimal((xc && atHorizon(xc, 'roi')?.p50) ?? null)),
                        ];
                    }),
                    [false, ...c.kpis.map(() => true), true, true],
                ),
                '',
            );
        }

        // Cost by category
        const costs = costRows(c);
        if (costs.length > 0) {
            out.push(`### ${m(t.costByCategory)}`, '');
            out.push(
                ...table(
                    [m(t.category), 'P10', 'P50', 'P90', m(t.share)],
                    costs.map((r) => [
                        m(t[`cost_${r.category}`]),
                        m(f.currencyAmount(r.p10, true)),
                        m(f.currencyAmount(r.p50, true)),
                        m(f.currencyAmount(r.p90, true)),
                        r.share === null ? '—' : m(f.percent(r.share)),
                    ]),
                    [false, true, true, true, true],
                ),
                '',
            );
        }

        // Calendar: per month, the days on which something happens, and the campaign windows.
        out.push(`### ${m(t.calendar)}`, '', m(t.calendarNote), '');
        const monthFmt = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
        for (const month of calendarMonths(plan, schedule, c.name)) {
            const days = month.weeks.flat().filter((d): d is NonNullable<typeof d> => d !== null && d.inHorizon && (d.posts > 0 || d.events.length > 0));
            if (days.length === 0 && month.windows.length === 0) continue;
            out.push(`#### ${m(monthFmt.format(new Date(Date.UTC(month.year, month.monthNumber - 1, 1))))}`, '');
            for (const w of month.windows)
                out.push(`- ${m(w.kind === 'channel' ? t.channelWindow : t.referralWindow)} · ${m(w.label)}: ${m(t.windowRange(w.from, w.until))}`);
            if (month.windows.length > 0) out.push('');
            if (days.length > 0) {
                out.push(
                    ...table(
                        [m(t.when), m(t.posts), m(t.activity)],
                        days.map((d) => [
                            `${d.date} ${m(t.weekdays[Temporal.PlainDate.from(d.date).dayOfWeek - 1])}`,
                            d.posts > 0 ? m(f.integer(d.posts)) : '',
                            d.events.map((o) => m(`${o.time ? `${o.time} ` : ''}${occurrenceTitle(o, t.drawSuffix)}`)).join('; '),
                        ]),
                        [false, true, false],
                    ),
                    '',
                );
            }
        }

        // Schedule summary
        out.push(`### ${m(t.schedule)}`, '');
        out.push(
            ...table(
                [m(t.item), m(t.kind), m(t.cadence), m(t.first), m(t.last), m(t.owner), m(t.totalCost)],
                itemSummaries(schedule, c.name).map((s) => [
                    m(displayName(s.item, occurrenceTitle(s, t.drawSuffix))),
                    `${m(kindLabel(lang, s.kind))} · ${m(subkindLabel(lang, s.subkind))}`,
                    m(f.integer(s.count)),
                    s.first,
                    s.last,
                    m(s.owner),
                    m(f.currencyAmount(s.totalCost, true)),
                ]),
                [false, false, true, false, false, false, true],
            ),
            '',
        );

        // Gantt of activities
        const activities = schedule.series.filter((s) => s.community === c.name && s.kind !== 'content');
        if (activities.length > 0) {
            out.push(
                `### ${m(t.gantt)}`,
                '',
                '```mermaid',
                'gantt',
                `    title ${mermaidLabel(displayName(c.name, c.title))}`,
                '    dateFormat YYYY-MM-DD HH:mm',
                '    axisFormat %m-%d',
            );
            for (const kind of ['online activity', 'offline activity'] as const) {
                const ofKind = activities.filter((s) => s.kind === kind);
                if (ofKind.length === 0) continue;
                out.push(`    section ${mermaidLabel(kindLabel(lang, kind))}`);
                for (const s of ofKind) {
                    const label = mermaidLabel(displayName(s.item, occurrenceTitle(s, t.drawSuffix)));
                    if (s.occurrences.length <= MAX_GANTT_TASKS_PER_ITEM) {
                        for (const o of s.occurrences) out.push(`    ${ganttTask(o, label)}`);
                    } else {
                        // Many runs: one bar from the first start to the last end, labelled with the count.
                        const first = s.occurrences[0];
                        const last = s.occurrences[s.occurrences.length - 1];
                        const span = { ...first, end: last.end };
                        out.push(`    ${ganttTask(span, `${label} ${t.runsCount(s.occurrences.length)}`)}`);
                    }
                }
            }
            out.push('```', '');
        }

        // Run-sheet
        out.push(`### ${m(t.runSheet)}`, '');
        const sheet = runSheet(input, c.name);
        if (sheet.length === 0) out.push(m(t.noOffline), '');
        else {
            out.push(
                ...table(
                    [m(t.when), m(t.activity), m(t.where), m(t.owner), m(t.staff), m(t.capacity), m(t.materials)],
                    sheet.map(({ occurrence: o, activity: a }) => [
                        m(whenText(o)),
                        m(displayName(a.name, a.title)),
                        m(a.location ?? ''),
                        m(a.owner ?? ''),
                        a.staff === undefined ? '' : m(f.integer(a.staff)),
                        a.capacity === undefined ? '' : m(f.integer(a.capacity)),
                        m(a.materials.join(', ')),
                    ]),
                    [false, false, false, false, true, true, false],
                ),
                '',
            );
        }
        if (c.notes.length > 0) out.push(`### ${m(t.notes)}`, '', ...c.notes.map((n) => `- ${m(n)}`), '');
    }
    // Checks last: plain language, then the codes and lines folded in a <details>.
    if (input.checks) {
        out.push(`## ${m(t.checks)}`, '');
        if (input.checks.length === 0) out.push(m(t.noChecks), '');
        else {
            out.push(...input.checks.map((d) => `- ${m(t.severityWord[d.severity])}: ${m(d.message)}`), '');
            out.push(`<details><summary>${m(t.codesAndLines)}</summary>`, '');
            out.push(
                ...table(
                    [m(t.severity), m(t.code), m(t.line), m(t.message)],
                    input.checks.map((d) => [m(t.severityWord[d.severity]), m(d.code), m(`${d.file}:${d.line}`), m(d.message)]),
                ),
                '',
                '</details>',
                '',
            );
        }
    }
    out.push(`<sub>${m(t.generated)}</sub>`, '');
    return out.join('\n');
}
