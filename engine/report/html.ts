// report.html: a self-contained page (inline styles, inline SVG charts rendered at compile time, no
// scripts, no network — a Content-Security-Policy forbids both) with the checker's warnings and
// infos, the KPI table and its traffic lights, the forecast charts (KPI targets as dashed lines), the content heat-map, the sensitivity tornado, the schedule summary
// and the offline run-sheet. Every user string is HTML-escaped; chart text is escaped by vega's SVG
// renderer (checked by tests).
import { activeRateChart, contentHeatmap, costRevenueChart, membersChart, scopeSvgIds, tornadoChart } from './charts.js';
import { costRows, displayName, itemSummaries, kpiRows, runSheet, scenarioOf, whenText, type ReportInput } from './common.js';
import { Formatter, kindLabel, kpiLabel, lightLabel, type Light } from './i18n.js';

export function escapeHtml(text: string): string {
    return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const e = escapeHtml;

const LIGHT_COLOURS: Record<Light, string> = { green: '#2e9d48', amber: '#e0a100', red: '#d03b3b' };

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
main{max-width:980px;margin:0 auto;padding:24px}
h1{font-size:1.7em;margin:0 0 4px}h2{margin-top:36px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{margin-top:24px}
.meta{color:#57606a;margin:0 0 16px}
section.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:16px 20px;margin:16px 0}
table{border-collapse:collapse;width:100%;font-size:.92em;margin:8px 0}
th,td{border-bottom:1px solid #e5e7eb;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f6f8fa;font-weight:600}td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.light{display:inline-block;width:.8em;height:.8em;border-radius:50%;margin-right:6px;vertical-align:-1px}
.chart{margin:12px 0;overflow-x:auto}.chart svg{max-width:100%;height:auto}
.muted{color:#57606a}ul.notes{color:#57606a;font-size:.9em}
footer{color:#57606a;font-size:.85em;margin:32px 0 8px}
`;

function lightCell(light: Light, lang: ReportInput['lang']): string {
    return `<span class="light" style="background:${LIGHT_COLOURS[light]}" aria-hidden="true"></span>${e(lightLabel(lang, light))}`;
}


export async function renderHtml(input: ReportInput): Promise<string> {
    const { plan, schedule, forecast, lang } = input;
    const f = new Formatter(lang, plan.currency);
    const t = f.t;
    const scenario = scenarioOf(input);
    const parts: string[] = [];
    const title = `${t.report}: ${plan.name}`;
    let charts = 0;
    const chart = async (svg: Promise<string | null>): Promise<string> => {
        const s = await svg;
        return s ? `<figure class="chart">${scopeSvgIds(s, `chart${++charts}`)}</figure>` : '';
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
    if (scenario.budget) {
        const b = scenario.budget;
        parts.push(`<p>${e(t.budgetLine(f.currencyAmount(b.amount, true), f.currencyAmount(b.cost.p50, true), f.percent(b.probabilityWithin)))}</p>`);
    }

    if (input.checks) {
        parts.push('<section class="card">', `<h2>${e(t.checks)}</h2>`);
        if (input.checks.length === 0) parts.push(`<p class="muted">${e(t.noChecks)}</p>`);
        else {
            parts.push(`<table><thead><tr><th>${e(t.severity)}</th><th>${e(t.code)}</th><th>${e(t.line)}</th><th>${e(t.message)}</th></tr></thead><tbody>`);
            for (const d of input.checks) {
                parts.push(`<tr><td>${e(t.severityWord[d.severity])}</td><td><code>${e(d.code)}</code></td><td>${e(`${d.file}:${d.line}`)}</td><td>${e(d.message)}</td></tr>`);
            }
            parts.push('</tbody></table>');
        }
        parts.push('</section>');
    }

    for (const c of scenario.communities) {
        const community = plan.communities.find((x) => x.name === c.name);
        parts.push(`<h2>${e(t.community)}: ${e(displayName(c.name, c.title))}</h2>`);
        if (community?.theme) parts.push(`<p class="muted">${e(community.theme)}</p>`);

        // KPIs
        parts.push('<section class="card">', `<h3>${e(t.kpis)}</h3>`);
        const rows = kpiRows(c);
        if (rows.length === 0) parts.push(`<p class="muted">${e(t.noKpis)}</p>`);
        else {
            parts.push(`<table><thead><tr><th>${e(t.status)}</th><th>${e(t.kpi)}</th><th>${e(t.target)}</th><th class="num">P10</th><th class="num">P50</th><th class="num">P90</th><th class="num">${e(t.probability)}</th></tr></thead><tbody>`);
            for (const { kpi, light } of rows) {
                parts.push(
                    `<tr><td>${lightCell(light, lang)}</td><td>${e(kpiLabel(kpi, lang))}</td><td>${e(f.kpiTarget(kpi))}</td>` +
                        `<td class="num">${e(f.metricValue(kpi.metric, kpi.p10))}</td><td class="num">${e(f.metricValue(kpi.metric, kpi.p50))}</td>` +
                        `<td class="num">${e(f.metricValue(kpi.metric, kpi.p90))}</td><td class="num">${e(f.percent(kpi.probability))}</td></tr>`,
                );
            }
            parts.push('</tbody></table>');
        }
        parts.push('</section>');

        // Charts
        parts.push('<section class="card">', `<h3>${e(t.charts)}</h3>`);
        parts.push(await chart(membersChart(c, f)), await chart(activeRateChart(c, f)), await chart(costRevenueChart(c, f)));
        parts.push(await chart(contentHeatmap(schedule.occurrences.filter((o) => o.community === c.name), plan.horizonWeeks, f)));
        if (forecast.sensitivity && forecast.sensitivity.community === c.name) parts.push(await chart(tornadoChart(forecast.sensitivity, f)));
        parts.push('</section>');

        // Cost by category
        const costs = costRows(c);
        if (costs.length > 0) {
            parts.push('<section class="card">', `<h3>${e(t.costByCategory)}</h3>`);
            parts.push(`<table><thead><tr><th>${e(t.category)}</th><th class="num">P10</th><th class="num">P50</th><th class="num">P90</th><th class="num">${e(t.share)}</th></tr></thead><tbody>`);
            for (const r of costs) {
                parts.push(
                    `<tr><td>${e(t[`cost_${r.category}`])}</td><td class="num">${e(f.currencyAmount(r.p10, true))}</td><td class="num">${e(f.currencyAmount(r.p50, true))}</td>` +
                        `<td class="num">${e(f.currencyAmount(r.p90, true))}</td><td class="num">${e(r.share === null ? '—' : f.percent(r.share))}</td></tr>`,
                );
            }
            parts.push('</tbody></table></section>');
        }

        // Schedule summary
        const items = itemSummaries(schedule, c.name);
        parts.push('<section class="card">', `<h3>${e(t.schedule)}</h3>`);
        parts.push(`<table><thead><tr><th>${e(t.item)}</th><th>${e(t.kind)}</th><th class="num">${e(t.cadence)}</th><th>${e(t.first)}</th><th>${e(t.last)}</th><th>${e(t.owner)}</th><th class="num">${e(t.totalCost)}</th></tr></thead><tbody>`);
        for (const s of items) {
            parts.push(
                `<tr><td>${e(displayName(s.item, s.title))}</td><td>${e(kindLabel(lang, s.kind))} · ${e(s.subkind)}</td><td class="num">${e(f.integer(s.count))}</td>` +
                    `<td>${e(s.first)}</td><td>${e(s.last)}</td><td>${e(s.owner)}</td><td class="num">${e(f.currencyAmount(s.totalCost, true))}</td></tr>`,
            );
        }
        parts.push('</tbody></table></section>');

        // Run-sheet
        const sheet = runSheet(input, c.name);
        parts.push('<section class="card">', `<h3>${e(t.runSheet)}</h3>`);
        if (sheet.length === 0) parts.push(`<p class="muted">${e(t.noOffline)}</p>`);
        else {
            parts.push(`<table><thead><tr><th>${e(t.when)}</th><th>${e(t.activity)}</th><th>${e(t.where)}</th><th>${e(t.owner)}</th><th class="num">${e(t.staff)}</th><th class="num">${e(t.capacity)}</th><th>${e(t.materials)}</th></tr></thead><tbody>`);
            for (const { occurrence: o, activity: a } of sheet) {
                parts.push(
                    `<tr><td>${e(whenText(o))}</td><td>${e(displayName(a.name, a.title))}</td><td>${e(a.location ?? '')}</td><td>${e(a.owner ?? '')}</td>` +
                        `<td class="num">${e(a.staff === undefined ? '' : f.integer(a.staff))}</td><td class="num">${e(a.capacity === undefined ? '' : f.integer(a.capacity))}</td><td>${e(a.materials.join(', '))}</td></tr>`,
                );
            }
            parts.push('</tbody></table>');
        }
        parts.push('</section>');

        if (c.notes.length > 0) parts.push(`<h3>${e(t.notes)}</h3><ul class="notes">${c.notes.map((n) => `<li>${e(n)}</li>`).join('')}</ul>`);
    }
    parts.push(`<footer>${e(t.generated)} · format ${e(forecast.format_version)}</footer>`, '</main></body>', '</html>');
    return parts.filter((p) => p !== '').join('\n') + '\n';
}
