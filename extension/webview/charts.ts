// The preview's charts: the shared chart definitions (engine/view/charts.ts) drawn live by Apache
// ECharts (tree-shaken `echarts/core`, SVG renderer) with the option the report draws too
// (engine/view/echarts-option.ts), in the VS Code theme's colours. ECharts is bundled into the
// webview script: nothing remote, no inline script or style attribute (it styles through the CSSOM,
// which the nonce CSP allows), tooltips as rich text so plan names never become HTML.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { ChartDefinition } from '../../engine/view/charts.js';
import { chartHeight, echartsOption, type ChartPalette } from '../../engine/view/echarts-option.js';

// Only what the preview's charts use (the report's content heat-map stays out of the webview).
echarts.use([LineChart, BarChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent, SVGRenderer]);

function cssVar(name: string, fallback: string): string {
    return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The theme's colours (light, dark, high contrast), read when a chart is drawn. */
export function themePalette(): ChartPalette {
    const fg = cssVar('--vscode-foreground', '#333333');
    return {
        series: ['blue', 'orange', 'green', 'purple', 'red', 'yellow'].map((c, i) =>
            cssVar(`--vscode-charts-${c}`, ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'][i]),
        ),
        text: cssVar('--vscode-descriptionForeground', fg),
        axis: cssVar('--vscode-editorWidget-border', '#8888'),
        grid: cssVar('--vscode-editorWidget-border', '#8884'),
        target: cssVar('--vscode-charts-red', '#f14c4c'),
        actual: fg,
        outside: cssVar('--vscode-charts-red', '#f14c4c'),
        low: cssVar('--vscode-charts-orange', '#d18616'),
        high: cssVar('--vscode-charts-blue', '#3794ff'),
        heat: [cssVar('--vscode-editor-background', '#ffffff'), cssVar('--vscode-charts-green', '#89d185')],
        font: cssVar('--vscode-font-family', 'sans-serif'),
    };
}

/** What a click on a chart points at: a series key (band charts) or a tornado row's parameter key. */
export interface ChartClick {
    def: ChartDefinition;
    key: string;
}

const live = new Set<echarts.ECharts>();

/** Disposes every chart drawn so far (the preview redraws from scratch on each forecast). */
export function disposeCharts(): void {
    for (const c of live) c.dispose();
    live.clear();
}

const resize = new ResizeObserver((entries) => {
    for (const e of entries) echarts.getInstanceByDom(e.target as HTMLElement)?.resize();
});

/** Draws `def` into a new element of the figure; `onClick` gets the series or row clicked. */
export function drawChart(host: HTMLElement, def: ChartDefinition, onClick?: (click: ChartClick) => void): echarts.ECharts {
    const box = document.createElement('div');
    box.className = 'echart';
    box.style.height = `${chartHeight(def)}px`;
    host.append(box);
    const chart = echarts.init(box, undefined, { renderer: 'svg', height: chartHeight(def) });
    chart.setOption(echartsOption(def, themePalette()));
    if (onClick) {
        chart.on('click', (params) => {
            const p = params as { seriesId?: string; dataIndex?: number };
            if (def.kind === 'tornado') {
                const rows = [...def.rows].reverse();
                const row = rows[p.dataIndex ?? -1];
                if (row) onClick({ def, key: row.key });
            } else if (p.seriesId) {
                onClick({ def, key: p.seriesId.replace(/:(p50|p10|band)$/, '') });
            }
        });
    }
    resize.observe(box);
    live.add(chart);
    return chart;
}
