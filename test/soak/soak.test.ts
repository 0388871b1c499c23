// LSP soak: a real server process over stdio takes random edits across 20 open documents with
// completion, hover and forecast requests interleaved. It must answer every request (or cancel it
// properly), never exit, and keep its heap growth under 50 MB. `npm run soak` runs 1,000 edits.
import { cpSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseError } from 'vscode-jsonrpc';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import { startServer, type ServerProcess } from '../helpers/lsp-process.js';

const EDITS = Number(process.env.SOAK_EDITS ?? 150);
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

/** An answer, or a proper cancellation; anything else (or silence) fails. */
async function answered<T>(request: Promise<T>, what: string): Promise<T | 'cancelled'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within 30 s`)), 30_000)));
    try {
        return await Promise.race([request, timeout]);
    } catch (error) {
        if (error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ContentModified)) return 'cancelled';
        throw error;
    } finally {
        clearTimeout(timer);
    }
}

function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

const editArb = fc.record({
    doc: fc.nat({ max: 19 }),
    op: fc.constantFrom('insert', 'delete', 'paste', 'revert'),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    len: fc.integer({ min: 1, max: 40 }),
    text: fc.oneof(fc.constantFrom('tier X { churn 5% per month }\n', ' 12% ', '}', '{', 'kpi members >= 10\n', '真爱粉丝', '\n'), fc.string({ maxLength: 10 })),
    example: fc.nat(),
    ask: fc.constantFrom('none', 'none', 'completion', 'hover', 'forecast'),
});

async function stats(): Promise<{ heapUsed: number }> {
    return server.connection.sendRequest('community/stats');
}

describe('language server soak', () => {
    it(`answers every request across ${EDITS} random edits in 20 documents and keeps its heap`, async () => {
        // Warm up: every document validated and forecast once, so the baseline includes caches.
        for (const d of docs) await answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 50, seed: 1 }), 'warm-up forecast');
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
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.version }, contentChanges: [{ text: next }] });
            const pos = positionAt(next, Math.floor(e.at * next.length));
            if (e.ask === 'completion') pending.push(answered(server.connection.sendRequest('textDocument/completion', { textDocument: { uri: d.uri }, position: pos }), 'completion'));
            if (e.ask === 'hover') pending.push(answered(server.connection.sendRequest('textDocument/hover', { textDocument: { uri: d.uri }, position: pos }), 'hover'));
            if (e.ask === 'forecast') pending.push(answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 50, seed: 1 }), 'forecast'));
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
    }, Math.max(180_000, EDITS * 1000));

    it('keeps up with 50 edits a second on one document and answers for the last version', async () => {
        const d = docs[0];
        const requests: Promise<unknown>[] = [];
        for (let i = 0; i < 50; i++) {
            d.version += 1;
            d.text = d.original.replace('FitHome', `FitHome${i}`);
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri: d.uri, version: d.version }, contentChanges: [{ text: d.text }] });
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
});
