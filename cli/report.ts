// Printing diagnostics: `path:line:col - error code: message` lines and a summary, or stable JSON.
import { t, type PlainMessageKey } from '../engine/messages.js';
import pc from 'picocolors';
import type { Diagnostic } from 'vscode-languageserver-types';
import { docsUrl, type DiagnosticCode, type Lang } from '../engine/diagnostics.js';
import { compareText } from '../engine/text.js';
import type { LoadedPlan } from './workspace.js';

// A string like the other machine-readable outputs (simulate, schedule.json): "major.minor".
export const CHECK_FORMAT_VERSION = '1.0';

export type SeverityWord = 'error' | 'warning' | 'info';

export interface FlatDiagnostic {
    path: string;
    line: number;
    column: number;
    endLine: number;
    endColumn: number;
    severity: SeverityWord;
    code: string;
    message: string;
    docs?: string;
}

export function severityWord(d: Diagnostic): SeverityWord {
    return d.severity === 1 ? 'error' : d.severity === 2 ? 'warning' : 'info';
}

/** Diagnostics of all loaded plans, 1-based positions, sorted by file then position. */
export function flatten(plans: LoadedPlan[]): FlatDiagnostic[] {
    const out: FlatDiagnostic[] = [];
    for (const plan of plans) {
        for (const d of plan.diagnostics) {
            const code = String(d.code ?? 'syntax-error');
            out.push({
                path: plan.shown,
                line: d.range.start.line + 1,
                column: d.range.start.character + 1,
                endLine: d.range.end.line + 1,
                endColumn: d.range.end.character + 1,
                severity: severityWord(d),
                code,
                message: typeof d.message === 'string' ? d.message : d.message.value,
                docs: d.codeDescription?.href ?? docsUrl(code as DiagnosticCode),
            });
        }
    }
    return out.sort((a, b) => compareText(a.path, b.path) || a.line - b.line || a.column - b.column || compareText(a.code, b.code));
}

export interface Summary {
    errors: number;
    warnings: number;
    infos: number;
    files: number;
}

export function summarize(diags: FlatDiagnostic[], files: number): Summary {
    return {
        errors: diags.filter((d) => d.severity === 'error').length,
        warnings: diags.filter((d) => d.severity === 'warning').length,
        infos: diags.filter((d) => d.severity === 'info').length,
        files,
    };
}

/** "1 error", "2 errors", "2 个错误". */
function counted(n: number, one: PlainMessageKey, many: PlainMessageKey, lang: Lang): string {
    return `${n} ${t(n === 1 ? one : many, {}, lang)}`;
}

export function summaryLine(s: Summary, lang: Lang): string {
    const errors = counted(s.errors, 'check.error', 'check.errors', lang);
    return t(
        'check.summary',
        { errors, warnings: counted(s.warnings, 'check.warning', 'check.warnings', lang), files: counted(s.files, 'check.file', 'check.files', lang) },
        lang,
    );
}

/** Colours only when writing to a terminal and NO_COLOR is not set. */
export function colorsFor(stream: NodeJS.WriteStream, env = process.env) {
    return pc.createColors(Boolean(stream.isTTY) && !('NO_COLOR' in env) && env.TERM !== 'dumb');
}

/**
 * User text printed on one line: line breaks (CR, LF, and the Unicode line and paragraph separators)
 * become spaces. A string value may hold real line breaks ("Asia/X\n::error::…"); printed as is, a
 * message could start a new line that CI runners read as a workflow command. Every line the CLI
 * prints with user text in it goes through here.
 */
export function oneLine(text: string): string {
    return terminalSafe(text.replace(/[\r\n\v\f\u0085\u2028\u2029]+/g, ' '));
}

/**
 * User text without C0 and C1 control characters (TAB becomes a space): ESC and CSI start terminal
 * escape sequences (screen clears, fake colours, OSC 8 links, OSC 52 clipboard writes), so none may
 * reach a terminal from a plan. Line breaks are handled by oneLine().
 */
export function terminalSafe(text: string): string {
    return text.replace(/\t/g, ' ').replace(/[\u0000-\u0008\u000E-\u001F\u007F-\u0084\u0086-\u009F]/g, '');
}

export function formatText(diags: FlatDiagnostic[], summary: Summary, lang: Lang, colors = pc.createColors(false)): string {
    const paint = { error: colors.red, warning: colors.yellow, info: colors.blue };
    const lines = diags.map(
        (d) =>
            `${colors.cyan(oneLine(d.path))}:${colors.yellow(String(d.line))}:${colors.yellow(String(d.column))} - ${paint[d.severity](d.severity)} ${colors.gray(d.code)}: ${oneLine(d.message)}`,
    );
    lines.push((lines.length ? '\n' : '') + (summary.errors ? colors.red : summary.warnings ? colors.yellow : colors.green)(summaryLine(summary, lang)));
    return lines.join('\n') + '\n';
}

export function formatJson(diags: FlatDiagnostic[], summary: Summary, files: string[]): string {
    return JSON.stringify({ format_version: CHECK_FORMAT_VERSION, files, diagnostics: diags, summary }, null, 2) + '\n';
}
