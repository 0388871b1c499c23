// CodeLens above each community ("Forecast: P50 18,400 members · P10–P90 …") and each KPI
// ("Forecast: P50 … · 62 % chance"), read from ForecastLensService; while a forecast is being
// computed for the current version the lens says so, and the client is refreshed when it is ready.
// Clicking a lens opens the forecast preview of the plan.
import type { Lang } from '../../engine/diagnostics.js';
import { t } from '../../engine/messages.js';
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { CommunityForecast } from '../../engine/forecast-schema.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import type { CommunitySettings } from '../settings.js';
import { fmt } from '../validation/domain-calc.js';
import { kpiName } from '../lower.js';
import { SOLVE_DEFAULT_PROBABILITY, SOLVE_KPI_COMMAND } from '../../protocol/solve.js';
import type { ForecastLensService } from './forecast-lens.js';

/**
 * The VS Code extension's command that opens the forecast preview beside the plan
 * (package.json contributes.commands); its argument is the plan's URI.
 */
export const OPEN_PREVIEW_COMMAND = 'community.openPreviewToSide';

export class CommunityCodeLensProvider implements CodeLensProvider {
    private readonly settings: CommunitySettings;
    private readonly forecasts: ForecastLensService;

    constructor(services: CommunityServices & { communityLsp: { Forecasts: ForecastLensService } }) {
        this.settings = services.community.Settings;
        this.forecasts = services.communityLsp.Forecasts;
    }

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const lang = this.settings.lang;
        const model = document.parseResult.value as A.Model;
        const communities = model.elements.filter(A.isCommunity);
        if (communities.length === 0) return [];
        const result = this.forecasts.result(document.uri.toString(), document.textDocument.version);
        const lenses: CodeLens[] = [];
        const lens = (node: A.Community | A.Kpi, title: string) => {
            const range = node.$cstNode?.range;
            if (range)
                lenses.push({
                    range: { start: range.start, end: range.start },
                    command: { title, command: OPEN_PREVIEW_COMMAND, arguments: [document.uri.toString()] },
                });
        };
        for (const community of communities) {
            if (!result) {
                lens(community, t('lens.computing', {}, lang));
                continue;
            }
            if (result.status === 'failed') {
                lens(community, result.reason === 'errors' ? t('lens.fix-errors', {}, lang) : t('lens.unavailable', { reason: result.reason }, lang));
                continue;
            }
            const forecast = result.communities.get(community.name);
            if (!forecast) continue;
            lens(community, communityTitle(forecast, lang));
            // A community with paid channels also offers the goal seek on each KPI (community/solve).
            const paid = community.channels.some((ch) => ch.spend !== undefined);
            community.kpis.forEach((kpi, index) => {
                const k = forecast.kpis[index];
                if (k) lens(kpi, kpiTitle(k, lang));
                const range = kpi.$cstNode?.range;
                if (paid && range) {
                    const share = Math.round(SOLVE_DEFAULT_PROBABILITY * 100);
                    const title = t('lens.solve', { share }, lang);
                    lenses.push({
                        range: { start: range.start, end: range.start },
                        command: { title, command: SOLVE_KPI_COMMAND, arguments: [document.uri.toString(), kpiName(kpi)] },
                    });
                }
            });
        }
        return lenses;
    }
}

function last(series: Array<number | null> | undefined): number | null {
    if (!series) return null;
    for (let i = series.length - 1; i >= 0; i--) if (series[i] !== null) return series[i];
    return null;
}

function communityTitle(f: CommunityForecast, lang: Lang): string {
    const members = f.series.find((s) => s.key === 'members');
    const p50 = last(members?.p50);
    const p10 = last(members?.p10);
    const p90 = last(members?.p90);
    const kpis = f.kpis.length ? f.kpis.reduce((s, k) => s + k.probability, 0) / f.kpis.length : undefined;
    const parts = [t('lens.members', { p50: p50 === null ? '—' : fmt(p50) }, lang)];
    if (p10 !== null && p90 !== null) parts.push(`P10–P90 ${fmt(p10)}–${fmt(p90)}`);
    if (kpis !== undefined) parts.push(t('lens.mean-chance', { percent: Math.round(kpis * 100) }, lang));
    return parts.join(' · ');
}

function kpiTitle(k: CommunityForecast['kpis'][number], lang: Lang): string {
    const share = k.metric === 'active-rate' || k.metric === 'retention' || k.metric === 'churn' || k.metric === 'conversion';
    const value = k.p50 === null ? '—' : share ? `${fmt(k.p50 * 100, 1)} %` : fmt(k.p50, k.metric === 'roi' ? 2 : 0);
    return t('lens.kpi', { value, percent: Math.round(k.probability * 100) }, lang);
}
