// The language server process: LSP over --stdio (any editor) or node IPC (the VS Code client).
// console output goes to stderr so it never corrupts the protocol stream on stdout.
// The transport (server/transport.ts) enforces the LSP lifecycle and ends the process cleanly when
// the channel breaks; `--version` and `--help` answer without starting a server. A process started
// from the server's startup snapshot runs server/snapshot-entry.ts instead, with the same session.
import { consoleToStderr, prepareServer, startSession } from './session.js';
import { openTransport } from './transport.js';
import { answerVersionOrHelp } from './version.js';

const args = process.argv.slice(2);
answerVersionOrHelp(args);

consoleToStderr();
const { reader, writer } = openTransport(args);
startSession(prepareServer(reader, writer));
