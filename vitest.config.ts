import { defineConfig } from 'vitest/config';
import { TIMED_SUITES } from './test/timed-suites.js';

/** What every run shares (`npm test` here, `npm run test:unit` in vitest.unit.config.ts). */
export const common = {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks' as const,
};

// `npm test`: two groups, one after the other (sequence.groupOrder). First the suites that time an
// answer (test/timed-suites.ts), alone and one at a time, as all of `npm test` ran before, on a machine
// no suite of ours shares (after the last suite of a parallel group its processes may still be winding
// down); then every other suite, one file per core (vitest's default leaves one of this machine's two
// cores idle). One vitest run, so a reporter given on the command line (`.ci/run`'s JSON report)
// covers both groups. (Not groupOrder 0 for the timed: vitest runs a one-worker project of order 0 last.)
// The parallel group reuses each worker across files (isolate: false): a fresh worker per file re-imports
// Langium, the engine and the test helpers, ~40 s of `npm test`'s wall time on this machine (177 → 137 s
// of vitest). `npm run test:isolated` (COMMUNITY_TEST_ISOLATE=1, the parallel project) gives each of its files a fresh worker, so a
// suite that leans on another's leftovers still fails; `.ci/run` runs both. The timed suites always
// run one fresh worker per file.
export default defineConfig({
    test: {
        testTimeout: common.testTimeout,
        hookTimeout: common.hookTimeout,
        pool: common.pool,
        exclude: common.exclude,
        // Each project names its own files: a project's `include` would add to the root's, not replace it.
        projects: [
            {
                extends: true,
                test: {
                    name: 'parallel',
                    include: common.include,
                    exclude: TIMED_SUITES,
                    maxWorkers: '100%',
                    isolate: process.env.COMMUNITY_TEST_ISOLATE === '1',
                    sequence: { groupOrder: 2 },
                },
            },
            { extends: true, test: { name: 'timed', include: TIMED_SUITES, maxWorkers: 1, sequence: { groupOrder: 1 } } },
        ],
    },
});
