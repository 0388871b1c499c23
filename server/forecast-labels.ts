// The preview's KPI and sensitivity labels in the server's language. The forecast view writes them in
// English ("active rate ≥ 20%", "DouyinAds cost per join"); under zh-CN this rewrites them with the
// reports' own words (engine/report/i18n.ts, words.ts), so the preview, the reports and the CLI
// name a KPI or a parameter alike. Structure, numbers and sources are left as they are.
import type { Lang } from '../engine/diagnostics.js';
import type { ForecastReport } from '../engine/forecast-schema.js';
import type { Kpi, Plan } from '../engine/model.js';
import { Formatter, kpiLabel } from '../engine/report/i18n.js';
import { parameterLabel } from '../engine/report/words.js';
import type { ForecastResult } from '../protocol/forecast.js';

const OPS: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

/** "活跃率 ≥ 20%", "30 天留存率 ≥ 45%", "Prospect → Core 转化率 ≥ 每月 6%", "Growth：成员数 ≥ 20,000". */
export function kpiLabelZh(k: Kpi, currency: string): string {
    const f = new Formatter('zh-CN', currency);
    const subject = kpiLabel(k, 'zh-CN');
    const value = f.metricValue(k.metric, k.target);
    const target = `${OPS[k.op] ?? k.op} ${k.targetPer ? `${f.t.per[k.targetPer] ?? k.targetPer} ${value}` : value}`;
    // A name the plan gave comes back as written: say what it measures after it.
    if (subject === k.name) {
        let what = f.t.metric[k.metric];
        if (k.tier) what = `${k.tier} ${what}`;
        if (k.fromTier && k.toTier) what = `${k.fromTier} → ${k.toTier} ${what}`;
        if (k.windowDays) what = `${f.t.days(k.windowDays)}${what}`;
        return `${k.name}：${what} ${target}`;
    }
    return `${subject} ${target}`;
}

/** The result with its labels in `lang` (unchanged for English). */
export function localizeForecastResult(result: ForecastResult, report: ForecastReport, plan: Plan, lang: Lang): ForecastResult {
    if (lang !== 'zh-CN' || result.status !== 'ok') return result;
    for (const scenario of result.forecasts) {
        for (const c of scenario.communities) {
            const kpis = plan.communities.find((x) => x.name === c.community)?.kpis ?? [];
            for (const view of c.kpis) {
                const k = kpis.find((x) => x.name === view.name);
                if (k) view.label = kpiLabelZh(k, plan.currency);
            }
            // The view names each of the report's sensitivity parameters by its label (engine/view/forecast-view.ts).
            const params = report.sensitivity?.parameters ?? [];
            for (const item of c.sensitivity?.items ?? []) {
                const p = params.find((x) => (x.label || x.id) === item.parameter);
                if (p) item.parameter = parameterLabel('zh-CN', p.id, item.parameter);
            }
        }
    }
    return result;
}
