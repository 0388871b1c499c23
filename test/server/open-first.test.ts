// The files the editor has open are built and published before the rest of the workspace
// (server/open-first-workspace.ts), and what is published first is what a full build of the whole
// workspace gives. The server's own services on an in-memory channel (no process), a workspace of
// the examples and 40 more plans: didOpen sent with initialized, before it, and while the rest of
// the workspace is being read; a file with errors (an import cycle) gets them first too.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { DocumentState, isOperationCancelled, URI, type LangiumDocument } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { NodeFileSystem } from 'langium/node';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { createCommunityServerServices } from '../../server/services.js';
import { prepareServer, type PreparedServer } from '../../server/session.js';
import { OpenFirstWorkspaceManager } from '../../server/open-first-workspace.js';
import type { CommunityLspServices } from '../../language/lsp/lsp-module.js';
import { ROOT } from '../helpers/cli.js';
import { until } from './server-process.js';
import type { CommunityDocumentBuilder } from '../../language/document-builder.js';

const EXTRA_PLANS = 40;
/** How long a step of a test waits for what it expects. */
const WAIT_MS = 30_000;

let made: string | undefined;

/** The examples folder and EXTRA_PLANS small plans beside it, each importing shared/platforms.community; made once (no test writes to it). */
function workspace(): string {
    return (made ??= makeWorkspace());
}

function makeWorkspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-open-first-'));
    cpSync(join(ROOT, 'examples'), dir, { recursive: true });
    for (let i = 0; i < EXTRA_PLANS; i++) {
        const text = `plan "Extra ${i}" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency CNY\n}\nimport "shared/platforms.community"\n`;
        writeFileSync(join(dir, `extra-${i}.community`), text);
    }
    return dir;
}

function planFiles(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.community'))
        .map((e) => join(e.parentPath, e.name));
}

type Json = Record<string, unknown>;
const plain = (x: unknown): Json[] => JSON.parse(JSON.stringify(x)) as Json[];

/** Each file's diagnostics of a full build of a workspace folder, built once per folder. */
const fullBuilds = new Map<string, Promise<Map<string, Json[]>>>();

/** The fast checks' diagnostics of `file` when every file of the workspace is loaded and built together (what the CLI and a full build give). */
async function fullBuild(dir: string, file: string): Promise<Json[]> {
    let all = fullBuilds.get(dir);
    if (!all) fullBuilds.set(dir, (all = buildAll(dir)));
    return (await all).get(URI.file(file).toString())!;
}

async function buildAll(dir: string): Promise<Map<string, Json[]>> {
    const services = createCommunityServerServices({ ...NodeFileSystem });
    services.Community.community.Settings.roots = [dir];
    services.Community.community.Settings.lang = 'en';
    const docs: LangiumDocument[] = [];
    for (const f of planFiles(dir)) docs.push(await services.shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(f)));
    await services.shared.workspace.DocumentBuilder.build(docs, { validation: { categories: ['built-in', 'fast'] } });
    return new Map(docs.map((d) => [d.uri.toString(), plain(d.diagnostics)]));
}

interface Session {
    server: PreparedServer;
    client: MessageConnection;
    /** Every publishDiagnostics in arrival order. */
    published: Array<{ uri: string; diagnostics: Json[] }>;
    /** When the first document was validated: how many documents the server had loaded, and which were validated. */
    atFirstValidation?: { loaded: number; validated: string[] };
    /** Called on each publishDiagnostics as it arrives. */
    onPublish?: (uri: string) => void;
    /** Every document validated at least once. */
    validated: Set<string>;
    dispose(): void;
}

/** The server's services and handlers on an in-memory channel, and a client on the other end. */
function session(configuration: Json | null = null): Session {
    const toServer = new PassThrough();
    const fromServer = new PassThrough();
    const server = prepareServer(new StreamMessageReader(toServer), new StreamMessageWriter(fromServer));
    const client = createMessageConnection(new StreamMessageReader(fromServer), new StreamMessageWriter(toServer));
    const s: Session = {
        server,
        client,
        published: [],
        validated: new Set(),
        dispose() {
            client.dispose();
            server.connection.dispose();
        },
    };
    const documents = server.shared.workspace.LangiumDocuments;
    server.shared.workspace.DocumentBuilder.onDocumentPhase(DocumentState.Validated, (doc) => {
        s.validated.add(doc.uri.toString());
        s.atFirstValidation ??= {
            loaded: documents.all.count(),
            validated: documents.all
                .filter((d) => d.state >= DocumentState.Validated)
                .map((d) => d.uri.toString())
                .toArray(),
        };
    });
    client.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Json[] }) => {
        s.published.push(p);
        s.onPublish?.(p.uri);
    });
    client.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
        p.items.map((i): Json | null => (i.section === 'community' ? configuration : null)),
    );
    client.onRequest('client/registerCapability', () => null);
    client.onRequest('window/workDoneProgress/create', () => null);
    client.onRequest('workspace/codeLens/refresh', () => null);
    client.listen();
    return s;
}

function initialize(s: Session, dir: string): Promise<unknown> {
    const uri = pathToFileURL(dir).href;
    return s.client.sendRequest('initialize', {
        processId: process.pid,
        rootUri: uri,
        workspaceFolders: [{ uri, name: 'ws' }],
        initializationOptions: { lang: 'en' },
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
}

/** A server session given initialize, initialized and the didOpen of `file` together, as VS Code sends them. */
function startAndOpen(dir: string, file: string): Session {
    const s = session();
    void initialize(s, dir);
    void s.client.sendNotification('initialized', {});
    void open(s, file);
    return s;
}

function open(s: Session, file: string): Promise<void> {
    return s.client.sendNotification('textDocument/didOpen', {
        textDocument: { uri: pathToFileURL(file).href, languageId: 'community', version: 1, text: readFileSync(file, 'utf8') },
    });
}

/** Waits until every file of the workspace has been validated (the first update validates them all), then for the slow checks and the lock to be idle. */
async function allValidated(s: Session, total: number): Promise<void> {
    await until(() => s.validated.size >= total, WAIT_MS, `${total} files validated`);
    await quiet(s);
}

/**
 * Until nothing is scheduled: the slow checks idle and the lock free, and still idle once the lock
 * was had (a build that held it, say the rest of the workspace, validates files and so schedules
 * their slow checks; disposed before those ran, the server would publish on a closed connection).
 */
async function quiet(s: Session): Promise<void> {
    const slow = (s.server.Community as unknown as CommunityLspServices).communityLsp.SlowValidation;
    const idleNow = () => Promise.race([slow.whenIdle().then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
    do {
        await slow.whenIdle();
        await s.server.shared.workspace.WorkspaceLock.write(() => undefined);
    } while (!(await idleNow()));
}

const firstFor = (s: Session, uri: string) => s.published.find((p) => p.uri === uri);

let current: Session | undefined;
afterEach(async () => {
    if (current) await quiet(current);
    current?.dispose();
    current = undefined;
});

describe('the files the editor has open are built first', () => {
    it('didOpen with initialized (VS Code, the bench): its diagnostics are published before any other file is read, equal to a full build', async () => {
        const dir = workspace();
        const file = join(dir, 'fitness-wechat.community');
        const uri = pathToFileURL(file).href;
        const total = planFiles(dir).length;
        const s = (current = startAndOpen(dir, file));
        const first = await until(() => firstFor(s, uri), WAIT_MS, 'the first diagnostics of the opened plan');
        // Built with only what it imports loaded: the plan and shared/platforms.community, of 73 files.
        expect(s.atFirstValidation).toEqual({ loaded: 2, validated: [uri] });
        expect(s.published[0].uri).toBe(uri);
        expect((s.server.shared.workspace.WorkspaceManager as OpenFirstWorkspaceManager).builtFirst).toEqual([uri]);
        await allValidated(s, total);
        expect(first.diagnostics).toEqual(await fullBuild(dir, file));
        // The didOpen's own update found it built from the editor's text: it was not built and published again.
        const fast = s.published.filter((p) => p.uri === uri);
        expect(fast.length).toBeLessThanOrEqual(2); // the first, and the slow checks after a pause
        // The rest of the workspace is still loaded and validated, as before.
        expect(s.server.shared.workspace.LangiumDocuments.all.count()).toBe(total);
        expect(new Set(s.published.map((p) => p.uri)).size).toBe(total);
    });

    it('a file with errors (an import cycle, an unknown name) gets them first, equal to a full build', async () => {
        const dir = workspace();
        const file = join(dir, 'invalid/import-cycle.community');
        const uri = pathToFileURL(file).href;
        const s = (current = startAndOpen(dir, file));
        const first = await until(() => firstFor(s, uri), WAIT_MS, 'the first diagnostics of the opened plan');
        expect(s.published[0].uri).toBe(uri);
        expect(s.atFirstValidation?.validated).toEqual([uri]);
        expect(s.atFirstValidation?.loaded).toBe(2); // the file and parts/cycle-back.community
        await allValidated(s, planFiles(dir).length);
        const reference = await fullBuild(dir, file);
        expect(reference.map((d) => d.code)).toContain('import-cycle');
        expect(first.diagnostics).toEqual(reference);
    });

    it('didOpen before initialized (after the initialize answer): built first all the same', async () => {
        const dir = workspace();
        const file = join(dir, 'education-ab.community');
        const uri = pathToFileURL(file).href;
        const s = (current = session());
        await initialize(s, dir);
        await open(s, file);
        await new Promise((r) => setTimeout(r, 20));
        void s.client.sendNotification('initialized', {});
        const first = await until(() => firstFor(s, uri), WAIT_MS, 'the first diagnostics of the opened plan');
        expect(s.published[0].uri).toBe(uri);
        // It imports nothing: it was built alone, the 72 other files not read yet.
        expect(s.atFirstValidation).toEqual({ loaded: 1, validated: [uri] });
        await allValidated(s, planFiles(dir).length);
        expect(first.diagnostics).toEqual(await fullBuild(dir, file));
    });

    it('two files, one opened while the rest of the workspace is read: each first publish equals a full build', async () => {
        const dir = workspace();
        const a = join(dir, 'fitness-wechat.community');
        const b = join(dir, 'invalid/currency-mismatch.community');
        const s = (current = session());
        void initialize(s, dir);
        void s.client.sendNotification('initialized', {});
        let loadedWhenOpened = 0;
        s.onPublish = (uri) => {
            if (uri !== pathToFileURL(a).href || loadedWhenOpened > 0) return;
            // The first file is published; the rest of the workspace (71 files) is being read now: the second file opens.
            loadedWhenOpened = s.server.shared.workspace.LangiumDocuments.all.count();
            void open(s, b);
        };
        void open(s, a);
        const second = await until(() => firstFor(s, pathToFileURL(b).href), WAIT_MS, 'the second file');
        await allValidated(s, planFiles(dir).length);
        expect(firstFor(s, pathToFileURL(a).href)!.diagnostics).toEqual(await fullBuild(dir, a));
        expect(second.diagnostics).toEqual(await fullBuild(dir, b));
        expect(second.diagnostics.map((d) => d.code)).toContain('currency-mismatch');
        expect(loadedWhenOpened).toBeLessThan(planFiles(dir).length);
    });

    it('an edit made while the workspace loads is built and published for its own text', async () => {
        const dir = workspace();
        const file = join(dir, 'fitness-wechat.community');
        const uri = pathToFileURL(file).href;
        const s = (current = startAndOpen(dir, file));
        await until(() => firstFor(s, uri), WAIT_MS, 'the first diagnostics');
        const text = readFileSync(file, 'utf8').replace('currency CNY', 'currency CNY\n  currency USD');
        void s.client.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text }] });
        const edited = await until(
            () => s.published.find((p) => p.uri === uri && p.diagnostics.length !== firstFor(s, uri)!.diagnostics.length),
            WAIT_MS,
            'the edit',
        );
        expect(edited.diagnostics.length).toBeGreaterThan(firstFor(s, uri)!.diagnostics.length);
        expect(s.server.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri))!.textDocument.version).toBe(2);
    });

    it('the settings the editor answers the pull with (language) are those of the first diagnostics', async () => {
        const dir = workspace();
        const file = join(dir, 'invalid/currency-mismatch.community');
        const uri = pathToFileURL(file).href;
        const s = (current = session({ language: 'zh-CN' }));
        void initialize(s, dir);
        void s.client.sendNotification('initialized', {});
        void open(s, file);
        const first = await until(() => firstFor(s, uri), WAIT_MS, 'the first diagnostics');
        const mismatch = first.diagnostics.find((d) => d.code === 'currency-mismatch');
        expect(String(mismatch?.message)).toMatch(/[\u4e00-\u9fff]/);
    });
});

describe('a workspace build cancelled by the first edit', () => {
    it('leaves nothing unvalidated: the update builds the files it did not finish with its own options', async () => {
        const dir = workspace();
        const services = createCommunityServerServices({ ...NodeFileSystem });
        services.Community.community.Settings.roots = [dir];
        const builder = services.shared.workspace.DocumentBuilder as CommunityDocumentBuilder;
        const docs: LangiumDocument[] = [];
        for (const f of planFiles(dir)) docs.push(await services.shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(f)));
        const source = new CancellationTokenSource();
        // An edit arrives once the workspace build (no validation, Langium's initial options) has started.
        const cancelAt = builder.onDocumentPhase(DocumentState.IndexedContent, () => source.cancel());
        await expect(builder.build(docs, {}, source.token)).rejects.toSatisfy(isOperationCancelled);
        cancelAt.dispose();
        expect(docs.filter((d) => d.state >= DocumentState.IndexedReferences)).toHaveLength(0);
        builder.forgetUnfinished(docs);
        await builder.update([], []);
        expect(docs.filter((d) => d.state < DocumentState.Validated).map((d) => d.uri.path)).toEqual([]);
    });
});
