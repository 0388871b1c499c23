// community/settled without a process: the handler the server registers, driven with a stand-in
// connection and workspace, so what it waits for (slow checks, CodeLens forecasts, the workspace lock)
// and a client's cancel can be set up exactly.
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';
import { registerSettledRequest, SETTLED_REQUEST } from '../../server/settled-request.js';

type Handler = (...args: unknown[]) => Promise<unknown>;

/** The handler, with the slow checks and the forecast of `plan.community` idle once the given promises resolve. */
function settledHandler(slowIdle: () => Promise<void>, lensSettled: () => Promise<void>): Handler {
    let handler: Handler | undefined;
    const connection = {
        onRequest(method: string, h: Handler) {
            if (method === SETTLED_REQUEST) handler = h;
        },
    } as unknown as Connection;
    const shared = {
        ServiceRegistry: { all: [{ communityLsp: { SlowValidation: { whenIdle: slowIdle }, Forecasts: { whenSettled: lensSettled } } }] },
        workspace: {
            LangiumDocuments: { all: { map: (f: (d: unknown) => string) => ({ toArray: () => [f({ uri: { toString: () => 'file:///plan.community' } })] }) } },
            WorkspaceLock: { read: async (action: () => unknown) => action() },
        },
    } as unknown as LangiumSharedServices;
    registerSettledRequest(connection, shared);
    expect(handler).toBeDefined();
    return handler!;
}

const never = () => new Promise<void>(() => undefined);
const now = () => Promise.resolve();

describe('community/settled', () => {
    it('answers null when nothing is scheduled', async () => {
        const handler = settledHandler(now, now);
        await expect(handler(new CancellationTokenSource().token)).resolves.toBeNull();
    });

    it('waits for the slow checks and for the CodeLens forecast', async () => {
        let slowDone!: () => void;
        let lensDone!: () => void;
        const slow = new Promise<void>((r) => (slowDone = r));
        const lens = new Promise<void>((r) => (lensDone = r));
        let answered = false;
        const answer = settledHandler(
            () => slow,
            () => lens,
        )(new CancellationTokenSource().token).then((v) => {
            answered = true;
            return v;
        });
        await new Promise((r) => setTimeout(r, 20));
        expect(answered).toBe(false);
        slowDone();
        await new Promise((r) => setTimeout(r, 20));
        expect(answered).toBe(false);
        lensDone();
        await expect(answer).resolves.toBeNull();
    });

    it('answers RequestCancelled when the client cancels while work is still scheduled', async () => {
        const source = new CancellationTokenSource();
        const answer = settledHandler(never, now)(source.token as CancellationToken);
        source.cancel();
        await expect(answer).rejects.toMatchObject({ code: -32800 });
    });

    it('answers RequestCancelled for a request cancelled before it ran, with params or without', async () => {
        const source = new CancellationTokenSource();
        source.cancel();
        await expect(settledHandler(never, never)(source.token)).rejects.toMatchObject({ code: -32800 });
        await expect(settledHandler(never, never)(null, source.token)).rejects.toMatchObject({ code: -32800 });
    });
});
