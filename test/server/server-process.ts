// The bundled language server as a real process over --stdio for the settings and workspace tests:
// rebuilds the bundle when a source is newer, passes initializationOptions, answers
// workspace/configuration from a settable object and records diagnostics and window messages.
import { spawn, type ChildProcess } from 'node:child_process';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt } from '../helpers/cli.js';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const ROOT = resolve(__dirname, '../..');
const BUNDLE = join(ROOT, 'out/server/main.cjs');

export interface PublishedDiagnostic {
    code?: string;
    message: string;
    severity?: number;
    range: { start: { line: number; character: number } };
}

export interface Server {
    connection: MessageConnection;
    child: ChildProcess;
    /** Every publishDiagnostics per URI, oldest first. */
    diagnostics: Map<string, PublishedDiagnostic[][]>;
    messages: Array<{ type: number; message: string }>;
    /** What workspace/configuration answers for the `community` section. */
    configuration: Record<string, unknown> | null;
    stderr(): string;
    open(uri: string, text: string, version?: number): Promise<void>;
    latest(uri: string): PublishedDiagnostic[] | undefined;
    stop(): Promise<void>;
}

/** Starts the server on `workspace`; with noWorkspaceFolder, as an editor that opened a single file (no root at all); with rootUriOnly, as lsp-mode 8 (rootUri, no workspaceFolders). */
export async function startServer(
    workspace: string,
    init: {
        initializationOptions?: unknown;
        locale?: string;
        configuration?: Record<string, unknown>;
        noWorkspaceFolder?: boolean;
        rootUriOnly?: boolean;
        env?: Record<string, string | undefined>;
    } = {},
): Promise<Server> {
    ensureBuilt();
    // English unless a test sets the server's environment: a server without a client locale reads LANG.
    const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: undefined, LC_MESSAGES: undefined, ...init.env } as NodeJS.ProcessEnv;
    const child = spawn(process.execPath, [BUNDLE, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let err = '';
    child.stderr!.on('data', (d) => (err += String(d)));
    // Exited, and its stdout and stderr read to the end.
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const server: Server = {
        connection,
        child,
        diagnostics: new Map(),
        messages: [],
        configuration: init.configuration ?? null,
        stderr: () => err,
        async open(uri, text, version = 1) {
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version, text } });
        },
        latest(uri) {
            const list = server.diagnostics.get(uri);
            return list?.[list.length - 1];
        },
        async stop() {
            if (child.exitCode === null) {
                await connection.sendRequest('shutdown').catch(() => undefined);
                await connection.sendNotification('exit').catch(() => undefined);
                // Up to 100 ms to exit on its own after `exit`, then killed.
                await Promise.race([closed, new Promise((r) => setTimeout(r, 100))]);
                if (child.exitCode === null) child.kill();
            }
            connection.dispose();
        },
    };
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: PublishedDiagnostic[] }) => {
        const list = server.diagnostics.get(p.uri) ?? [];
        list.push(p.diagnostics);
        server.diagnostics.set(p.uri, list);
    });
    connection.onNotification('window/showMessage', (p: { type: number; message: string }) => {
        server.messages.push(p);
    });
    connection.onRequest('workspace/configuration', (p: { items: Array<{ section?: string }> }) =>
        p.items.map((i): unknown => (i.section === 'community' ? server.configuration : null)),
    );
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const rootUri = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: init.noWorkspaceFolder ? null : rootUri,
        workspaceFolders: init.noWorkspaceFolder ? null : init.rootUriOnly ? undefined : [{ uri: rootUri, name: 'ws' }],
        locale: init.locale,
        initializationOptions: init.initializationOptions,
        capabilities: { workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } }, textDocument: { publishDiagnostics: {} } },
    });
    await connection.sendNotification('initialized', {});
    return server;
}

export async function until<T>(probe: () => T | undefined | false, ms = 20_000, what = 'condition'): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
        const v = probe();
        if (v !== undefined && v !== false) return v;
        if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 25));
    }
}
