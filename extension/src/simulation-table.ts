// The "Simulate" command's table output: weeks × key metrics (P50 with P10–P90), then KPIs, new
// members by source and money (ROI on margin and gross, incremental) — the view model's rows.
import type { ForecastResult } from '../../protocol/forecast.js';
import { communityLabel, compactNumber, formatProbability, formatValue } from './preview/shape.js';

type Ok = Extract<ForecastResult, { status: 'ok' }>;

/** A Markdown document: one table per forecast (scenario) and a KPI table. Labels come from `t`. */
export function simulationTable(result: Ok, lang: 'en' | 'zh-CN', t: (s: string, ...a: (string | number)[]) => string = defaultT): string {
    const lines: string[] = [];
    const cur = result.plan.currency;
    lines.push(`# ${t('Forecast')}: ${result.plan.name}`, '', t('{0} runs · seed {1} · {2} ms', result.runs, result.seed, Math.round(result.elapsedMs)), '');
    const band = (p10: number, p50: number, p90: number, f: (v: number) => string) => `${f(p50)} (${f(p10)}–${f(p90)})`;
    const several = result.plan.communities.length > 1;
    for (const f of result.forecasts) {
        lines.push(`## ${f.scenario === null ? t('Plan as written') : f.title}`, '');
        for (const c of f.communities) {
            if (several) lines.push(`### ${communityLabel(c)}`, '');
            const tierHeads = c.members.map((m) => m.label);
            lines.push(`| ${[t('Week'), ...tierHeads, t('Total'), t('Active rate'), t('Cost'), t('Revenue')].join(' | ')} |`);
            lines.push(`|${' --- |'.repeat(tierHeads.length + 5)}`);
            for (let w = 0; w < c.weeks; w++) {
                const num = (v: number) => compactNumber(v, lang);
                const pct = (v: number) => formatValue(v, 'percent', cur, lang);
                const money = (v: number) => compactNumber(v, lang);
                const cells = [
                    String(w + 1),
                    ...c.members.map((m) => band(m.band.p10[w], m.band.p50[w], m.band.p90[w], num)),
                    band(c.total.band.p10[w], c.total.band.p50[w], c.total.band.p90[w], num),
                    band(c.activeRate.p10[w], c.activeRate.p50[w], c.activeRate.p90[w], pct),
                    band(c.cost.p10[w], c.cost.p50[w], c.cost.p90[w], money),
                    band(c.revenue.p10[w], c.revenue.p50[w], c.revenue.p90[w], money),
                ];
                lines.push(`| ${cells.join(' | ')} |`);
            }
            lines.push('', `| ${[t('KPI'), t('P50 at deadline'), t('Probability of success')].join(' | ')} |`, '| --- | --- | --- |');
            for (const k of c.kpis) lines.push(`| ${cell(k.label)} | ${formatValue(k.p50, k.unit, cur, lang)} | ${formatProbability(k.probability)} |`);
            lines.push('');
            if (c.sources && c.sources.length > 0) {
                lines.push(`| ${[t('New members by source'), t('Mean over the horizon'), t('Share')].join(' | ')} |`, '| --- | --- | --- |');
                for (const src of c.sources)
                    lines.push(
                        `| ${src.kind === 'organic' ? t('Organic') : cell(src.label)} | ${compactNumber(src.mean, lang)} | ${src.share === null ? '–' : formatValue(src.share, 'percent', cur, lang)} |`,
                    );
                lines.push('');
            }
            if (c.money && c.money.length > 0) {
                const names: Record<string, (m: { margin?: number }) => string> = {
                    'margin-roi': (m) => t('ROI on margin ({0})', formatValue(m.margin ?? 0, 'percent', cur, lang)),
                    'gross-roi': () => t('ROI on gross sales'),
                    'incremental-revenue': () => t('Incremental revenue'),
                    'incremental-roi': () => t('Incremental ROI'),
                };
                lines.push(`| ${[t('Money at the horizon'), 'P50 (P10–P90)'].join(' | ')} |`, '| --- | --- |');
                for (const m of c.money) {
                    const v = (x: number) => formatValue(x, m.unit, cur, lang);
                    lines.push(`| ${names[m.kind](m)} | ${band(m.p10, m.p50, m.p90, v)} |`);
                }
                lines.push('');
            }
        }
    }
    return lines.join('\n');
}

/** Plan text in a Markdown table cell: a pipe would end the cell. */
function cell(text: string): string {
    return text.replace(/\|/g, '\\|');
}

function defaultT(s: string, ...a: (string | number)[]): string {
    return s.replace(/\{(\d+)\}/g, (_, i: string) => String(a[Number(i)] ?? ''));
}
