// report.html: a self-contained page (inline styles, inline SVG charts rendered at compile time, no
// scripts, no network — a Content-Security-Policy forbids both) a strategist can send on. It reads
// top-down like a briefing: the executive summary (engine/report/summary.ts) first, then the KPIs
// (with their charts, KPI targets as dashed lines, and the sensitivity tornado), growth by source
// and by tier, the scenarios side by side, money, a month-by-month calendar (posts, activities,
// lottery draws, campaign windows), the schedule summary, the offline run-sheet, and last the
// checker's findings in plain language with codes and lines folded in a <details>.
// Every user string is HTML-escaped; chart text is escaped by ECharts' SVG writer (checked by tests).
// The stylesheet keeps Chinese readable (no one-character columns, charts at full width) and has a
// print sheet so "Save as PDF" and `compile --formats pdf` give clean A4 pages.
import { calendarMonths } from './calendar.js';
import { renderChart } from './charts.js';
import {
    allScenarios,
    atHorizon,
    averageProbability,
    costRows,
    moneyBands,
    displayName,
    forecastView,
    itemSummaries,
    kpiRows,
    occurrenceTitle,
    reportCharts,
    runSheet,
    scenarioOf,
    sourceRows,
    whenText,
    type ReportInput,
} from './common.js';
import { contentHeatmap, scenarioMembersChart, type ChartDefinition } from '../view/charts.js';
import { Formatter, kindLabel, kpiLabel, lightLabel, type Light } from './i18n.js';
import { summaryOf } from './summary.js';
import { subkindLabel } from './words.js';

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const e = escapeHtml;

const LIGHT_COLOURS: Record<Light, string> = { green: '#2e9d48', amber: '#e0a100', red: '#d03b3b' };
/** Colours of campaign windows on the calendar, by index within a month. */
const WINDOW_COLOURS = ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2'];

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;margin:0;color:#1f2328;background:#f6f8fa;line-height:1.5}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:0 0 4px}h2{margin-top:32px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{margin-top:20px}
.meta{color:#57606a;margin:0 0 16px}
section.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 20px 16px;margin:16px 0}
section.summary{border-color:#0969da;border-width:2px}
section.summary ul{margin:4px 0 8px;padding-left:1.4em}
section.summary h3{margin:12px 0 4px;font-size:1.05em}section.card>h2:first-child{margin-top:4px}
.headline{font-size:1.05em}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:8px 0}
th,td{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top;min-width:2.6em;overflow-wrap:break-word}
th{background:#f6f8fa;font-weight:600;word-break:keep-all}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}th.num{text-align:right}
td.nowrap{white-space:nowrap}
.light{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:6px;vertical-align:-1px}
figure.chart{margin:12px 0}figure.chart svg{display:block;width:100%;height:auto}
.muted{color:#57606a}ul.notes{color:#57606a;font-size:.9em}
table.month{table-layout:fixed;font-size:.8em}table.month th{text-align:center}
table.month td{height:4.6em;padding:3px 4px;border:1px solid #e5e7eb;min-width:0;overflow-wrap:anywhere}
table.month td.out{background:#f6f8fa;color:#8c959f}
.day{font-weight:600}.posts{color:#57606a}.ev{display:block;background:#ddf4ff;border-radius:3px;padding:0 3px;margin:1px 0}
.ev.draw{background:#fff8c5}.ev.offline{background:#ffebe9}
.win{display:block;height:4px;border-radius:2px;margin:1px 0}
ul.windows{list-style:none;padding:0;margin:4px 0 12px;font-size:.9em}ul.windows li{margin:2px 0}
.swatch{display:inline-block;width:1.4em;height:.6em;border-radius:2px;margin-right:6px}
details summary{cursor:pointer;color:#0969da}
code{font-size:.92em}
footer{color:#57606a;font-size:.85em;margin:32px 0 8px}
@page{size:A4;margin:14mm 12mm}
@media print{
body{background:#fff;font-size:10.5pt}main{max-width:none;padding:0}
section.card{border:none;padding:0;margin:8px 0}section.summary{border:none}
h2{break-after:avoid;page-break-after:avoid}h3{break-after:avoid;page-break-after:avoid}
tr,figure.chart,table.month{break-inside:avoid;page-break-inside:avoid}
section.summary{break-after:page;page-break-after:always}
details summary{color:inherit}
}
`;

function lightCell(light: Light, lang: ReportInput['lang']): string {
    return `<span class="light" style="background:${LIGHT_COLOURS[light]}" aria-hidden="true"></span>${e(lightLabel(lang, light))}`;
}

function tableHtml(header: { text: string; num?: boolean }[], rows: { html: string; num?: boolean; nowrap?: boolean }[][]): string {
    const th = header.map((h) => `<th${h.num ? ' class="num"' : ''}>${e(h.text)}</th>`).join('');
    const body = rows
        .map((r) => `<tr>${r.map((c) => `<td${c.num ? ' class="num"' : c.nowrap ? ' class="nowrap"' : ''}>${c.html}</td>`).join('')}</tr>`)
        .join('\n');
    return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

export async function renderHtml(input: ReportInput): Promise<string> {
    const { plan, schedule, forecast, lang } = input;
    const f = new Formatter(lang, plan.currency);
    const t = f.t;
    const scenario = scenarioOf(input);
    const scenarios = allScenarios(input);
    const many = scenario.communities.length > 1;
    const parts: string[] = [];
    const title = `${t.report}: ${plan.name}`;
    let charts = 0;
    const chartCtx = { lang, currency: plan.currency };
    const chart = async (def: ChartDefinition | null | undefined): Promise<string> =>
        def ? `<figure class="chart" data-chart="${def.id}">${await renderChart(def, `chart${++charts}`)}</figure>` : '';
    // Each community's charts: the same definitions the preview draws (engine/view/charts.ts).
    const chartsOf = new Map(scenario.communities.map((c) => [c.name, new Map(reportCharts(input, c).map((d) => [d.id, d]))]));
    const chartOf = (c: { name: string }, id: ChartDefinition['id']) => chart(chartsOf.get(c.name)?.get(id));
    const communityHeading = (c: { name: string; title?: string }) => (many ? `<h3>${e(t.community)}: ${e(displayName(c.name, c.title))}</h3>` : '');
    const section = (id: string, heading: string, body: string[], cls = 'card') => {
        const inner = body.filter((p) => p !== '');
        if (inner.length > 0) parts.push(`<section class="${cls}" id="${id}">`, `<h2>${e(heading)}</h2>`, ...inner, '</section>');
    };

    parts.push(
        '<!DOCTYPE html>',
        `<html lang="${lang === 'zh-CN' ? 'zh-CN' : 'en'}">`,
        '<head>',
        '<meta charset="utf-8">',
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        `<title>${e(title)}</title>`,
        `<style>${STYLE}</style>`,
        '</head>',
        '<body><main>',
        `<h1>${e(title)}</h1>`,
    );
    const metaBits = [
        `${e(t.scenario)}: ${e(scenario.scenario === null ? t.asWritten : displayName(scenario.scenario, scenario.title))}`,
        `${e(t.horizon)}: ${e(t.weeksFrom(plan.horizonWeeks, schedule.start, schedule.end))}`,
        `${e(t.timezone)}: ${e(plan.timezone)}`,
        `${e(t.runs)}: ${e(f.integer(forecast.runs))}`,
        `${e(t.seed)}: ${e(String(forecast.seed))}`,
    ];
    parts.push(`<p class="meta">${metaBits.join(' · ')}</p>`);

    // ---- Executive summary -----------------------------------------------------------------
    const summary = summaryOf(input, f);
    const sum: string[] = [];
    for (const c of summary.communities) {
        if (many) sum.push(`<h3>${e(c.name)}</h3>`);
        const headline = [c.headline, c.money].filter((x): x is string => x !== null);
        if (headline.length > 0) sum.push(`<p class="headline"><strong>${e(t.headline)}:</strong> ${headline.map(e).join('; ')}</p>`);
        if (c.kpis.length > 0) {
            sum.push(
                `<h3>${e(t.kpiChances)}</h3>`,
                tableHtml(
                    [{ text: t.status }, { text: t.kpi }, { text: t.target }, { text: 'P50', num: true }, { text: t.probability, num: true }],
                    c.kpis.map(({ kpi, light }) => [
                        { html: lightCell(light, lang), nowrap: true },
                        { html: e(kpiLabel(kpi, lang)) },
                        { html: e(f.kpiTarget(kpi)) },
                        { html: e(f.metricValue(kpi.metric, kpi.p50)), num: true },
                        { html: `<strong>${e(f.percent(kpi.probability))}</strong>`, num: true },
                    ]),
                ),
            );
        }
        if (c.ways.length > 0) sum.push(`<h3>${e(t.cheapestWays)}</h3>`, `<ul class="ways">${c.ways.map((w) => `<li>${e(w)}</li>`).join('')}</ul>`);
    }
    if (summary.budget) sum.push(`<p><strong>${e(t.budgetUse)}:</strong> ${e(summary.budget)}</p>`);
    sum.push(
        `<h3>${e(t.risks)}</h3>`,
        summary.risks.length === 0 ? `<p class="muted">${e(t.noRisks)}</p>` : `<ol>${summary.risks.map((r) => `<li>${e(r)}</li>`).join('')}</ol>`,
    );
    if (summary.bestScenario) sum.push(`<p>${e(summary.bestScenario)}</p>`);
    section('summary', t.summary, sum, 'card summary');

    // ---- KPIs ------------------------------------------------------------------------------
    const kpiPart: string[] = [];
    for (const c of scenario.communities) {
        kpiPart.push(`<h3>${e(t.community)}: ${e(displayName(c.name, c.title))}</h3>`);
        const community = plan.communities.find((x) => x.name === c.name);
        if (community?.theme) kpiPart.push(`<p class="muted">${e(community.theme)}</p>`);
        const rows = kpiRows(c);
        if (rows.length === 0) kpiPart.push(`<p class="muted">${e(t.noKpis)}</p>`);
        else {
            kpiPart.push(
                tableHtml(
                    [
                        { text: t.status },
                        { text: t.kpi },
                        { text: t.target },
                        { text: 'P10', num: true },
                        { text: 'P50', num: true },
                        { text: 'P90', num: true },
                        { text: t.probability, num: true },
                    ],
                    rows.map(({ kpi, light }) => [
                        { html: lightCell(light, lang), nowrap: true },
                        { html: e(kpiLabel(kpi, lang)) },
                        { html: e(f.kpiTarget(kpi)) },
                        { html: e(f.metricValue(kpi.metric, kpi.p10)), num: true },
                        { html: e(f.metricValue(kpi.metric, kpi.p50)), num: true },
                        { html: e(f.metricValue(kpi.metric, kpi.p90)), num: true },
                        { html: e(f.percent(kpi.probability)), num: true },
                    ]),
                ),
            );
        }
        kpiPart.push(await chartOf(c, 'members'), await chartOf(c, 'active'), await chartOf(c, 'tornado'));
    }
    section('kpis', t.kpis, kpiPart);

    // ---- Growth: by source (when the forecast attributes new members) and by tier -----------
    const growth: string[] = [];
    for (const c of scenario.communities) {
        growth.push(communityHeading(c));
        const sources = sourceRows(c, plan, t.organic);
        if (sources.length > 0) {
            growth.push(
                `<h3>${e(t.growthBySource)}</h3>`,
                tableHtml(
                    [
                        { text: t.source },
                        { text: t.kind },
                        { text: 'P10', num: true },
                        { text: 'P50', num: true },
                        { text: 'P90', num: true },
                        { text: t.meanShare, num: true },
                    ],
                    sources.map((s) => [
                        { html: e(s.label) },
                        { html: e(t.sourceKind[s.kind] ?? s.kind) },
                        { html: e(f.integer(s.p10)), num: true },
                        { html: e(f.integer(s.p50)), num: true },
                        { html: e(f.integer(s.p90)), num: true },
                        { html: e(f.percent(s.share)), num: true },
                    ]),
                ),
                await chartOf(c, 'sources'),
            );
        }
        const tierRows = [['members', t.members], ...c.tiers.map((tier) => [`members:${tier}`, `${t.members} · ${tier}`])].flatMap(([key, label]) => {
            const v = atHorizon(c, key);
            return v
                ? [
                      [
                          { html: e(label) },
                          { html: e(f.integer(v.p50)), num: true },
                          { html: e(f.integer(v.p10)), num: true },
                          { html: e(f.integer(v.p90)), num: true },
                      ],
                  ]
                : [];
        });
        if (tierRows.length > 0)
            growth.push(
                `<h3>${e(t.atHorizon(c.weeks.length))}</h3>`,
                tableHtml([{ text: t.measure }, { text: 'P50', num: true }, { text: 'P10', num: true }, { text: 'P90', num: true }], tierRows),
            );
    }
    section('growth', t.growth, growth);

    // ---- Scenarios side by side ---------------------------------------------------------------
    if (scenarios.length > 1) {
        const sc: string[] = [];
        for (const c of scenario.communities) {
            sc.push(communityHeading(c));
            const header = [
                { text: t.scenario },
                ...c.kpis.map((k) => ({ text: kpiLabel(k, lang), num: true })),
                { text: t.cumulativeCost, num: true },
                { text: t.roi, num: true },
                { text: t.avgProbability, num: true },
            ];
            const rows = scenarios.map((x) => {
                const xc = x.communities.find((y) => y.name === c.name);
                const cost = xc ? atHorizon(xc, 'cumulative-cost') : null;
                const roi = xc ? atHorizon(xc, 'roi') : null;
                return [
                    { html: e(x.scenario === null ? t.asWritten : displayName(x.scenario, x.title)) },
                    ...c.kpis.map((k) => {
                        const xk = xc?.kpis.find((y) => y.name === k.name);
                        return {
                            html: xk ? `${e(f.percent(xk.probability))}<br><span class="muted">P50 ${e(f.metricValue(xk.metric, xk.p50))}</span>` : '—',
                            num: true,
                        };
                    }),
                    { html: e(f.currencyAmount(cost?.p50 ?? null, true)), num: true },
                    { html: e(f.decimal(roi?.p50 ?? null)), num: true },
                    { html: e(f.percent(averageProbability({ ...x, communities: xc ? [xc] : [] }))), num: true },
                ];
            });
            const views = scenarios.map((x) => {
                const xc = x.communities.find((y) => y.name === c.name);
                return { scenario: x.scenario, title: x.title, view: xc ? forecastView(input, xc, x) : undefined };
            });
            sc.push(tableHtml(header, rows), await chart(scenarioMembersChart(views, chartCtx)));
        }
        section('scenarios', t.scenarios, sc);
    }

    // ---- Money ---------------------------------------------------------------------------------
    const money: string[] = [];
    if (scenario.budget) {
        const b = scenario.budget;
        money.push(`<p>${e(t.budgetLine(f.currencyAmount(b.amount, true), f.currencyAmount(b.cost.p50, true), f.percent(b.probabilityWithin)))}</p>`);
    }
    for (const c of scenario.communities) {
        money.push(communityHeading(c));
        const moneyRows = (
            [
                ['cumulative-revenue', t.cumulativeRevenue, true],
                ['cumulative-cost', t.cumulativeCost, true],
                ['roi', t.roi, false],
            ] as const
        ).flatMap(([key, label, isMoney]) => {
            const v = atHorizon(c, key);
            const show = (x: number | null) => (isMoney ? f.currencyAmount(x, true) : f.decimal(x));
            return v
                ? [[{ html: e(label) }, { html: e(show(v.p50)), num: true }, { html: e(show(v.p10)), num: true }, { html: e(show(v.p90)), num: true }]]
                : [];
        });
        for (const [label, band, isMoney] of moneyBands(c, f)) {
            const show = (x: number) => (isMoney ? f.currencyAmount(x, true) : f.decimal(x));
            moneyRows.push([
                { html: e(label) },
                { html: e(show(band.p50)), num: true },
                { html: e(show(band.p10)), num: true },
                { html: e(show(band.p90)), num: true },
            ]);
        }
        if (moneyRows.length > 0)
            money.push(tableHtml([{ text: t.measure }, { text: 'P50', num: true }, { text: 'P10', num: true }, { text: 'P90', num: true }], moneyRows));
        money.push(await chartOf(c, 'money'));
        const costs = costRows(c);
        if (costs.length > 0) {
            money.push(
                `<h3>${e(t.costByCategory)}</h3>`,
                tableHtml(
                    [{ text: t.category }, { text: 'P10', num: true }, { text: 'P50', num: true }, { text: 'P90', num: true }, { text: t.share, num: true }],
                    costs.map((r) => [
                        { html: e(t[`cost_${r.category}`]) },
                        { html: e(f.currencyAmount(r.p10, true)), num: true },
                        { html: e(f.currencyAmount(r.p50, true)), num: true },
                        { html: e(f.currencyAmount(r.p90, true)), num: true },
                        { html: e(r.share === null ? '—' : f.percent(r.share)), num: true },
                    ]),
                ),
            );
        }
    }
    section('money', t.money, money);

    // ---- Calendar --------------------------------------------------------------------------
    const cal: string[] = [`<p class="muted">${e(t.calendarNote)}</p>`];
    const monthFmt = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' });
    for (const c of scenario.communities) {
        cal.push(communityHeading(c));
        for (const m of calendarMonths(plan, schedule, c.name)) {
            cal.push(`<h3>${e(monthFmt.format(new Date(Date.UTC(m.year, m.monthNumber - 1, 1))))}</h3>`);
            if (m.windows.length > 0) {
                cal.push(
                    `<ul class="windows">${m.windows
                        .map(
                            (w, i) =>
                                `<li><span class="swatch" style="background:${WINDOW_COLOURS[i % WINDOW_COLOURS.length]}"></span>${e(w.kind === 'channel' ? t.channelWindow : t.referralWindow)} · ${e(w.label)}: ${e(t.windowRange(w.from, w.until))}</li>`,
                        )
                        .join('')}</ul>`,
                );
            }
            const head = `<thead><tr>${t.weekdays.map((d) => `<th>${e(d)}</th>`).join('')}</tr></thead>`;
            const body = m.weeks
                .map(
                    (week) =>
                        `<tr>${week
                            .map((d) => {
                                if (!d) return '<td class="out"></td>';
                                if (!d.inHorizon) return `<td class="out"><span class="day">${d.day}</span></td>`;
                                const bits = [`<span class="day">${d.day}</span>`];
                                if (d.posts > 0) bits.push(` <span class="posts">${e(t.postsShort(d.posts))}</span>`);
                                for (const w of d.windows)
                                    bits.push(`<span class="win" style="background:${WINDOW_COLOURS[w % WINDOW_COLOURS.length]}"></span>`);
                                for (const o of d.events) {
                                    const cls = o.subkind === 'lottery-draw' ? 'ev draw' : o.kind === 'offline activity' ? 'ev offline' : 'ev';
                                    bits.push(`<span class="${cls}">${e(o.time ? `${o.time} ` : '')}${e(occurrenceTitle(o, t.drawSuffix))}</span>`);
                                }
                                return `<td>${bits.join('')}</td>`;
                            })
                            .join('')}</tr>`,
                )
                .join('\n');
            cal.push(`<table class="month">${head}<tbody>\n${body}\n</tbody></table>`);
        }
        cal.push(
            await chart(
                contentHeatmap(
                    schedule.occurrences.filter((o) => o.community === c.name && o.kind === 'content'),
                    plan.horizonWeeks,
                    chartCtx,
                ),
            ),
        );
    }
    section('calendar', t.calendar, cal);

    // ---- Schedule summary ----------------------------------------------------------------------
    const sched: string[] = [];
    for (const c of scenario.communities) {
        sched.push(communityHeading(c));
        sched.push(
            tableHtml(
                [
                    { text: t.item },
                    { text: t.kind },
                    { text: t.cadence, num: true },
                    { text: t.first },
                    { text: t.last },
                    { text: t.owner },
                    { text: t.totalCost, num: true },
                ],
                itemSummaries(schedule, c.name).map((s) => [
                    { html: e(displayName(s.item, occurrenceTitle(s, t.drawSuffix))) },
                    { html: `${e(kindLabel(lang, s.kind))} · ${e(subkindLabel(lang, s.subkind))}` },
                    { html: e(f.integer(s.count)), num: true },
                    { html: e(s.first), nowrap: true },
                    { html: e(s.last), nowrap: true },
                    { html: e(s.owner) },
                    { html: e(f.currencyAmount(s.totalCost, true)), num: true },
                ]),
            ),
        );
    }
    section('schedule', t.schedule, sched);

    // ---- Run-sheet ------------------------------------------------------------------------------
    const run: string[] = [];
    for (const c of scenario.communities) {
        run.push(communityHeading(c));
        const sheet = runSheet(input, c.name);
        if (sheet.length === 0) run.push(`<p class="muted">${e(t.noOffline)}</p>`);
        else {
            run.push(
                tableHtml(
                    [
                        { text: t.when },
                        { text: t.activity },
                        { text: t.where },
                        { text: t.owner },
                        { text: t.staff, num: true },
                        { text: t.capacity, num: true },
                        { text: t.materials },
                    ],
                    sheet.map(({ occurrence: o, activity: a }) => [
                        { html: e(whenText(o)) },
                        { html: e(displayName(a.name, a.title)) },
                        { html: e(a.location ?? '') },
                        { html: e(a.owner ?? '') },
                        { html: e(a.staff === undefined ? '' : f.integer(a.staff)), num: true },
                        { html: e(a.capacity === undefined ? '' : f.integer(a.capacity)), num: true },
                        { html: e(a.materials.join(', ')) },
                    ]),
                ),
            );
        }
        if (c.notes.length > 0) run.push(`<h3>${e(t.notes)}</h3><ul class="notes">${c.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
    }
    section('run-sheet', t.runSheet, run);

    // ---- Checks, last: plain language first, codes and lines folded away -------------------
    if (input.checks) {
        const ch: string[] = [];
        if (input.checks.length === 0) ch.push(`<p class="muted">${e(t.noChecks)}</p>`);
        else {
            ch.push(
                `<h3>${e(t.checksPlain)}</h3>`,
                `<ul>${input.checks.map((d) => `<li>${e(t.severityWord[d.severity])}: ${e(d.message)}</li>`).join('')}</ul>`,
            );
            ch.push(
                `<details><summary>${e(t.codesAndLines)}</summary>`,
                `<table><thead><tr><th>${e(t.severity)}</th><th>${e(t.code)}</th><th>${e(t.line)}</th><th>${e(t.message)}</th></tr></thead><tbody>`,
                ...input.checks.map(
                    (d) =>
                        `<tr><td>${e(t.severityWord[d.severity])}</td><td><code>${e(d.code)}</code></td><td>${e(`${d.file}:${d.line}`)}</td><td>${e(d.message)}</td></tr>`,
                ),
                '</tbody></table></details>',
            );
        }
        section('checks', t.checks, ch);
    }
    parts.push(`<footer>${e(t.generated)} · ${e(t.format)} ${e(forecast.format_version)}</footer>`, '</main></body>', '</html>');
    return parts.filter((p) => p !== '').join('\n') + '\n';
}
