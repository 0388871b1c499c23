// `community simulate`: a seeded Monte Carlo forecast of a plan — a table by default, JSON (with a
// format_version and a shipped JSON Schema) or CSV. A plan with errors is refused with the check
// output and exit 1.
import { Option, type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../../engine/diagnostics.js';
import { DEFAULT_RUNS, DEFAULT_SEED, forecast } from '../../engine/forecast.js';
import { forecastJsonSchema, type CommunityForecast, type ForecastReport, type ForecastSeries, type KpiForecast, type SensitivityReport } from '../../engine/forecast-schema.js';
import type { Plan } from '../../engine/model.js';
import { ScenarioError } from '../../engine/scenario.js';
import { SensitivityError } from '../../engine/sensitivity.js';
import { lowerPlan } from '../../language/lower.js';
import { PlanErrors, UsageError } from '../errors.js';
import { expandInputs } from '../files.js';
import { langOption, parseInteger, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { colorsFor, flatten, formatText, oneLine, summarize } from '../report.js';
import { displayWidth, padDisplay } from '../width.js';
import { loadPlans } from '../workspace.js';

export const SIMULATE_FORMATS = ['table', 'json', 'csv'] as const;

interface SimulateOptions extends CommonOptions {
    runs: string;
    seed: string;
    scenario?: string;
    allScenarios?: boolean;
    format: (typeof SIMULATE_FORMATS)[number];
    kpi?: string;
    sensitivity?: boolean;
    printSchema?: boolean;
    progress: boolean;
}

export function registerSimulate(program: Command): void {
    program
        .command('simulate')
        .description('forecast a plan by seeded Monte Carlo simulation (P10/P50/P90 per week, KPI probabilities)')
        .argument('[plan]', 'the .community plan to simulate')
        .option('--runs <n>', 'number of Monte Carlo runs', String(DEFAULT_RUNS))
        .option('--seed <n>', 'random seed (same seed, same result)', String(DEFAULT_SEED))
        .addOption(new Option('--scenario <name>', 'simulate this scenario instead of the plan as written').conflicts('allScenarios'))
        .option('--all-scenarios', 'simulate the plan and every scenario side by side')
        .addOption(new Option('--format <format>', 'output format').choices([...SIMULATE_FORMATS]).default('table'))
        .option('--kpi <name>', 'KPI to show (and to rank parameters by with --sensitivity)')
        .option('--sensitivity', 'rank parameters by their effect on a KPI (±20 % one at a time)')
        .option('--print-schema', 'print the JSON Schema of --format json output and exit')
        .option('--no-progress', 'never show a progress bar')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (input: string | undefined, options: SimulateOptions) => {
            if (options.printSchema) {
                process.stdout.write(JSON.stringify(forecastJsonSchema(), null, 2) + '\n');
                return;
            }
            if (!input) throw new UsageError('no plan given: community simulate <plan.community>.');
            const runs = parseRuns(options.runs);
            const seed = parseInteger(options.seed, '--seed', -2147483648, 2147483647);
            const lang = resolveLang(options.lang);
            const files = expandInputs([input]);
            if (files.length !== 1) throw new UsageError(`simulate takes one plan, but "${input}" names ${files.length} files.`);
            const plan = await loadValidPlan(files[0], lang, options.root);

            let scenarios: (string | null)[] = [null];
            if (options.allScenarios) scenarios = [null, ...plan.scenarios.map((s) => s.name)];
            else if (options.scenario !== undefined) {
                if (!plan.scenarios.some((s) => s.name === options.scenario)) {
                    throw new UsageError(`unknown scenario "${options.scenario}"; the plan has: ${plan.scenarios.map((s) => s.name).join(', ') || 'none'}.`);
                }
                scenarios = [options.scenario];
            }
            if (options.kpi !== undefined && !plan.communities.some((c) => c.kpis.some((k) => k.name === options.kpi))) {
                throw new UsageError(`unknown KPI "${options.kpi}"; the plan has: ${plan.communities.flatMap((c) => c.kpis.map((k) => k.name)).join(', ') || 'none'}.`);
            }

            const progress = options.progress ? progressReporter() : undefined;
            let report: ForecastReport;
            try {
                report = forecast(plan, {
                    runs,
                    seed,
                    scenarios,
                    sensitivity: options.sensitivity ? { kpi: options.kpi } : undefined,
                    onProgress: progress?.update,
                });
            } catch (error) {
                if (error instanceof ScenarioError || error instanceof SensitivityError) throw new UsageError(error.message);
                throw error;
            } finally {
                progress?.stop();
            }
            if (options.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
            else if (options.format === 'csv') process.stdout.write(formatCsv(report));
            else process.stdout.write(formatTable(report, options.kpi, colorsFor(process.stdout)));
            process.exitCode = 0;
        });
}

/** Loads, validates and lowers one plan; prints the check output and fails with exit 1 on errors. */
async function loadValidPlan(file: string, lang: Lang, root: string | undefined): Promise<Plan> {
    const ws = await loadPlans([file], { lang, root });
    const diags = flatten(ws.plans);
    const summary = summarize(diags, ws.plans.length);
    if (summary.errors > 0) {
        process.stderr.write(formatText(diags, summary, lang, colorsFor(process.stderr)));
        throw new PlanErrors(`${ws.requested[0]?.shown ?? file} has errors; fix them before simulating.`);
    }
    const requested = ws.requested[0];
    if (!requested) throw new UsageError(`cannot load "${file}".`);
    return lowerPlan(ws.services, requested.document);
}

/** A progress bar on stderr, shown only on a terminal and only once the work has taken over a second. */
function progressReporter(stream: NodeJS.WriteStream = process.stderr): { update: (done: number, total: number) => void; stop: () => void } | undefined {
    if (!stream.isTTY) return undefined;
    const started = Date.now();
    let bar: SingleBar | undefined;
    return {
        update(done, total) {
            if (!bar) {
                if (Date.now() - started < 1000) return;
                bar = new SingleBar({ stream, format: 'simulating [{bar}] {percentage}% | {value}/{total} runs | ETA {eta}s', hideCursor: true, clearOnComplete: true });
                bar.start(total, done);
            }
            bar.update(done);
        },
        stop() {
            bar?.stop();
        },
    };
}

// ---- formatting ----

const people = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

function fmt(value: number | null, unit: ForecastSeries['unit'] | 'kpi-share'): string {
    if (value === null) return '–';
    switch (unit) {
        case 'share':
        case 'kpi-share':
            return `${(value * 100).toFixed(1)}%`;
        case 'ratio':
            return value.toFixed(2);
        case 'money':
            return money.format(value);
        default:
            return people.format(value);
    }
}

function kpiUnit(k: KpiForecast): ForecastSeries['unit'] | 'kpi-share' {
    switch (k.metric) {
        case 'active-rate':
        case 'retention':
        case 'churn':
        case 'conversion':
            return 'kpi-share';
        case 'revenue':
        case 'cost':
            return 'money';
        case 'roi':
            return 'ratio';
        default:
            return 'people';
    }
}

function pad(rows: string[][], rightAlign: boolean[]): string {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => displayWidth(r[i]))));
    return rows.map((r) => r.map((cell, i) => padDisplay(cell, widths[i], rightAlign[i])).join('  ').trimEnd()).join('\n') + '\n';
}

const TABLE_COLUMNS: { key: string; head: string; band: boolean }[] = [
    { key: 'members', head: 'members P50 (P10–P90)', band: true },
    { key: 'new-members', head: 'new', band: false },
    { key: 'active-rate', head: 'active', band: false },
    { key: 'churned', head: 'churned', band: false },
    { key: 'cumulative-cost', head: 'cost to date', band: false },
    { key: 'cumulative-revenue', head: 'revenue to date', band: false },
    { key: 'roi', head: 'ROI P50 (P10–P90)', band: true },
];

export function formatTable(report: ForecastReport, kpiFilter: string | undefined, colors = colorsFor(process.stdout)): string {
    let out = '';
    for (const f of report.forecasts) {
        const scenario = f.scenario === null ? 'plan as written' : `scenario ${f.scenario}${f.title ? ` “${f.title}”` : ''}`;
        for (const c of f.communities) {
            out += colors.bold(oneLine(`${report.plan} — ${c.name}${c.title ? ` “${c.title}”` : ''} — ${scenario}`)) + '\n';
            out += colors.dim(`${report.runs} runs, seed ${report.seed}, ${report.horizonWeeks} weeks from ${report.start}, money in ${report.currency}`) + '\n\n';
            out += weekTable(c);
            out += '\n' + tierLine(c);
            out += costLine(c);
            const kpis = c.kpis.filter((k) => kpiFilter === undefined || k.name === kpiFilter);
            if (kpis.length > 0) out += '\n' + kpiTable(kpis, colors);
            for (const note of c.notes) out += colors.yellow(`note: ${note}`) + '\n';
            out += '\n';
        }
        if (f.budget) {
            const b = f.budget;
            out += `Budget ${money.format(b.amount)} ${report.currency}: total cost P50 ${money.format(b.cost.p50)} (P10–P90 ${money.format(b.cost.p10)}–${money.format(b.cost.p90)}), within budget in ${fmt(b.probabilityWithin, 'share')} of runs.\n\n`;
        }
    }
    if (report.sensitivity) out += sensitivityTable(report.sensitivity, colors);
    return out;
}

function weekTable(c: CommunityForecast): string {
    const series = new Map(c.series.map((s) => [s.key, s]));
    const rows: string[][] = [['week', 'starts', ...TABLE_COLUMNS.map((col) => col.head)]];
    c.weeks.forEach(({ week, start }, w) => {
        const cells = TABLE_COLUMNS.map((col) => {
            const s = series.get(col.key);
            if (!s) return '–';
            const p50 = fmt(s.p50[w], s.unit);
            return col.band ? `${p50} (${fmt(s.p10[w], s.unit)}–${fmt(s.p90[w], s.unit)})` : p50;
        });
        rows.push([String(week), start, ...cells]);
    });
    return pad(rows, [true, false, ...TABLE_COLUMNS.map(() => true)]);
}

function tierLine(c: CommunityForecast): string {
    const last = c.weeks.length - 1;
    const parts = c.series.filter((s) => s.tier !== undefined).map((s) => `${s.tier} ${fmt(s.p50[last], s.unit)}`);
    const groups = c.series.filter((s) => s.platform !== undefined).map((s) => `${fmt(s.p50[last], s.unit)} groups on ${s.platform}`);
    const retention = c.series.filter((s) => s.key.startsWith('retention-')).map((s) => `${s.key.slice('retention-'.length)} ${fmt(s.p50[last], s.unit)}`);
    let line = `At week ${last + 1} (P50): ${parts.join(', ')}`;
    if (groups.length) line += `; ${groups.join(', ')}`;
    if (retention.length) line += `; retention ${retention.join(', ')}`;
    return line + '.\n';
}

/** Where the money goes: each category's P50 total over the horizon (categories without cost left out). */
function costLine(c: CommunityForecast): string {
    const parts = (c.costByCategory ?? []).filter((x) => x.mean > 0).map((x) => `${x.category} ${money.format(x.p50)}`);
    return parts.length > 0 ? `Cost over the horizon by category (P50): ${parts.join(', ')}.\n` : '';
}

function kpiTable(kpis: KpiForecast[], colors: ReturnType<typeof colorsFor>): string {
    const rows: string[][] = [['KPI', 'target', 'by week', 'P(success)', 'P50 (P10–P90) at deadline']];
    for (const k of kpis) {
        const unit = kpiUnit(k);
        const per = k.targetPer ? ` per ${k.targetPer}` : '';
        rows.push([k.name, `${k.op} ${fmt(k.target, unit)}${per}`, String(k.deadlineWeek), fmt(k.probability, 'share'), `${fmt(k.p50, unit)} (${fmt(k.p10, unit)}–${fmt(k.p90, unit)})`]);
    }
    const text = pad(rows, [false, false, true, true, true]).split('\n');
    return (
        text
            .map((line, i) => {
                if (i === 0 || line === '') return line;
                const p = kpis[i - 1].probability;
                return p >= 0.8 ? colors.green(line) : p >= 0.5 ? colors.yellow(line) : colors.red(line);
            })
            .join('\n')
    );
}

function sensitivityTable(s: SensitivityReport, colors: ReturnType<typeof colorsFor>): string {
    const unit = kpiUnit({ metric: s.metric } as KpiForecast);
    let out = colors.bold(`Sensitivity of ${s.kpi} (${s.community}) to ±20 % on each parameter, ${s.runs} runs each`) + '\n';
    out += `baseline P50 ${fmt(s.baseline.value, unit)}, P(success) ${fmt(s.baseline.probability, 'share')}\n`;
    const rows: string[][] = [['parameter', 'P50 at −20 %', 'P50 at +20 %', 'swing', 'P(success) −20 % / +20 %']];
    for (const p of s.parameters) {
        rows.push([p.label, fmt(p.low.value, unit), fmt(p.high.value, unit), fmt(p.swing, unit === 'kpi-share' ? 'share' : unit), `${fmt(p.low.probability, 'share')} / ${fmt(p.high.probability, 'share')}`]);
    }
    return out + pad(rows, [false, true, true, true, true]) + '\n';
}

/** Long-format CSV: one row per series and week, one per cost category (total over the horizon, at the last week), then one per KPI. */
export function formatCsv(report: ForecastReport): string {
    const rows: (string | number | null)[][] = [['scenario', 'community', 'kind', 'name', 'tier', 'platform', 'unit', 'week', 'week_start', 'p10', 'p50', 'p90', 'mean', 'target', 'probability']];
    for (const f of report.forecasts) {
        for (const c of f.communities) {
            for (const s of c.series) {
                c.weeks.forEach(({ week, start }, w) => {
                    rows.push([f.scenario ?? '', c.name, 'series', s.key, s.tier ?? '', s.platform ?? '', s.unit, week, start, s.p10[w], s.p50[w], s.p90[w], s.mean[w], null, null]);
                });
            }
            const last = c.weeks[c.weeks.length - 1];
            for (const x of c.costByCategory ?? []) {
                rows.push([f.scenario ?? '', c.name, 'cost', x.category, '', '', 'money', last?.week ?? null, last?.start ?? '', x.p10, x.p50, x.p90, x.mean, null, null]);
            }
            for (const k of c.kpis) {
                rows.push([f.scenario ?? '', c.name, 'kpi', k.name, k.tier ?? '', '', k.metric, k.deadlineWeek, c.weeks[k.deadlineWeek - 1]?.start ?? '', k.p10, k.p50, k.p90, k.mean, `${k.op} ${k.target}${k.targetPer ? ` per ${k.targetPer}` : ''}`, k.probability]);
            }
        }
    }
    return stringify(rows);
}
