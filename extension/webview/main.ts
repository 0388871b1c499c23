// The forecast preview's script, running inside the webview (bundled as a browser IIFE).
// It draws what the extension host sends: band charts as inline SVG, the KPI table, the tornado and
// the calendar strip. Every user string goes in through textContent or setAttribute, never as HTML.
import type { CommunityForecastView, ForecastResult, HostMessage, ScenarioForecastView, SourceRef, WebviewMessage } from '../../protocol/forecast.js';
import { calendarRows, chartGeometry, communityLabel, communitySummaries, compactNumber, costShares, formatValue, kpiRows, pickCommunity, tornadoRows, type ChartSeries } from '../src/preview/shape.js';

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void; getState(): unknown; setState(state: unknown): void };

const vscode = acquireVsCodeApi();
const SVG = 'http://www.w3.org/2000/svg';
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
function svg(tag: string, attrs: Record<string, string | number> = {}, text?: string): SVGElement {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
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

const PALETTE = ['--vscode-charts-blue', '--vscode-charts-orange', '--vscode-charts-green', '--vscode-charts-purple', '--vscode-charts-red', '--vscode-charts-yellow'];
const colour = (i: number) => `var(${PALETTE[i % PALETTE.length]})`;

interface ChartInput extends ChartSeries {
    source?: SourceRef;
    colour: string;
    dashed?: boolean;
}

function bandChart(title: string, series: ChartInput[], weeks: number, unit: 'count' | 'percent' | 'money', currency: string, kind: string): HTMLElement {
    const figure = el('figure', { class: 'chart', 'data-chart': kind });
    figure.append(el('figcaption', {}, title));
    const width = 460;
    const height = 190;
    const g = chartGeometry(series, weeks, width, height, unit === 'percent' ? { maxY: 0 } : {});
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'chart-svg' });
    const axis = svg('g', { class: 'axis' });
    for (const tick of g.yTicks) {
        axis.append(svg('line', { x1: g.plot.left, x2: g.plot.right, y1: tick.y, y2: tick.y, class: 'grid' }));
        axis.append(svg('text', { x: g.plot.left - 6, y: tick.y + 4, 'text-anchor': 'end' }, formatAxis(tick.value, unit, currency)));
    }
    for (const tick of g.xTicks) {
        axis.append(svg('text', { x: tick.x, y: g.plot.bottom + 16, 'text-anchor': 'middle' }, t('weekShort', tick.value)));
    }
    root.append(axis);
    g.series.forEach((s, i) => {
        const input = series[i];
        const group = svg('g', { class: 'series', 'data-key': s.key });
        group.style.setProperty('--series-colour', input.colour);
        const area = svg('path', { d: s.area, class: 'band' });
        const line = svg('path', { d: s.median, class: input.dashed ? 'median dashed' : 'median' });
        const tip = svg('title', {}, `${s.label}: P50 ${formatValue(s.last.value, unit, currency, lang)} (${t('p10p90')})`);
        group.append(area, line, tip);
        revealable(group, input.source);
        root.append(group);
    });
    figure.append(root);
    const legend = el('div', { class: 'legend' });
    series.forEach((s, i) => {
        const item = el('span', { class: 'legend-item' });
        const swatch = el('span', { class: 'swatch' });
        swatch.style.background = s.colour;
        item.append(swatch, document.createTextNode(`${s.label} ${formatValue(g.series[i].last.value, unit, currency, lang)}`));
        revealable(item, s.source);
        legend.append(item);
    });
    figure.append(legend);
    return figure;
}

function formatAxis(value: number, unit: 'count' | 'percent' | 'money', currency: string): string {
    if (unit === 'percent') return `${Math.round(value * 100)}%`;
    if (unit === 'money') return compactNumber(value, lang);
    void currency;
    return compactNumber(value, lang);
}

function scenarioTitle(f: ScenarioForecastView): string {
    return f.scenario === null ? t('basePlan') : f.title;
}

function scenarioColumn(scenario: ScenarioForecastView, f: CommunityForecastView, currency: string, several: boolean): HTMLElement {
    const col = el('section', { class: 'scenario-column', 'data-community': f.community });
    col.append(el('h2', {}, several ? `${scenarioTitle(scenario)} · ${communityLabel(f)}` : scenarioTitle(scenario)));
    const tiers: ChartInput[] = f.members.map((m, i) => ({ key: m.key, label: m.label, band: m.band, source: m.source, colour: colour(i) }));
    tiers.push({ key: 'total', label: t('total'), band: f.total.band, colour: 'var(--vscode-foreground)', dashed: true });
    col.append(bandChart(t('membersByTier'), tiers, f.weeks, 'count', currency, 'members'));
    col.append(bandChart(t('activeRate'), [{ key: 'active', label: t('activeRate'), band: f.activeRate, colour: colour(2) }], f.weeks, 'percent', currency, 'active'));
    col.append(
        bandChart(
            t('costVsRevenue'),
            [
                { key: 'cost', label: t('cost'), band: f.cost, colour: colour(4) },
                { key: 'revenue', label: t('revenue'), band: f.revenue, colour: colour(2) },
            ],
            f.weeks,
            'money',
            currency,
            'money',
        ),
    );
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

function kpiTable(primary: CommunityForecastView, currency: string, several: boolean, compare?: { scenario: ScenarioForecastView; community?: CommunityForecastView }): HTMLElement {
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
    const s = f.sensitivity;
    if (!s || s.items.length === 0) return undefined;
    const section = el('section', { class: 'tornado' });
    section.append(el('h2', {}, t('sensitivity', s.kpi)));
    const width = 460;
    const labelWidth = 150;
    const rows = tornadoRows(s, labelWidth + 10, width - 60);
    const rowH = 22;
    const height = rows.length * rowH + 24;
    const root = svg('svg', { viewBox: `0 0 ${width} ${height}`, class: 'chart-svg tornado-svg', role: 'img', 'aria-label': t('sensitivity', s.kpi) });
    rows.forEach((r, i) => {
        const y = 4 + i * rowH;
        const g = svg('g', { class: 'tornado-row' });
        g.append(svg('text', { x: labelWidth, y: y + 14, 'text-anchor': 'end' }, r.parameter));
        const mid = r.baseX;
        // −20 % side and +20 % side drawn in two colours around the base value.
        const lowX = r.highIsRight ? r.x0 : r.x1;
        const highX = r.highIsRight ? r.x1 : r.x0;
        g.append(svg('rect', { x: Math.min(lowX, mid), y, width: Math.max(1, Math.abs(mid - lowX)), height: rowH - 6, class: 'bar-low' }));
        g.append(svg('rect', { x: Math.min(highX, mid), y, width: Math.max(1, Math.abs(highX - mid)), height: rowH - 6, class: 'bar-high' }));
        g.append(svg('title', {}, `${r.parameter}: −20% → ${formatValue(r.low, s.unit, currency, lang)}, +20% → ${formatValue(r.high, s.unit, currency, lang)}`));
        revealable(g, r.source);
        root.append(g);
    });
    if (rows.length) root.append(svg('line', { x1: rows[0].baseX, x2: rows[0].baseX, y1: 0, y2: height - 20, class: 'base-line' }));
    root.append(svg('text', { x: rows[0]?.baseX ?? 0, y: height - 6, 'text-anchor': 'middle', class: 'axis-label' }, `${t('base')} ${formatValue(s.base, s.unit, currency, lang)}`));
    section.append(root);
    const legend = el('div', { class: 'legend' });
    const low = el('span', { class: 'legend-item' });
    low.append(el('span', { class: 'swatch bar-low-swatch' }), document.createTextNode(t('minus20')));
    const high = el('span', { class: 'legend-item' });
    high.append(el('span', { class: 'swatch bar-high-swatch' }), document.createTextNode(t('plus20')));
    legend.append(low, high);
    section.append(legend);
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
        const tr = el('tr', { class: `community-row ${row.weakest ?? ''}${row.community === shown ? ' selected' : ''}`, 'data-community': row.community, tabindex: '0' });
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
    app.append(kpiTable(shown, r.plan.currency, several, compare ? { scenario: compare, community: compare.communities.find((x) => x.community === shown.community) } : undefined));
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
            state.staleReason = t('planHasErrors', result.errorCount) + (result.firstError ? ` ${t('line', result.firstError.line + 1)}: ${result.firstError.message}` : '');
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
