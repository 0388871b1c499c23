// Everything `community compile` writes for one plan, as (file name → content) pairs, computed in
// memory so the CLI can write them all-or-nothing. Same plan, options and seed → identical bytes.
import { scheduleCsv, scheduleJson } from '../csv.js';
import type { Lang } from '../diagnostics.js';
import { forecastSimulations, runSimulations, type Simulations } from '../forecast.js';
import type { ForecastReport } from '../forecast-schema.js';
import { buildCalendars } from '../ics.js';
import type { Plan, SourceRef } from '../model.js';
import { expandPlan, type PlanSchedule } from '../schedule.js';
import { campaignWindows } from './calendar.js';
import type { ReportCheck } from './common.js';
import type { ObservedSeries } from '../view/forecast-view.js';
import { renderHtml } from './html.js';
import { renderMarkdown } from './markdown.js';
import { sopCells, sopRows, sopWords } from './sop.js';
import { csvTable, localizedScheduleCsv } from './table-csv.js';
import { planWorkbook, sopWorkbook } from './xlsx.js';

export const COMPILE_FORMATS = ['ics', 'csv', 'json', 'html', 'md', 'xlsx', 'sop', 'pdf'] as const;
export type CompileFormat = (typeof COMPILE_FORMATS)[number];
/** What `compile` writes without --formats: everything but the PDF, which needs a browser. */
export const DEFAULT_FORMATS: readonly CompileFormat[] = COMPILE_FORMATS.filter((f) => f !== 'pdf');

export interface CompileOptions {
    formats: readonly CompileFormat[];
    runs: number;
    seed: number;
    /** Scenario to forecast; null = the plan as written. */
    scenario: string | null;
    lang: Lang;
    /** DTSTAMP of the calendars; default derived from the plan (deterministic). */
    now?: Date;
    bom?: boolean;
    /** Runs per sensitivity point (default: a quarter of `runs`, at least 50). */
    sensitivityRuns?: number;
    /** How source locations appear in the schedules (default: path:line). */
    source?: (ref: SourceRef) => string;
    /** The checker's warnings and infos for the plan, shown in the reports' Checks section. */
    checks?: ReportCheck[];
    /** Observed weeks per community (the plan's actuals), laid over the report's charts and, unless `fromStart`, the forecast's start (engine/observed-start.ts). */
    observed?: ReadonlyMap<string, ObservedSeries>;
    /** Forecast from the plan's start even where there are actuals (they are still drawn on the charts). */
    fromStart?: boolean;
    /** Runs the forecast's simulations (the CLI: on the worker pool, Ctrl-C cancels); default: in this thread. */
    runForecast?: (work: Simulations<ForecastReport>) => Promise<ForecastReport>;
}

export interface OutputFile {
    name: string;
    /** Text (UTF-8) or the bytes of a binary file (xlsx). */
    content: string | Uint8Array;
}

export interface CompiledPlan {
    schedule: PlanSchedule;
    forecast: ForecastReport | null;
    files: OutputFile[];
    /** report.html's text when a PDF was asked for (the CLI prints it with a browser), else null. */
    pdfSource: string | null;
}

export function needsForecast(formats: readonly CompileFormat[]): boolean {
    return formats.includes('html') || formats.includes('md') || formats.includes('xlsx') || formats.includes('pdf');
}

type ForecastForOptions = Pick<CompileOptions, 'runs' | 'seed' | 'scenario' | 'sensitivityRuns' | 'observed' | 'fromStart'> & {
    withSensitivity?: boolean;
    allScenarios?: boolean;
};

/** The forecast the reports show, in this thread. */
export function forecastFor(plan: Plan, options: ForecastForOptions): ForecastReport {
    return runSimulations(forecastWorkFor(plan, options));
}

/** The simulations of the forecast the reports show (run them with `runSimulations` or runtime/run.ts). */
export function forecastWorkFor(plan: Plan, options: ForecastForOptions): Simulations<ForecastReport> {
    const hasKpi = (options.withSensitivity ?? true) && plan.communities.some((c) => c.kpis.length > 0);
    const sensitivityRuns = options.sensitivityRuns ?? Math.max(50, Math.round(options.runs / 4));
    // The reports compare every scenario side by side: the compiled one first (the one the rest of
    // the report describes), then the plan as written and the other scenarios, in plan order.
    const others = options.allScenarios ? [null, ...plan.scenarios.map((s) => s.name)].filter((s) => s !== options.scenario) : [];
    return forecastSimulations(plan, {
        runs: options.runs,
        seed: options.seed,
        scenarios: [options.scenario, ...others],
        sensitivity: hasKpi ? { runs: sensitivityRuns } : undefined,
        observed: options.fromStart ? undefined : options.observed,
    });
}

export async function compilePlan(plan: Plan, options: CompileOptions): Promise<CompiledPlan> {
    const schedule = expandPlan(plan, { source: options.source });
    const files: OutputFile[] = [];
    const formats = new Set(options.formats);
    if (formats.has('ics')) {
        const windows = campaignWindows(plan, schedule);
        for (const cal of buildCalendars(schedule, plan.communities, { now: options.now, lang: options.lang, windows }))
            files.push({ name: cal.name, content: cal.text });
    }
    // Chinese headers with --lang zh-CN; the English file is engine/csv.ts's, byte for byte.
    if (formats.has('csv'))
        files.push({
            name: 'schedule.csv',
            content:
                options.lang === 'zh-CN' ? localizedScheduleCsv(schedule, options.lang, { bom: options.bom }) : scheduleCsv(schedule, { bom: options.bom }),
        });
    if (formats.has('json')) files.push({ name: 'schedule.json', content: scheduleJson(schedule) });
    let report: ForecastReport | null = null;
    let pdfSource: string | null = null;
    if (needsForecast(options.formats)) {
        report = options.runForecast
            ? await options.runForecast(forecastWorkFor(plan, { ...options, allScenarios: true }))
            : forecastFor(plan, { ...options, allScenarios: true });
        const input = { plan, schedule, forecast: report, lang: options.lang, checks: options.checks, observed: options.observed };
        const html = formats.has('html') || formats.has('pdf') ? await renderHtml(input) : null;
        if (formats.has('html')) files.push({ name: 'report.html', content: html! });
        if (formats.has('md')) files.push({ name: 'report.md', content: renderMarkdown(input) });
        if (formats.has('xlsx')) files.push({ name: 'plan.xlsx', content: await planWorkbook(plan, schedule, report, options.lang) });
        pdfSource = formats.has('pdf') ? html : null;
    }
    if (formats.has('sop')) {
        const w = sopWords(options.lang);
        files.push({ name: 'sop.csv', content: csvTable(w.headers, sopRows(plan, schedule, options.lang).map(sopCells), { bom: options.bom }) });
        files.push({ name: 'sop.xlsx', content: await sopWorkbook(plan, schedule, options.lang) });
    }
    return { schedule, forecast: report, files, pdfSource };
}
