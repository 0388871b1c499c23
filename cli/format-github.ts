// `community check --format github`: GitHub Actions workflow commands that annotate the pull
// request (::error file=…,line=…::message). GitHub shows at most 10 annotations of each type per
// step, so the first 10 of each are emitted and every diagnostic is listed in the step summary
// ($GITHUB_STEP_SUMMARY) when it is set. `check` exits 1 when there are errors.
import { appendFileSync } from 'node:fs';
import { extraCheckFormats, type CheckFormatter } from './commands/check.js';
import type { FlatDiagnostic } from './report.js';
import { oneLine, summaryLine, terminalSafe } from './report.js';

export const ANNOTATIONS_PER_TYPE = 10;

type Command = 'error' | 'warning' | 'notice';

/** Escapes the message of a workflow command. */
export function escapeData(text: string): string {
    return terminalSafe(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a property value of a workflow command (also ':' and ','). */
export function escapeProperty(text: string): string {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function commandOf(d: FlatDiagnostic): Command {
    return d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
}

export function annotation(d: FlatDiagnostic): string {
    const props = [
        `file=${escapeProperty(d.path.replace(/\\/g, '/'))}`,
        `line=${d.line}`,
        `col=${d.column}`,
        `endLine=${d.endLine}`,
        `endColumn=${d.endColumn}`,
        `title=${escapeProperty(`community ${d.code}`)}`,
    ];
    return `::${commandOf(d)} ${props.join(',')}::${escapeData(d.message)}`;
}

/**
 * User text in a Markdown table cell: one line, no controls, HTML special characters as entities,
 * and Markdown's own punctuation backslash-escaped so quoted text cannot make a link, an image
 * (`![x](https://…)` would load a remote image in the summary) or emphasis.
 */
export function cell(text: string): string {
    return oneLine(text)
        .replace(/[\\`*_[\]()!#~]/g, (c) => `\\${c}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/\|/g, '\\|');
}

/** Markdown for the step summary: every diagnostic, marking those not shown as annotations. */
export function stepSummary(diags: FlatDiagnostic[], shown: Set<FlatDiagnostic>, headline: string): string {
    const lines = ['### community check', '', cell(headline), ''];
    if (diags.length > 0) {
        lines.push('| Severity | Location | Code | Message | Annotated |', '| --- | --- | --- | --- | --- |');
        for (const d of diags)
            lines.push(
                `| ${d.severity} | ${cell(`${d.path}:${d.line}:${d.column}`)} | ${cell(d.code)} | ${cell(d.message)} | ${shown.has(d) ? 'yes' : 'no'} |`,
            );
        lines.push('');
    }
    return lines.join('\n') + '\n';
}

export function formatGithubWith(env: Record<string, string | undefined>): CheckFormatter {
    return ({ diags, summary }) => {
        const counts: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
        const out: string[] = [];
        const shown = new Set<FlatDiagnostic>();
        for (const d of diags) {
            const c = commandOf(d);
            if (counts[c]++ < ANNOTATIONS_PER_TYPE) {
                out.push(annotation(d));
                shown.add(d);
            }
        }
        const hidden = diags.length - shown.size;
        const headline = summaryLine(summary, 'en');
        if (hidden > 0) {
            out.push(
                env.GITHUB_STEP_SUMMARY
                    ? `${hidden} more diagnostic${hidden === 1 ? '' : 's'} (GitHub shows ${ANNOTATIONS_PER_TYPE} annotations per type): listed in the step summary.`
                    : `${hidden} more diagnostic${hidden === 1 ? '' : 's'} not annotated (GitHub shows ${ANNOTATIONS_PER_TYPE} per type); run community check for the full list.`,
            );
        }
        if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, stepSummary(diags, shown, headline));
        out.push(headline);
        return out.join('\n') + '\n';
    };
}

export const formatGithub: CheckFormatter = (result) => formatGithubWith(process.env)(result);

extraCheckFormats.set('github', formatGithub);
