// Langium builds two Chevrotain parsers when the server initializes: the document parser and the
// completion parser (the same grammar in "partial" mode), each a full grammar analysis. Only the
// first is needed for the first diagnostics, so the completion parser is built when completion
// first asks for it — or in the first quiet moment after the first document is validated, so the
// first completion request does not pay for it either.
import { createCompletionParser, DocumentState, type LangiumCompletionParser } from 'langium';
import type { LangiumServices } from 'langium/lsp';

/** Delay after the first validated document before the completion parser is built in the background. */
const WARM_AFTER_MS = 300;

export function lazyCompletionParser(services: LangiumServices): LangiumCompletionParser {
    let parser: LangiumCompletionParser | undefined;
    const real = () => (parser ??= createCompletionParser(services));
    const once = services.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
        once.dispose();
        setTimeout(real, WARM_AFTER_MS).unref();
    });
    // Langium's completion provider calls only parse() (langium/lib/lsp/completion/completion-provider.js).
    // A plain object, not a Proxy: Langium's eagerLoad probes every service for its own proxy marker.
    const lazy: Pick<LangiumCompletionParser, 'parse'> = { parse: (input) => real().parse(input) };
    return lazy as LangiumCompletionParser;
}

/** The module that puts it in place of Langium's eagerly built one. */
export const LazyCompletionParserModule = {
    parser: { CompletionParser: (services: LangiumServices) => lazyCompletionParser(services) },
};
