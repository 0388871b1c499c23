// One way to raise a diagnostic: by code from the shared table, in the configured language,
// with a docs link, so the server, the CLI and quick fixes all see the same code and data.
import type { AstNode, Properties, ValidationAcceptor } from 'langium';
import type { Range } from 'vscode-languageserver-types';
import { diagnostics, docsUrl, formatMessage, type DiagnosticCode, type Lang, type Severity } from '../../engine/diagnostics.js';

export interface Where<N extends AstNode> {
    node: N;
    property?: Properties<N>;
    index?: number;
    range?: Range;
    /** Extra data for quick fixes. */
    data?: Record<string, unknown>;
}

export function report<N extends AstNode>(
    accept: ValidationAcceptor, lang: Lang, code: DiagnosticCode, args: Record<string, string | number>, where: Where<N>,
): void {
    const severity = diagnostics[code].severity as Severity;
    accept(severity === 'info' ? 'info' : severity, formatMessage(code, args, lang), {
        node: where.node,
        property: where.property,
        index: where.index,
        range: where.range,
        code,
        codeDescription: { href: docsUrl(code) },
        data: { code, args, ...where.data },
    });
}
