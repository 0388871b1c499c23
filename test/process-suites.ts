// The suites that start processes (the built CLI, the language server over stdio, Chromium, vsce):
// `npm test` runs them, `npm run test:unit` (vitest.unit.config.ts) leaves them out so the inner
// loop stays in seconds. test/tooling/process-suites.test.ts keeps this list true both ways.
export const PROCESS_SUITES = [
    'test/cli/check.test.ts',
    'test/cli/one-line.test.ts',
    'test/cli/runs.test.ts',
    'test/cli/simulate.test.ts',
    'test/cli/solve.test.ts',
    'test/compile/cli.test.ts',
    'test/compile/locale.test.ts',
    'test/compile/report.test.ts',
    'test/extension/manifest.test.ts',
    'test/server/idle-gc.test.ts',
    'test/server/settings.test.ts',
    'test/server/stdio.test.ts',
    'test/server/workspace.test.ts',
    'test/soak/soak.test.ts',
];

/**
 * The test helpers that start processes, and the exports that do (the rest of a helper, such as
 * `ROOT` in helpers/cli.ts, is plain data a unit suite may import).
 */
export const PROCESS_HELPERS: Record<string, string[]> = {
    'test/helpers/cli.ts': ['community', 'ensureBuilt'],
    'test/helpers/lsp-process.ts': ['startServer'],
    'test/server/server-process.ts': ['startServer'],
};
