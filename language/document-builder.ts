// Rebuilds what an edit affects. Langium relinks a document when it refers to a changed one by name;
// a plan also depends on the files it imports without naming anything in them (their plan block sets
// its start, horizon and currency; their platforms and communities count towards budgets and names),
// so every document that imports a changed file, directly or through others, is relinked and
// re-validated too.
import { DefaultDocumentBuilder, DocumentState, OperationCancelled, UriUtils, type LangiumDocument, type MaybePromise, type URI } from 'langium';
// The protocol package langium itself uses, so its `instanceof ResponseError` holds unbundled too.
import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver-protocol';
import type { Model } from './generated/ast.js';
import { resolveImport, unquote } from './imports.js';

export class CommunityDocumentBuilder extends DefaultDocumentBuilder {
    private importers: { changed: Set<string>; affected: Set<string> } | undefined;
    /** The editor's version of each open document's text when it was last parsed. */
    private readonly parsedVersions = new Map<string, number>();

    /** The version of its open text a document was parsed from (undefined when not open in an editor). */
    parsedVersion(uri: URI): number | undefined {
        return this.parsedVersions.get(uri.toString());
    }

    protected override runCancelable(documents: LangiumDocument[], targetState: DocumentState, cancelToken: CancellationToken, callback: (document: LangiumDocument) => MaybePromise<unknown>): Promise<void> {
        if (targetState !== DocumentState.Parsed) return super.runCancelable(documents, targetState, cancelToken, callback);
        return super.runCancelable(documents, targetState, cancelToken, (doc) => {
            // The factory reads the open text synchronously when parsing starts: this is its version.
            const key = doc.uri.toString();
            const version = this.textDocuments?.get(key)?.version;
            if (version === undefined) this.parsedVersions.delete(key);
            else this.parsedVersions.set(key, version);
            return callback(doc);
        });
    }

    /**
     * A request that arrives between an edit resetting its document and the rebuild starting finds the
     * document behind the workspace; Langium answers RequestFailed. The document did change, so say
     * that (ContentModified): clients drop the stale answer or ask again, as the LSP intends.
     */
    protected override awaitDocumentState(state: DocumentState, uri: URI, cancelToken: CancellationToken): Promise<URI> {
        const document = this.langiumDocuments.getDocument(uri);
        // The editor's text is newer than the one the document was (or is being) built from: its
        // update is still queued behind a build (an edit storm, edit-storm.ts in the server). Answer
        // from the build of this text or a later one, never from the older tree.
        const wanted = this.textDocuments?.get(uri.toString())?.version;
        const parsed = this.parsedVersions.get(uri.toString());
        if (document && wanted !== undefined && parsed !== undefined && parsed < wanted && document.state !== DocumentState.Changed) {
            return this.awaitVersion(state, uri, wanted, cancelToken);
        }
        if (document && document.state === DocumentState.Changed && this.currentState >= state && state > document.state) {
            return Promise.reject(new ResponseError(LSPErrorCodes.ContentModified, `${uri.toString()} changed while the request waited; ask again.`));
        }
        return super.awaitDocumentState(state, uri, cancelToken);
    }

    /** Resolves when `uri` reaches `state` in a build of its text at `version` or later. */
    private awaitVersion(state: DocumentState, uri: URI, version: number, cancelToken: CancellationToken): Promise<URI> {
        if (cancelToken.isCancellationRequested) return Promise.reject(OperationCancelled);
        return new Promise((resolve, reject) => {
            const built = this.onDocumentPhase(state, (doc) => {
                if (!UriUtils.equals(doc.uri, uri)) return;
                const parsed = this.parsedVersions.get(uri.toString());
                if (parsed !== undefined && parsed < version) return;
                built.dispose();
                cancelled.dispose();
                resolve(doc.uri);
            });
            const cancelled = cancelToken.onCancellationRequested(() => {
                built.dispose();
                cancelled.dispose();
                reject(OperationCancelled);
            });
        });
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
