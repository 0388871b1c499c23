// The suites that run `community` in their own process (helpers/cli-in-process.ts) see what the
// built CLI prints: the same stdout, stderr, exit code and files, byte for byte, for a sample of every
// command, its errors and its help. And a run leaves the test process as it found it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { communityAsync, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';
import { tempFolder } from '../compile/helpers.js';

beforeAll(ensureBuilt);

/** Every file under `dir`, by relative path. */
function tree(dir: string): Record<string, Buffer> {
    const out: Record<string, Buffer> = {};
    const walk = (d: string, prefix: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
            else out[`${prefix}${e.name}`] = readFileSync(join(d, e.name));
        }
    };
    walk(dir, '');
    return out;
}

describe('community in this process prints what the built CLI prints', () => {
    it.each([
        [['check', 'examples/fitness-wechat.community', 'examples/oss-discord.community']],
        [['check', 'examples/invalid']],
        [['check', 'examples/invalid', '--format', 'sarif']],
        [['check', 'examples/invalid', '--lang', 'zh-CN']],
        [['check', 'no-such-file.community']],
        [['simulate', 'examples/fitness-wechat.community', '--runs', '100']],
        [['simulate', 'examples/oss-discord.community', '--runs', '100', '--format', 'json', '--all-scenarios']],
        [['simulate', 'examples/retail-promos.community', '--runs', '50', '--format', 'csv']],
        [['format', '--keywords', 'zh', 'examples/fitness-wechat.community']],
        [['diff', 'examples/fitness-wechat.community', 'examples/oss-discord.community', '--runs', '50']],
        [['solve', 'examples/fitness-wechat.community', '--runs', '50']],
        [['--help']],
        [['--version']],
        [['chek', 'examples']],
        [['simulate', '--no-such-flag']],
    ])('community %j', async (args) => {
        // The built CLI's process runs while the same command runs here.
        const built = communityAsync(args);
        const here = await communityHere(args);
        expect(here).toEqual(await built);
    });

    it('honours the environment it is given: --lang from LANG, GITHUB_STEP_SUMMARY', async () => {
        const args = ['check', 'examples/invalid', '--format', 'github'];
        for (const env of [{ LANG: 'zh_CN.UTF-8' }, { GITHUB_STEP_SUMMARY: join(tempFolder(), 'summary.md') }]) {
            const built = communityAsync(args, { env });
            const hereEnv = env.GITHUB_STEP_SUMMARY ? { GITHUB_STEP_SUMMARY: join(tempFolder(), 'summary.md') } : env;
            const here = await communityHere(args, { env: hereEnv });
            const real = await built;
            const realSummary = env.GITHUB_STEP_SUMMARY ? readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8') : '';
            expect(here).toEqual(real);
            if (hereEnv.GITHUB_STEP_SUMMARY) expect(readFileSync(hereEnv.GITHUB_STEP_SUMMARY, 'utf8')).toBe(realSummary);
        }
    });

    it('writes the same files from compile, run from another folder', async () => {
        const dir = tempFolder({ 'plan.community': readFileSync(join(ROOT, 'examples/oss-discord.community'), 'utf8') });
        // Every format against the built CLI: test/compile/cli.test.ts (its first compile).
        const args = (out: string) => [
            'compile',
            'plan.community',
            '--out',
            out,
            '--runs',
            '80',
            '--now',
            '2027-01-01T00:00:00Z',
            '--formats',
            'json,csv,ics,md',
        ];
        const built = communityAsync(args('real'), { cwd: dir });
        const here = await communityHere(args('here'), { cwd: dir });
        const real = await built;
        expect(here).toEqual({ ...real, stdout: real.stdout.replaceAll('real', 'here') });
        expect(real.code).toBe(0);
        expect(tree(join(dir, 'here'))).toEqual(tree(join(dir, 'real')));
    });

    it('leaves the working folder, the environment, the streams and the exit code as they were', async () => {
        const cwd = process.cwd();
        const env = { ...process.env };
        const write = process.stdout.write;
        const tty = process.stdout.isTTY;
        const r = await communityHere(['check', 'invalid'], { cwd: join(ROOT, 'examples'), env: { COMMUNITY_TEST_MARK: 'x' } });
        expect(r.code).toBe(1);
        expect(process.cwd()).toBe(cwd);
        expect(process.env).toEqual(env);
        expect(process.stdout.write).toBe(write);
        expect(process.stdout.isTTY).toBe(tty);
        expect(process.exitCode).toBeUndefined();
    });
});
