// Which diagnostics a code-action request is about. Normally the ones the client sends in
// context.diagnostics; but a client may send them with ranges in other units (Neovim 0.7 counts
// bytes, not UTF-16 units, after Chinese text) or send none at all. Each sent diagnostic is matched to
// the one the server published (same code and message, same line) and that one is used; when nothing
// matches, the published diagnostics on the request's lines are answered for. Lines are the same in
// every unit, so the fallback is exact where columns are not.
import type { LangiumDocument, LangiumCoreServices } from 'langium';
import type { CodeActionParams, Diagnostic } from 'vscode-languageserver';

export async function diagnosticsForRequest(services: LangiumCoreServices, document: LangiumDocument, params: CodeActionParams): Promise<Diagnostic[]> {
    // A workspace file the editor never opened has not been validated: validate it now (read only).
    const published = document.diagnostics ?? (await services.validation.DocumentValidator.validateDocument(document));
    const codeOf = (d: Diagnostic) => (d.data as { code?: string } | undefined)?.code ?? d.code;
    const matched: Diagnostic[] = [];
    for (const sent of params.context.diagnostics) {
        const same = published.filter((p) => codeOf(p) === codeOf(sent) && p.message === sent.message && p.range.start.line === sent.range.start.line);
        const exact = same.find((p) => p.range.start.character === sent.range.start.character && p.range.end.character === sent.range.end.character);
        const found = exact ?? same[0];
        if (found && !matched.includes(found)) matched.push(found);
    }
    if (matched.length > 0) return matched;
    // Nothing sent matched (or nothing was sent): every published diagnostic on the requested lines.
    const first = params.range.start.line;
    const last = params.range.end.line;
    const onLines = published.filter((p) => p.range.start.line <= last && p.range.end.line >= first);
    return onLines.length > 0 ? onLines : params.context.diagnostics;
}
