// The language server process: LSP over --stdio (any editor) or node IPC (the VS Code client).
// console output goes to stderr so it never corrupts the protocol stream on stdout.
// The transport (server/transport.ts) enforces the LSP lifecycle and ends the process cleanly when
// the channel breaks; `--version` and `--help` answer without starting a server.
import { DocumentState } from 'langium';
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerForecastRequest } from './forecast-request.js';
import { LazyCompletionParserModule } from './lazy-completion-parser.js';
import { createCommunityServerServices } from './services.js';
import { registerSolveRequest } from './solve-request.js';
import { registerStatsRequest } from './stats-request.js';
import { openTransport } from './transport.js';
import { usage, VERSION } from './version.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`community-language-server ${VERSION}\n`);
    process.exit(0);
}
if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage());
    process.exit(0);
}

for (const level of ['log', 'info', 'debug', 'warn'] as const) {
    console[level] = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
}

const { reader, writer } = openTransport(args);
const connection = createConnection(ProposedFeatures.all, reader, writer);
// The completion parser is built after the first diagnostics, not before (lazy-completion-parser.ts).
const { shared, idleGc } = createCommunityServerServices({ connection, ...NodeFileSystem, modules: [LazyCompletionParserModule] });
registerForecastRequest(connection, shared);
registerStatsRequest(connection, shared, idleGc);
registerSolveRequest(connection, shared);
// Code actions need a linked document, not a validated one: a workspace file the editor never
// opened is indexed and linked but not validated, and waiting for its validation never ends.
startLanguageServer(shared, { CodeActionProvider: DocumentState.IndexedReferences });
