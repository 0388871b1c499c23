// `community diff <old> <new>` or `community diff <plan> --base <git-ref>`: loads both sides, runs
// their schedules and forecasts with the same seed and prints the Markdown of cli/diff/ — the
// comparisons (schedule-changes.ts, forecast-changes.ts, ../plan-diff.ts), the rendering
// (render-markdown.ts) and the git base (git-base.ts) live there; this file is the command.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '../../engine/diagnostics.js';
import { t } from '../../engine/messages.js';
import type { Plan } from '../../engine/model.js';
import { forecastFor } from '../../engine/report/outputs.js';
import { expandPlan } from '../../engine/schedule.js';
import { materializeBase, removeMirror, yieldToSignals } from '../diff/git-base.js';
import { renderDiff } from '../diff/render-markdown.js';
import { PlanErrors, said, UsageError } from '../errors.js';
import { langOption, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { colorsFor, flatten, formatText, summarize } from '../report.js';
import { DEFAULT_COMPILE_RUNS, DEFAULT_COMPILE_SEED, parseSeed, preparePlans } from './compile.js';

interface DiffOptions extends CommonOptions {
    base?: string;
    runs: number;
    seed: number;
    scenario?: string;
}

async function loadOne(path: string, lang: Lang, root: string | undefined, label: string): Promise<Plan> {
    if (!existsSync(path)) throw new UsageError(said('cli.cannot-find', { input: label }));
    const { prepared } = await preparePlans([resolve(path)], lang, root);
    const p = prepared[0];
    if (!p) throw new UsageError(said('cli.diff-no-plan', { file: label }));
    if (!p.plan) {
        const diags = flatten(p.members).filter((d) => d.severity === 'error');
        process.stderr.write(formatText(diags, summarize(diags, p.members.length), lang, colorsFor(process.stderr)));
        throw new PlanErrors(said('cli.diff-errors', { file: label }));
    }
    return p.plan;
}

export async function runDiff(inputs: string[], options: DiffOptions): Promise<number> {
    const lang = resolveLang(options.lang);
    let oldPlan: Plan;
    let newPlan: Plan;
    let title: string;
    if (options.base !== undefined) {
        if (inputs.length !== 1) throw new UsageError(said('cli.diff-one-plan', {}));
        const current = inputs[0];
        if (!existsSync(current)) throw new UsageError(said('cli.cannot-find', { input: current }));
        const base = materializeBase(current, options.base);
        try {
            // Loading is synchronous work chained by promises; a signal handler runs only between
            // macrotasks, so give a Ctrl+C that arrived meanwhile its turn while the mirror exists.
            await yieldToSignals();
            oldPlan = await loadOne(base.plan, lang, base.root, `${options.base}:${current}`);
            await yieldToSignals();
        } finally {
            removeMirror(base.root);
        }
        newPlan = await loadOne(current, lang, options.root, current);
        title = `${current} (${options.base} → ${t('diff.working-tree', {}, lang)})`;
    } else {
        if (inputs.length !== 2) throw new UsageError(said('cli.diff-two-plans', {}));
        oldPlan = await loadOne(inputs[0], lang, options.root, inputs[0]);
        newPlan = await loadOne(inputs[1], lang, options.root, inputs[1]);
        title = `${inputs[0]} → ${inputs[1]}`;
    }
    const side = (plan: Plan) => {
        const scenario = options.scenario && plan.scenarios.some((s) => s.name === options.scenario) ? options.scenario : null;
        return { plan, schedule: expandPlan(plan), forecast: forecastFor(plan, { runs: options.runs, seed: options.seed, scenario, withSensitivity: false }) };
    };
    process.stdout.write(renderDiff(title, side(oldPlan), side(newPlan), lang));
    return 0;
}

export function registerDiff(program: Command): void {
    program
        .command('diff')
        .description('compare two versions of a plan: schedule changes and KPI forecasts, as Markdown')
        .argument('<plans...>', 'old.community new.community, or one plan with --base')
        .option('--base <git-ref>', 'compare the plan with its version at this git ref (e.g. origin/main)')
        .addOption(new Option('--runs <n>', 'Monte Carlo runs per side').argParser(parseRuns).default(DEFAULT_COMPILE_RUNS))
        .addOption(new Option('--seed <n>', 'random seed (the same for both sides)').argParser(parseSeed).default(DEFAULT_COMPILE_SEED))
        .option('--scenario <name>', 'compare this scenario (where a side has it)')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (inputs: string[], options: DiffOptions) => {
            process.exitCode = await runDiff(inputs, options);
        });
}
