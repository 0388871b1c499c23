// `npm run test:unit` / `npm run test:watch`: every suite that runs in-process (no built bundles, no
// child processes, no browser), for the edit-test loop. `npm test` runs everything (vitest.config.ts).
// The fuzz suite is in-process but takes minutes on a loaded machine: `npm test` and `npm run fuzz` run it.
// Workers are reused across files (isolate: false): Langium and the engine load once per worker, which
// halves the CPU time; `npm test` keeps one fresh worker per file, so a suite that leans on another
// suite's leftovers still fails there. One worker per core (vitest's default leaves one core idle).
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';
import { PROCESS_SUITES } from './test/process-suites.js';

export default mergeConfig(base, defineConfig({ test: { exclude: [...PROCESS_SUITES, 'test/fuzz/**'], isolate: false, maxWorkers: '100%' } }));
