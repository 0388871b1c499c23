// `npm run test:unit` leaves out the suites in test/process-suites.ts. This keeps that list true:
// a suite that starts a process (directly, or through a helper's process-starting export) must be
// listed, and a listed suite must really start one, so the fast loop neither spawns nor loses tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROCESS_HELPERS, PROCESS_SUITES } from '../process-suites.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Modules whose import means a process (or a browser) gets started. */
const STARTS_A_PROCESS = ['node:child_process', 'child_process', 'playwright-core'];

function sources(dir: string, suffix: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return e.name === 'e2e' || e.name === 'node_modules' ? [] : sources(p, suffix);
        return e.name.endsWith(suffix) ? [relative(ROOT, p)] : [];
    });
}

/** The import statements of a file: what it names and where from (static imports and dynamic import()). */
function imports(file: string): { names: string[]; from: string }[] {
    const text = readFileSync(join(ROOT, file), 'utf8');
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

/** The file an import names, relative to the root (only for relative imports). */
function target(file: string, spec: string): string | undefined {
    return spec.startsWith('.') ? relative(ROOT, resolve(dirname(join(ROOT, file)), spec.replace(/\.js$/, '.ts'))) : undefined;
}

/** Whether a suite starts a process: it imports one of the process modules, or a process-starting export of a helper. */
function startsProcess(file: string): boolean {
    return imports(file).some(({ names, from }) => {
        if (STARTS_A_PROCESS.includes(from)) return true;
        const helper = target(file, from);
        const spawning = helper ? PROCESS_HELPERS[helper] : undefined;
        return spawning !== undefined && names.some((n) => n === '*' || spawning.includes(n));
    });
}

describe('test:unit leaves out exactly the suites that start processes', () => {
    const all = sources(join(ROOT, 'test'), '.test.ts');

    it('finds the suites', () => {
        expect(all.length).toBeGreaterThan(20);
        expect(all).toContain('test/tooling/process-suites.test.ts');
    });

    it('lists every suite that starts a process', () => {
        const spawning = all.filter((f) => startsProcess(f)).sort();
        expect(
            spawning.filter((f) => !PROCESS_SUITES.includes(f)),
            'add these to PROCESS_SUITES in test/process-suites.ts',
        ).toEqual([]);
    });

    it('lists only suites that exist and start a process', () => {
        for (const f of PROCESS_SUITES) {
            expect(existsSync(join(ROOT, f)), f).toBe(true);
            expect(startsProcess(f), f).toBe(true);
        }
    });

    it('knows every helper that starts a process, and what in it does', () => {
        const helpers = sources(join(ROOT, 'test'), '.ts').filter((f) => !f.endsWith('.test.ts'));
        const spawningHelpers = helpers.filter((f) => imports(f).some(({ from }) => STARTS_A_PROCESS.includes(from))).sort();
        expect(spawningHelpers).toEqual(Object.keys(PROCESS_HELPERS).sort());
        for (const [helper, names] of Object.entries(PROCESS_HELPERS)) {
            const text = readFileSync(join(ROOT, helper), 'utf8');
            for (const n of names) expect(text, `${helper} exports ${n}`).toMatch(new RegExp(`export (async )?function ${n}\\b`));
        }
    });

    it('counts a suite that imports only plain data from a process helper as a unit suite', () => {
        expect(all).toContain('test/engine/levers-examples.test.ts');
        expect(PROCESS_SUITES).not.toContain('test/engine/levers-examples.test.ts');
        expect(startsProcess('test/engine/levers-examples.test.ts')).toBe(false);
        expect(startsProcess('test/cli/check.test.ts')).toBe(true);
    });
});
