// `community/settled`: answers once the server has nothing scheduled — no build, update, settings
// rebuild or slow-check run in the workspace lock or queued for it, no slow checks pending
// (language/lsp/slow-validation.ts) and no CodeLens forecast scheduled or running (forecast-lens.ts) — so every diagnostic the work so far produces has been sent
// before the answer (one connection, messages written in order). For tests and benchmarks that
// compare what two server processes published, instead of waiting for a quiet window on the wire.
// A client asks it after its own messages have had their first effect (say, the diagnostics of the
// files it opened): an edit still waiting in the connection's queue is not work scheduled yet.
import { ReadPriority } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { LSPErrorCodes, ResponseError, type CancellationToken, type Connection } from 'vscode-languageserver';
import type { SlowValidationScheduler } from '../language/lsp/slow-validation.js';

export const SETTLED_REQUEST = 'community/settled';

interface Scheduled {
    SlowValidation?: SlowValidationScheduler;
    Forecasts?: { whenSettled(uri: string): Promise<void> };
}

/** The slow-check schedulers and forecast lenses of the languages the server runs. */
function scheduled(shared: LangiumSharedServices): Scheduled[] {
    return shared.ServiceRegistry.all.map((s) => (s as { communityLsp?: Scheduled }).communityLsp).filter((s): s is Scheduled => s !== undefined);
}

/** Resolves when no slow checks and no CodeLens forecast are scheduled or running, and the workspace lock has nothing to do. */
export async function whenSettled(shared: LangiumSharedServices): Promise<void> {
    const languages = scheduled(shared);
    const quiet = () => {
        const uris = shared.workspace.LangiumDocuments.all.map((d) => d.uri.toString()).toArray();
        return Promise.all(
            languages.flatMap((l) => [
                ...(l.SlowValidation ? [l.SlowValidation.whenIdle()] : []),
                ...(l.Forecasts ? uris.map((u) => l.Forecasts!.whenSettled(u)) : []),
            ]),
        );
    };
    const idleNow = async () => {
        const idle = quiet().then(() => true);
        return Promise.race([idle, new Promise<boolean>((r) => setImmediate(() => r(false)))]);
    };
    // A read waits for every write queued before it; the builds it waited for may have scheduled
    // slow checks (their timer starts when a document is validated) and a CodeLens forecast, so until
    // all are idle at once.
    do {
        await quiet();
        await shared.workspace.WorkspaceLock.read(() => undefined, ReadPriority.Normal);
    } while (!(await idleNow()));
}

export function registerSettledRequest(connection: Connection, shared: LangiumSharedServices): void {
    // Without params vscode-jsonrpc passes the cancel token alone, else (params, token): the last argument.
    connection.onRequest(SETTLED_REQUEST, async (...args: unknown[]): Promise<null> => {
        const token = args[args.length - 1] as CancellationToken;
        // A client that stops waiting (cancel) gets its answer at once, as every request here does.
        const cancelled = new Promise<'cancelled'>((resolve) => {
            if (token.isCancellationRequested) resolve('cancelled');
            token.onCancellationRequested(() => resolve('cancelled'));
        });
        if ((await Promise.race([whenSettled(shared), cancelled])) === 'cancelled')
            throw new ResponseError(LSPErrorCodes.RequestCancelled, 'Request cancelled');
        return null;
    });
}
