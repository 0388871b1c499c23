// `community/solve`: the goal seek behind the KPI CodeLens "Find the spend that reaches this at
// 80 %". For the plan's paid channels (each `ITEM.paid` from 0 to 4 × the plan's spend, the range
// `community solve --vary ITEM.paid` takes by default) it runs engine/solve.ts in a worker
// (server/solve-runner.ts) with the CLI's runs and seed, sends `community/solveProgress`, and
// answers the solved scenario as a text edit that appends exactly what `community solve --write
// NAME` appends (language/solve-scenario.ts). A cancelled request stops between candidate
// evaluations and answers RequestCancelled (-32800).
import { AstUtils, DocumentState, URI } from 'langium';
import * as A from '../language/generated/ast.js';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, ErrorCodes, LSPErrorCodes, ResponseError, type Connection } from 'vscode-languageserver';
import { DEFAULT_SEED } from '../engine/forecast.js';
import type { Lang } from '../engine/diagnostics.js';
import { t } from '../engine/messages.js';
import type { Plan } from '../engine/model.js';
import { currentValue, SolveCancelled, SolveError, type Lever, type SolveResult } from '../engine/solve.js';
import type { CommunityServices } from '../language/community-module.js';
import { lowerPlan } from '../language/lower.js';
import { ScenarioTextError, solvedScenarioBlock, withSolvedScenario } from '../language/solve-scenario.js';
import {
    SOLVE_DEFAULT_PROBABILITY,
    SOLVE_PROGRESS_NOTIFICATION,
    SOLVE_REQUEST,
    type SolveParams,
    type SolveProgress,
    type SolveResponse,
} from '../protocol/solve.js';
import { runSolve } from './solve-runner.js';

/** The CLI's default runs per candidate (`community solve --runs`). */
export const SOLVE_RUNS = 1000;
export const MAX_SOLVE_RUNS = 20_000;

function validParams(p: unknown): p is SolveParams {
    const x = p as SolveParams;
    return (
        typeof x === 'object' &&
        x !== null &&
        typeof x.uri === 'string' &&
        typeof x.kpi === 'string' &&
        x.kpi.length > 0 &&
        (x.probability === undefined || (typeof x.probability === 'number' && x.probability > 0 && x.probability <= 1)) &&
        (x.runs === undefined || (Number.isInteger(x.runs) && x.runs >= 1 && x.runs <= MAX_SOLVE_RUNS)) &&
        (x.seed === undefined || Number.isInteger(x.seed)) &&
        (x.progressId === undefined || typeof x.progressId === 'string')
    );
}

/** The paid channels of the KPI's community as levers, 0 to 4 × the plan's spend. */
export function paidLevers(plan: Plan, kpi: string): Lever[] {
    const community = plan.communities.find((c) => c.kpis.some((k) => k.name === kpi));
    const levers: Lever[] = [];
    for (const ch of community?.channels ?? []) {
        const lever: Lever = { target: ch.name, property: 'paid', min: 0, max: 0 };
        const now = currentValue(plan, lever);
        if (now !== undefined && now > 0) levers.push({ ...lever, max: 4 * now });
    }
    return levers;
}

/** A scenario name the plan does not use yet: Solved_Growth, Solved_Growth_2 … */
export function scenarioNameFor(plan: Plan, kpi: string): string {
    const base = `Solved_${kpi.replace(/[^\p{L}\p{N}_]/gu, '_')}`;
    const taken = new Set(plan.scenarios.map((s) => s.name));
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}_${i}`;
    return name;
}

const pct = (p: number) => `${(p * 100).toFixed(1)} %`;
// Made on first use, not when the module loads: the server's startup snapshot cannot hold Intl objects.
let money: Intl.NumberFormat | undefined;

function summaryOf(r: SolveResult, kpi: string, probability: number, block: string, plan: Plan, lang: Lang): string {
    // The lever lines of the block, as the plan will read them (`DouyinAds.paid = 4650 CNY per week`).
    const values = block
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => l.trim())
        .join(t('solve.separator', {}, lang));
    const achieved = pct(Math.min(...r.best.probabilities));
    const cost = `${(money ??= new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })).format(r.best.cost)} ${plan.currency}`;
    const params = { values, kpi, achieved, asked: pct(probability), cost };
    return r.reached ? t('solve-request.reached', params, lang) : t('solve-request.unreached', { values, kpi, achieved, asked: params.asked }, lang);
}

export interface SolveRequestContext {
    shared: LangiumSharedServices;
    /** Sends `community/solveProgress` (absent: no progress). */
    progress?: (p: SolveProgress) => void;
}

/** The request's work, transport-free (test/server/solve-request.test.ts drives it directly). */
export async function handleSolveRequest(
    context: SolveRequestContext,
    params: unknown,
    token: CancellationToken = CancellationToken.None,
): Promise<SolveResponse> {
    if (!validParams(params))
        throw new ResponseError(
            ErrorCodes.InvalidParams,
            `Invalid ${SOLVE_REQUEST} params: expected { uri, kpi, probability? (0..1], runs? (1..${MAX_SOLVE_RUNS}), seed? (integer), progressId? }.`,
        );
    const { shared } = context;
    const uri = URI.parse(params.uri);
    const documents = shared.workspace.LangiumDocuments;
    if (!documents.hasDocument(uri)) throw new ResponseError(ErrorCodes.InvalidParams, `The server does not know ${params.uri}; open it in the editor first.`);
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.Validated, uri, token);
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
    const doc = documents.getDocument(uri);
    if (!doc) throw new ResponseError(ErrorCodes.InvalidParams, `The document ${params.uri} was closed.`);
    const services = shared.ServiceRegistry.getServices(uri) as CommunityServices;
    const lang = services.community.Settings.lang;
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1).length + doc.parseResult.lexerErrors.length + doc.parseResult.parserErrors.length;
    if (errors > 0) return { status: 'errors', uri: params.uri, message: t('solve-request.errors', {}, lang) };
    const version = doc.textDocument.version;
    const text = doc.textDocument.getText();
    const plan = lowerPlan(services, doc);
    if (!plan.communities.some((c) => c.kpis.some((k) => k.name === params.kpi))) {
        throw new ResponseError(ErrorCodes.InvalidParams, `The plan has no KPI "${params.kpi}".`);
    }
    const levers = paidLevers(plan, params.kpi);
    if (levers.length === 0) return { status: 'unavailable', uri: params.uri, message: t('solve-request.no-paid-channel', { kpi: params.kpi }, lang) };
    const probability = params.probability ?? SOLVE_DEFAULT_PROBABILITY;
    let result: SolveResult;
    try {
        result = await runSolve(
            plan,
            { kpis: [params.kpi], probability, levers, runs: params.runs ?? SOLVE_RUNS, seed: params.seed ?? DEFAULT_SEED, objective: 'minimise-cost' },
            {
                isCancelled: () => token.isCancellationRequested,
                onCancel: (listener) => token.onCancellationRequested(listener),
                onProgress:
                    params.progressId !== undefined && context.progress
                        ? (done, total) => context.progress!({ progressId: params.progressId!, done, total })
                        : undefined,
            },
        );
    } catch (error) {
        if (error instanceof SolveCancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
        if (error instanceof SolveError) return { status: 'unavailable', uri: params.uri, message: error.message };
        throw error;
    }
    const name = scenarioNameFor(plan, params.kpi);
    let block: string;
    try {
        // Tagged `solved for KPI at P%` exactly when `community solve --write` tags it: reached, and the KPI has a name of its own.
        const named = AstUtils.streamAst(doc.parseResult.value)
            .filter(A.isKpi)
            .some((k) => k.name === params.kpi);
        block = solvedScenarioBlock(doc, plan, name, result, result.reached && named ? { kpis: [params.kpi], probability } : undefined);
    } catch (error) {
        if (error instanceof ScenarioTextError) return { status: 'unavailable', uri: params.uri, message: error.message };
        throw error;
    }
    // The edit replaces the trailing blank space with exactly what `--write` appends.
    const keep = text.replace(/\s*$/, '').length;
    const edit = {
        range: { start: doc.textDocument.positionAt(keep), end: doc.textDocument.positionAt(text.length) },
        newText: withSolvedScenario(text, block).slice(keep),
    };
    return {
        status: 'ok',
        uri: params.uri,
        version,
        kpi: params.kpi,
        probability,
        reached: result.reached,
        achieved: Math.min(...result.best.probabilities),
        cost: result.best.cost,
        currency: plan.currency,
        levers: result.levers.map((l, i) => ({
            lever: `${l.target}.${l.property}`,
            min: l.min,
            max: l.max,
            value: result.best.values[i],
            plan: currentValue(plan, l),
        })),
        evaluations: result.evaluations,
        scenario: name,
        edit,
        summary: summaryOf(result, params.kpi, probability, block, plan, lang),
    };
}

/** Registers the request on the connection; call once from the server's entry. */
export function registerSolveRequest(connection: Connection, shared: LangiumSharedServices): void {
    connection.onRequest(SOLVE_REQUEST, (params: unknown, token: CancellationToken) =>
        handleSolveRequest({ shared, progress: (p) => void connection.sendNotification(SOLVE_PROGRESS_NOTIFICATION, p) }, params, token).catch(
            (error: unknown) => {
                if (error instanceof ResponseError) throw error;
                const message = error instanceof Error ? error.message : String(error);
                connection.console.error(`[solve] ${message}`);
                throw new ResponseError(ErrorCodes.InternalError, message);
            },
        ),
    );
}
