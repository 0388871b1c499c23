// Which suites start processes (the built CLI, the language server over stdio, Chromium, vsce):
// `npm test` runs them, `npm run test:unit` (vitest.unit.config.ts) leaves them out so the inner
// loop stays in seconds. Found from the imports, so a new suite needs no list entry;
// test/tooling/process-suites.test.ts checks the finding on known suites.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/** Modules whose import means a process (or a browser) gets started. */
export const PROCESS_MODULES = ['node:child_process', 'child_process', 'playwright-core'];

/**
 * The test helpers that start processes, and the exports that do (the rest of a helper, such as
 * `ROOT` in helpers/cli.ts, is plain data a unit suite may import).
 */
export const PROCESS_HELPERS: Record<string, string[]> = {
    'test/helpers/cli.ts': ['community', 'communityAsync', 'ensureBuilt', 'finished'],
    'test/helpers/lsp-process.ts': ['startServer'],
    'test/server/server-process.ts': ['startServer'],
    'test/server/raw-client.ts': ['RawClient'],
    'test/security/fifo.ts': ['mkfifoSync'],
};

/** The files under `dir` (relative to `root`) whose name ends with `suffix`; test/e2e has its own runner. */
export function sources(root: string, dir: string, suffix: string): string[] {
    return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return p === 'test/e2e' || e.name === 'node_modules' ? [] : sources(root, p, suffix);
        return e.name.endsWith(suffix) ? [p] : [];
    });
}

/** The import statements of a file: what it names and where from (static imports and dynamic import()). */
export function imports(root: string, file: string): { names: string[]; from: string }[] {
    const text = readFileSync(join(root, file), 'utf8');
    const found: { names: string[]; from: string }[] = [];
    for (const m of text.matchAll(/import\s+(type\s+)?(?:\{([^}]*)\}|\*\s+as\s+(\w+)|(\w+))?\s*(?:from\s*)?'([^']+)'/g)) {
        const names = m[1]
            ? []
            : m[2] !== undefined
              ? m[2]
                    .split(',')
                    .map((n) => n.trim())
                    .filter((n) => n && !n.startsWith('type '))
                    .map((n) => n.split(/\s+as\s+/)[0])
              : ['*'];
        found.push({ names, from: m[5] });
    }
    for (const m of text.matchAll(/import\s*\(\s*'([^']+)'\s*\)/g)) found.push({ names: ['*'], from: m[1] });
    return found;
}

/**
 * Product modules whose exports start worker threads: each thread loads the engine through tsx
 * (seconds of transpiling per thread), as costly as a process, so these suites run in `npm test` only.
 */
export const THREAD_MODULES: Record<string, string[]> = {
    'runtime/pool.ts': ['SimulationPool'],
};

/**
 * Whether a suite starts a process (or worker threads): it imports a process module, or a
 * process-starting export of a helper or of a thread-starting product module.
 */
export function startsProcess(root: string, file: string): boolean {
    return imports(root, file).some(({ names, from }) => {
        if (PROCESS_MODULES.includes(from)) return true;
        if (!from.startsWith('.')) return false;
        const helper = relative(root, resolve(dirname(join(root, file)), from.replace(/\.js$/, '.ts')));
        const spawning = PROCESS_HELPERS[helper] ?? THREAD_MODULES[helper];
        return spawning !== undefined && names.some((n) => n === '*' || spawning.includes(n));
    });
}

/** Every suite under test/ that starts a process, relative to `root`, sorted. */
export function processSuites(root: string): string[] {
    return sources(root, 'test', '.test.ts')
        .filter((f) => startsProcess(root, f))
        .sort();
}
