// How a chart definition (engine/view/charts.ts) is drawn with Apache ECharts: one function for the
// report (SVG strings rendered in Node, engine/report/charts.ts) and the preview (live SVG in the
// webview, extension/webview/charts.ts). Only the palette differs — the report's fixed colours, the
// preview's VS Code theme colours. No ECharts code is imported here (types only), so this module
// costs nothing where no chart is drawn.
//
// Tooltips render as rich text (zrender text, not HTML), so a plan's names never reach innerHTML;
// chart text is escaped by ECharts' SVG writer.
import type { EChartsCoreOption } from 'echarts/core';
import type { BandChart, ChartDefinition, ChartUnit, HeatmapChart, StackChart, TornadoChart } from './charts.js';
import { compactNumber, formatValue } from './format.js';

export interface ChartPalette {
    /** Series colours, in order. */
    series: string[];
    text: string;
    /** Axis lines and grid. */
    axis: string;
    grid: string;
    /** KPI target lines. */
    target: string;
    /** Observed points, and the points outside the P10–P90 band. */
    actual: string;
    outside: string;
    /** The tornado's −20 % and +20 % bars. */
    low: string;
    high: string;
    /** Heat-map: no posts → most posts. */
    heat: [string, string];
    font: string;
}

/** The report's colours (Tableau 10, as the report has always used) on white. */
export const REPORT_PALETTE: ChartPalette = {
    series: ['#4c78a8', '#f58518', '#54a24b', '#b279a2', '#e45756', '#72b7b2', '#eeca3b', '#ff9da6', '#9d755d', '#bab0ac'],
    text: '#1f2328',
    axis: '#8c959f',
    grid: '#eeeeee',
    target: '#d03b3b',
    actual: '#1f2328',
    outside: '#d03b3b',
    low: '#e45756',
    high: '#54a24b',
    heat: ['#f7fcf5', '#00441b'],
    font: "system-ui, -apple-system, 'Segoe UI', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
};

/** Height in pixels each chart kind is drawn at (the report's width is fixed, the preview's follows its column). */
export function chartHeight(def: ChartDefinition): number {
    if (def.kind === 'tornado') return 70 + 24 * def.rows.length;
    if (def.kind === 'heatmap') return 110 + 18 * def.items.length;
    return 300;
}

function axisLabel(unit: ChartUnit, lang: ChartDefinition['lang']): (value: number) => string {
    if (unit === 'percent') return (v) => `${Math.round(v * 100)}%`;
    if (unit === 'ratio') return (v) => (Math.round(v * 100) / 100).toString();
    return (v) => compactNumber(v, lang);
}

function base(def: ChartDefinition, palette: ChartPalette): EChartsCoreOption {
    return {
        animation: false,
        backgroundColor: 'transparent',
        textStyle: { fontFamily: palette.font, color: palette.text },
        title: { text: def.title, left: 0, top: 0, textStyle: { fontSize: 13, fontWeight: 600, color: palette.text, fontFamily: palette.font } },
        color: palette.series,
    };
}

/** Room for the title and the axis name above, the week axis and legend below; labels kept inside the picture. */
const GRID = { left: 8, right: 16, top: 58, bottom: 56, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' };

const axisStyle = (palette: ChartPalette) => ({
    axisLine: { lineStyle: { color: palette.axis } },
    axisTick: { lineStyle: { color: palette.axis } },
    axisLabel: { color: palette.text, fontSize: 11 },
    nameTextStyle: { color: palette.text, fontSize: 11 },
    splitLine: { lineStyle: { color: palette.grid } },
});

function weekAxis(weeks: number, name: string, palette: ChartPalette) {
    return {
        type: 'category',
        boundaryGap: false,
        name,
        nameLocation: 'middle',
        nameGap: 24,
        data: Array.from({ length: weeks }, (_, i) => String(i + 1)),
        ...axisStyle(palette),
        splitLine: { show: false },
    };
}

function legend(names: (string | { name: string; itemStyle: { color: string } })[], palette: ChartPalette) {
    return { bottom: 0, left: 0, type: 'plain', data: names, textStyle: { color: palette.text, fontSize: 11 }, itemWidth: 18, itemHeight: 8 };
}

function band(def: BandChart, palette: ChartPalette): EChartsCoreOption {
    const colour = (i: number) => palette.series[i % palette.series.length];
    const series: object[] = [];
    def.series.forEach((s, i) => {
        const n = Math.min(s.band.p10.length, s.band.p50.length, s.band.p90.length, def.weeks);
        const c = s.dashed ? palette.text : colour(i);
        // The P50 line first: the legend takes its symbol from the first series of a name.
        series.push({
            type: 'line',
            id: `${s.key}:p50`,
            name: s.label,
            data: s.band.p50.slice(0, n),
            color: c,
            symbol: 'none',
            lineStyle: { width: 2, color: c, type: s.dashed ? [5, 3] : 'solid' },
            z: 3,
        });
        // The P10–P90 band: P10 drawn invisibly, the band's width stacked on it and filled.
        const stack = `band:${s.key}`;
        series.push({
            type: 'line',
            id: `${s.key}:p10`,
            name: s.label,
            stack,
            stackStrategy: 'all',
            data: s.band.p10.slice(0, n),
            symbol: 'none',
            silent: true,
            lineStyle: { opacity: 0 },
            color: c,
            tooltip: { show: false },
            z: 1,
        });
        series.push({
            type: 'line',
            id: `${s.key}:band`,
            name: s.label,
            stack,
            stackStrategy: 'all',
            data: Array.from({ length: n }, (_, w) => s.band.p90[w] - s.band.p10[w]),
            symbol: 'none',
            silent: true,
            lineStyle: { opacity: 0 },
            areaStyle: { color: c, opacity: 0.18 },
            color: c,
            tooltip: { show: false },
            z: 1,
        });
    });
    // KPI targets: a dashed line across the chart, labelled at its start. The series' own points are
    // invisible; they are there so the value axis always reaches the target.
    def.targets.forEach((t, i) => {
        series.push({
            type: 'line',
            id: `target:${i}`,
            name: t.label,
            data: Array.from({ length: def.weeks }, () => t.value),
            symbol: 'none',
            silent: true,
            lineStyle: { opacity: 0 },
            tooltip: { show: false },
            z: 2,
            markLine: {
                silent: true,
                symbol: 'none',
                animation: false,
                lineStyle: { color: palette.target, width: 1.5, type: [6, 4] },
                label: { show: true, position: 'insideStartTop', formatter: t.label, color: palette.target, fontSize: 11 },
                data: [{ yAxis: t.value }],
            },
        });
    });
    const inside = def.actuals.flatMap((a) => a.points.filter((p) => !p.outside).map((p) => [String(p.week), p.value]));
    const outside = def.actuals.flatMap((a) => a.points.filter((p) => p.outside).map((p) => [String(p.week), p.value]));
    const names = def.series.map((s) => s.label);
    if (inside.length > 0) {
        series.push({
            type: 'scatter',
            id: 'actual',
            name: def.words.actual,
            data: inside,
            symbol: 'circle',
            symbolSize: 6,
            color: palette.actual,
            itemStyle: { color: palette.actual },
            z: 4,
        });
        names.push(def.words.actual);
    }
    if (outside.length > 0) {
        series.push({
            type: 'scatter',
            id: 'actual-outside',
            name: def.words.actualOutside,
            data: outside,
            symbol: 'diamond',
            symbolSize: 11,
            color: palette.outside,
            itemStyle: { color: palette.outside, borderColor: palette.text, borderWidth: 1 },
            z: 5,
        });
        names.push(def.words.actualOutside);
    }
    const fmt = (v: number) => formatValue(v, def.unit === 'ratio' ? 'ratio' : def.unit, def.currency, def.lang);
    return {
        ...base(def, palette),
        grid: GRID,
        legend: legend(names, palette),
        tooltip: {
            trigger: 'axis',
            renderMode: 'richText',
            // The P50 and band of each series in the week under the pointer; plan text stays plain text.
            formatter: (params: { seriesId?: string; dataIndex: number; seriesName?: string }[]) => {
                const w = params[0]?.dataIndex ?? 0;
                const lines = [`${def.xTitle} ${w + 1}`];
                for (const s of def.series)
                    if (w < s.band.p50.length) lines.push(`${s.label}: ${fmt(s.band.p50[w])} (${fmt(s.band.p10[w])}–${fmt(s.band.p90[w])})`);
                for (const a of def.actuals)
                    for (const p of a.points)
                        if (p.week === w + 1)
                            lines.push(
                                `${p.outside ? def.words.actualOutside : def.words.actual} (${def.series.find((s) => s.key === a.key)?.label ?? a.key}): ${fmt(p.value)}`,
                            );
                return lines.join('\n');
            },
        },
        xAxis: weekAxis(def.weeks, def.xTitle, palette),
        yAxis: {
            type: 'value',
            name: def.yTitle,
            min: def.unit === 'percent' ? 0 : undefined,
            ...axisStyle(palette),
            nameTextStyle: { color: palette.text, fontSize: 11, align: 'left' },
            axisLabel: { color: palette.text, fontSize: 11, formatter: axisLabel(def.unit, def.lang) },
        },
        series,
    };
}

function stack(def: StackChart, palette: ChartPalette): EChartsCoreOption {
    return {
        ...base(def, palette),
        grid: GRID,
        legend: legend(
            def.series.map((s) => s.label),
            palette,
        ),
        tooltip: { trigger: 'axis', renderMode: 'richText' },
        xAxis: weekAxis(def.weeks, def.xTitle, palette),
        yAxis: {
            type: 'value',
            name: def.yTitle,
            ...axisStyle(palette),
            nameTextStyle: { color: palette.text, fontSize: 11, align: 'left' },
            axisLabel: { color: palette.text, fontSize: 11, formatter: axisLabel(def.unit, def.lang) },
        },
        series: def.series.map((s) => ({
            type: 'line',
            id: `source:${s.key}`,
            name: s.label,
            stack: 'sources',
            data: s.values.slice(0, def.weeks).map((v) => Math.round(v * 10) / 10),
            symbol: 'none',
            lineStyle: { width: 1 },
            areaStyle: { opacity: 0.8 },
            emphasis: { focus: 'series' },
        })),
    };
}

function tornado(def: TornadoChart, palette: ChartPalette): EChartsCoreOption {
    // Largest swing on top: the category axis runs bottom-up, so the rows go in reversed.
    const rows = [...def.rows].reverse();
    // Each side is a bar from min(base, value) to max(base, value): an invisible bar up to the
    // smaller end with the visible difference stacked on it ('all' stacks negative values too).
    const side = (name: string, colour: string, pick: (r: TornadoChart['rows'][number]) => number) => [
        {
            type: 'bar',
            id: `${name}:from`,
            name,
            stack: name,
            stackStrategy: 'all',
            data: rows.map((r) => Math.min(def.base, pick(r))),
            itemStyle: { color: 'transparent' },
            silent: true,
            tooltip: { show: false },
            barWidth: 8,
        },
        {
            type: 'bar',
            id: `${name}:bar`,
            name,
            stack: name,
            stackStrategy: 'all',
            data: rows.map((r) => Math.abs(pick(r) - def.base)),
            itemStyle: { color: colour },
            barWidth: 8,
        },
    ];
    const fmt = (v: number) => formatValue(v, def.unit, def.currency, def.lang);
    return {
        ...base(def, palette),
        grid: { ...GRID, right: 24, top: 36 },
        // The legend's swatches are given: the first series of each side is the invisible one.
        legend: {
            ...legend(
                [
                    { name: def.words.low, itemStyle: { color: palette.low } },
                    { name: def.words.high, itemStyle: { color: palette.high } },
                ],
                palette,
            ),
            bottom: undefined,
            top: 20,
            right: 0,
            left: undefined,
        },
        tooltip: {
            trigger: 'axis',
            axisPointer: { type: 'shadow' },
            renderMode: 'richText',
            formatter: (params: { dataIndex: number }[]) => {
                const r = rows[params[0]?.dataIndex ?? 0];
                return r ? `${r.label}\n${def.words.low}: ${fmt(r.low)}\n${def.words.high}: ${fmt(r.high)}` : '';
            },
        },
        xAxis: {
            type: 'value',
            scale: true,
            name: def.xTitle,
            nameLocation: 'middle',
            nameGap: 24,
            ...axisStyle(palette),
            axisLabel: { color: palette.text, fontSize: 11, formatter: axisLabel(def.unit, def.lang) },
        },
        yAxis: {
            type: 'category',
            data: rows.map((r) => r.label),
            ...axisStyle(palette),
            axisLabel: { color: palette.text, fontSize: 11, interval: 0 },
            splitLine: { show: false },
        },
        series: [
            ...side(def.words.low, palette.low, (r) => r.low),
            ...side(def.words.high, palette.high, (r) => r.high),
            // The baseline: where the plan as written lands.
            {
                type: 'line',
                id: 'base',
                name: 'base',
                data: [],
                markLine: {
                    silent: true,
                    symbol: 'none',
                    label: { show: false },
                    lineStyle: { color: palette.text, type: 'solid', width: 1 },
                    data: [{ xAxis: def.base }],
                },
            },
        ],
    };
}

function heatmap(def: HeatmapChart, palette: ChartPalette): EChartsCoreOption {
    const max = Math.max(1, ...def.cells.map((c) => c[2]));
    return {
        ...base(def, palette),
        grid: { ...GRID, top: 36, bottom: 64 },
        tooltip: { renderMode: 'richText' },
        xAxis: {
            type: 'category',
            name: def.xTitle,
            nameLocation: 'middle',
            nameGap: 24,
            data: Array.from({ length: def.weeks }, (_, i) => String(i + 1)),
            ...axisStyle(palette),
            splitLine: { show: false },
        },
        // Every item named, however many: interval 0 keeps ECharts from thinning the labels.
        yAxis: {
            type: 'category',
            data: def.items,
            inverse: true,
            ...axisStyle(palette),
            axisLabel: { color: palette.text, fontSize: 11, interval: 0 },
            splitLine: { show: false },
        },
        visualMap: {
            min: 0,
            max,
            calculable: false,
            orient: 'horizontal',
            left: 'center',
            bottom: 0,
            itemHeight: 120,
            text: [String(max), `0 ${def.legend}`],
            textStyle: { color: palette.text, fontSize: 11 },
            inRange: { color: palette.heat },
        },
        series: [{ type: 'heatmap', id: 'posts', name: def.legend, data: def.cells, itemStyle: { borderColor: '#ffffff', borderWidth: 1 } }],
    };
}

/** The ECharts option that draws `def` in `palette`. */
export function echartsOption(def: ChartDefinition, palette: ChartPalette): EChartsCoreOption {
    switch (def.kind) {
        case 'band':
            return band(def, palette);
        case 'stack':
            return stack(def, palette);
        case 'tornado':
            return tornado(def, palette);
        case 'heatmap':
            return heatmap(def, palette);
    }
}
