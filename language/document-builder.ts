// Rebuilds what an edit affects. Langium relinks a document when it refers to a changed one by name;
// a plan also depends on the files it imports without naming anything in them (their plan block sets
// its start, horizon and currency; their platforms and communities count towards budgets and names),
// so every document that imports a changed file, directly or through others, is relinked and
// re-validated too.
import { DefaultDocumentBuilder, DocumentState, OperationCancelled, UriUtils, type LangiumDocument, type URI } from 'langium';
// The protocol package langium itself uses, so its `instanceof ResponseError` holds unbundled too.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import type { Model } from './generated/ast.js';
import { resolveImport, unquote } from './imports.js';

export class CommunityDocumentBuilder extends DefaultDocumentBuilder {
    private importers: { changed: Set<string>; affected: Set<string> } | undefined;

    /**
     * A request that arrives between an edit resetting its document and the rebuild starting finds the
     * document behind the workspace; Langium answers RequestFailed. The document did change, so say
     * that (ContentModified): clients drop the stale answer or ask again, as the LSP intends.
     */
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        if (document && document.state === DocumentState.Changed && this.currentState >= state && state > document.state) {
            return Promise.reject(new ResponseError(LSPErrorCodes.ContentModified, `${uri.toString()} changed while the request waited; ask again.`));
        }
        if (!document && this.workspaceLoading && !cancelToken.isCancellationRequested) {
            // A workspace file not read yet: asked for again once the workspace is read.
            return this.workspaceLoading.then(() => this.awaitDocumentState(state, uri, cancelToken));
        }
        if (!document && this.textDocuments?.get(uri.toString()) && this.serviceRegistry.hasServices(uri) && !cancelToken.isCancellationRequested) {
            // Opened while the workspace is being read (requests are answered from then on,
            // server/open-first-workspace.ts): not loaded yet, but it will be, by the workspace manager or its update.
            return new Promise((resolve, reject) => {
                const phase = this.onDocumentPhase(state, (doc) => {
                    if (!UriUtils.equals(doc.uri, uri)) return;
                    phase.dispose();
                    cancel.dispose();
                    resolve(doc.uri);
                });
                const cancel = cancelToken.onCancellationRequested(() => {
                    phase.dispose();
                    cancel.dispose();
                    reject(OperationCancelled);
                });
            });
        }
        return super.awaitDocumentState(state, uri, cancelToken);
    }

    /** Set while the workspace's files are being read after the open ones were built (server/open-first-workspace.ts). */
    private workspaceLoading: Promise<void> | undefined;

    /** Requests for a file not read yet wait until `reading` settles (the rest of the workspace is read). */
    readingWorkspace(reading: Promise<unknown>): void {
        const done = reading.then(
            () => undefined,
            () => undefined,
        );
        this.workspaceLoading = done;
        void done.then(() => {
            if (this.workspaceLoading === done) this.workspaceLoading = undefined;
        });
    }

    /**
     * The workspace is being loaded again (server/open-first-workspace.ts built the open files ahead of
     * it): requests for a file not built yet wait for it rather than being refused as left behind.
     */
    workspaceChanged(): void {
        this.currentState = DocumentState.Changed;
    }

    /**
     * A cancelled build leaves its unfinished documents with its own options, and the next update
     * finishes them with those: a workspace build cancelled by the first edit (options without
     * validation) left them never validated. Forgotten, they are built by the update with its options.
     */
    forgetUnfinished(documents: LangiumDocument[]): void {
        for (const document of documents) {
            const key = document.uri.toString();
            if (this.buildState.get(key)?.completed === false) this.buildState.delete(key);
        }
    }

    /**
     * An open file that is already validated from the editor's very text is left as it is: the
     * didOpen of a file built ahead of the workspace, or edits that came back to the text last built,
     * would only build and publish the same again. Whatever else the update asks for still runs.
     */
    override update(changed: URI[], deleted: URI[], cancelToken?: CancellationToken): Promise<void> {
        return super.update(
            changed.filter((uri) => !this.builtFromEditorText(uri)),
            deleted,
            cancelToken,
        );
    }

    private builtFromEditorText(uri: URI): boolean {
        const document = this.langiumDocuments.getDocument(uri);
        const text = this.textDocuments?.get(uri.toString());
        return (
            document !== undefined &&
            text !== undefined &&
            document.state === DocumentState.Validated &&
            document.textDocument === text &&
            document.parseResult.value.$cstNode?.root.fullText === text.getText()
        );
    }

    protected override shouldRelink(document: LangiumDocument, changedUris: Set<string>): boolean {
        return super.shouldRelink(document, changedUris) || this.importersOf(changedUris).has(document.uri.toString());
    }

    /** Documents importing any of `changed`, transitively; computed once per update. */
    private importersOf(changed: Set<string>): Set<string> {
        if (this.importers?.changed === changed) return this.importers.affected;
        const affected = new Set<string>();
        const reached = new Set(changed);
        const edges: Array<[string, string[]]> = [];
        for (const doc of this.langiumDocuments.all) {
            const imports = (doc.parseResult.value as Model | undefined)?.imports ?? [];
            if (imports.length === 0) continue;
            const targets: string[] = [];
            for (const imp of imports) if (imp.path !== undefined) targets.push(resolveImport(doc.uri, unquote(imp.path)).toString());
            edges.push([doc.uri.toString(), targets]);
        }
        // Walk the import edges backwards until nothing new is reached.
        for (let grew = true; grew;) {
            grew = false;
            for (const [uri, targets] of edges) {
                if (reached.has(uri) || !targets.some((t) => reached.has(t))) continue;
                reached.add(uri);
                affected.add(uri);
                grew = true;
            }
        }
        this.importers = { changed, affected };
        return affected;
    }
}
