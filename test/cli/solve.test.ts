// `community solve` as a process: the table, JSON, --write (atomic, formatting and comments kept,
// the result checks clean), Chinese output and one-line usage errors.
import { copyFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

beforeAll(() => ensureBuilt());

function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'solve-'));
    copyFileSync(join(ROOT, 'examples/beauty-multiplatform.community'), join(dir, 'beauty.community'));
    cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
    return dir;
}

describe('community solve', () => {
    it('finds the spend that meets a KPI at 80 % and writes it as a scenario that checks clean', async () => {
        const dir = workspace();
        const file = join(dir, 'beauty.community');
        const before = readFileSync(file, 'utf8');
        const r = await communityHere(
            [
                'solve',
                'beauty.community',
                '--kpi',
                'Paying',
                '--probability',
                '80%',
                '--vary',
                'DouyinAds.paid=0..60000',
                '--runs',
                '300',
                '--write',
                'Reach80',
            ],
            { cwd: dir },
        );
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/^Meets every KPI with at least 80\.0%:\n {2}DouyinAds\.paid = \d+ \(plan: 12000\)\n {2}P\(met\): Paying (8\d|9\d|100)\.\d%/);
        const after = readFileSync(file, 'utf8');
        expect(after.startsWith(before.replace(/\s*$/, '\n'))).toBe(true);
        expect(after).toMatch(/\nscenario Reach80 solved for Paying at 80% \{\n {2}DouyinAds\.paid = \d+ CNY per week\n\}\n$/);
        expect(r.stderr).toContain('appended scenario Reach80 (solved for Paying at 80%) to beauty.community.');
        const check = await communityHere(['check', 'beauty.community'], { cwd: dir });
        expect(check.code, check.stdout).toBe(0);
        const sim = await communityHere(['simulate', 'beauty.community', '--scenario', 'Reach80', '--runs', '300', '--format', 'json'], { cwd: dir });
        expect(sim.code).toBe(0);
        const paying = JSON.parse(sim.stdout).forecasts[0].communities[0].kpis.find((k: { name: string }) => k.name === 'Paying');
        expect(paying.probability).toBeGreaterThanOrEqual(0.8);
        // A second --write with the same name is refused (the plan is left as it is).
        const again = await communityHere(
            ['solve', 'beauty.community', '--kpi', 'Paying', '--vary', 'DouyinAds.paid=0..60000', '--runs', '50', '--write', 'Reach80'],
            {
                cwd: dir,
            },
        );
        expect(again.code).toBe(2);
        expect(readFileSync(file, 'utf8')).toBe(after);
    }, 120_000);

    it('writes several levers, unitless and ranged ones included, as a scenario that parses and checks clean', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'solve-'));
        copyFileSync(join(ROOT, 'examples/fitness-wechat.community'), join(dir, 'fit.community'));
        cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
        const r = await communityHere(
            [
                'solve',
                'fit.community',
                '--kpi',
                'conversion-Prospect-Core',
                '--vary',
                'Prospect.seed=100..2000',
                '--vary',
                'Core.Prospect=4%..12%',
                '--vary',
                'MorningChallenge.retention=0%..5%',
                '--budget',
                '400000',
                '--runs',
                '50',
                '--write',
                'Solved',
            ],
            { cwd: dir },
        );
        expect(r.code, r.stderr).toBe(0);
        const text = readFileSync(join(dir, 'fit.community'), 'utf8');
        expect(text).toMatch(
            /scenario Solved \{\n {2}Prospect\.seed = \d+ members\n {2}Core\.Prospect = [\d.]+% per month ± [\d.]+%\n {2}MorningChallenge\.retention = [\d.]+ points\n\}\n$/,
        );
        const check = await communityHere(['check', 'fit.community'], { cwd: dir });
        expect(check.stdout).toMatch(/^0 errors/m);
    }, 180_000);

    it('prints JSON and Chinese', async () => {
        const dir = workspace();
        const json = await communityHere(
            ['solve', 'beauty.community', '--kpi', 'Paying', '--vary', 'DouyinAds.paid=0..60000', '--runs', '100', '--format', 'json'],
            {
                cwd: dir,
            },
        );
        expect(json.code, json.stderr).toBe(0);
        const out = JSON.parse(json.stdout);
        expect(out.levers[0]).toMatchObject({ lever: 'DouyinAds.paid', min: 0, max: 60000 });
        expect(typeof out.probabilities.Paying).toBe('number');
        const zh = await communityHere(
            ['solve', 'beauty.community', '--kpi', 'Paying', '--vary', 'DouyinAds.paid=0..60000', '--runs', '100', '--lang', 'zh-CN'],
            {
                cwd: dir,
            },
        );
        expect(zh.stdout).toMatch(/达成概率/);
    }, 120_000);

    it("says when the answer, asked without --budget, costs more than the plan's budget", async () => {
        const dir = workspace();
        const args = ['solve', 'beauty.community', '--kpi', 'Paying', '--probability', '99%', '--vary', 'DouyinAds.paid=0..600000', '--runs', '100'];
        const en = await communityHere(args, { cwd: dir });
        expect(en.code, en.stderr).toBe(0);
        expect(en.stdout).toMatch(/\n {2}mean total cost: [\d,]+ CNY\n {2}over the plan's budget of 380,000 CNY: add --budget to solve within it\n/);
        const zh = await communityHere([...args, '--lang', 'zh-CN'], { cwd: dir });
        expect(zh.stdout).toContain('  超出计划预算 380,000 CNY：加上 --budget 可在预算内求解\n');
        const within = await communityHere([...args, '--budget', '1000000'], { cwd: dir });
        expect(within.stdout).not.toMatch(/over the plan's budget/);
    }, 120_000);

    it('takes the property in Chinese, as a scenario line does: DouyinAds.投放 is DouyinAds.paid', async () => {
        const dir = workspace();
        const run = (lever: string) =>
            communityHere(['solve', 'beauty.community', '--kpi', 'Paying', '--vary', lever, '--runs', '100', '--format', 'json'], { cwd: dir });
        const [zh, en] = [await run('DouyinAds.投放=0..60000'), await run('DouyinAds.paid=0..60000')];
        expect(zh.code, zh.stderr).toBe(0);
        expect(JSON.parse(zh.stdout).levers[0]).toMatchObject({ lever: 'DouyinAds.paid', min: 0, max: 60000 });
        expect(zh.stdout).toBe(en.stdout);
    }, 120_000);

    it.each([
        [['--vary', 'Nope.paid=0..10'], /cannot vary "Nope\.paid"|no item named "Nope"/],
        [['--vary', 'DouyinAds.colour=0..10'], /Cannot override "colour" of channel "DouyinAds"/],
        [['--vary', 'DouyinAds.paid=10..10'], /range of --vary DouyinAds\.paid=10\.\.10 is empty/],
        [['--vary', 'DouyinAds'], /--vary takes ITEM\.PROPERTY=MIN\.\.MAX/],
    ])('refuses %j with one line and exit 2', (args, message) => {
        const r = community(['solve', 'beauty.community', '--kpi', 'Paying', '--runs', '10', ...(args as string[])], { cwd: workspace() });
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(message as RegExp);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });

    it('refuses in Chinese with --lang zh-CN', () => {
        const dir = workspace();
        const run = (...args: string[]) =>
            community(['solve', 'beauty.community', '--kpi', 'Paying', '--runs', '10', '--lang', 'zh-CN', ...args], { cwd: dir });
        expect(run('--vary', 'DouyinAds').stderr).toBe(
            'community: --vary 的写法是 项目.属性=最小..最大（如 DouyinAds.paid=1000..20000 或 信息流.投放=0..20000），而不是“DouyinAds”。\n',
        );
        expect(run('--vary', 'DouyinAds.paid=10..10').stderr).toBe(
            'community: --vary DouyinAds.paid=10..10 的范围为空：请写 最小..最大，且最小值小于最大值。\n',
        );
        expect(run('--vary', 'DouyinAds.paid=0..100', '--probability', '很高').stderr).toBe(
            'community: --probability 必须是概率，如 80% 或 0.8，而不是“很高”。\n',
        );
        expect(community(['simulate', 'examples/fitness-wechat.community', '--runs', '0', '--lang', 'zh-CN']).stderr).toBe(
            'community: --runs 必须在 1 到 1000000 之间，而不是 0。\n',
        );
    });
});
