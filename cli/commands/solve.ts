// `community solve`: goal seeking over the forecast — the smallest spend (or any other lever) that
// meets a KPI at a probability, or the allocation over several levers within a budget. Thin over
// engine/solve.ts; `--write NAME` appends the answer as a scenario (temp file, then rename), so it
// is reviewed and compared like any other change.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import type { Lang } from '../../engine/diagnostics.js';
import { listOf, t } from '../../engine/messages.js';
import { DEFAULT_SEED } from '../../engine/forecast.js';
import type { Plan, SolvedFor } from '../../engine/model.js';
import { propertyOfChinese } from '../../engine/properties/registry.js';
import { currentValue, solveSteps, SolveError, type Lever, type SolveResult } from '../../engine/solve.js';
import { AstUtils, type LangiumDocument } from 'langium';
import * as A from '../../language/generated/ast.js';
import { lowerPlan } from '../../language/lower.js';
import { runSteps } from '../../runtime/run.js';
import { listenForCtrlC, withEngine } from '../engine-run.js';
import { planNumberText, ScenarioTextError, solvedScenarioBlock, solvedText, withSolvedScenario } from '../../language/solve-scenario.js';
import { PlanErrors, said, UsageError } from '../errors.js';
import { expandInputs } from '../files.js';
import { langOption, parseInteger, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';
import { colorsFor, flatten, formatText, summarize } from '../report.js';
import { loadPlans } from '../workspace.js';

interface SolveCliOptions extends CommonOptions {
    kpi: string[];
    probability: string;
    vary: string[];
    budget?: string;
    minimise?: string;
    maximise?: string;
    runs: string;
    seed: string;
    format: 'table' | 'json';
    write?: string;
    progress: boolean;
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSolve(program: Command): void {
    program
        .command('solve')
        .description('goal seeking: the value of a lever (or an allocation over several within a budget) that meets KPIs at a probability')
        .argument('<plan>', 'the .community plan')
        .requiredOption('--kpi <name>', 'KPI to meet (repeat for several: all must reach the probability)', collect, [])
        .option('--probability <p>', 'required probability of meeting each KPI', '80%')
        .requiredOption('--vary <lever>', 'ITEM.PROPERTY=MIN..MAX to vary (repeat for several)', collect, [])
        .option('--budget <money>', 'mean total cost over the horizon may not exceed this')
        .addOption(new Option('--minimise <what>', 'meet the KPIs at the least mean cost').choices(['cost']))
        .addOption(new Option('--maximise <what>', 'the highest probability within the budget').choices(['probability']))
        .option('--runs <n>', 'Monte Carlo runs per candidate', '1000')
        .option('--seed <n>', 'random seed (the same for every candidate)', String(DEFAULT_SEED))
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .option('--write <name>', 'append the answer to the plan as `scenario NAME { … }`')
        .option('--no-progress', 'never show a progress bar')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (input: string, options: SolveCliOptions) => {
            listenForCtrlC();
            const lang = resolveLang(options.lang);
            const runs = parseRuns(options.runs);
            const seed = parseInteger(options.seed, '--seed', -2147483648, 2147483647);
            const probability = parseShare(options.probability, '--probability');
            const budget = options.budget !== undefined ? parseAmount(options.budget, '--budget') : undefined;
            if (options.write !== undefined && !/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(options.write))
                throw new UsageError(said('cli.write-name', { value: options.write }));
            const files = expandInputs([input]);
            if (files.length !== 1) throw new UsageError(said('cli.one-plan', { command: 'solve', input, count: files.length }));
            const { plan, path, doc, named } = await loadValidPlan(files[0], lang, options.root);
            if (options.write !== undefined && plan.scenarios.some((s) => s.name === options.write))
                throw new UsageError(said('cli.write-taken', { name: options.write }));
            const levers = options.vary.map((v) => parseLever(v, plan));
            const progress = options.progress ? progressBar('solving', { runs: true, delayMs: 0, lang }) : undefined;
            let result: SolveResult;
            try {
                // The bar counts runs, block by block; the number of candidates is an estimate (bisection
                // and the compass search stop early), so the total follows the solver's own count.
                const perCandidate = runs * plan.communities.length;
                let candidates = 1;
                const steps = solveSteps(plan, {
                    kpis: options.kpi,
                    probability,
                    levers,
                    budget,
                    runs,
                    seed,
                    // Default: meet the KPIs at the least cost, or — where nothing in the ranges and budget meets
                    // them — the highest probability (engine/solve.ts `better`).
                    objective: options.maximise === 'probability' ? 'maximise-probability' : 'minimise-cost',
                    onProgress: (_done, total) => (candidates = total),
                });
                result = await withEngine(progress, (engine) =>
                    runSteps(
                        steps,
                        engine.options((done) => progress?.update(done, candidates * perCandidate)),
                    ),
                );
            } catch (error) {
                if (error instanceof SolveError) throw new UsageError(error.message);
                throw error;
            }
            if (options.format === 'json') process.stdout.write(JSON.stringify(toJson(result, options.kpi, probability, budget), null, 2) + '\n');
            else process.stdout.write(formatSolve(result, options.kpi, probability, budget, plan, lang));
            if (options.write !== undefined) {
                // Tagged with what it was solved for when it meets the KPIs and every KPI has a name
                // the plan can refer to (`kpi Growth: …`); the reports rank tagged scenarios by cost.
                const tag = result.reached && options.kpi.every((k) => named.has(k)) ? { kpis: options.kpi, probability } : undefined;
                writeScenario(path, doc, plan, options.write, result, tag);
                const what = tag ? t('solve.solved-for', { tag: solvedText(tag) }, lang) : '';
                process.stderr.write(`${t('solve.appended', { scenario: options.write, what, file: input }, lang)}\n`);
                if (!tag && result.reached) {
                    const unnamed = options.kpi.filter((k) => !named.has(k));
                    process.stderr.write(`${t('solve.unnamed-kpi', { kpis: listOf(unnamed, lang) }, lang)}\n`);
                }
            }
            process.exitCode = 0;
        });
}

function parseShare(text: string, name: string): number {
    const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
    const v = m ? Number(m[1]) / (m[2] ? 100 : 1) : NaN;
    if (!(v > 0 && v <= 1)) throw new UsageError(said('cli.probability', { option: name, value: text }));
    return v;
}

function parseAmount(text: string, name: string): number {
    const m = /^\s*(\d+(?:\.\d+)?)(万)?\s*[A-Za-z元¥￥]*\s*$/.exec(text);
    if (!m) throw new UsageError(said('cli.money', { option: name, value: text }));
    return Number(m[1]) * (m[2] ? 10000 : 1);
}

/** `ITEM.PROPERTY=MIN..MAX` (the property in English or Chinese, as in a scenario: `信息流.投放`); without a range, 0 to 4 × the current value. */
export function parseLever(text: string, plan: Plan): Lever {
    const m = /^([^.=\s]+)\.(\p{L}[\p{L}\p{N}_-]*)(?:=(-?\d+(?:\.\d+)?)(%?)\.\.(-?\d+(?:\.\d+)?)(%?))?$/u.exec(text.trim());
    if (!m) throw new UsageError(said('cli.vary-form', { value: text }));
    const [, target, written, lo, loPct, hi, hiPct] = m;
    const property = propertyOfChinese(written) ?? written;
    const lever: Lever = { target, property, min: 0, max: 0 };
    if (lo !== undefined) {
        lever.min = Number(lo) / (loPct ? 100 : 1);
        lever.max = Number(hi) / (hiPct ? 100 : 1);
    } else {
        const now = currentValue(plan, lever);
        if (now === undefined || !(now > 0)) throw new UsageError(said('cli.vary-no-value', { lever: text }));
        lever.max = 4 * now;
    }
    if (!(lever.max > lever.min)) throw new UsageError(said('cli.vary-empty', { lever: text }));
    // Shares are held as fractions: `2..8` for a churn rate would mean 200–800 %.
    const share = ['churn', 'active', 'buys', 'repurchase', 'conversion', 'margin', 'retention', 'activity', 'promotion'].includes(property);
    if (share && lo !== undefined && !loPct && !hiPct && lever.max > 1) throw new UsageError(said('cli.vary-percent', { lever: text, property, lo, hi }));
    return lever;
}

async function loadValidPlan(
    file: string,
    lang: Lang,
    root: string | undefined,
): Promise<{ plan: Plan; path: string; doc: LangiumDocument; named: Set<string> }> {
    const ws = await loadPlans([file], { lang, root });
    const diags = flatten(ws.plans);
    const summary = summarize(diags, ws.plans.length);
    if (summary.errors > 0) {
        process.stderr.write(formatText(diags, summary, lang, colorsFor(process.stderr)));
        throw new PlanErrors(said('cli.errors-before-solving', { plan: ws.requested[0]?.shown ?? file }));
    }
    const requested = ws.requested[0];
    if (!requested) throw new UsageError(said('cli.cannot-load', { file }));
    // KPIs with a name of their own (`kpi Growth: …`): the ones a `solved for` tag can refer to.
    const named = new Set(
        ws.plans.flatMap((p) =>
            AstUtils.streamAst(p.document.parseResult.value)
                .filter(A.isKpi)
                .map((k) => k.name)
                .filter((n): n is string => !!n)
                .toArray(),
        ),
    );
    return { plan: lowerPlan(ws.services, requested.document), path: requested.path, doc: requested.document, named };
}

const num = planNumberText;

const pct = (p: number) => `${(p * 100).toFixed(1)}%`;
const money = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatSolve(r: SolveResult, kpis: string[], probability: number, budget: number | undefined, plan: Plan, lang: Lang): string {
    const lines: string[] = [];
    const names = r.levers.map((l) => `${l.target}.${l.property}`);
    const kpiText = kpis.map((k, i) => `${k} ${pct(r.best.probabilities[i] ?? 0)}`).join(t('solve.separator', {}, lang));
    const within = budget !== undefined;
    if (r.reached) lines.push(t('solve.reached', { probability: pct(probability) }, lang));
    else lines.push(t(within ? 'solve.unreached-budget' : 'solve.unreached', { probability: pct(probability) }, lang));
    r.levers.forEach((l, i) => {
        const now = currentValue(plan, l);
        lines.push(`  ${names[i]} = ${num(r.best.values[i])}${now !== undefined ? t('solve.plan-value', { value: num(now) }, lang) : ''}`);
    });
    lines.push(t('solve.p-met', { kpis: kpiText }, lang));
    const cost = { cost: money.format(r.best.cost), currency: plan.currency };
    lines.push(within ? t('solve.cost-budget', { ...cost, budget: money.format(budget) }, lang) : t('solve.cost', cost, lang));
    // Asked without --budget, the answer may cost more than the plan allows: said, not silently passed.
    if (!within && plan.budget !== undefined && r.best.cost > plan.budget)
        lines.push(t('solve.over-plan-budget', { budget: money.format(plan.budget), currency: plan.currency }, lang));
    if (r.direction) lines.push(t(r.direction === 'more' ? 'solve.direction-more' : 'solve.direction-less', {}, lang));
    if (r.singles) {
        lines.push(t('solve.singles', {}, lang));
        r.singles.forEach((s, i) =>
            lines.push(`  ${names[i]} = ${num(s.best.values[0])} · ${pct(Math.min(...s.best.probabilities))} · ${money.format(s.best.cost)} ${plan.currency}`),
        );
    }
    if (r.marginal) {
        lines.push(t('solve.marginal', {}, lang));
        for (const m of r.marginal)
            lines.push(
                `  ${m.lever}: ${m.probability >= 0 ? '+' : ''}${(m.probability * 100).toFixed(2)} pp · ${m.cost >= 0 ? '+' : ''}${money.format(m.cost)} ${plan.currency}`,
            );
    }
    lines.push(t('solve.evaluations', { count: r.evaluations }, lang));
    return lines.join('\n') + '\n';
}

function toJson(r: SolveResult, kpis: string[], probability: number, budget: number | undefined) {
    return {
        format_version: '1.0',
        kpis,
        probability,
        budget: budget ?? null,
        reached: r.reached,
        levers: r.levers.map((l, i) => ({ lever: `${l.target}.${l.property}`, min: l.min, max: l.max, value: r.best.values[i] })),
        probabilities: Object.fromEntries(kpis.map((k, i) => [k, r.best.probabilities[i]])),
        cost: r.best.cost,
        direction: r.direction ?? null,
        singles:
            r.singles?.map((s) => ({
                lever: `${s.levers[0].target}.${s.levers[0].property}`,
                value: s.best.values[0],
                probabilities: s.best.probabilities,
                cost: s.best.cost,
            })) ?? null,
        marginal: r.marginal ?? null,
        evaluations: r.evaluations,
    };
}

/**
 * Appends the answer as a scenario (the text is built by language/solve-scenario.ts, which the
 * editor's solve uses too). Written to a temporary file and renamed, so an interrupted write leaves
 * the plan as it was.
 */
export function writeScenario(path: string, doc: LangiumDocument, plan: Plan, name: string, r: SolveResult, solved?: SolvedFor): void {
    const text = readFileSync(path, 'utf8');
    let block: string;
    try {
        block = solvedScenarioBlock(doc, plan, name, r, solved);
    } catch (error) {
        if (error instanceof ScenarioTextError) throw new UsageError(error.message);
        throw error;
    }
    const tmp = `${path}.solve-${process.pid}.tmp`;
    writeFileSync(tmp, withSolvedScenario(text, block));
    renameSync(tmp, path);
}

export { solvedText };
