// LSP soak: a real server process over stdio takes random edits across 20 open documents with
// completion, hover and forecast requests interleaved. It must answer every request (or cancel it
// properly), never exit, and keep its heap growth under 50 MB. `npm run soak` runs 1,000 edits.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered as answeredWithin, editStorm, percentile, positionAt, STORM_EDITS_PER_SECOND } from '../helpers/edit-storm.js';
import { startServer, type ServerProcess } from '../helpers/lsp-process.js';

const EDITS = Number(process.env.SOAK_EDITS ?? 150);
/** The edit storm: 200 edits a second for this long (`npm run soak`: 60 s). */
const STORM_SECONDS = Number(process.env.SOAK_STORM_SECONDS ?? 10);
/**
 * Issue 18: hover/completion p99 in the storm stays within 500 ms — asserted by `npm run soak` (60 s,
 * meant for a quiet machine). The short storm inside `npm test` shares the machine with every other
 * suite (and a client as starved of CPU as the server) and gets a generous bound; what it must show
 * there is that requests are answered with results while the storm lasts, not after it.
 */
const STORM_P99_MS = Number(process.env.SOAK_STORM_P99_MS ?? (STORM_SECONDS >= 60 ? 500 : 10_000));
const ROOT = resolve(__dirname, '../..');
const MB = 1024 * 1024;

interface OpenDoc {
    uri: string;
    original: string;
    text: string;
    version: number;
}

let server: ServerProcess;
let docs: OpenDoc[];
let examples: string[];

beforeAll(async () => {
    const ws = mkdtempSync(join(tmpdir(), 'community-soak-'));
    cpSync(join(ROOT, 'examples'), ws, { recursive: true });
    const names = readdirSync(ws).filter((f) => f.endsWith('.community'));
    examples = names.map((f) => readFileSync(join(ws, f), 'utf8'));
    server = await startServer(ws, { nodeArgs: ['--expose-gc'] });
    docs = [];
    for (let i = 0; i < 20; i++) {
        const text = examples[i % examples.length];
        const uri = pathToFileURL(join(ws, `soak-${i}.community`)).href;
        docs.push({ uri, original: text, text, version: 1 });
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 1, text } });
    }
}, 120_000);

afterAll(async () => {
    await server?.stop();
});

/** Every request of the soak is answered (or properly cancelled) within this. */
const ANSWER_MS = 30_000;
/**
 * The warm-up builds, indexes and forecasts 20 documents at once, on a machine that may be running
 * other suites: it is set-up, not a figure, so it gets more time than a request of the soak.
 */
const WARM_UP_MS = 180_000;

/** An answer, or a proper cancellation; anything else (or silence) fails. */
function answered<T>(request: Promise<T>, what: string, withinMs = ANSWER_MS): Promise<T | 'cancelled'> {
    return answeredWithin(request, what, withinMs);
}

const editArb = fc.record({
    doc: fc.nat({ max: 19 }),
    op: fc.constantFrom('insert', 'delete', 'paste', 'revert'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 40 }),
    text: fc.oneof(
        fc.constantFrom('tier X { churn 5% per month }\n', ' 12% ', '}', '{', 'kpi members >= 10\n', '真爱粉丝', '\n'),
        fc.string({ maxLength: 10 }),
    ),
    example: fc.nat(),
    ask: fc.constantFrom('none', 'none', 'completion', 'hover', 'forecast'),
});

async function stats(): Promise<{ heapUsed: number }> {
    return server.connection.sendRequest('community/stats');
}

describe('language server soak', () => {
    it(
        `answers every request across ${EDITS} random edits in 20 documents and keeps its heap`,
        async () => {
            // Warm up: every document validated and forecast once, so the baseline includes caches.
            const warmUp = performance.now();
            for (const d of docs)
                await answered(
                    server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 50, seed: 1 }),
                    'warm-up forecast',
                    Math.max(ANSWER_MS, WARM_UP_MS - (performance.now() - warmUp)),
                );
            const before = (await stats()).heapUsed;
            const edits = fc.sample(editArb, { numRuns: EDITS, seed: 20261124 });
            const pending: Promise<unknown>[] = [];
            for (const e of edits) {
                const d = docs[e.doc];
                const offset = Math.floor(e.at * d.text.length);
                let next: string;
                if (e.op === 'insert') next = d.text.slice(0, offset) + e.text + d.text.slice(offset);
                else if (e.op === 'delete') next = d.text.slice(0, offset) + d.text.slice(offset + e.len);
                else if (e.op === 'paste') next = examples[e.example % examples.length];
                else next = d.original;
                d.version += 1;
                d.text = next;
                await server.connection.sendNotification('textDocument/didChange', {
                    textDocument: { uri: d.uri, version: d.version },
                    contentChanges: [{ text: next }],
                });
                const pos = positionAt(next, Math.floor(e.at * next.length));
                if (e.ask === 'completion')
                    pending.push(
                        answered(server.connection.sendRequest('textDocument/completion', { textDocument: { uri: d.uri }, position: pos }), 'completion'),
                    );
                if (e.ask === 'hover')
                    pending.push(answered(server.connection.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pos }), 'hover'));
                if (e.ask === 'forecast')
                    pending.push(answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 50, seed: 1 }), 'forecast'));
                if (pending.length >= 8) await Promise.all(pending.splice(0));
            }
            await Promise.all(pending);
            // Every document settles: its last published diagnostics are for its last version.
            for (const d of docs) await answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 10, seed: 1 }), 'settle');
            expect(server.exited()).toBeNull();
            const growth = ((await stats()).heapUsed - before) / MB;
            console.log(`soak: ${EDITS} edits, heap growth ${growth.toFixed(1)} MB`);
            expect(growth).toBeLessThan(50);
            expect(server.stderr()).not.toMatch(/An error occurred|TypeError|RangeError/);
        },
        WARM_UP_MS + Math.max(180_000, EDITS * 1000),
    );

    it('keeps up with 50 edits a second on one document and answers for the last version', async () => {
        const d = docs[0];
        const requests: Promise<unknown>[] = [];
        for (let i = 0; i < 50; i++) {
            d.version += 1;
            d.text = d.original.replace('FitHome', `FitHome${i}`);
            await server.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri: d.uri, version: d.version },
                contentChanges: [{ text: d.text }],
            });
            requests.push(answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 200, seed: 1 }), 'rapid forecast'));
            await new Promise((r) => setTimeout(r, 20));
        }
        const results = await Promise.all(requests);
        expect(results.length).toBe(50);
        // The last request is answered for the last version: nothing stale is shown after typing stops.
        const last = results[results.length - 1] as { version?: number } | 'cancelled';
        expect(last).not.toBe('cancelled');
        expect((last as { version?: number }).version).toBe(d.version);
        const cancelledOrAnswered = results.filter((r) => r === 'cancelled' || typeof r === 'object').length;
        expect(cancelledOrAnswered).toBe(50);
        expect(server.exited()).toBeNull();
    }, 120_000);

    it(
        `answers hover and completion within ${STORM_P99_MS} ms (p99) in a storm of ${STORM_EDITS_PER_SECOND} edits a second for ${STORM_SECONDS} s`,
        async () => {
            const d = docs[1];
            const storm = await editStorm(server, d, STORM_SECONDS, ANSWER_MS);
            const { latencies, answeredWithResult } = storm;
            const p50 = percentile(latencies, 50);
            const p99 = percentile(latencies, 99);
            console.log(
                `storm: ${storm.edits} edits in ${storm.seconds.toFixed(1)} s, ${latencies.length} hover/completion requests: p50 ${p50.toFixed(0)} ms, p99 ${p99.toFixed(0)} ms, ${answeredWithResult} answered with a result, ${latencies.length - answeredWithResult} content-modified`,
            );
            expect(latencies.length).toBe(storm.edits / 20);
            expect(p99).toBeLessThan(STORM_P99_MS);
            // Most requests get a real answer, not "content modified": the builds keep finishing.
            expect(answeredWithResult).toBeGreaterThan(latencies.length / 2);
            // After the storm the server settles on the last version.
            const last = (await answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 10, seed: 1 }), 'after the storm')) as
                { version?: number } | 'cancelled';
            expect(last).not.toBe('cancelled');
            expect((last as { version?: number }).version).toBe(d.version);
            expect(server.exited()).toBeNull();
        },
        (STORM_SECONDS + 120) * 1000,
    );
});
