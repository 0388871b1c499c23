// The edit storm (issue 18, figure owed by issue 14): 200 one-character edits a second into an open
// plan for STORM_SECONDS, hover and completion ten times a second, the bundled server over stdio —
// the p50/p99 of those requests. The same storm as `npm run soak` (test/helpers/edit-storm.ts), which
// asserts p99 ≤ 500 ms over 60 s. Run alone with
//   node_modules/.bin/node --import tsx bench/storm.ts
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { answered, editStorm, percentile, STORM_EDITS_PER_SECOND } from '../test/helpers/edit-storm.js';
import { startServer } from '../test/helpers/lsp-process.js';
import type { Figure } from './figure.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const STORM_SECONDS = Number(process.env.BENCH_STORM_SECONDS ?? 20);
const ANSWER_MS = 60_000;

export async function benchStorm(): Promise<Figure[]> {
    const ws = mkdtempSync(join(tmpdir(), 'community-bench-storm-'));
    cpSync(join(ROOT, 'examples'), ws, { recursive: true });
    const server = await startServer(ws);
    try {
        const file = join(ws, 'fitness-wechat.community');
        const text = readFileSync(file, 'utf8');
        const d = { uri: pathToFileURL(file).href, text, version: 1 };
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: d.uri, languageId: 'community', version: 1, text } });
        // Warm: the document built and forecast once before the storm, as in the soak.
        await answered(server.connection.sendRequest('community/forecast', { uri: d.uri, runs: 50, seed: 1 }), 'warm-up forecast', ANSWER_MS);
        const storm = await editStorm(server, d, STORM_SECONDS, ANSWER_MS);
        const label = `storm: ${STORM_EDITS_PER_SECOND} edits/s for ${STORM_SECONDS} s on the fitness example, hover/completion 10/s`;
        return [
            { name: `${label}, p50`, value: percentile(storm.latencies, 50), unit: 'ms' },
            { name: `${label}, p99 (goal ≤ 500 ms)`, value: percentile(storm.latencies, 99), unit: 'ms' },
            { name: `${label}, answered with a result`, value: (100 * storm.answeredWithResult) / storm.latencies.length, unit: '%' },
        ];
    } finally {
        await server.stop();
        rmSync(ws, { recursive: true, force: true });
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    void benchStorm().then((figures) => {
        for (const f of figures) console.log(`${f.name}: ${f.value.toFixed(0)} ${f.unit}`);
    });
}
