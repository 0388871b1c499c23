// --runs has one limit and one message for every command that simulates: simulate, compile, diff.
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_RUNS, parseRuns } from '../../cli/options.js';
import { community, ensureBuilt } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

beforeAll(ensureBuilt);

const PLAN = 'examples/fitness-wechat.community';

describe('--runs', () => {
    it('is capped at MAX_RUNS with the same message by simulate, compile and diff', async () => {
        const too = String(MAX_RUNS + 1);
        const message = `community: --runs must be between 1 and ${MAX_RUNS}, got ${too}.\n`;
        for (const args of [
            ['simulate', PLAN],
            ['compile', PLAN, '--out', 'out/never-written'],
            ['diff', PLAN, PLAN],
        ]) {
            const r = await communityHere([...args, '--runs', too]);
            expect(r.code, args[0]).toBe(2);
            expect(r.stderr, args[0]).toBe(message);
            expect(r.stdout).toBe('');
        }
    });

    it('refuses 0 and non-numbers alike everywhere', () => {
        for (const args of [
            ['simulate', PLAN],
            ['compile', PLAN, '--out', 'out/never-written'],
            ['diff', PLAN, PLAN],
        ]) {
            expect(community([...args, '--runs', '0']).stderr).toBe('community: --runs must be between 1 and 1000000, got 0.\n');
            expect(community([...args, '--runs', 'many']).stderr).toBe('community: --runs must be a whole number, got "many".\n');
        }
    });

    it('parseRuns accepts 1 to MAX_RUNS', () => {
        expect(parseRuns('1')).toBe(1);
        expect(parseRuns(String(MAX_RUNS))).toBe(MAX_RUNS);
        expect(() => parseRuns(String(MAX_RUNS + 1))).toThrow(/between 1 and 1000000/);
    });
});
