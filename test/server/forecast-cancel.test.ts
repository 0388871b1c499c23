// The community/forecast request through the real server over stdio: a 100,000-run forecast with
// sensitivity is cancelled between blocks — RequestCancelled arrives at once and the server answers
// a hover right after — and a request above the run-weeks limit gets the coded refusal.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CancellationTokenSource, ResponseError } from 'vscode-jsonrpc/node';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { cpuSeconds, usedCpu } from '../helpers/process-cpu.js';
import { startServer, until, type Server } from './server-process.js';

const EXAMPLES = join(ROOT, 'examples');
const FITNESS = join(EXAMPLES, 'fitness-wechat.community');

let server: Server | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

interface ForecastAnswer {
    status: string;
    code?: string;
    message?: string;
    runs?: number;
}

describe('community/forecast', () => {
    it('answers RequestCancelled within a generous bound when a 100,000-run forecast with sensitivity is cancelled, then answers a hover', async () => {
        const text = readFileSync(FITNESS, 'utf8');
        const uri = pathToFileURL(FITNESS).href;
        server = await startServer(EXAMPLES, { initializationOptions: { lang: 'en' } });
        await server.open(uri, text);
        await until(() => server!.latest(uri), 30_000, 'diagnostics of the example');
        // A small forecast first: the document is validated and the pool is warm.
        const small = await server.connection.sendRequest<ForecastAnswer>('community/forecast', { uri, runs: 200, seed: 42 });
        expect(small.status).toBe('ok');

        // Nothing else running (the slow checks after the open), so the CPU counted below is the forecast's.
        await server.connection.sendRequest('community/settled');
        const source = new CancellationTokenSource();
        const cpuBefore = cpuSeconds(server.child.pid) ?? 0;
        const big = server.connection.sendRequest<ForecastAnswer>('community/forecast', { uri, runs: 100_000, seed: 42, sensitivity: true }, source.token);
        const outcome = big.then(
            () => 'answered',
            (error: unknown) => error,
        );
        // Cancelled in the middle of its work: once the server has spent 0.8 s of CPU on it (or, where
        // a process's CPU time cannot be read, after 1.5 s).
        await usedCpu(server.child.pid, 0.8, 1500, cpuBefore);
        const cancelledAt = performance.now();
        source.cancel();
        const error = await outcome;
        const elapsed = performance.now() - cancelledAt;
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(-32800);
        // The goal is 100 ms on a quiet machine (BENCHMARKS.md); the bound is generous because on a
        // shared 2-core box under load (a full parallel test run) the server's thread may wait
        // seconds to be scheduled. Uncancelled, this request held the server 3.5–5.4 s (issue 14).
        expect(elapsed, `RequestCancelled ${elapsed.toFixed(0)} ms after the cancel`).toBeLessThan(5000);

        const hoverStarted = performance.now();
        const line = text.split('\n').findIndex((l) => l.includes('tier '));
        const hover = await server.connection.sendRequest<{ contents: unknown } | null>('textDocument/hover', {
            textDocument: { uri },
            position: { line, character: text.split('\n')[line].indexOf('tier') + 1 },
        });
        expect(hover?.contents).toBeTruthy();
        const hoverMs = performance.now() - hoverStarted;
        expect(hoverMs, `hover answered ${hoverMs.toFixed(0)} ms after the cancelled forecast`).toBeLessThan(5000);
    }, 120_000);

    it('refuses a forecast above 5,200,000 run-weeks with forecast-too-large (the numbers and the limit) and still runs one below it', async () => {
        const text = readFileSync(FITNESS, 'utf8').replace(/horizon 26 weeks/, 'horizon 104 weeks');
        expect(text).toContain('horizon 104 weeks');
        const uri = pathToFileURL(join(EXAMPLES, 'fitness-two-years.community')).href;
        server = await startServer(EXAMPLES, { initializationOptions: { lang: 'en' } });
        await server.open(uri, text);
        await until(() => server!.latest(uri), 30_000, 'diagnostics of the two-year plan');
        const refused = await server.connection.sendRequest<ForecastAnswer>('community/forecast', { uri, runs: 100_000, seed: 42 });
        expect(refused.status).toBe('unavailable');
        expect(refused.code).toBe('forecast-too-large');
        expect(refused.message).toBe(
            'A forecast of 100000 runs over 104 weeks is 10400000 run-weeks, above the limit of 5200000 for the editor preview: lower the runs (community.preview.runs) or forecast it with `community simulate`.',
        );
        const ok = await server.connection.sendRequest<ForecastAnswer>('community/forecast', { uri, runs: 300, seed: 42 });
        expect(ok.status).toBe('ok');
        expect(ok.runs).toBe(300);
    }, 120_000);
});
