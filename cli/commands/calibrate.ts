// `community calibrate`: fits the plan's uncertain quantities to the community's actuals (数据复盘)
// and prints, per quantity, the plan's value, the fitted P10/P50/P90 and a verdict; `--write` records
// the fits as `scenario Calibrated { … }` in the plan (atomically, idempotently); `--backtest K`
// scores a fit on all but the last K weeks against them. A thin view over engine/calibrate/.
import { existsSync, readFileSync, realpathSync, renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { loadActuals } from '../../language/actuals/load.js';
import { MAPPING_NAMES } from '../../engine/actuals/mappings.js';
import { Assumptions } from '../../engine/assumptions.js';
import { calibrateCommunity, calibratedScenario, withCalibratedScenario, type Calibration, type Verdict } from '../../engine/calibrate/calibrate.js';
import { compileCommunity } from '../../engine/compile.js';
import { formatMessage, formatStored, type DiagnosticArgs, type Lang } from '../../engine/diagnostics.js';
import { inLang, t } from '../../engine/messages.js';
import { isInside } from '../../language/imports.js';
import { lowerPlan } from '../../language/lower.js';
import { listenForCtrlC, withEngine } from '../engine-run.js';
import { namesSaid, PlanErrors, said, UsageError } from '../errors.js';
import { expandInputs } from '../files.js';
import { langOption, parseInteger, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { progressBar } from '../progress.js';
import { colorsFor, flatten, formatText, oneLine, summarize } from '../report.js';
import { displayWidth, padDisplay } from '../width.js';
import { loadPlans, showPath } from '../workspace.js';

interface CalibrateOptions extends CommonOptions {
    actuals?: string;
    mapping?: string;
    community?: string;
    format: 'table' | 'json';
    write?: boolean;
    backtest?: string;
    seed: string;
    progress: boolean;
}

const VERDICTS: Record<Verdict, { en: string; zh: string }> = {
    consistent: { en: 'consistent', zh: '一致' },
    'too-optimistic': { en: 'plan too optimistic', zh: '计划过于乐观' },
    'too-pessimistic': { en: 'plan too pessimistic', zh: '计划过于悲观' },
    'not-identified': { en: 'not identified (no data)', zh: '无法识别（无数据）' },
};

export function registerCalibrate(program: Command): void {
    program
        .command('calibrate')
        .description("fit the plan's uncertain numbers to observed weekly actuals (P10/P50/P90, verdicts); --write records them as a scenario")
        .argument('<plan>', 'the .community plan to calibrate')
        .option('--actuals <file>', 'CSV or XLSX of observed weeks or days (default: the plan\'s `actuals "…"`; docs/calibration.md)')
        .addOption(new Option('--mapping <name>', 'column mapping of a platform export (default: detected)').choices(['canonical', ...MAPPING_NAMES]))
        .option('--community <name>', 'community the actuals belong to (default: the first)')
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json']).default('table'))
        .option('--write', 'record the fitted values in the plan as scenario Calibrated (atomic; idempotent)')
        .option('--backtest <k>', 'fit on all but the last K observed weeks and score the forecast of them')
        .option('--seed <n>', 'random seed of the fit (same seed, same result)', '42')
        .option('--no-progress', 'never show a progress bar')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (input: string, options: CalibrateOptions) => {
            listenForCtrlC();
            const lang = resolveLang(options.lang);
            const seed = parseInteger(options.seed, '--seed', -2147483648, 2147483647);
            const k = options.backtest !== undefined ? parseInteger(options.backtest, '--backtest', 1, 520) : undefined;
            const files = expandInputs([input]);
            if (files.length !== 1) throw new UsageError(said('cli.one-plan', { command: 'calibrate', input, count: files.length }));
            const ws = await loadPlans([files[0]], { lang, root: options.root });
            const diags = flatten(ws.plans);
            const summary = summarize(diags, ws.plans.length);
            if (summary.errors > 0) {
                process.stderr.write(formatText(diags, summary, lang, colorsFor(process.stderr)));
                throw new PlanErrors(said('cli.errors-before-calibrating', { plan: ws.requested[0]?.shown ?? files[0] }));
            }
            const requested = ws.requested[0];
            if (!requested) throw new UsageError(said('cli.cannot-load', { file: files[0] }));
            const plan = lowerPlan(ws.services, requested.document);
            const community = options.community !== undefined ? plan.communities.find((c) => c.name === options.community) : plan.communities[0];
            if (!community) {
                const names = namesSaid(plan.communities.map((c) => c.name));
                throw new UsageError(
                    options.community !== undefined
                        ? said('cli.unknown-community', { name: options.community, names: names.en }, { names: names.zh })
                        : said('cli.no-community', {}),
                );
            }

            // The data file stays inside the workspace, like an import (the checker says the same of the plan's own).
            const named = options.actuals !== undefined ? resolve(options.actuals) : community.actuals?.fsPath;
            if (named === undefined) throw new UsageError(said('cli.no-actuals', { file: community.name.toLowerCase(), community: community.name }));
            const actualsPath = named;
            const shown = showPath(actualsPath);
            const roots = ws.services.community.Settings.roots;
            let real = actualsPath;
            try {
                real = realpathSync(actualsPath);
            } catch {
                // missing: reported below
            }
            if (existsSync(actualsPath) && roots.length > 0 && !roots.some((r) => isInside(r, real))) {
                failWith(lang, 'actuals-outside-workspace', { path: shown, root: roots[0] });
                return;
            }
            const loaded = await loadActuals(
                actualsPath,
                shown,
                plan,
                community,
                options.mapping ?? (options.actuals === undefined ? community.actuals?.mapping : undefined),
            );
            if (!loaded.actuals) {
                for (const f of loaded.findings) process.stderr.write(`${oneLine(`${shown} - error ${f.code}: ${formatStored(f.code, f.args, lang)}`)}\n`);
                process.exitCode = f0(loaded.findings.map((f) => f.code));
                return;
            }
            const compiled = compileCommunity(plan, community, new Assumptions(plan.assumptions));
            const progress = options.progress ? progressBar('calibrating', { delayMs: 0, lang }) : undefined;
            const actuals = loaded.actuals;
            // The fit runs in a worker, so this thread sees Ctrl-C; the worker stops between evaluations.
            const calibration: Calibration = await withEngine(progress, (engine) => {
                const pool = engine.pool(true);
                if (pool) return pool.calibrate(compiled, actuals, { seed, backtest: k, token: engine.token, onProgress: progress?.update });
                return Promise.resolve(calibrateCommunity(compiled, actuals, { seed, backtest: k, onProgress: progress?.update }));
            });
            if (options.format === 'json') process.stdout.write(JSON.stringify(toJson(calibration, loaded.actuals.mapping), null, 2) + '\n');
            else process.stdout.write(formatCalibration(calibration, plan.currency, lang, loaded.actuals.mapping));
            if (options.write) {
                const text = readFileSync(requested.path, 'utf8');
                const next = withCalibratedScenario(text, calibratedScenario([calibration], plan.currency));
                if (next !== text) {
                    const tmp = `${requested.path}.${process.pid}.tmp`;
                    writeFileSync(tmp, next);
                    renameSync(tmp, requested.path);
                }
                process.stderr.write(`${t('calibrate.recorded', { file: requested.shown }, lang)}\n`);
            }
            process.exitCode = 0;
        });
}

/** Missing and unreadable files are I/O problems (exit 2); a file with bad content is like a plan error (exit 1). */
function f0(codes: string[]): number {
    return codes.every((c) => c === 'actuals-missing' || c === 'actuals-unreadable') ? 2 : 1;
}

function failWith(lang: Lang, code: 'actuals-outside-workspace', args: DiagnosticArgs<'actuals-outside-workspace'>): void {
    process.stderr.write(`${oneLine(`community: error ${code}: ${formatMessage(code, args, lang)}`)}\n`);
    process.exitCode = 2;
}

function valueText(x: number, unit: string, currency: string): string {
    if (unit === 'share') return `${(x * 100).toFixed(x < 0.1 ? 2 : 1)}%`;
    if (unit === 'money') return `${x.toFixed(2)} ${currency}`;
    return x.toPrecision(3);
}

/** The readable table (en, zh-CN). */
export function formatCalibration(cal: Calibration, currency: string, lang: Lang, mapping: string): string {
    const head = [t('calibrate.head.quantity', {}, lang), t('calibrate.head.plan', {}, lang), 'P10', 'P50', 'P90', t('calibrate.head.verdict', {}, lang)];
    const rows = cal.quantities.map((q) => {
        const u = q.quantity.unit;
        const per = q.quantity.per ? t('calibrate.per', { period: q.quantity.per }, lang) : '';
        const f = q.fitted;
        let verdict = inLang(VERDICTS[q.verdict], lang);
        if (q.identification === 'weak') verdict += t('calibrate.weak', {}, lang);
        if (q.jointWith) verdict += t('calibrate.joint', { other: q.jointWith }, lang);
        return [
            lang === 'zh-CN' ? q.quantity.labelZh : q.quantity.label,
            valueText(q.plan.value, u, currency) + per,
            f ? valueText(f.p10, u, currency) : '–',
            f ? valueText(f.p50, u, currency) : '–',
            f ? valueText(f.p90, u, currency) : '–',
            verdict,
        ];
    });
    const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
    const line = (cells: string[]) =>
        cells
            .map((c, i) => padDisplay(c, widths[i]))
            .join('  ')
            .trimEnd();
    const out: string[] = [];
    out.push(t('calibrate.title', { community: cal.community, weeks: cal.weeks, mapping, ess: cal.ess.toFixed(0) }, lang));
    out.push(line(head));
    for (const r of rows) out.push(line(r));
    if (cal.quantities.length === 0) out.push(t('calibrate.nothing-to-fit', {}, lang));
    if (cal.unused.length > 0) out.push(t('calibrate.unused', { columns: cal.unused.join(', ') }, lang));
    if (cal.backtest) {
        const b = cal.backtest;
        out.push(
            t(
                'calibrate.backtest',
                { weeks: b.heldOut.length, coverage: (b.coverage * 100).toFixed(1), mape: (b.mape * 100).toFixed(1), points: b.bands.length },
                lang,
            ),
        );
    }
    return out.join('\n') + '\n';
}

function toJson(cal: Calibration, mapping: string) {
    return {
        format_version: '1.0',
        community: cal.community,
        mapping,
        weeks: cal.weeks,
        effective_sample: Number(cal.ess.toFixed(1)),
        quantities: cal.quantities.map((q) => ({
            id: q.quantity.id,
            label: q.quantity.label,
            unit: q.quantity.unit,
            per: q.quantity.per ?? null,
            plan: q.plan,
            fitted: q.fitted ?? null,
            identification: q.identification,
            joint_with: q.jointWith ?? null,
            verdict: q.verdict,
        })),
        unused_columns: cal.unused,
        backtest: cal.backtest
            ? {
                  held_out_weeks: cal.backtest.heldOut.map((w) => w + 1),
                  coverage: cal.backtest.coverage,
                  mape: cal.backtest.mape,
                  points: cal.backtest.bands.length,
              }
            : null,
    };
}
