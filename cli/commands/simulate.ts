// `community simulate`: a seeded Monte Carlo forecast of a plan — a table by default, JSON (with a
// format_version and a shipped JSON Schema) or CSV. A plan with errors is refused with the check
// output and exit 1.
import { t } from '../../engine/messages.js';
import { Option, type Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { Lang } from '../../engine/diagnostics.js';
import { DEFAULT_RUNS, DEFAULT_SEED, forecast, forecastSimulations, totalRuns } from '../../engine/forecast.js';
import { estimateForecastMemory, forecastMemoryBudgetMb, forecastTooLarge } from '../../engine/forecast-memory.js';
import { forecastJsonSchema, type ForecastReport } from '../../engine/forecast-schema.js';
import type { Plan } from '../../engine/model.js';
import type { ObservedWeeks } from '../../engine/observed-start.js';
import { ScenarioError } from '../../engine/scenario.js';
import { SensitivityError } from '../../engine/sensitivity.js';
import { lowerPlan } from '../../language/lower.js';
import { createRequire } from 'node:module';
import { observedActualsWith } from '../../language/actuals/observed.js';
import { runWork } from '../../runtime/run.js';
import { cliPoolFrom, listenForCtrlC, startPoolEarly, withEngine } from '../engine-run.js';
import { namesSaid, PlanErrors, said, UsageError } from '../errors.js';
import { expandInputs } from '../files.js';
import { langOption, parseInteger, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { colorsFor, flatten, formatText, oneLine, summarize } from '../report.js';
import { progressBar } from '../progress.js';
import { formatTable, type SolvedSection } from '../simulate-table.js';
import { cheapestWays, recommendedSolved } from '../../engine/solved-ways.js';
import { loadPlans } from '../workspace.js';

export { formatTable } from '../simulate-table.js';

export const SIMULATE_FORMATS = ['table', 'json', 'csv'] as const;

/**
 * exceljs for a plan whose actuals are a workbook, required at run time rather than bundled: the
 * simulate bundle holds none of the report stack (cli/launch.ts), and a CSV plan never loads it.
 */
const excelAtRunTime = async () => createRequire(import.meta.url)('exceljs') as typeof import('exceljs');

/** A horizon every real plan reaches (half a year), for starting the pool before the plan is read. */
const PLAN_WEEKS_AT_LEAST = 26;

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
    fromStart?: boolean;
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
        .option('--from-start', "forecast from the plan's start even when the plan has actuals (default: from the last observed week)")
        .option('--print-schema', 'print the JSON Schema of --format json output and exit')
        .option('--no-progress', 'never show a progress bar')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (input: string | undefined, options: SimulateOptions) => {
            if (options.printSchema) {
                process.stdout.write(JSON.stringify(forecastJsonSchema(), null, 2) + '\n');
                return;
            }
            listenForCtrlC();
            if (!input) throw new UsageError(said('cli.no-plan-to-simulate', {}));
            const runs = parseRuns(options.runs);
            // Surely above the in-thread threshold whatever the horizon (runtime/run.ts): boot the threads now.
            if (runs * PLAN_WEEKS_AT_LEAST >= cliPoolFrom()) startPoolEarly();
            const seed = parseInteger(options.seed, '--seed', -2147483648, 2147483647);
            const lang = resolveLang(options.lang);
            const files = expandInputs([input]);
            if (files.length !== 1) throw new UsageError(said('cli.one-plan', { command: 'simulate', input, count: files.length }));
            const plan = await loadValidPlan(files[0], lang, options.root);

            let scenarios: (string | null)[] = [null];
            if (options.allScenarios) scenarios = [null, ...plan.scenarios.map((s) => s.name)];
            else if (options.scenario !== undefined) {
                if (!plan.scenarios.some((s) => s.name === options.scenario)) {
                    const names = namesSaid(plan.scenarios.map((s) => s.name));
                    throw new UsageError(said('cli.unknown-scenario', { name: options.scenario, names: names.en }, { names: names.zh }));
                }
                scenarios = [options.scenario];
            }
            if (options.kpi !== undefined && !plan.communities.some((c) => c.kpis.some((k) => k.name === options.kpi))) {
                const names = namesSaid(plan.communities.flatMap((c) => c.kpis.map((k) => k.name)));
                throw new UsageError(said('cli.unknown-kpi', { name: options.kpi, names: names.en }, { names: names.zh }));
            }

            // Memory first: a forecast over the budget is a coded error (exit 1), not an out-of-memory crash.
            const estimate = estimateForecastMemory(plan, { runs, scenarios: scenarios.length });
            const tooLarge = forecastTooLarge(estimate, forecastMemoryBudgetMb(process.env), lang);
            if (tooLarge) throw new PlanErrors(`${files[0]}: error forecast-memory: ${tooLarge}`);

            // A community with actuals is forecast from its last observed week (engine/observed-start.ts).
            const observed = options.fromStart || !plan.communities.some((c) => c.actuals) ? undefined : await observedActualsWith(excelAtRunTime, plan);
            for (const skipped of observed?.skipped ?? []) process.stderr.write(oneLine(t('simulate.actuals-not-read', { skipped }, lang)) + '\n');

            const progress = options.progress ? progressBar('simulating', { runs: true, lang }) : undefined;
            let report: ForecastReport;
            try {
                report = await withEngine(progress, (engine) => {
                    const work = forecastSimulations(plan, {
                        runs,
                        seed,
                        scenarios,
                        sensitivity: options.sensitivity ? { kpi: options.kpi } : undefined,
                        observed: observed?.byCommunity,
                    });
                    const total = totalRuns(work.jobs);
                    return runWork(
                        work,
                        engine.options((done) => progress?.update(done, total)),
                    );
                });
            } catch (error) {
                if (error instanceof ScenarioError || error instanceof SensitivityError) throw new UsageError(error.message);
                throw error;
            }
            if (options.format === 'json') process.stdout.write(JSON.stringify(report, null, 2) + '\n');
            else if (options.format === 'csv') process.stdout.write(formatCsv(report));
            else
                process.stdout.write(
                    formatTable(report, options.kpi, colorsFor(process.stdout), lang, solvedSection(plan, report, runs, seed, observed?.byCommunity)),
                );
            process.exitCode = 0;
        });
}

/**
 * With solved scenarios in the plan: the cheapest known way to each KPI and the recommended scenario,
 * from forecasts of those scenarios with the same runs and seed (the ones not simulated already).
 */
function solvedSection(
    plan: Plan,
    report: ForecastReport,
    runs: number,
    seed: number,
    observed?: ReadonlyMap<string, ObservedWeeks>,
): SolvedSection | undefined {
    const solved = plan.scenarios.filter((s) => s.solved).map((s) => s.name);
    if (solved.length === 0) return undefined;
    const missing = solved.filter((name) => !report.forecasts.some((f) => f.scenario === name));
    const all =
        missing.length === 0
            ? report
            : { ...report, forecasts: [...report.forecasts, ...forecast(plan, { runs, seed, scenarios: missing, observed }).forecasts] };
    return { ways: cheapestWays(plan, all), recommended: recommendedSolved(plan, all) };
}

/** Loads, validates and lowers one plan; prints the check output and fails with exit 1 on errors. */
async function loadValidPlan(file: string, lang: Lang, root: string | undefined): Promise<Plan> {
    const ws = await loadPlans([file], { lang, root });
    const diags = flatten(ws.plans);
    const summary = summarize(diags, ws.plans.length);
    if (summary.errors > 0) {
        process.stderr.write(formatText(diags, summary, lang, colorsFor(process.stderr)));
        throw new PlanErrors(said('cli.errors-before-simulating', { plan: ws.requested[0]?.shown ?? file }));
    }
    const requested = ws.requested[0];
    if (!requested) throw new UsageError(said('cli.cannot-load', { file }));
    return lowerPlan(ws.services, requested.document);
}

/** Long-format CSV: one row per series and week, one per cost category (total over the horizon, at the last week), then one per KPI. */
export function formatCsv(report: ForecastReport): string {
    const rows: (string | number | null)[][] = [
        ['scenario', 'community', 'kind', 'name', 'tier', 'platform', 'unit', 'week', 'week_start', 'p10', 'p50', 'p90', 'mean', 'target', 'probability'],
    ];
    for (const f of report.forecasts) {
        for (const c of f.communities) {
            for (const s of c.series) {
                c.weeks.forEach(({ week, start }, w) => {
                    rows.push([
                        f.scenario ?? '',
                        c.name,
                        'series',
                        s.key,
                        s.tier ?? '',
                        s.platform ?? '',
                        s.unit,
                        week,
                        start,
                        s.p10[w],
                        s.p50[w],
                        s.p90[w],
                        s.mean[w],
                        null,
                        null,
                    ]);
                });
            }
            const last = c.weeks[c.weeks.length - 1];
            for (const x of c.costByCategory ?? []) {
                rows.push([
                    f.scenario ?? '',
                    c.name,
                    'cost',
                    x.category,
                    '',
                    '',
                    'money',
                    last?.week ?? null,
                    last?.start ?? '',
                    x.p10,
                    x.p50,
                    x.p90,
                    x.mean,
                    null,
                    null,
                ]);
            }
            for (const k of c.kpis) {
                rows.push([
                    f.scenario ?? '',
                    c.name,
                    'kpi',
                    k.name,
                    k.tier ?? '',
                    '',
                    k.metric,
                    k.deadlineWeek,
                    c.weeks[k.deadlineWeek - 1]?.start ?? '',
                    k.p10,
                    k.p50,
                    k.p90,
                    k.mean,
                    `${k.op} ${k.target}${k.targetPer ? ` per ${k.targetPer}` : ''}`,
                    k.probability,
                ]);
            }
        }
    }
    return stringify(rows);
}
