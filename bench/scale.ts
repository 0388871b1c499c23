// Scale: a 5 MB generated plan validated with every check (time, peak RSS), then a one-character
// edit in it (the last community) and the time until its diagnostics, then one in the first
// community (an edit re-parsed in its block costs most there). Run alone with
//   node_modules/.bin/node --import tsx bench/scale.ts
// By default the measurement (bench/scale-run.ts) is bundled by esbuild with the parser built as every
// shipped bundle builds it (language/parser-bundling.mjs: production mode, callbacks built once):
// that is the server a user runs.
// BENCH_SOURCES=1 runs the tsx sources instead (development mode: Chevrotain's grammar self-checks
// run when the parser is built, inside the timed validation), the way this bench measured until the
// tenth session.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { shippedParserPlugins } from '../language/parser-bundling.mjs';
import type { Figure } from './figure.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const MB = 1024 * 1024;

type Measure = (bytes?: number) => Promise<Figure[]>;

async function bundled(): Promise<{ measure: Measure; dispose(): void }> {
    const dir = mkdtempSync(join(tmpdir(), 'community-scale-'));
    const out = join(dir, 'scale.cjs');
    await build({
        entryPoints: [join(ROOT, 'bench/scale-run.ts')],
        bundle: true,
        platform: 'node',
        format: 'cjs',
        target: 'node22',
        outfile: out,
        logLevel: 'silent',
        define: { 'import.meta.url': 'importMetaUrl' },
        banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
        plugins: shippedParserPlugins,
    });
    const { measureScale } = createRequire(import.meta.url)(out) as { measureScale: Measure };
    return { measure: measureScale, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function benchScale(bytes = 5 * MB): Promise<Figure[]> {
    if (process.env.BENCH_SOURCES) {
        const { measureScale } = await import('./scale-run.js');
        return (await measureScale(bytes)).map((f) => ({ ...f, name: `${f.name} (tsx sources)` }));
    }
    const { measure, dispose } = await bundled();
    try {
        return await measure(bytes);
    } finally {
        dispose();
    }
}

if (import.meta.url === `file://${process.argv[1]}`) {
    for (const f of await benchScale()) console.log(`${f.name}: ${f.value.toFixed(0)} ${f.unit}`);
}
