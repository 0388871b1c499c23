// The language server process: LSP over --stdio (any editor) or node IPC (the VS Code client).
// console output goes to stderr so it never corrupts the protocol stream on stdout.
import { startLanguageServer } from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerForecastRequest } from './forecast-request.js';
import { createCommunityServerServices } from './services.js';
import { registerStatsRequest } from './stats-request.js';

for (const level of ['log', 'info', 'debug', 'warn'] as const) {
    console[level] = (...args: unknown[]) => process.stderr.write(args.map(String).join(' ') + '\n');
}

const connection = createConnection(ProposedFeatures.all);
const { shared, idleGc } = createCommunityServerServices({ connection, ...NodeFileSystem });
registerForecastRequest(connection, shared);
registerStatsRequest(connection, shared, idleGc);
startLanguageServer(shared);
