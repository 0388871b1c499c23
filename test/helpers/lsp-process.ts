// The bundled language server as a real child process over stdio, with a JSON-RPC client.
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { ensureBuilt, ROOT } from './cli.js';

export interface ServerProcess {
    connection: MessageConnection;
    child: ChildProcess;
    stderr: () => string;
    exited: () => number | null;
    diagnostics: Map<string, Array<{ version?: number; diagnostics: unknown[] }>>;
    stop(): Promise<void>;
}

export async function startServer(
    workspace: string,
    options: { nodeArgs?: string[]; main?: string; env?: Record<string, string | undefined> } = {},
): Promise<ServerProcess> {
    ensureBuilt();
    const main = options.main ?? resolve(ROOT, 'out/server/main.cjs');
    const env = options.env ? ({ ...process.env, ...options.env } as NodeJS.ProcessEnv) : process.env;
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), main, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], env });
    let err = '';
    let exitCode: number | null = null;
    child.stderr!.on('data', (d) => (err += String(d)));
    child.on('exit', (code) => (exitCode = code ?? -1));
    // Exited, and its stdout and stderr read to the end.
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const diagnostics = new Map<string, Array<{ version?: number; diagnostics: unknown[] }>>();
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number; diagnostics: unknown[] }) => {
        const list = diagnostics.get(p.uri) ?? [];
        list.push({ version: p.version, diagnostics: p.diagnostics });
        diagnostics.set(p.uri, list);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const rootUri = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'ws' }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: { versionSupport: true } } },
    });
    await connection.sendNotification('initialized', {});
    return {
        connection,
        child,
        diagnostics,
        stderr: () => err,
        exited: () => exitCode,
        async stop() {
            if (exitCode === null) {
                await connection.sendRequest('shutdown').catch(() => undefined);
                await connection.sendNotification('exit').catch(() => undefined);
                // Up to 200 ms to exit on its own after `exit`, then killed.
                await Promise.race([closed, new Promise((r) => setTimeout(r, 200))]);
                if (exitCode === null) child.kill();
            }
            connection.dispose();
        },
    };
}
