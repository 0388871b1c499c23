// When a command uses the simulation pool (cli/engine-run.ts): one thread below CLI_POOL_MIN_RUN_WEEKS
// (the pool costs more than it saves there), the pool above or when COMMUNITY_POOL_FROM says so —
// and the same bytes either way.
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI_POOL_MIN_RUN_WEEKS, cliPoolFrom } from '../../cli/engine-run.js';
import { POOL_MIN_RUN_WEEKS } from '../../runtime/run.js';
import { community, ensureBuilt } from '../helpers/cli.js';

beforeAll(ensureBuilt);

const PLAN = 'examples/fitness-wechat.community';

describe('the CLI pool threshold', () => {
    it('defaults above the library threshold and reads COMMUNITY_POOL_FROM', () => {
        expect(CLI_POOL_MIN_RUN_WEEKS).toBeGreaterThan(POOL_MIN_RUN_WEEKS);
        expect(cliPoolFrom({})).toBe(CLI_POOL_MIN_RUN_WEEKS);
        expect(cliPoolFrom({ COMMUNITY_POOL_FROM: '0' })).toBe(0);
        expect(cliPoolFrom({ COMMUNITY_POOL_FROM: '150000' })).toBe(150_000);
        // Not a whole number ≥ 0: the default.
        for (const bad of ['', ' ', '-1', '1.5', 'many']) expect(cliPoolFrom({ COMMUNITY_POOL_FROM: bad }), bad).toBe(CLI_POOL_MIN_RUN_WEEKS);
    });

    it('gives the same bytes in one thread and on the pool', () => {
        const args = ['simulate', PLAN, '--format', 'json', '--runs', '3000', '--seed', '7', '--no-progress'];
        const here = community(args, { env: { COMMUNITY_THREADS: '2' } });
        const pool = community(args, { env: { COMMUNITY_THREADS: '2', COMMUNITY_POOL_FROM: '0' } });
        const one = community(args, { env: { COMMUNITY_THREADS: '1', COMMUNITY_POOL_FROM: '0' } });
        expect(here.code).toBe(0);
        expect(JSON.parse(here.stdout).runs).toBe(3000);
        expect(pool.stdout).toBe(here.stdout);
        expect(one.stdout).toBe(here.stdout);
    }, 120_000);
});
