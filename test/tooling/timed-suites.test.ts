// `npm test` runs the suites that time an answer alone, before the rest (vitest.config.ts, projects
// "timed" then "parallel"). These tests hold that split to the tree: every listed suite exists, the
// two projects share no suite and together run every suite once, and a suite that reads the clock
// around a bound it asserts is listed.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TestProjectInlineConfiguration } from 'vitest/config';
import { sources } from '../process-suites.js';
import { TIMED_SUITES } from '../timed-suites.js';
import config from '../../vitest.config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('npm test runs the timed suites alone, before the others', () => {
    const projects = (config.test?.projects ?? []) as TestProjectInlineConfiguration[];
    const project = (name: string) => projects.find((p) => p.test?.name === name)?.test;

    it('lists suites that exist', () => {
        for (const file of TIMED_SUITES) expect(existsSync(join(ROOT, file)), file).toBe(true);
    });

    it('runs the timed suites first, one at a time, then the others one per core', () => {
        const parallel = project('parallel');
        const timed = project('timed');
        expect(parallel?.include).toEqual(['test/**/*.test.ts']);
        expect(parallel?.exclude).toEqual(TIMED_SUITES);
        expect(parallel?.maxWorkers).toBe('100%');
        expect(timed?.include).toEqual(TIMED_SUITES);
        expect(timed?.maxWorkers).toBe(1);
        expect(parallel?.sequence?.groupOrder).toBeGreaterThan(timed?.sequence?.groupOrder ?? 0);
        // vitest puts a one-worker project of groupOrder 0 after every numbered group.
        expect(timed?.sequence?.groupOrder, 'not 0').toBeGreaterThan(0);
        expect(projects).toHaveLength(2);
    });

    it('lists every suite that times what it bounds with the high-resolution clock (performance.now)', () => {
        // Read directly, or through a helper that returns the milliseconds (`ms`) a test bounds.
        const timing = sources(ROOT, 'test', '.test.ts').filter((f) => /performance\.now\(\)|\bms\)\.toBeLessThan\(/.test(readFileSync(join(ROOT, f), 'utf8')));
        expect(timing.length).toBeGreaterThan(5);
        for (const file of timing) expect(TIMED_SUITES, `${file} times with performance.now: list it in test/timed-suites.ts`).toContain(file);
    });
});
