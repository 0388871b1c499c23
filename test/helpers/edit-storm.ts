// The edit storm of issue 18, shared by the soak (test/soak, asserts p99) and `npm run bench`
// (bench/storm.ts, prints it): one character at a time typed into an open document's first-line
// title at a fixed rate, as a fast typist or a macro would (incremental changes), with hover and
// completion ten times a second on lines the typing does not move, each timed until its answer.
import { ResponseError } from 'vscode-jsonrpc';
import { LSPErrorCodes } from 'vscode-languageserver-protocol';
import type { ServerProcess } from './lsp-process.js';

export const STORM_EDITS_PER_SECOND = 200;

export interface StormDoc {
    uri: string;
    text: string;
    version: number;
}

export interface StormResult {
    edits: number;
    seconds: number;
    /** Milliseconds from sending each hover/completion to its answer (or cancellation). */
    latencies: number[];
    /** Requests answered with a result (the rest: content modified or cancelled). */
    answeredWithResult: number;
}

/** An answer, or a proper cancellation; anything else (or silence) fails. */
export async function answered<T>(request: Promise<T>, what: string, withinMs: number): Promise<T | 'cancelled'> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
        (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${withinMs / 1000} s`)), withinMs)),
    );
    try {
        return await Promise.race([request, timeout]);
    } catch (error) {
        if (error instanceof ResponseError && (error.code === LSPErrorCodes.RequestCancelled || error.code === LSPErrorCodes.ContentModified))
            return 'cancelled';
        throw error;
    } finally {
        clearTimeout(timer);
    }
}

export function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs the storm on `d` (an open document of `server` with a quoted title on its first line and a "churn" line) for `seconds`. */
export async function editStorm(server: ServerProcess, d: StormDoc, seconds: number, answerMs: number): Promise<StormResult> {
    const firstLine = d.text.split('\n')[0];
    const at = firstLine.indexOf('"') + 1;
    const hoverAt = positionAt(d.text, d.text.indexOf('churn') + 1);
    const completeAt = positionAt(d.text, d.text.indexOf('\n', d.text.indexOf('churn')));
    const latencies: number[] = [];
    const requests: Promise<unknown>[] = [];
    let answeredWithResult = 0;
    const started = performance.now();
    const total = seconds * STORM_EDITS_PER_SECOND;
    let sent = 0;
    while (sent < total) {
        // Keep the rate whatever the timer resolution: send what the clock says is due.
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * STORM_EDITS_PER_SECOND) + 1);
        for (; sent < due; sent++) {
            d.version += 1;
            const column = at + sent;
            d.text = d.text.slice(0, column) + 'x' + d.text.slice(column);
            void server.connection.sendNotification('textDocument/didChange', {
                textDocument: { uri: d.uri, version: d.version },
                contentChanges: [{ range: { start: { line: 0, character: column }, end: { line: 0, character: column } }, text: 'x' }],
            });
            // Ten requests a second, hover and completion in turn, on lines the typing does not move.
            if (sent % 20 === 10) {
                const t = performance.now();
                const method = (sent / 20) % 2 < 1 ? 'textDocument/hover' : 'textDocument/completion';
                const position = method === 'textDocument/hover' ? hoverAt : completeAt;
                requests.push(
                    answered(server.connection.sendRequest(method, { textDocument: { uri: d.uri }, position }), `storm ${method}`, answerMs).then((r) => {
                        latencies.push(performance.now() - t);
                        if (r !== 'cancelled') answeredWithResult++;
                    }),
                );
            }
        }
        await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(requests);
    return { edits: total, seconds: (performance.now() - started) / 1000, latencies, answeredWithResult };
}
