import { beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

beforeAll(ensureBuilt);

describe('community check', () => {
    it('passes the shipped examples with exit 0 and a summary line', () => {
        const r = community(['check', 'examples/*.community']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^0 errors, \d+ warnings? in \d+ files\n$/m);
        expect(r.stderr).toBe('');
    });

    it('reports an invalid plan as path:line:col - error code: message and exits 1', () => {
        const r = community(['check', 'examples/invalid/self-flow.community']);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('examples/invalid/self-flow.community:12:10 - error self-flow: Tier "Core" cannot flow from itself.');
        expect(r.stdout).toMatch(/1 error, 0 warnings in 1 file\n$/);
    });

    it('checks a whole folder and follows imports', async () => {
        const r = await communityHere(['check', 'examples/invalid', '--format', 'json']);
        expect(r.code).toBe(1);
        const json = JSON.parse(r.stdout);
        expect(json.format_version).toBe('1.0');
        expect(json.summary.errors).toBeGreaterThanOrEqual(23);
        expect(json.diagnostics[0]).toEqual(
            expect.objectContaining({
                path: expect.any(String),
                line: expect.any(Number),
                column: expect.any(Number),
                severity: 'error',
                code: expect.any(String),
                message: expect.any(String),
            }),
        );
    });

    it('prints messages in Chinese with --lang zh-CN or a Chinese LANG', async () => {
        const flag = await communityHere(['check', 'examples/invalid/self-flow.community', '--lang', 'zh-CN']);
        expect(flag.stdout).toContain('层级“Core”不能从自身流入。');
        expect(flag.stdout).toContain('1 个文件中有 1 个错误');
        const env = await communityHere(['check', 'examples/invalid/self-flow.community'], { env: { LANG: 'zh_CN.UTF-8' } });
        expect(env.stdout).toContain('不能从自身流入');
    });

    it('uses no colours when the output is not a terminal, even with FORCE_COLOR unset and CI set', () => {
        const r = community(['check', 'examples/invalid/self-flow.community'], { env: { CI: 'true' } });
        expect(r.stdout).not.toContain('\u001b[');
    });

    it('exits 2 with one clear line for a missing file', () => {
        const r = community(['check', 'no-such-plan.community']);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe('community: cannot find "no-such-plan.community".\n');
        expect(r.stdout).toBe('');
    });

    it('says that line in Chinese with --lang zh-CN or a Chinese LANG, as the rest of its output', () => {
        const flag = community(['check', 'no-such-plan.community', '--lang', 'zh-CN']);
        expect([flag.code, flag.stderr]).toEqual([2, 'community: 找不到“no-such-plan.community”。\n']);
        const env = community(['check', '没有这个计划.community'], { env: { LANG: 'zh_CN.UTF-8' } });
        expect([env.code, env.stderr]).toEqual([2, 'community: 找不到“没有这个计划.community”。\n']);
        // --lang wins over the environment, both ways.
        expect(community(['check', 'x.community', '--lang=en'], { env: { LANG: 'zh_CN.UTF-8' } }).stderr).toBe('community: cannot find "x.community".\n');
        expect(community(['check', 'examples/*.nothing', '--lang', 'zh-CN']).stderr).toBe('community: 没有与“examples/*.nothing”匹配的 .community 文件。\n');
    });

    it('exits 2 for an unknown flag, a bad --format and no arguments, without a stack trace', () => {
        for (const args of [['check', '--bogus', 'x.community'], ['check', 'examples', '--format', 'xml'], ['check']]) {
            const r = community(args);
            expect(r.code, args.join(' ')).toBe(2);
            expect(r.stderr).toMatch(/^community: /);
            expect(r.stderr).not.toMatch(/\n\s+at /);
        }
    });

    it('exits 2 for a binary file and an empty glob', async () => {
        const bin = await communityHere(['check', 'node_modules/esbuild/bin/esbuild']);
        expect(bin.code).toBe(2);
        const glob = await communityHere(['check', 'examples/*.nothing']);
        expect(glob.code).toBe(2);
        expect(glob.stderr).toContain('no .community files match');
    });
});

describe('the community command on an old Node', () => {
    it('refuses Node versions below 22 with one clear line and exit 2', () => {
        // Run the bin's version guard with a faked version, as an older Node would report it.
        const r = spawnSync(
            process.execPath,
            [
                '-e',
                "Object.defineProperty(process.versions, 'node', { value: '20.20.2' }); process.argv[1] = 'community.cjs'; require('./bin/require-node.cjs')",
            ],
            { cwd: ROOT, encoding: 'utf8' },
        );
        expect(r.status).toBe(2);
        expect(r.stderr).toMatch(/^community: Node\.js 22 or newer is needed/);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
});

describe('a horizon beyond 520 weeks', () => {
    it('is a plan error for check, compile and simulate (exit 1), never a crash', async () => {
        const { mkdtempSync, writeFileSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const dir = mkdtempSync(join(tmpdir(), 'community-horizon-'));
        const file = join(dir, 'long.community');
        writeFileSync(
            file,
            'plan "Long" {\n  start 2027-01-04\n  horizon 1e9 weeks\n  currency CNY\n}\ncommunity C {\n  tier A { seed 10 members  churn 1% per month }\n  content D { kind news  every day at 09:00 }\n}\n',
        );
        const check = community(['check', file]);
        expect(check.code).toBe(1);
        expect(check.stdout).toMatch(
            /long\.community:3:11 - error out-of-range: horizon must be above 0 and at most 520 weeks \(10 years\), but is 1000000000 weeks\./,
        );
        for (const args of [
            ['compile', file, '--out', join(dir, 'out'), '--runs', '10'],
            ['simulate', file, '--runs', '10'],
        ]) {
            const r = community(args);
            expect(r.code, args[0]).toBe(1);
            expect(r.stderr, args[0]).toContain('out-of-range');
            expect(r.stderr, args[0]).not.toMatch(/Maximum iterations|RangeError|at .*\.js:\d+/);
        }
    });
});

describe('community check --min-severity', () => {
    beforeAll(ensureBuilt);
    const plan = 'examples/fitness-wechat.community';
    const severities = (text: string) => new Set([...text.matchAll(/:\d+:\d+ - (error|warning|info) /g)].map((m) => m[1]));

    it('hides less severe diagnostics from the text listing; the summary counts everything', async () => {
        const all = await communityHere(['check', plan]);
        expect(severities(all.stdout)).toEqual(new Set(['warning', 'info']));
        const warnings = await communityHere(['check', plan, '--min-severity', 'warning']);
        expect(warnings.code).toBe(0);
        expect(severities(warnings.stdout)).toEqual(new Set(['warning']));
        const errors = await communityHere(['check', plan, '--min-severity', 'error']);
        expect(severities(errors.stdout)).toEqual(new Set());
        const summary = all.stdout.trimEnd().split('\n').at(-1);
        expect(summary).toMatch(/^0 errors, 6 warnings in 2 files$/);
        expect(warnings.stdout.trimEnd().split('\n').at(-1)).toBe(summary);
        expect(errors.stdout).toBe(`${summary}\n`);
        expect((await communityHere(['check', plan, '--min-severity', 'info'])).stdout).toBe(all.stdout);
        // An error is listed whatever the level.
        expect((await communityHere(['check', 'examples/invalid/self-flow.community', '--min-severity', 'error'])).stdout).toContain('- error self-flow:');
        expect((await communityHere(['check', plan, '--min-severity', 'loud'])).code).toBe(2);
    });

    it('applies to json, sarif and github output', async () => {
        const json = JSON.parse((await communityHere(['check', plan, '--format', 'json', '--min-severity', 'warning'])).stdout);
        expect(json.diagnostics.length).toBeGreaterThan(0);
        expect(json.diagnostics.every((d: { severity: string }) => d.severity === 'warning')).toBe(true);
        const full = JSON.parse((await communityHere(['check', plan, '--format', 'json'])).stdout);
        expect(json.summary).toEqual(full.summary);
        expect(full.diagnostics.some((d: { severity: string }) => d.severity === 'info')).toBe(true);
        const sarif = JSON.parse((await communityHere(['check', plan, '--format', 'sarif', '--min-severity', 'warning'])).stdout);
        const levels = new Set(sarif.runs[0].results.map((r: { level: string }) => r.level));
        expect(levels).toEqual(new Set(['warning']));
        const github = await communityHere(['check', plan, '--format', 'github', '--min-severity', 'error'], { env: { GITHUB_STEP_SUMMARY: undefined } });
        expect(github.stdout).not.toMatch(/^::(warning|notice)/m);
        expect(github.stdout.trimEnd()).toBe('0 errors, 6 warnings in 2 files');
        const githubWarnings = await communityHere(['check', plan, '--format', 'github', '--min-severity', 'warning'], {
            env: { GITHUB_STEP_SUMMARY: undefined },
        });
        expect(githubWarnings.stdout).toMatch(/^::warning /m);
        expect(githubWarnings.stdout).not.toMatch(/^::notice /m);
    });
});
