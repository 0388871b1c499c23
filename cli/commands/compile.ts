// `community compile`: schedules (.ics, CSV, JSON, xlsx), the SOP sheet and reports (HTML, Markdown,
// PDF through the machine's Chromium) for CI. One folder
// per plan under --out; a summary line per plan; byte-identical output for the same inputs and seed;
// all-or-nothing writes (each plan is written into a temp folder beside its target, then renamed
// into place); a plan with errors writes nothing and makes the exit code 1; an unwritable --out is a
// usage error (exit 2).
import { randomBytes } from 'node:crypto';
import { readdirSync, rmdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import type { LangiumDocument } from 'langium';
import type { Lang } from '../../engine/diagnostics.js';
import { t } from '../../engine/messages.js';
import type { Plan, SourceRef } from '../../engine/model.js';
import { fileSafe } from '../../engine/ics.js';
import type { ReportCheck } from '../../engine/report/common.js';
import { totalRuns } from '../../engine/jobs.js';
import { runWork } from '../../runtime/run.js';
import { listenForCtrlC, withEngine } from '../engine-run.js';
import { compilePlan, COMPILE_FORMATS, DEFAULT_FORMATS, needsForecast, type CompileFormat, type OutputFile } from '../../engine/report/outputs.js';
import { scenarioNames } from '../../engine/scenario.js';
import { lightOf } from '../../engine/view/kpi.js';
import * as A from '../../language/generated/ast.js';
import { lowerPlan, planDocuments } from '../../language/lower.js';
import { estimateForecastMemory, forecastMemoryBudgetMb, forecastTooLarge } from '../../engine/forecast-memory.js';
import { observedActuals } from '../../language/actuals/observed.js';
import { namesSaid, said, UsageError, whyNotWritten } from '../errors.js';
import { PdfPrinter } from '../pdf.js';
import { progressBar } from '../progress.js';
import { discardStaged, stageOutputFolder, switchOutputs, writeOutputFolder, type StagedOutput } from '../output-folder.js';
import { expandInputs, makeDirs } from '../files.js';
import { langOption, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { colorsFor, flatten, formatText, oneLine, summarize } from '../report.js';
import { loadPlans, type LoadedPlan, type LoadedWorkspace } from '../workspace.js';

export const DEFAULT_COMPILE_RUNS = 1000;
export const DEFAULT_COMPILE_SEED = 42;

export interface CompileCliOptions extends CommonOptions {
    out: string;
    runs: number;
    seed: number;
    scenario?: string;
    fromStart?: boolean;
    formats: CompileFormat[];
    now?: Date;
    bom?: boolean;
    /** false with --no-progress (absent when called from code: a bar on a terminal). */
    progress?: boolean;
}

export function parseSeed(value: string): number {
    if (!/^-?\d+$/.test(value.trim()) || !Number.isSafeInteger(Number(value))) throw new UsageError(said('cli.seed', { value }));
    return Number(value);
}

export function parseFormats(value: string): CompileFormat[] {
    const list = value
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
    if (list.length === 0) throw new UsageError(said('cli.formats-empty', { formats: COMPILE_FORMATS.join(', ') }));
    for (const f of list)
        if (!(COMPILE_FORMATS as readonly string[]).includes(f))
            throw new UsageError(said('cli.formats-unknown', { format: f, formats: COMPILE_FORMATS.join(', ') }));
    return COMPILE_FORMATS.filter((f) => list.includes(f));
}

export function parseNow(value: string): Date {
    const d = new Date(value);
    if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(d.getTime())) throw new UsageError(said('cli.now', { value }));
    return d;
}

/** A plan file the user named, lowered when it and its imports are free of errors. */
export interface PreparedPlan {
    loaded: LoadedPlan;
    /** Diagnostics of the plan and everything it imports. */
    members: LoadedPlan[];
    errors: number;
    plan: Plan | null;
}

function ownsPlanBlock(doc: LangiumDocument): boolean {
    return (doc.parseResult.value as A.Model).elements?.some(A.isPlan) ?? false;
}

/** Loads, validates and lowers the named files; files without a plan block (libraries) are left out. */
export async function preparePlans(
    files: string[],
    lang: Lang,
    root?: string,
    cwd?: string,
): Promise<{ ws: LoadedWorkspace; prepared: PreparedPlan[]; libraries: LoadedPlan[] }> {
    const ws = await loadPlans(files, { lang, root, cwd });
    const byUri = new Map(ws.plans.map((p) => [p.document.uri.toString(), p]));
    const prepared: PreparedPlan[] = [];
    const libraries: LoadedPlan[] = [];
    for (const loaded of ws.requested) {
        const hasErrors = loaded.diagnostics.some((d) => d.severity === 1);
        if (!ownsPlanBlock(loaded.document) && !hasErrors) {
            libraries.push(loaded);
            continue;
        }
        const members = ownsPlanBlock(loaded.document)
            ? planDocuments(ws.services, loaded.document)
                  .map((d) => byUri.get(d.uri.toString()))
                  .filter((p): p is LoadedPlan => p !== undefined)
            : [loaded];
        const errors = members.reduce((n, m) => n + m.diagnostics.filter((d) => d.severity === 1).length, 0);
        let plan: Plan | null = null;
        if (errors === 0) plan = lowerPlan(ws.services, loaded.document);
        prepared.push({ loaded, members, errors, plan });
    }
    return { ws, prepared, libraries };
}

/** Shows a source location relative to the plan file's folder, with forward slashes: stable across machines. */
export function relativeSource(planPath: string): (ref: SourceRef) => string {
    const base = dirname(planPath);
    return (ref) => {
        let file = ref.uri;
        try {
            if (file.startsWith('file:')) file = fileURLToPath(file);
        } catch {
            // keep the URI
        }
        return `${relative(base, file).split(sep).join('/')}:${ref.line + 1}`;
    };
}

/**
 * Folder names for the plans: the file name without .community, with the parent folder's name
 * when two plans share a file name, made safe (engine/ics.ts fileSafe: no reserved characters or
 * Windows device names, bounded length). Names are unique ignoring case (macOS and Windows file
 * systems are case-insensitive): a later plan whose name is taken gets "-2", "-3"… in input order,
 * which expandInputs makes sorted, so the same inputs always get the same folders.
 */
export function folderNames(paths: string[]): string[] {
    const stem = (p: string) => basename(p).replace(/\.community$/i, '');
    const counts = new Map<string, number>();
    for (const p of paths) counts.set(stem(p).toLowerCase(), (counts.get(stem(p).toLowerCase()) ?? 0) + 1);
    const wanted = paths.map((p) => (counts.get(stem(p).toLowerCase()) === 1 ? safeName(stem(p)) : safeName(`${basename(dirname(p))}-${stem(p)}`)));
    // The first plan (in input order) wanting a name keeps it; suffixed names avoid every wanted name.
    const taken = new Set<string>();
    const result: string[] = [];
    for (const name of wanted) {
        let chosen = name;
        for (let n = 2; taken.has(chosen.toLowerCase()) || (chosen !== name && wanted.some((w) => w.toLowerCase() === chosen.toLowerCase())); n++) {
            chosen = `${name}-${n}`;
        }
        taken.add(chosen.toLowerCase());
        result.push(chosen);
    }
    return result;
}

function safeName(s: string): string {
    return fileSafe(s, 'plan');
}

/** The checker's warnings and infos for a plan and the files it imports, for the reports; paths relative to the plan's folder. */
export function reportChecks(p: PreparedPlan): ReportCheck[] {
    const base = dirname(p.loaded.path);
    const shown = p.members.map((m) => ({ ...m, shown: relative(base, m.path).split(sep).join('/') }));
    return flatten(shown)
        .filter((d): d is typeof d & { severity: 'warning' | 'info' } => d.severity !== 'error')
        .map((d) => ({ severity: d.severity, code: d.code, file: d.path, line: d.line, message: d.message }));
}

// ---- all-or-nothing writes -------------------------------------------------------------------

/** Makes sure --out exists and can be written, or throws a usage error with one line; the folders it made, outermost first. */
export function ensureOutDir(out: string): string[] {
    let created: string[];
    try {
        created = makeDirs(out);
    } catch (e) {
        const why = oneLine((e as Error).message);
        throw new UsageError(said('cli.cannot-write-out', { folder: oneLine(out), why }, { why: whyNotWritten((e as NodeJS.ErrnoException).code, why).zh }));
    }
    try {
        if (!statSync(out).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
        const probe = join(out, `.community-write-test-${process.pid}-${randomBytes(4).toString('hex')}`);
        writeFileSync(probe, '');
        rmSync(probe, { force: true });
    } catch (e) {
        const why = whyNotWritten((e as NodeJS.ErrnoException).code, (e as Error).message);
        throw new UsageError(said('cli.cannot-write-out', { folder: out, why: why.en }, { why: why.zh }));
    }
    return created;
}

/** Removes the folders this run made, innermost first, as long as they are empty. */
function removeIfEmpty(created: readonly string[]): void {
    for (const dir of [...created].reverse()) {
        try {
            if (readdirSync(dir).length > 0) return;
            rmdirSync(dir);
        } catch {
            return;
        }
    }
}

/**
 * Writes the files into `target` atomically (cli/output-folder.ts: never replaces a folder that is
 * not a previous output, cleans stale temp folders); warnings go to stderr, the write still succeeds.
 */
export function writeFolderAtomically(target: string, files: OutputFile[]): void {
    for (const warning of writeOutputFolder(target, files)) process.stderr.write(`${warning}\n`);
}

// ---- the command -------------------------------------------------------------------------------

function summaryText(lang: Lang, shown: string, folder: string, files: number, events: number, kpis: { met: number; total: number } | null): string {
    shown = oneLine(shown);
    folder = oneLine(folder);
    const kpiText = kpis ? t('compile.kpis-met', { met: kpis.met, total: kpis.total }, lang) : '';
    return t('compile.summary', { shown, folder, files, events, kpis: kpiText }, lang);
}

export async function runCompile(inputs: string[], options: CompileCliOptions): Promise<number> {
    listenForCtrlC();
    const lang = resolveLang(options.lang);
    const files = expandInputs(inputs);
    const out = resolve(options.out);
    const { ws, prepared } = await preparePlans(files, lang, options.root);
    if (prepared.length === 0) throw new UsageError(said('cli.no-plan-block', {}));

    if (options.scenario !== undefined) {
        for (const p of prepared) {
            if (p.plan && !scenarioNames(p.plan).includes(options.scenario)) {
                const known = scenarioNames(p.plan);
                const names = namesSaid(known);
                const knownSaid = known.length ? said('cli.plan-scenarios', { names: names.en }, { names: names.zh }) : { en: '', zh: '' };
                throw new UsageError(
                    said('cli.plan-lacks-scenario', { plan: p.loaded.shown, name: options.scenario, known: knownSaid.en }, { known: knownSaid.zh }),
                );
            }
        }
    }
    // Folders --out needed that this run made: taken away again if the run ends with none of its
    // plans written (every plan had errors, Ctrl-C, a failed write), so nothing is left behind.
    const created = ensureOutDir(out);
    try {
        const names = folderNames(prepared.map((p) => p.loaded.path));
        const colors = colorsFor(process.stderr);
        let failed = 0;
        const printer = options.formats.includes('pdf') ? new PdfPrinter() : null;
        if (printer?.unavailable) process.stderr.write(`${t('compile.pdf-skipped', { why: printer.unavailable }, lang)}\n`);
        let pdfProblem = false;
        // A forecast of many runs takes seconds per plan (compile forecasts every scenario and the
        // sensitivity tornado): the bar shows each plan's forecast as it runs, on a terminal only.
        const progress = options.progress === false ? undefined : progressBar('forecasting', { runs: true, lang });
        // Large forecasts run on the worker pool; Ctrl-C stops between blocks, before a folder is written.
        await withEngine(progress, async (engine) => {
            // Every plan's folder is staged first and all are switched in together at the end, so the
            // folders of one run never mix with a previous run's; the summary lines follow the switch.
            const staged: StagedOutput[] = [];
            const lines: string[] = [];
            try {
                for (let i = 0; i < prepared.length; i++) {
                    const p = prepared[i];
                    if (!p.plan) {
                        failed++;
                        const diags = flatten(p.members).filter((d) => d.severity === 'error');
                        process.stderr.write(formatText(diags, summarize(diags, p.members.length), lang, colors));
                        const shown = oneLine(p.loaded.shown);
                        lines.push(t(p.errors === 1 ? 'compile.failed.one' : 'compile.failed.other', { shown, errors: p.errors }, lang));
                        continue;
                    }
                    // Memory first: a forecast over the budget is a coded error for this plan, and nothing is written.
                    const tooLarge = forecastTooLarge(estimateForecastMemory(p.plan, { runs: options.runs }), forecastMemoryBudgetMb(process.env), lang);
                    if (tooLarge) {
                        failed++;
                        const shown = oneLine(p.loaded.shown);
                        process.stderr.write(`${shown}: error forecast-memory: ${tooLarge}\n`);
                        lines.push(t('compile.failed.one', { shown, errors: 1 }, lang));
                        continue;
                    }
                    // The plan's actuals are laid over the report's charts (a file the checker passed).
                    const observed = needsForecast(options.formats) ? await observedActuals(p.plan) : undefined;
                    for (const why of observed?.skipped ?? []) process.stderr.write(`${t('compile.actuals-not-drawn', { why: oneLine(why) }, lang)}\n`);
                    const compiled = await compilePlan(p.plan, {
                        observed: observed?.byCommunity,
                        fromStart: options.fromStart,
                        formats: options.formats,
                        runs: options.runs,
                        seed: options.seed,
                        scenario: options.scenario ?? null,
                        lang,
                        now: options.now,
                        bom: options.bom,
                        source: relativeSource(p.loaded.path),
                        checks: reportChecks(p),
                        runForecast: (work) => {
                            const total = totalRuns(work.jobs);
                            return runWork(
                                work,
                                engine.options((done) => progress?.update(done, total)),
                            );
                        },
                    });
                    // Cleared before the next plan's forecast or the summary lines.
                    progress?.stop();
                    const target = join(out, names[i]);
                    if (printer && !printer.unavailable && !pdfProblem && compiled.pdfSource !== null) {
                        try {
                            compiled.files.push({ name: 'report.pdf', content: await printer.print(compiled.pdfSource) });
                        } catch (e) {
                            pdfProblem = true;
                            const why = oneLine((e as Error).message.split('\n')[0]);
                            process.stderr.write(`${t('compile.pdf-skipped', { why }, lang)}\n`);
                        }
                    }
                    try {
                        staged.push(stageOutputFolder(target, compiled.files));
                    } catch (e) {
                        if (e instanceof UsageError && staged.length > 0)
                            throw new UsageError(
                                said('cli.nothing-written', { why: e.message.replace(/\.$/, '') }, { why: e.inLang('zh-CN').replace(/[。.]$/, '') }),
                            );
                        throw e;
                    }
                    const kpis = compiled.forecast ? compiled.forecast.forecasts[0].communities.flatMap((c) => c.kpis) : null;
                    lines.push(
                        summaryText(
                            lang,
                            p.loaded.shown,
                            showOut(target),
                            compiled.files.length,
                            compiled.schedule.occurrences.length,
                            kpis ? { met: kpis.filter((k) => lightOf(k.probability) === 'green').length, total: kpis.length } : null,
                        ),
                    );
                }
                const warnings = switchOutputs(staged.splice(0));
                process.stdout.write(lines.map((l) => `${l}\n`).join(''));
                for (const warning of warnings) process.stderr.write(`${warning}\n`);
            } finally {
                discardStaged(staged);
                await printer?.close();
            }
        });
        void ws;
        return failed > 0 ? 1 : 0;
    } finally {
        removeIfEmpty(created);
    }
}

function showOut(path: string): string {
    const rel = relative(process.cwd(), path);
    return (rel && !rel.startsWith('..') ? rel : path) + '/';
}

export function registerCompile(program: Command): void {
    program
        .command('compile')
        .description('compile plans into calendars (.ics), schedules (CSV, JSON, xlsx), the SOP sheet and reports (HTML, Markdown, PDF)')
        .argument('<plans...>', '.community files, folders or globs')
        .requiredOption('--out <dir>', 'output folder (one sub-folder per plan)')
        .addOption(new Option('--runs <n>', 'Monte Carlo runs of the forecast').argParser(parseRuns).default(DEFAULT_COMPILE_RUNS))
        .addOption(new Option('--seed <n>', 'random seed').argParser(parseSeed).default(DEFAULT_COMPILE_SEED))
        .option('--scenario <name>', 'forecast this scenario instead of the plan as written')
        .option('--from-start', "forecast from the plan's start even when the plan has actuals (default: from the last observed week)")
        .addOption(
            new Option('--formats <list>', `comma-separated: ${COMPILE_FORMATS.join(',')}`)
                .argParser(parseFormats)
                .default([...DEFAULT_FORMATS], DEFAULT_FORMATS.join(',')),
        )
        .addOption(new Option('--now <iso>', 'DTSTAMP of the calendars (default: fixed from the plan, so output is reproducible)').argParser(parseNow))
        .option('--bom', 'start the CSV with a UTF-8 byte-order mark (for Excel)')
        .option('--no-progress', 'never show a progress bar')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (inputs: string[], options: CompileCliOptions) => {
            process.exitCode = await runCompile(inputs, options);
        });
}
