// What the language's code and Langium's core take from vscode-languageserver and
// vscode-languageserver-protocol at run time, from the vscode-jsonrpc and -types files that define
// it. The CLI's bundles resolve those two packages to this file (esbuild.mjs, `rpcCore`): each
// package's index evaluates the whole protocol — hundreds of request and notification types, the
// connection, the server's features — ~290 KB of the check bundle that no CLI command runs, and
// which every start from the CLI's startup snapshot deserialized (BENCHMARKS.md, thirteenth session).
// The server's bundles keep the real packages. A name imported from either package and missing here
// fails the CLI build (esbuild checks an ES module's named imports), and test/cli/rpc-core.test.ts
// holds each value here to be the packages' own.
//
// Relative paths, not package subpaths: vscode-jsonrpc's `exports` map lists only its entry points.
export { CancellationToken, CancellationTokenSource } from '../node_modules/vscode-jsonrpc/lib/common/cancellation.js';
export { Emitter } from '../node_modules/vscode-jsonrpc/lib/common/events.js';
export { ResponseError } from '../node_modules/vscode-jsonrpc/lib/common/messages.js';
export { DiagnosticSeverity } from 'vscode-languageserver-types';

/**
 * vscode-languageserver-protocol defines these in its index (lib/common/api.js), beside the
 * re-export of the whole protocol, so they are repeated here (LSP 3.17 §errorCodes; the test
 * compares them with the package's).
 */
export const LSPErrorCodes = Object.freeze({
    lspReservedErrorRangeStart: -32899,
    RequestFailed: -32803,
    ServerCancelled: -32802,
    ContentModified: -32801,
    RequestCancelled: -32800,
    lspReservedErrorRangeEnd: -32800,
});
