// `community check`: validate plans and print diagnostics; exit 1 on errors. --min-severity hides
// less severe diagnostics from the listing (every format); the summary still counts them all.
import { Option, type Command } from 'commander';
import { expandInputs } from '../files.js';
import { colorsFor, flatten, formatJson, formatText, summarize, type FlatDiagnostic, type SeverityWord } from '../report.js';
import { loadPlans } from '../workspace.js';
import { langOption, resolveLang, rootOption, type CommonOptions } from '../options.js';

export const CHECK_FORMATS = ['text', 'json'] as const;

export interface CheckFormatter {
    (result: { diags: ReturnType<typeof flatten>; summary: ReturnType<typeof summarize>; files: string[] }): string;
}

/** Extra output formats (sarif, github…) register here. */
export const extraCheckFormats = new Map<string, CheckFormatter>();

export const SEVERITIES = ['error', 'warning', 'info'] as const;

interface CheckOptions extends CommonOptions {
    format: string;
    minSeverity: SeverityWord;
}

/** The diagnostics at least as severe as `min` (error > warning > info). */
export function atLeast(diags: FlatDiagnostic[], min: SeverityWord): FlatDiagnostic[] {
    const rank = (s: SeverityWord) => SEVERITIES.indexOf(s);
    return diags.filter((d) => rank(d.severity) <= rank(min));
}

export function registerCheck(program: Command): void {
    program
        .command('check')
        .description('check plans for errors and warnings')
        .argument('<plans...>', '.community files, folders or globs')
        .addOption(new Option('--format <format>', 'output format').choices([...CHECK_FORMATS, ...extraCheckFormats.keys()]).default('text'))
        .addOption(
            new Option('--min-severity <level>', 'list only diagnostics at least this severe (the summary counts all)')
                .choices([...SEVERITIES])
                .default('info'),
        )
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (inputs: string[], options: CheckOptions) => {
            const lang = resolveLang(options.lang);
            const files = expandInputs(inputs);
            const ws = await loadPlans(files, { lang, root: options.root });
            const all = flatten(ws.plans);
            const summary = summarize(all, ws.plans.length);
            const diags = atLeast(all, options.minSeverity);
            const shown = ws.plans.map((p) => p.shown);
            const extra = extraCheckFormats.get(options.format);
            if (extra) process.stdout.write(extra({ diags, summary, files: shown }));
            else if (options.format === 'json') process.stdout.write(formatJson(diags, summary, shown));
            else process.stdout.write(formatText(diags, summary, lang, colorsFor(process.stdout)));
            process.exitCode = summary.errors > 0 ? 1 : 0;
        });
}
