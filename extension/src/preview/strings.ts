// The webview's labels, translated in the extension host with vscode.l10n (the webview itself has
// no access to it) and handed over in a data attribute. `{0}` placeholders are filled in the webview.
import * as vscode from 'vscode';

export function webviewStrings(): Record<string, string> {
    const t = vscode.l10n.t;
    return {
        forecast: t('Forecast'),
        basePlan: t('Plan as written'),
        total: t('Total'),
        membersByTier: t('Members by tier (P50, P10–P90 band)'),
        activeRate: t('Active rate'),
        costVsRevenue: t('Cumulative cost vs revenue'),
        cost: t('Cost'),
        revenue: t('Revenue'),
        kpis: t('KPIs'),
        kpi: t('KPI'),
        target: t('Target'),
        p50AtDeadline: t('P50 at deadline'),
        probability: t('Probability of success'),
        change: t('Change'),
        byWeek: t('by week {0}'),
        likely: t('likely'),
        uncertain: t('uncertain'),
        unlikely: t('unlikely'),
        noKpis: t('This plan has no KPIs yet.'),
        sensitivity: t('Sensitivity of {0} (±20% per parameter)'),
        base: t('Base'),
        minus20: t('Parameter −20%'),
        plus20: t('Parameter +20%'),
        calendar: t('Calendar: content and activities by week'),
        weekN: t('Week {0}'),
        weekShort: t('W{0}'),
        p10p90: t('band P10–P90'),
        scenario: t('Scenario'),
        compareWith: t('Compare with'),
        noComparison: t('No comparison'),
        updating: t('Updating…'),
        stale: t('Stale'),
        runsSeed: t('{0} runs · seed {1} · {2} ms'),
        computing: t('Computing the forecast…'),
        waiting: t('Open a .community plan to see its forecast.'),
        planHasErrors: t('The plan has {0} error(s); showing the last good forecast.'),
        line: t('Line {0}'),
    };
}
