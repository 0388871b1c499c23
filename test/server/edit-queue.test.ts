// Edits never queue: a burst of didChange notifications the server has not read yet (a paste-heavy
// macro, a slow machine catching up) is applied together and built once, so the diagnostics of the
// last version arrive about as fast as after one edit — not after one build per notification.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from '../helpers/lsp-process.js';

const ROOT = resolve(__dirname, '../..');
const EDITS = 2000;
/** Generous for a loaded 2-core machine: one build per edit took 25–27 s; coalesced it is well under 1 s. */
const BOUND_MS = 5000;

interface Diagnostic {
    message: string;
    severity?: number;
}
const hasError = (d: Diagnostic[]) => d.some((x) => x.severity === 1);

let server: ServerProcess;
let uri: string;
let text: string;

beforeAll(async () => {
    const ws = mkdtempSync(join(tmpdir(), 'community-queue-'));
    // The example imports shared platforms: the workspace holds every example.
    cpSync(join(ROOT, 'examples'), ws, { recursive: true });
    text = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
    const file = join(ws, 'queued.community');
    writeFileSync(file, text);
    uri = pathToFileURL(file).href;
    server = await startServer(ws);
}, 60_000);

afterAll(async () => {
    await server?.stop();
});

/** Resolves with the first publishDiagnostics of `uri` (from index `from` on) that `matches`. */
function published(from: number, matches: (diagnostics: Diagnostic[]) => boolean): Promise<Diagnostic[]> {
    return new Promise((resolvePublished) => {
        const poll = setInterval(() => {
            const hit = server.diagnostics
                .get(uri)
                ?.slice(from)
                .find((d) => matches(d.diagnostics as Diagnostic[]));
            if (hit) {
                clearInterval(poll);
                resolvePublished(hit.diagnostics as Diagnostic[]);
            }
        }, 2);
    });
}

describe('queued edits', () => {
    it(`applies ${EDITS} queued one-character edits together and publishes the last version quickly`, async () => {
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 1, text } });
        const opened = await published(0, () => true);
        expect(hasError(opened)).toBe(false);
        // Type into the plan title one character at a time; the last edit deletes the title's closing
        // quote. Only the last version has a problem, so its diagnostics cannot be an earlier build's.
        const firstLine = text.split('\n')[0];
        const at = firstLine.indexOf('"') + 1;
        const close = firstLine.indexOf('"', at);
        const seen = server.diagnostics.get(uri)!.length;
        const started = performance.now();
        let version = 1;
        for (let i = 0; i < EDITS; i++) {
            const change =
                i < EDITS - 1
                    ? { range: { start: { line: 0, character: at + i }, end: { line: 0, character: at + i } }, text: 'x' }
                    : { range: { start: { line: 0, character: close + i }, end: { line: 0, character: close + i + 1 } }, text: '' };
            void server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [change] });
        }
        const last = await published(seen, hasError);
        const elapsed = performance.now() - started;
        const publishes = server.diagnostics.get(uri)!.length - seen;
        console.log(`queued edits: ${EDITS} one-character edits → diagnostics of the last version after ${elapsed.toFixed(0)} ms (${publishes} publishes)`);
        expect(elapsed).toBeLessThan(BOUND_MS);
        // Built once or a few times (the edits reach the server in chunks), never once per edit.
        expect(publishes).toBeLessThan(50);
        // Whatever comes later (the slow checks after the pause) is of the last version too: all of it
        // has been published once the server has nothing scheduled (community/settled).
        await server.connection.sendRequest('community/settled');
        expect(
            server.diagnostics
                .get(uri)!
                .slice(seen + publishes)
                .every((d) => hasError(d.diagnostics as Diagnostic[])),
        ).toBe(true);
        expect(hasError(last)).toBe(true);
        // A request after the burst is answered for the last version: the title now runs to the end of the line.
        const symbols = await server.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
        expect(symbols).toBeDefined();
        expect(server.exited()).toBeNull();
    }, 120_000);
});
