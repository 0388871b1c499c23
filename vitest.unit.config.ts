// `npm run test:unit` / `npm run test:watch`: every suite that runs in-process (no built bundles, no
// child processes or worker threads, no browser), for the edit-test loop. `npm test` runs everything (vitest.config.ts).
// The suites that start processes or threads are found from their imports (test/process-suites.ts).
// The fuzz suite is in-process but takes minutes on a loaded machine: `npm test` and `npm run fuzz` run it.
// Workers are reused across files (isolate: false): Langium and the engine load once per worker, which
// halves the CPU time; `npm test` keeps one fresh worker per file, so a suite that leans on another
// suite's leftovers still fails there. One worker per core (vitest's default leaves one core idle).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';
import { processSuites } from './test/process-suites.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
    test: { ...common, exclude: [...common.exclude, ...processSuites(root), 'test/fuzz/**'], isolate: false, maxWorkers: '100%' },
});
