// Loading the workspace with the files the editor has open first (issue 14: start → first diagnostics).
// Langium's workspace manager reads and parses every file of the workspace, then builds them all
// under the workspace lock, and the opened file's update waits for that lock: its diagnostics came
// after the whole workspace was parsed and linked. Here the open files and what they import,
// transitively (the only files their checks read: a file's global scope is its import closure,
// language/scope.ts, and every check that looks at other files follows imports, language/imports.ts),
// are read, parsed, linked and validated first, and their diagnostics published; then the rest of the
// workspace is loaded and built as before (indexed and linked, validated by the first update).
//
// The diagnostics are those of a full build: every file an open file's checks can reach is loaded
// before it is linked, and the files loaded later are only ones it does not import. A file opened
// while the rest loads goes first too; one opened after that is built by its own update, as before.
// Requests (completion, hover…) on the open files are answered once they are built, not after the
// whole workspace is read (Langium's handlers wait for `ready`).
import { DefaultWorkspaceManager, DocumentState, interruptAndCheck, stream, URI, type LangiumDocument, type WorkspaceFolder } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { CommunityServices } from '../language/community-module.js';
import { CommunityDocumentBuilder } from '../language/document-builder.js';

/** How long the first validation waits for the editor's `community.*` settings (a client that never answers the pull must not stall it). */
export const SETTINGS_WAIT_MS = 1000;

export class OpenFirstWorkspaceManager extends DefaultWorkspaceManager {
    private readonly shared: LangiumSharedServices;
    /**
     * Resolves once the settings pulled from the editor are applied (server/settings-sync.ts): the
     * first diagnostics are made with them, not re-made a moment later in another language.
     */
    settingsApplied: Promise<unknown> = Promise.resolve();
    /** The open files built ahead of the rest, in order (for tests). */
    readonly builtFirst: string[] = [];

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    override async initializeWorkspace(folders: WorkspaceFolder[], cancelToken = CancellationToken.None): Promise<void> {
        // The files of the workspace, found but not read yet (listing them also lets a didOpen sent
        // with `initialized` arrive: the message queue hands over one message per turn).
        const uris: URI[] = [];
        await Promise.all(folders.map((folder) => this.traverseFolder(this.getRootFolder(folder), uris)));
        const inWorkspace = new Map(uris.map((u) => [u.toString(), u]));
        try {
            await this.initializeOpenFirst(folders, inWorkspace, cancelToken);
        } finally {
            // Edits wait for this (Langium's update handler): never left waiting, even after a failure.
            this._ready.resolve();
        }
    }

    private async initializeOpenFirst(folders: WorkspaceFolder[], inWorkspace: Map<string, URI>, cancelToken: CancellationToken): Promise<void> {
        await this.openFilesFirst(inWorkspace);
        // Requests wait for this (Langium's request handlers): the open files are answered from now
        // on, while the rest is read. Edits too: the first one cancels the build of the rest below,
        // its update builds it.
        this._ready.resolve();
        // Until the rest is built, the workspace is not: a request for one of its files waits for it.
        if (this.documentBuilder instanceof CommunityDocumentBuilder) this.documentBuilder.workspaceChanged();
        const rest: LangiumDocument[] = [];
        const collect = (document: LangiumDocument) => {
            rest.push(document);
            if (!this.langiumDocuments.hasDocument(document.uri)) this.langiumDocuments.addDocument(document);
        };
        const reading = (async () => {
            await this.loadAdditionalDocuments(folders, collect);
            const unloaded = [...inWorkspace.values()].filter((u) => !this.langiumDocuments.hasDocument(u));
            await this.loadWorkspaceDocuments(stream(unloaded), collect);
        })();
        if (this.documentBuilder instanceof CommunityDocumentBuilder) this.documentBuilder.readingWorkspace(reading);
        await reading;
        // Files the editor opened while the rest was read.
        await this.openFilesFirst(inWorkspace);
        await interruptAndCheck(cancelToken);
        const unbuilt = rest.filter((d) => d.state < DocumentState.IndexedReferences);
        try {
            await this.documentBuilder.build(unbuilt, this.initialBuildOptions, cancelToken);
        } catch (error) {
            // Cancelled by an edit (its update builds these, validation included) or failed.
            if (this.documentBuilder instanceof CommunityDocumentBuilder) this.documentBuilder.forgetUnfinished(unbuilt);
            throw error;
        }
    }

    /** A failure here must not keep the rest of the workspace from loading: the open files' own updates build them then. */
    private async openFilesFirst(inWorkspace: Map<string, URI>): Promise<void> {
        try {
            await this.buildOpenFiles(inWorkspace);
        } catch (error) {
            console.error('Could not build the open files ahead of the workspace:', error);
        }
    }

    /** Open files not validated yet, with their imports: loaded, linked, then the open ones validated (published as each is done). */
    private async buildOpenFiles(inWorkspace: Map<string, URI>): Promise<void> {
        // A file already indexed (imported by a file built before) is left to its own update, which
        // relinks what imports it; one only read so far is not linked into anything yet.
        const open = this.openTextDocuments().filter((t) => {
            const doc = this.langiumDocuments.getDocument(URI.parse(t.uri));
            return !doc || doc.state <= DocumentState.Parsed;
        });
        if (open.length === 0) return;
        const openDocs: LangiumDocument[] = [];
        const closure: LangiumDocument[] = [];
        const seen = new Set<string>();
        const add = async (uri: URI): Promise<LangiumDocument | undefined> => {
            const key = uri.toString();
            if (seen.has(key)) return undefined;
            seen.add(key);
            const doc = await this.load(uri);
            if (doc) closure.push(doc);
            return doc;
        };
        for (const text of open) {
            const doc = await add(URI.parse(text.uri));
            if (doc) openDocs.push(doc);
        }
        // Breadth first through the imports: the files a full load would have (workspace files and open ones).
        for (let i = 0; i < closure.length; i++) {
            const services = this.serviceRegistry.getServices(closure[i].uri) as Partial<CommunityServices>;
            for (const target of services.community?.Imports.directImports(closure[i]) ?? []) {
                const key = target.toString();
                if (inWorkspace.has(key) || this.shared.workspace.TextDocuments.get(key)) await add(target);
            }
        }
        // Read and parsed meanwhile; linking and checking say what they say in the editor's language.
        await this.settled();
        // Linked together first (no validation: the imported files are validated with the rest), then the open files checked.
        const unlinked = closure.filter((d) => d.state < DocumentState.IndexedReferences);
        if (unlinked.length > 0) await this.documentBuilder.build(unlinked, {});
        // The checks an edit runs (Langium's update options: built-in and fast; the slow ones follow after a pause).
        const toValidate = openDocs.filter((d) => d.state < DocumentState.Validated);
        if (toValidate.length > 0) await this.documentBuilder.build(toValidate, this.documentBuilder.updateBuildOptions);
        this.builtFirst.push(...toValidate.map((d) => d.uri.toString()));
        // Let the diagnostics go out (the writer sends on the next turn of the event loop) before the rest is read.
        await new Promise((resolve) => setImmediate(resolve));
    }

    /** The document for `uri`: already known, the editor's text when it is open, else read from disk. */
    private async load(uri: URI): Promise<LangiumDocument | undefined> {
        const text = this.shared.workspace.TextDocuments.get(uri.toString());
        const known = this.langiumDocuments.getDocument(uri);
        if (known) {
            // Read from disk while the editor opened it (its buffer may hold unsaved edits), not built
            // yet: parsed again from the editor's text, as its update would.
            if (text && known.textDocument !== text && known.state <= DocumentState.Parsed) {
                await this.shared.workspace.LangiumDocumentFactory.update(known, CancellationToken.None);
            }
            return known;
        }
        if (!this.serviceRegistry.hasServices(uri)) return undefined;
        try {
            const doc = text
                ? await this.shared.workspace.LangiumDocumentFactory.fromTextDocument(text, uri, CancellationToken.None)
                : await this.shared.workspace.LangiumDocumentFactory.fromUri(uri, CancellationToken.None);
            if (!this.langiumDocuments.hasDocument(uri)) this.langiumDocuments.addDocument(doc);
            return this.langiumDocuments.getDocument(uri);
        } catch {
            // Unreadable (removed since the folder was listed): the import check says so.
            return undefined;
        }
    }

    private openTextDocuments(): TextDocument[] {
        return this.shared.workspace.TextDocuments.all().filter((t) => this.serviceRegistry.hasServices(URI.parse(t.uri)));
    }

    private settled(): Promise<unknown> {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const bound = new Promise((resolve) => (timer = setTimeout(resolve, SETTINGS_WAIT_MS)));
        return Promise.race([this.settingsApplied, bound]).finally(() => clearTimeout(timer));
    }
}
