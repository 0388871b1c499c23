// Charts for the HTML report: the shared chart definitions (engine/view/charts.ts) drawn by Apache
// ECharts' server-side SVG renderer at compile time, the same option the preview draws live
// (engine/view/echarts-option.ts). Nothing is fetched and no script runs in the report.
//
// ECharts is loaded on the first chart (a dynamic import), so `community check` and `simulate` never
// load it. Its SVG numbers clip paths and hover classes with process-wide counters (zr0-c0,
// zr1-cls-7 …); `deterministicSvg` renames them per chart and drops what only a live chart uses, so
// the same forecast gives the same bytes however many charts were drawn before.
import { eastAsianWidth } from 'get-east-asian-width';
import type { ChartDefinition } from '../view/charts.js';
import { chartHeight, echartsOption, REPORT_PALETTE } from '../view/echarts-option.js';

/** Drawn at this width and scaled to the page's full width by the report's stylesheet. */
export const REPORT_WIDTH = 760;

type EChartsCore = typeof import('echarts/core');
let loading: Promise<EChartsCore> | undefined;

/** ECharts with only the charts and components the definitions use (tree-shaken `echarts/core`). */
function echarts(): Promise<EChartsCore> {
    loading ??= (async () => {
        const [core, charts, components, renderers] = await Promise.all([
            import('echarts/core'),
            import('echarts/charts'),
            import('echarts/components'),
            import('echarts/renderers'),
        ]);
        // Text is measured without a canvas in Node: a fixed estimate (wide characters one em, others
        // 0.6 em) keeps the layout the same on every machine and leaves room for the fonts a browser picks.
        core.setPlatformAPI({ measureText: (text: string, font?: string) => ({ width: textWidth(text, font) }) });
        core.use([
            charts.LineChart,
            charts.BarChart,
            charts.ScatterChart,
            charts.HeatmapChart,
            components.GridComponent,
            components.LegendComponent,
            components.TitleComponent,
            components.TooltipComponent,
            components.MarkLineComponent,
            components.VisualMapComponent,
            renderers.SVGRenderer,
        ]);
        return core;
    })();
    return loading;
}

/**
 * The SVG of one chart with its ids named from `prefix` in order of appearance, hover-only classes
 * and styles and ECharts' hydration attributes removed.
 */
export function deterministicSvg(svg: string, prefix: string): string {
    const out = svg
        .replace(/<style\s*>[\s\S]*?<\/style>/g, '')
        .replace(/ class="zr\d+-cls-\d+"/g, '')
        .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
    const names = new Map<string, string>();
    return out.replace(/zr\d+-([a-z]+)(\d+)/g, (id: string, kind: string) => {
        let name = names.get(id);
        if (!name) {
            name = `${prefix}-${kind}${names.size}`;
            names.set(id, name);
        }
        return name;
    });
}

/** Renders one chart definition to an SVG string, the same bytes for the same definition. */
export async function renderChart(def: ChartDefinition, prefix: string): Promise<string> {
    const core = await echarts();
    const chart = core.init(null, null, { renderer: 'svg', ssr: true, width: REPORT_WIDTH, height: chartHeight(def) });
    try {
        chart.setOption(echartsOption(def, REPORT_PALETTE));
        const svg = chart.renderToSVGString();
        // Accessible name of the picture: the chart's title (escaped by ECharts' text writer in the body too).
        return deterministicSvg(svg, prefix).replace(/^<svg /, `<svg role="img" aria-label="${escapeAttr(def.title)}" `);
    } finally {
        chart.dispose();
    }
}

function textWidth(text: string, font: string | undefined): number {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
    let em = 0;
    for (const ch of text) em += eastAsianWidth(ch.codePointAt(0)!) === 2 ? 1 : 0.6;
    return em * size;
}

function escapeAttr(text: string): string {
    return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
