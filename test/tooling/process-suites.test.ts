// `npm run test:unit` leaves out the suites in test/process-suites.ts. This keeps that list true:
// a suite that starts a process (directly or through a helper it imports) must be listed, and a
// listed suite must really start one, so the fast loop neither spawns nor silently loses tests.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROCESS_SUITES } from '../process-suites.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** Modules whose import means a process (or a browser) gets started. */
const STARTS_A_PROCESS = ['node:child_process', 'child_process', 'playwright-core'];

function testFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        const p = join(dir, e.name);
        if (e.isDirectory()) return e.name === 'e2e' || e.name === 'node_modules' ? [] : testFiles(p);
        return e.name.endsWith('.test.ts') ? [relative(ROOT, p)] : [];
    });
}

/** Every module specifier in a file: static imports, re-exports and dynamic import(). */
function specifiers(file: string): string[] {
    const text = readFileSync(file, 'utf8');
    return [...text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)'([^']+)'/g)].map((m) => m[1]);
}

/** Whether the file, or a test helper it imports (transitively), starts a process. */
function startsProcess(file: string, seen = new Set<string>()): boolean {
    if (seen.has(file)) return false;
    seen.add(file);
    for (const spec of specifiers(file)) {
        if (STARTS_A_PROCESS.includes(spec)) return true;
        if (!spec.startsWith('.')) continue;
        const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
        // Only test helpers are followed: the product code under test runs in-process by design.
        if (target.startsWith(join(ROOT, 'test') + '/') && existsSync(target) && startsProcess(target, seen)) return true;
    }
    return false;
}

describe('test:unit leaves out exactly the suites that start processes', () => {
    const all = testFiles(join(ROOT, 'test'));

    it('finds the suites', () => {
        expect(all.length).toBeGreaterThan(20);
        expect(all).toContain('test/tooling/process-suites.test.ts');
    });

    it('lists every suite that starts a process', () => {
        const spawning = all.filter((f) => startsProcess(join(ROOT, f))).sort();
        expect(spawning.filter((f) => !PROCESS_SUITES.includes(f))).toEqual([]);
    });

    it('lists only suites that exist and start a process', () => {
        for (const f of PROCESS_SUITES) {
            expect(existsSync(join(ROOT, f)), f).toBe(true);
            expect(startsProcess(join(ROOT, f)), f).toBe(true);
        }
    });
});
