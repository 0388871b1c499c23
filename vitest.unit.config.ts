// `npm run test:unit` / `npm run test:watch`: every suite that runs in-process (no built bundles, no
// child processes or worker threads, no browser), for the edit-test loop. `npm test` runs everything (vitest.config.ts).
// The suites that start processes or threads are found from their imports (test/process-suites.ts).
// Sweeps are in-process but long, so `npm test` runs them and the edit loop does not (LONG_SUITES): the
// fuzz suite (minutes on a loaded machine; also `npm run fuzz`), calibration's parameter recovery over 40
// fits and its backtests (the figures of docs/calibration.md), and syntax-error recovery over every
// example's single mistakes (its reproducers stay in test:unit, test/language/recovery.test.ts).
// Workers are reused across files (isolate: false): Langium and the engine load once per worker, which
// halves the CPU time; `npm run test:isolated` (and CI) keeps one fresh worker per file, so a suite that
// leans on another suite's leftovers still fails there. One worker per core (vitest's default leaves one core idle).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { common } from './vitest.config.js';
import { processSuites } from './test/process-suites.js';

const root = fileURLToPath(new URL('.', import.meta.url));

export const LONG_SUITES = ['test/fuzz/**', 'test/calibrate/recovery.test.ts', 'test/language/recovery-sweep.test.ts'];

export default defineConfig({
    test: { ...common, exclude: [...common.exclude, ...processSuites(root), ...LONG_SUITES], isolate: false, maxWorkers: '100%' },
});
