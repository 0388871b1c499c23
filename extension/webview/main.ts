// The forecast preview's script, running inside the webview (bundled as a browser IIFE).
// It draws what the extension host sends: the charts (the report's chart definitions, drawn by
// ECharts: charts.ts), the KPI table, the cost breakdown and the calendar strip. Every user string
// goes in through textContent or setAttribute, never as HTML.
import type { CommunityForecastView, ForecastResult, HostMessage, ScenarioForecastView, SourceRef, WebviewMessage } from '../../protocol/forecast.js';
import { communityCharts, type ChartDefinition } from '../../engine/view/charts.js';
import { calendarRows, communityLabel, communitySummaries, costShares, formatValue, kpiRows, pickCommunity } from '../src/preview/shape.js';
import { disposeCharts, drawChart, type ChartClick } from './charts.js';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const strings: Record<string, string> = JSON.parse(document.body.dataset.strings ?? '{}');
const lang: 'en' | 'zh-CN' = document.body.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en';
const t = (key: string, ...args: (string | number)[]) => (strings[key] ?? key).replace(/\{(\d+)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));

type OkResult = Extract<ForecastResult, { status: 'ok' }>;
interface State {
    last?: OkResult;
    fileName?: string;
    stale: boolean;
    staleReason?: string;
    busy: boolean;
    scenario: string | null;
    compare: string | null;
    /** The community shown (null: the plan's first). */
    community: string | null;
}
const state: State = { stale: false, busy: false, scenario: null, compare: null, community: null, ...((vscode.getState() as Partial<State>) ?? {}) };

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, text?: string): HTMLElementTagNameMap[K] {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
}
function revealable(node: Element, source: SourceRef | undefined) {
    if (!source) return;
    node.classList.add('revealable');
    node.setAttribute('tabindex', '0');
    const go = () => vscode.postMessage({ type: 'reveal', source });
    node.addEventListener('click', go);
    node.addEventListener('keydown', (e) => {
        const key = (e as KeyboardEvent).key;
        if (key === 'Enter' || key === ' ') go();
    });
}

/** Where a chart's series or tornado row is defined in the plan, for a click to reveal. */
function sourceOf(f: CommunityForecastView, click: ChartClick): SourceRef | undefined {
    if (click.def.kind === 'tornado') return f.sensitivity?.items.find((i) => (i.id ?? i.parameter) === click.key)?.source;
    if (click.key === 'total') return f.total.source;
    return f.members.find((m) => m.key === click.key)?.source;
}

/** One chart in a figure; a click on a tier's line or band (or a tornado bar) reveals it in the plan. */
function chartFigure(def: ChartDefinition, f: CommunityForecastView): HTMLElement {
    const figure = el('figure', { class: 'chart', 'data-chart': def.id, 'aria-label': def.title });
    // Drawn once the figure is in the document, so ECharts knows its width.
    queueMicrotask(() =>
        drawChart(figure, def, (click) => {
            const source = sourceOf(f, click);
            if (source) vscode.postMessage({ type: 'reveal', source });
        }),
    );
    return figure;
}

function scenarioTitle(f: ScenarioForecastView): string {
    return f.scenario === null ? t('basePlan') : f.title;
}

function chartsOf(f: CommunityForecastView, currency: string): ChartDefinition[] {
    return communityCharts(f, { lang, currency });
}

function scenarioColumn(scenario: ScenarioForecastView, f: CommunityForecastView, currency: string, several: boolean): HTMLElement {
    const col = el('section', { class: 'scenario-column', 'data-community': f.community });
    col.append(el('h2', {}, several ? `${scenarioTitle(scenario)} · ${communityLabel(f)}` : scenarioTitle(scenario)));
    for (const def of chartsOf(f, currency)) if (def.id !== 'tornado') col.append(chartFigure(def, f));
    const costs = costBreakdown(f, currency);
    if (costs) col.append(costs);
    return col;
}

/** Where the money goes: each cost category's P50 total over the horizon with a bar for its share. */
function costBreakdown(f: CommunityForecastView, currency: string): HTMLElement | undefined {
    const rows = costShares(f);
    if (rows.length === 0) return undefined;
    const figure = el('figure', { class: 'cost-breakdown', 'data-kind': 'cost-categories' });
    figure.append(el('figcaption', {}, t('costByCategory')));
    const table = el('table', { class: 'cost-table' });
    for (const r of rows) {
        const tr = el('tr', { 'data-category': r.category });
        tr.append(el('td', {}, t(`cost_${r.category}`)));
        tr.append(el('td', { class: 'num' }, formatValue(r.p50, 'money', currency, lang)));
        const bar = el('td', { class: 'share' });
        const meter = el('span', { class: 'meter' });
        const fill = el('span', { class: 'meter-fill' });
        fill.style.width = `${Math.round(r.share * 100)}%`;
        meter.append(fill);
        bar.append(meter, el('span', { class: 'share-value' }, `${Math.round(r.share * 100)}%`));
        tr.append(bar);
        table.append(tr);
    }
    figure.append(table);
    return figure;
}

function kpiTable(
    primary: CommunityForecastView,
    currency: string,
    several: boolean,
    compare?: { scenario: ScenarioForecastView; community?: CommunityForecastView },
): HTMLElement {
    const section = el('section', { class: 'kpis', 'data-community': primary.community });
    section.append(el('h2', {}, several ? `${t('kpis')} · ${communityLabel(primary)}` : t('kpis')));
    const table = el('table', { class: 'kpi-table', id: 'kpi-table' });
    const head = el('tr');
    const cols = [t('kpi'), t('target'), t('p50AtDeadline'), t('probability')];
    if (compare) cols.push(scenarioTitle(compare.scenario), t('change'));
    for (const c of cols) head.append(el('th', {}, c));
    table.append(el('thead'));
    table.tHead!.append(head);
    const body = el('tbody');
    for (const row of kpiRows(primary, currency, lang, compare?.community)) {
        const tr = el('tr', { class: `kpi ${row.likelihood}`, 'data-kpi': row.name });
        tr.append(el('td', { class: 'kpi-name' }, row.label));
        tr.append(el('td', {}, `${row.target} · ${t('byWeek', row.kpi.deadlineWeek)}`));
        tr.append(el('td', {}, row.p50));
        const prob = el('td', { class: 'probability' });
        const meter = el('span', { class: 'meter' });
        const fill = el('span', { class: 'meter-fill' });
        fill.style.width = `${Math.round(Math.max(0, Math.min(1, row.kpi.probability)) * 100)}%`;
        meter.append(fill);
        prob.append(meter, el('span', { class: 'probability-value' }, row.probability), el('span', { class: 'likelihood' }, t(row.likelihood)));
        tr.append(prob);
        if (compare) {
            tr.append(el('td', { class: 'probability compare' }, row.compare?.probability ?? '–'));
            const d = row.compare ? Math.round(row.compare.delta * 100) : 0;
            tr.append(el('td', { class: d > 0 ? 'delta up' : d < 0 ? 'delta down' : 'delta' }, row.compare ? `${d > 0 ? '+' : ''}${d} pp` : '–'));
        }
        revealable(tr, row.kpi.source);
        body.append(tr);
    }
    table.append(body);
    section.append(table);
    if (primary.kpis.length === 0) section.append(el('p', { class: 'muted' }, t('noKpis')));
    return section;
}

function tornado(f: CommunityForecastView, currency: string): HTMLElement | undefined {
    const def = chartsOf(f, currency).find((d) => d.id === 'tornado');
    if (!def) return undefined;
    const section = el('section', { class: 'tornado' });
    section.append(chartFigure(def, f));
    return section;
}

function calendar(result: OkResult, community: CommunityForecastView, several: boolean): HTMLElement | undefined {
    const rows = calendarRows(result.calendar, result.plan.horizonWeeks, community.community);
    if (rows.length === 0) return undefined;
    const section = el('section', { class: 'calendar', 'data-community': community.community });
    section.append(el('h2', {}, several ? `${t('calendar')} · ${communityLabel(community)}` : t('calendar')));
    const table = el('table', { class: 'calendar-table' });
    const head = el('tr');
    head.append(el('th', {}, ''));
    for (let w = 1; w <= result.plan.horizonWeeks; w++) head.append(el('th', { class: 'week' }, w % 4 === 1 ? String(w) : ''));
    table.append(head);
    for (const row of rows) {
        const tr = el('tr', { class: `calendar-row ${row.kind}` });
        const name = el('th', { class: 'calendar-name', title: row.name }, row.title ?? row.name);
        revealable(name, row.source);
        tr.append(name);
        for (const cell of row.cells) {
            const td = el('td', { class: 'cell', title: `${row.title ?? row.name} · ${t('weekN', cell.week)}: ${cell.count}` });
            if (cell.count > 0) {
                td.classList.add('on');
                td.style.opacity = String(cell.intensity);
            }
            tr.append(td);
        }
        table.append(tr);
    }
    section.append(table);
    return section;
}

function scenarioSelectors(result: OkResult): HTMLElement {
    const bar = el('div', { class: 'selectors' });
    const make = (id: string, label: string, value: string | null, allowNone: boolean) => {
        const wrap = el('label', { for: id }, label);
        const select = el('select', { id });
        if (allowNone) select.append(el('option', { value: '__none__' }, t('noComparison')));
        select.append(el('option', { value: '' }, t('basePlan')));
        for (const s of result.plan.scenarios) select.append(el('option', { value: s.name }, s.title ? `${s.title} (${s.name})` : s.name));
        select.value = value === null ? (allowNone ? '__none__' : '') : value;
        wrap.append(select);
        return { wrap, select };
    };
    const primary = make('scenario', t('scenario'), state.scenario ?? '', false);
    const compare = make('compare', t('compareWith'), state.compare, true);
    const send = () => {
        state.scenario = primary.select.value === '' ? null : primary.select.value;
        state.compare = compare.select.value === '__none__' ? null : compare.select.value;
        vscode.setState(state);
        vscode.postMessage({ type: 'selectScenario', scenario: state.scenario, compareScenario: state.compare });
    };
    primary.select.addEventListener('change', send);
    compare.select.addEventListener('change', send);
    if (result.plan.communities.length > 1) {
        // Every community's forecast is in the result: switching is local, no new request.
        const wrap = el('label', { for: 'community' }, t('community'));
        const select = el('select', { id: 'community' });
        for (const c of result.plan.communities) select.append(el('option', { value: c.name }, communityLabel(c)));
        select.value = pickCommunity(result.forecasts[0], state.community)?.community ?? '';
        select.addEventListener('change', () => selectCommunity(select.value));
        wrap.append(select);
        bar.append(wrap);
    }
    bar.append(primary.wrap, compare.wrap);
    return bar;
}

function selectCommunity(name: string) {
    state.community = name;
    saveState();
    render();
}

function saveState() {
    vscode.setState({ scenario: state.scenario, compare: state.compare, community: state.community, uri: state.last?.uri });
}

/** With several communities: one row each (P50 members, KPIs likely); a click shows that community. */
function communityOverview(forecast: ScenarioForecastView, currency: string, shown: string): HTMLElement {
    const section = el('section', { class: 'communities', id: 'community-overview' });
    section.append(el('h2', {}, t('communities', forecast.communities.length)));
    const table = el('table', { class: 'overview-table' });
    const head = el('tr');
    for (const c of [t('community'), t('membersAtHorizon'), t('kpisLikely')]) head.append(el('th', {}, c));
    table.append(el('thead'));
    table.tHead!.append(head);
    const body = el('tbody');
    for (const row of communitySummaries(forecast)) {
        const tr = el('tr', {
            class: `community-row ${row.weakest ?? ''}${row.community === shown ? ' selected' : ''}`,
            'data-community': row.community,
            tabindex: '0',
        });
        if (row.community === shown) tr.setAttribute('aria-current', 'true');
        tr.append(el('td', { class: 'community-name' }, row.label));
        tr.append(el('td', { class: 'members-p50' }, formatValue(row.membersP50, 'count', currency, lang)));
        tr.append(el('td', { class: 'kpis-likely' }, `${row.likely}/${row.kpis}`));
        const go = () => selectCommunity(row.community);
        tr.addEventListener('click', go);
        tr.addEventListener('keydown', (e) => {
            const key = (e as KeyboardEvent).key;
            if (key === 'Enter' || key === ' ') go();
        });
        body.append(tr);
    }
    table.append(body);
    section.append(table);
    return section;
}

function render() {
    const app = document.getElementById('app')!;
    disposeCharts();
    app.replaceChildren();
    const header = el('header', { class: 'header' });
    const title = el('h1', { id: 'plan-title' }, state.last?.plan.name ?? state.fileName ?? t('forecast'));
    header.append(title);
    const status = el('div', { class: 'status', id: 'status' });
    if (state.busy) status.append(el('span', { class: 'badge busy' }, t('updating')));
    if (state.stale) status.append(el('span', { class: 'badge stale', id: 'stale' }, t('stale')));
    if (state.last) status.append(el('span', { class: 'meta' }, t('runsSeed', state.last.runs, state.last.seed, Math.round(state.last.elapsedMs))));
    header.append(status);
    app.append(header);
    if (state.staleReason) app.append(el('p', { class: 'stale-reason' }, state.staleReason));
    const r = state.last;
    if (!r) {
        app.append(el('p', { class: 'muted', id: 'placeholder' }, state.busy ? t('computing') : t('waiting')));
        return;
    }
    app.classList.toggle('is-stale', state.stale);
    app.append(scenarioSelectors(r));
    const [primary, compare] = r.forecasts;
    const shown = pickCommunity(primary, state.community);
    if (!primary || !shown) return;
    const several = primary.communities.length > 1;
    if (several) app.append(communityOverview(primary, r.plan.currency, shown.community));
    const columns = el('div', { class: compare ? 'columns two' : 'columns' });
    for (const f of r.forecasts) {
        const c = f.communities.find((x) => x.community === shown.community);
        if (c) columns.append(scenarioColumn(f, c, r.plan.currency, several));
    }
    app.append(columns);
    app.append(
        kpiTable(
            shown,
            r.plan.currency,
            several,
            compare ? { scenario: compare, community: compare.communities.find((x) => x.community === shown.community) } : undefined,
        ),
    );
    const tor = tornado(shown, r.plan.currency);
    if (tor) app.append(tor);
    const cal = calendar(r, shown, several);
    if (cal) app.append(cal);
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object') return;
    state.fileName = msg.fileName;
    if (msg.type === 'busy') {
        state.busy = true;
    } else if (msg.type === 'failed') {
        state.busy = false;
        state.stale = state.last !== undefined;
        state.staleReason = msg.message;
    } else if (msg.type === 'forecast') {
        state.busy = false;
        const result = msg.result;
        if (result.status === 'ok') {
            if (state.last && state.last.uri !== result.uri) {
                state.scenario = null;
                state.compare = null;
                state.community = null;
            }
            // The fast forecast comes without the sensitivity analysis, which follows in a second
            // result: meanwhile keep the previous tornado of the same plan and scenario.
            const prev = state.last;
            const head = result.forecasts[0];
            const old = prev?.forecasts[0];
            if (prev && prev.uri === result.uri && head && old && old.scenario === head.scenario && !head.communities.some((c) => c.sensitivity)) {
                for (const c of head.communities) c.sensitivity = old.communities.find((o) => o.community === c.community)?.sensitivity;
            }
            state.last = result;
            state.stale = false;
            state.staleReason = undefined;
        } else if (result.status === 'errors') {
            if (state.last && state.last.uri !== result.uri) state.last = undefined;
            state.stale = state.last !== undefined;
            state.staleReason =
                t('planHasErrors', result.errorCount) + (result.firstError ? ` ${t('line', result.firstError.line + 1)}: ${result.firstError.message}` : '');
        } else {
            if (state.last && state.last.uri !== result.uri) state.last = undefined;
            state.stale = state.last !== undefined;
            state.staleReason = result.message;
        }
    }
    saveState();
    render();
});

render();
vscode.postMessage({ type: 'ready' });
