// The language server's connection and services, made on a given reader and writer. server/main.ts
// makes them on the editor's channel at once; the startup snapshot (server/snapshot-entry.ts) makes
// them at build time on a deferred channel (deferred-transport.ts) and attaches the editor's later.
// What must not go into a snapshot is started by startSession (the idle collector: V8's gc function).
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures, type Connection, type MessageReader, type MessageWriter } from 'vscode-languageserver/node';
import { registerForecastRequest } from './forecast-request.js';
import { IdleCollector } from './idle-gc.js';
import { LazyCompletionParserModule } from './lazy-completion-parser.js';
import { createCommunityServerServices } from './services.js';
import { registerSolveRequest } from './solve-request.js';
import { registerSettledRequest } from './settled-request.js';
import { registerStatsRequest } from './stats-request.js';

export interface PreparedServer {
    connection: Connection;
    shared: ReturnType<typeof createCommunityServerServices>['shared'];
    Community: ReturnType<typeof createCommunityServerServices>['Community'];
}

/** The connection, the services and every handler, listening on `reader` (nothing is read before the reader delivers). */
export function prepareServer(reader: MessageReader, writer: MessageWriter): PreparedServer {
    const connection = createConnection(ProposedFeatures.all, reader, writer);
    // The completion parser is built after the first diagnostics, not before (lazy-completion-parser.ts).
    const { shared, Community } = createCommunityServerServices({ connection, ...NodeFileSystem, modules: [LazyCompletionParserModule] });
    registerForecastRequest(connection, shared);
    registerSolveRequest(connection, shared);
    // Code actions need a linked document, not a validated one: a workspace file the editor never
    // opened is indexed and linked but not validated, and waiting for its validation never ends.
    startLanguageServer(shared, { CodeActionProvider: DocumentState.IndexedReferences });
    return { connection, shared, Community };
}

/** What a running process adds: the idle collector, the stats request that reports it, and `community/settled`. */
export function startSession(server: PreparedServer): void {
    const idleGc = new IdleCollector(server.shared);
    registerStatsRequest(server.connection, server.shared, idleGc);
    registerSettledRequest(server.connection, server.shared);
}

/** console output goes to stderr so it never corrupts the protocol stream on stdout. */
export function consoleToStderr(): void {
    for (const level of ['log', 'info', 'debug', 'warn'] as const) {
        console[level] = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
    }
}
