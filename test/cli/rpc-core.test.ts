// language/rpc-core.mjs stands in for vscode-languageserver and vscode-languageserver-protocol in the
// CLI's bundles (esbuild.mjs, `rpcCore`): every value it gives must be the one the bundles got from the
// packages. Every bundle resolves those packages and vscode-jsonrpc from the project root (esbuild.mjs,
// `dedupe`), so the values are the root protocol's: the same objects (the same vscode-jsonrpc files
// define them), or for LSPErrorCodes, which it repeats, and DiagnosticSeverity, the same values.
import * as protocol from 'vscode-languageserver-protocol';
import * as server from 'vscode-languageserver';
import { describe, expect, it } from 'vitest';

const RPC_CORE = '../../language/rpc-core.mjs';

describe('language/rpc-core.mjs', () => {
    it('gives the packages’ own values', async () => {
        const core = (await import(RPC_CORE)) as Record<string, unknown>;
        const names = Object.keys(core).sort();
        expect(names).toEqual(['CancellationToken', 'CancellationTokenSource', 'DiagnosticSeverity', 'Emitter', 'LSPErrorCodes', 'ResponseError']);
        for (const name of names) {
            const fromProtocol = (protocol as Record<string, unknown>)[name];
            if (name === 'LSPErrorCodes' || name === 'DiagnosticSeverity') expect(core[name], name).toEqual(fromProtocol);
            else expect(core[name], name).toBe(fromProtocol);
            // vscode-languageserver re-exports the protocol (in the bundles, the root copy above).
            expect((server as Record<string, unknown>)[name], name).toBeDefined();
        }
    });

    it('a cancelled token is seen as cancelled, as with the packages', async () => {
        const core = (await import(RPC_CORE)) as {
            CancellationTokenSource: typeof protocol.CancellationTokenSource;
            CancellationToken: typeof protocol.CancellationToken;
        };
        const source = new core.CancellationTokenSource();
        expect(core.CancellationToken.is(source.token)).toBe(true);
        source.cancel();
        expect(source.token.isCancellationRequested).toBe(true);
        expect(core.CancellationToken.None.isCancellationRequested).toBe(false);
    });
});
