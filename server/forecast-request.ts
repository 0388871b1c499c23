// The `community/forecast` request behind the editor's forecast preview and status bar: waits for
// the document to be validated, refuses plans with errors (the preview keeps its last good forecast),
// lowers the document to the plan model, runs the engine and shapes the result for the webview.
// Large forecasts run on a warm worker pool; every forecast checks the request's cancel token
// between blocks of runs and answers RequestCancelled (-32800) at once; a request over
// MAX_RUN_WEEKS gets the coded `forecast-too-large` message instead of running.
import { estimateForecastMemory, forecastMemoryBudgetMb, forecastTooLarge } from '../engine/forecast-memory.js';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, ResponseError, type Connection } from 'vscode-languageserver';
import { formatMessage } from '../engine/diagnostics.js';
import { forecastSimulations, runSimulations, type Simulations } from '../engine/forecast.js';
import type { ForecastReport } from '../engine/forecast-schema.js';
import { SimulationCancelled } from '../engine/simulate.js';
import { fromRequestToken } from '../runtime/cancel.js';
import { SimulationPool } from '../runtime/pool.js';
import { runWork, type RunOptions } from '../runtime/run.js';
import type { Plan } from '../engine/model.js';
import { actualsView, calendarView, planSummary, scenarioView } from '../engine/view/forecast-view.js';
import { observedActuals, type ObservedActuals } from '../language/actuals/observed.js';
import { localizeForecastResult } from './forecast-labels.js';
import { FORECAST_REQUEST, type ForecastParams, type ForecastResult } from '../protocol/forecast.js';
import type { CommunityServices } from '../language/community-module.js';
import { lowerPlan } from '../language/lower.js';

export const MAX_RUNS = 100_000;
/** Sensitivity re-runs the plan twice per parameter: keep it to a hundred runs each. */
export const SENSITIVITY_RUNS = 100;

export interface ForecastComputation {
    result: ForecastResult;
    plan?: Plan;
    /** The plan's actuals as read for this forecast (its observed start and the points on the bands: read once). */
    observed?: ObservedActuals;
}

function validParams(p: unknown): p is ForecastParams {
    const x = p as ForecastParams;
    return (
        typeof x === 'object' &&
        x !== null &&
        typeof x.uri === 'string' &&
        Number.isInteger(x.runs) &&
        x.runs >= 1 &&
        x.runs <= MAX_RUNS &&
        Number.isInteger(x.seed) &&
        (x.scenario === undefined || typeof x.scenario === 'string') &&
        (x.compareScenario === undefined || typeof x.compareScenario === 'string') &&
        (x.sensitivity === undefined || typeof x.sensitivity === 'boolean')
    );
}

/**
 * Most run-weeks (runs × plan weeks) one request may simulate: 100,000 runs of a 52-week plan. A
 * 100,000-run forecast of a 520-week plan held the server for 23 s and 4.5 GB; above the limit the
 * request answers with the coded message instead of starting.
 */
export const MAX_RUN_WEEKS = 5_200_000;

type Prepared =
    | { done: ForecastComputation }
    | { plan: Plan; work: Simulations<ForecastReport>; started: number; uri: string; version: number; observed?: ObservedActuals };

/**
 * Checks the document and the request's size and describes the forecast's simulations (nothing runs
 * yet); with the plan's actuals read (`observed`), communities that have them start from their last
 * observed week — the same engine call as `community simulate` and `compile`.
 */
function prepareForecast(services: CommunityServices, doc: LangiumDocument, params: ForecastParams, observed?: ObservedActuals): Prepared {
    const started = performance.now();
    const uri = params.uri;
    const version = doc.textDocument.version;
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1);
    if (doc.parseResult.lexerErrors.length + doc.parseResult.parserErrors.length > 0 || errors.length > 0) {
        const first = errors[0];
        return {
            done: {
                result: {
                    status: 'errors',
                    uri,
                    version,
                    errorCount: Math.max(errors.length, doc.parseResult.lexerErrors.length + doc.parseResult.parserErrors.length),
                    firstError: first
                        ? { message: typeof first.message === 'string' ? first.message : first.message.value, line: first.range.start.line }
                        : undefined,
                },
            },
        };
    }
    let plan: Plan;
    try {
        plan = lowerPlan(services, doc);
    } catch (error) {
        return { done: { result: { status: 'unavailable', uri, version, message: error instanceof Error ? error.message : String(error) } } };
    }
    if (plan.communities.length === 0) {
        return { done: { result: { status: 'unavailable', uri, version, message: 'The plan has no community to forecast.' }, plan } };
    }
    const work = params.runs * plan.horizonWeeks;
    if (work > MAX_RUN_WEEKS) {
        const code = 'forecast-too-large';
        const message = formatMessage(code, { runs: params.runs, weeks: plan.horizonWeeks, work, limit: MAX_RUN_WEEKS }, services.community.Settings.lang);
        return { done: { result: { status: 'unavailable', uri, version, code, message }, plan } };
    }
    const known = new Set(plan.scenarios.map((s) => s.name));
    const pick = (name: string | undefined): string | null => (name && name !== 'base' && known.has(name) ? name : null);
    const primary = pick(params.scenario);
    const scenarios: (string | null)[] = [primary];
    if (params.compareScenario !== undefined) {
        const other = pick(params.compareScenario);
        if (other !== primary) scenarios.push(other);
    }
    const hasKpi = plan.communities.some((c) => c.kpis.length > 0);
    // Memory first: a forecast over the budget is refused with its coded message, not run out of memory.
    const sensitivityRuns = hasKpi && params.sensitivity ? Math.min(params.runs, SENSITIVITY_RUNS) : undefined;
    const tooLarge = forecastTooLarge(
        estimateForecastMemory(plan, { runs: params.runs, scenarios: scenarios.length, sensitivityRuns }),
        forecastMemoryBudgetMb(process.env),
        services.community.Settings.lang,
    );
    if (tooLarge) return { done: { result: { status: 'unavailable', uri, version, message: tooLarge }, plan } };
    return {
        plan,
        started,
        uri,
        version,
        observed,
        work: forecastSimulations(plan, {
            runs: params.runs,
            seed: params.seed,
            scenarios,
            sensitivity: hasKpi && params.sensitivity ? { runs: Math.min(params.runs, SENSITIVITY_RUNS) } : undefined,
            observed: observed?.byCommunity,
        }),
    };
}

function shaped(services: CommunityServices, prepared: Extract<Prepared, { work: unknown }>, report: ForecastReport): ForecastComputation {
    const { plan, uri, version, started, observed } = prepared;
    return {
        plan,
        observed,
        result: localizeForecastResult(
            {
                status: 'ok',
                uri,
                version,
                runs: report.runs,
                seed: report.seed,
                elapsedMs: performance.now() - started,
                plan: planSummary(plan),
                forecasts: report.forecasts.map((f) => scenarioView(report, f, plan)),
                calendar: calendarView(plan),
            },
            report,
            plan,
            services.community.Settings.lang,
        ),
    };
}

/**
 * Lays the plan's actuals (its communities' `actuals` files) over every forecast of the result, so
 * the preview draws the observed points on the bands and marks those outside P10–P90.
 */
export async function withActuals(computation: ForecastComputation): Promise<ForecastResult> {
    const { result, plan } = computation;
    if (result.status !== 'ok' || !plan || !plan.communities.some((c) => c.actuals)) return result;
    const observed = computation.observed ?? (await observedActuals(plan));
    for (const f of result.forecasts) {
        for (const c of f.communities) {
            const series = observed.byCommunity.get(c.community);
            if (series) c.actuals = actualsView(c, series);
        }
    }
    return result;
}

/**
 * The forecast of a validated document in this thread; pure apart from the engine's work, so tests
 * and benchmarks call it. `observed`: the plan's actuals, read by the caller (see computeForecastAsync).
 */
export function computeForecast(services: CommunityServices, doc: LangiumDocument, params: ForecastParams, observed?: ObservedActuals): ForecastComputation {
    const prepared = prepareForecast(services, doc, params, observed);
    if ('done' in prepared) return prepared.done;
    return shaped(services, prepared, runSimulations(prepared.work));
}

/**
 * The same forecast run for a request: on the server's warm pool when it is large (runtime/run.ts),
 * in this thread block by block otherwise, and cancelled between blocks (SimulationCancelled).
 */
export async function computeForecastAsync(
    services: CommunityServices,
    doc: LangiumDocument,
    params: ForecastParams,
    options: RunOptions,
): Promise<ForecastComputation> {
    let prepared = prepareForecast(services, doc, params);
    if ('done' in prepared) return prepared.done;
    // A plan with actuals: read them, then describe the forecast again from the observed start.
    if (prepared.plan.communities.some((c) => c.actuals)) {
        prepared = prepareForecast(services, doc, params, await observedActuals(prepared.plan));
        if ('done' in prepared) return prepared.done;
    }
    return shaped(services, prepared, await runWork(prepared.work, options));
}

/** Registers the request on the connection; call once from the server's entry. Makes the warm pool the large forecasts run on once the first diagnostics are out. */
export function registerForecastRequest(
    connection: Connection,
    shared: LangiumSharedServices,
    makePool: () => SimulationPool | undefined = () => SimulationPool.create(),
): void {
    // The pool's threads start when it is made (piscina's minThreads): made on first use.
    let made = false;
    let poolValue: SimulationPool | undefined;
    const poolOf = (): SimulationPool | undefined => {
        if (!made) {
            made = true;
            poolValue = makePool();
        }
        return poolValue;
    };
    // Threads start once the first build has published its diagnostics, and load the engine, so the
    // first large forecast pays no start-up. Not before: two threads loading the engine while the
    // first file is parsed and checked took the two cores from the diagnostics the user waits for.
    // A forecast asked for earlier starts the threads itself.
    const warm = (): void => {
        poolOf()
            ?.warm()
            .catch((error) =>
                connection.console.error(`[forecast] the simulation pool did not start: ${error instanceof Error ? error.message : String(error)}`),
            );
    };
    const firstBuild = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        firstBuild.dispose();
        setTimeout(warm, 0);
    });
    connection.onRequest(FORECAST_REQUEST, async (params: unknown, token: CancellationToken = CancellationToken.None): Promise<ForecastResult> => {
        if (!validParams(params))
            throw new ResponseError(
                -32602,
                `Invalid ${FORECAST_REQUEST} params: expected { uri, runs (1..${MAX_RUNS}), seed (integer), scenario?, compareScenario? }.`,
            );
        const uri = URI.parse(params.uri);
        const documents = shared.workspace.LangiumDocuments;
        if (!documents.hasDocument(uri)) {
            return { status: 'unavailable', uri: params.uri, version: 0, message: `The server does not know ${params.uri}; open it in the editor first.` };
        }
        // Wait for the latest edit to be validated; a newer request cancels this one.
        await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
        if (token.isCancellationRequested) throw new ResponseError(-32800, 'Request cancelled');
        const doc = documents.getDocument(uri);
        if (!doc) return { status: 'unavailable', uri: params.uri, version: 0, message: `The document ${params.uri} was closed.` };
        const services = shared.ServiceRegistry.getServices(uri) as CommunityServices;
        try {
            return await withActuals(await computeForecastAsync(services, doc, params, { pool: poolOf(), token: fromRequestToken(token) }));
        } catch (error) {
            if (error instanceof SimulationCancelled) throw new ResponseError(-32800, 'Request cancelled');
            const message = error instanceof Error ? error.message : String(error);
            connection.console.error(`[forecast] ${message}`);
            return { status: 'unavailable', uri: params.uri, version: doc.textDocument.version, message };
        }
    });
}
