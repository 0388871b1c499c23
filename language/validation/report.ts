// One way to raise a diagnostic: by code from the shared table, in the configured language,
// with a docs link, so the server, the CLI and quick fixes all see the same code and data.
import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { diagnostics, docsUrl, formatStored, type DiagnosticArgs, type DiagnosticCode, type Lang, type Severity } from '../../engine/diagnostics.js';
import type { MessageValue } from '../../engine/messages.js';

export interface Where<N extends AstNode> {
    node: N;
    property?: Properties<N>;
    index?: number;
    range?: Range;
    /** Extra data for quick fixes. */
    data?: Record<string, unknown>;
}

/** Raises `code` with its typed parameters (a missing or misspelt one does not compile). */
export function report<N extends AstNode, C extends DiagnosticCode>(
    accept: ValidationAcceptor,
    lang: Lang,
    code: C,
    args: DiagnosticArgs<C>,
    where: Where<N>,
): void {
    reportStored(accept, lang, code, args, where);
}

/**
 * Raises a finding the engine computed with its arguments already stored (actuals files, limits),
 * whose shape the compiler no longer ties to its code.
 */
export function reportStored<N extends AstNode>(
    accept: ValidationAcceptor,
    lang: Lang,
    code: DiagnosticCode,
    args: Readonly<Record<string, MessageValue>>,
    where: Where<N>,
): void {
    const severity = diagnostics[code].severity as Severity;
    accept(severity === 'info' ? 'info' : severity, formatStored(code, args, lang), {
        node: where.node,
        property: where.property,
        index: where.index,
        range: where.range,
        code,
        codeDescription: { href: docsUrl(code) },
        data: { code, args, ...where.data },
    });
}
