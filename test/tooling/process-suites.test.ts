// `npm run test:unit` leaves out the suites test/process-suites.ts finds from their imports. These
// tests hold that finding to known suites both ways, and keep the list of process-starting helpers
// complete, so the fast loop neither spawns nor loses in-process suites.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { imports, PROCESS_HELPERS, PROCESS_MODULES, processSuites, sources, startsProcess, THREAD_MODULES } from '../process-suites.js';
import unitConfig, { LONG_SUITES } from '../../vitest.unit.config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('test:unit leaves out exactly the suites that start processes', () => {
    const all = sources(ROOT, 'test', '.test.ts');
    const spawning = processSuites(ROOT);

    it('finds the suites, and some of each kind', () => {
        expect(all.length).toBeGreaterThan(30);
        expect(spawning.length).toBeGreaterThan(10);
        expect(all.length - spawning.length).toBeGreaterThan(20);
    });

    it.each([
        ['test/cli/check.test.ts', 'runs the built CLI (helpers/cli community())'],
        ['test/server/stdio.test.ts', 'starts the language server (server-process startServer())'],
        ['test/soak/soak.test.ts', 'starts the language server (helpers/lsp-process startServer())'],
        ['test/compile/report.test.ts', 'opens Chromium (playwright-core) and imports child_process dynamically'],
        ['test/extension/manifest.test.ts', 'runs vsce (node:child_process)'],
        ['test/engine/pool.test.ts', 'starts worker threads (runtime/pool SimulationPool)'],
    ])('%s starts a process: %s', (file) => {
        expect(startsProcess(ROOT, file)).toBe(true);
        expect(spawning).toContain(file);
    });

    it.each([
        ['test/engine/levers-examples.test.ts', 'imports only ROOT from helpers/cli'],
        ['test/language/validation.test.ts', 'parses in-process'],
        ['test/tooling/lint-boundaries.test.ts', 'runs ESLint through its Node API'],
        ['test/fuzz/fuzz.test.ts', 'in-process (left out of test:unit for its length, not for processes)'],
    ])('%s is in-process: %s', (file) => {
        expect(all).toContain(file);
        expect(startsProcess(ROOT, file)).toBe(false);
    });

    it('knows every helper that starts a process, and what in it does', () => {
        const helpers = sources(ROOT, 'test', '.ts').filter((f) => !f.endsWith('.test.ts'));
        const spawningHelpers = helpers.filter((f) => imports(ROOT, f).some(({ from }) => PROCESS_MODULES.includes(from))).sort();
        expect(spawningHelpers, 'list it in PROCESS_HELPERS in test/process-suites.ts').toEqual(Object.keys(PROCESS_HELPERS).sort());
        for (const [helper, names] of Object.entries(PROCESS_HELPERS)) {
            const text = readFileSync(join(ROOT, helper), 'utf8');
            for (const n of names) expect(text, `${helper} exports ${n}`).toMatch(new RegExp(`export (async )?(function|class) ${n}\\b`));
        }
        for (const [module, names] of Object.entries(THREAD_MODULES)) {
            const text = readFileSync(join(ROOT, module), 'utf8');
            for (const n of names) expect(text, `${module} exports ${n}`).toMatch(new RegExp(`export (async )?(function|class) ${n}\\b`));
        }
    });

    it('is what vitest.unit.config.ts excludes (with the fuzz suite)', () => {
        expect(unitConfig.test?.exclude).toEqual(expect.arrayContaining([...spawning, 'test/fuzz/**']));
    });

    it('leaves out the long in-process sweeps it names, each of them a suite that exists (npm test runs them)', () => {
        expect(unitConfig.test?.exclude).toEqual(expect.arrayContaining(LONG_SUITES));
        for (const file of LONG_SUITES.filter((f) => !f.includes('*'))) expect(all, file).toContain(file);
    });
});
