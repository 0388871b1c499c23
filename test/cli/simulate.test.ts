import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

/** Rebuilds the CLI bundle when it is older than the forecast sources. */
function ensureFresh(): void {
    ensureBuilt();
    const bundle = statSync(resolve(ROOT, 'out/cli/main.cjs')).mtimeMs;
    const sources = [
        resolve(ROOT, 'cli/commands/simulate.ts'),
        ...readdirSync(resolve(ROOT, 'engine'))
            .filter((f) => f.endsWith('.ts'))
            .map((f) => join(ROOT, 'engine', f)),
    ];
    if (sources.some((f) => statSync(f).mtimeMs > bundle)) {
        const r = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
}

beforeAll(ensureFresh);

const examples = readdirSync(resolve(ROOT, 'examples')).filter((f) => f.endsWith('.community'));

describe('community simulate', () => {
    it.each(examples)('prints a forecast table for examples/%s', async (file) => {
        const r = await communityHere(['simulate', `examples/${file}`, '--runs', '200']);
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^week\s+starts\s+members P50 \(P10–P90\)/m);
        expect(r.stdout).toMatch(/^\s+1\s+\d{4}-\d{2}-\d{2}\s+[\d,]+ \([\d,]+–[\d,]+\)/m);
        expect(r.stdout).toMatch(/^KPI\s+target\s+by week\s+P\(success\)/m);
        expect(r.stdout).toMatch(/^Cost over the horizon by category \(P50\): (content|activities|paid|referral) [\d,]+/m);
    });

    it('compares KPIs across scenarios side by side with --all-scenarios', async () => {
        const r = await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '100', '--all-scenarios']);
        expect(r.code).toBe(0);
        const at = r.stdout.indexOf('KPIs across scenarios: P(success) and P50 at the deadline');
        expect(at).toBeGreaterThan(0);
        const table = r.stdout.slice(at).split('\n');
        expect(table[1]).toMatch(/^KPI\s+plan as written\s+DoubleAds\s+NoTips\s+NoSalon$/);
        expect(table[2]).toMatch(/^Growth(\s+[\d.]+% · [\d,]+){4}$/);
        // One scenario only: no comparison.
        expect((await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '50'])).stdout).not.toContain('KPIs across scenarios');
    });

    it('prints the table in Chinese with --lang zh-CN', async () => {
        const r = await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '100', '--lang', 'zh-CN']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^100 次模拟，随机种子 42，自 2027-01-04 起 26 周，金额单位 CNY$/m);
        expect(r.stdout).toMatch(/^周\s+开始日期\s+成员 P50（P10–P90）/m);
        expect(r.stdout).toMatch(/^第 26 周（P50）：Prospect [\d,]+，Core/m);
        expect(r.stdout).toMatch(/^整个周期按类别的成本（P50）：内容 54,600，/m);
        expect(r.stdout).toMatch(/^KPI\s+目标\s+截止周\s+达成概率/m);
        expect(r.stdout).toMatch(/^预算 120,000 CNY：总成本 P50 [\d,]+/m);
    });

    it('names the sensitivity parameters in Chinese with --lang zh-CN, as the report does', async () => {
        const r = await communityHere(['simulate', 'examples/education-ab.community', '--runs', '50', '--sensitivity', '--lang', 'zh-CN']);
        expect(r.code).toBe(0);
        expect(r.stdout).toMatch(/^模型系数 fatigue-churn\s/m);
        expect(r.stdout).toMatch(/^公开课 单次成本\s/m);
        expect(r.stdout).toMatch(/^客单价\s/m);
        expect(r.stdout).not.toMatch(/^(Assumption|Promotion|Demotion|Order value) /m);
        expect(r.stdout).not.toMatch(/ (cost per run|cost per post|purchase rate|active rate|retention lift)\s/);
    });

    it('writes JSON that validates against the shipped schema, identical for one seed', async () => {
        const args = ['simulate', 'examples/fitness-wechat.community', '--runs', '300', '--seed', '7', '--format', 'json', '--all-scenarios'];
        // The shipped CLI's process, then this process: the same bytes.
        const a = community(args);
        expect(a.code).toBe(0);
        expect((await communityHere(args)).stdout).toBe(a.stdout);
        expect((await communityHere([...args.slice(0, 5), '8', ...args.slice(6)])).stdout).not.toBe(a.stdout);
        const report = JSON.parse(a.stdout);
        expect(report.format_version).toBe('1.0');
        expect(report.forecasts.map((f: { scenario: string | null }) => f.scenario)).toEqual([null, 'DoubleAds', 'NoTips', 'NoSalon']);
        const schema = JSON.parse(readFileSync(resolve(ROOT, 'schemas/forecast.schema.json'), 'utf8'));
        const validate = new Ajv2020({ strict: false }).compile(schema);
        expect(validate(report)).toBe(true);
        // Doubling the ads spend costs more in week 1.
        const cost = (i: number) => report.forecasts[i].communities[0].series.find((s: { key: string }) => s.key === 'cost').p50[0];
        expect(cost(1) - cost(0)).toBeCloseTo(3000, 6);
        // --print-schema prints the shipped schema.
        expect(JSON.parse((await communityHere(['simulate', '--print-schema'])).stdout)).toEqual(schema);
    });

    it('writes long-format CSV and ranks parameters with --sensitivity', async () => {
        const csv = await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '100', '--format', 'csv']);
        expect(csv.code).toBe(0);
        // No field of this plan needs quoting, so a plain split reads it.
        const [header, ...lines] = csv.stdout
            .trimEnd()
            .split('\n')
            .map((l) => l.split(','));
        const rows = lines.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]])));
        expect(lines.every((cells) => cells.length === header.length)).toBe(true);
        expect(header).toEqual([
            'scenario',
            'community',
            'kind',
            'name',
            'tier',
            'platform',
            'unit',
            'week',
            'week_start',
            'p10',
            'p50',
            'p90',
            'mean',
            'target',
            'probability',
        ]);
        const members = rows.filter((r) => r.kind === 'series' && r.name === 'members');
        expect(members).toHaveLength(26);
        expect(Number(members[25].p50)).toBeGreaterThan(Number(members[0].p50));
        expect(rows.some((r) => r.kind === 'kpi' && r.name === 'Growth' && r.target === '>= 20000')).toBe(true);
        // Cost by category: one row each, totals over the 26 weeks; daily tips at 300 CNY a post.
        const costs = rows.filter((r) => r.kind === 'cost');
        expect(costs.map((r) => r.name)).toEqual(['content', 'activities', 'paid', 'referral']);
        expect(costs.every((r) => r.week === '26' && r.unit === 'money')).toBe(true);
        expect(Number(costs[0].p50)).toBeGreaterThanOrEqual(182 * 300);

        const sens = await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '100', '--sensitivity', '--kpi', 'Growth']);
        expect(sens.code).toBe(0);
        expect(sens.stdout).toContain('Sensitivity of Growth (FitHome)');
        expect(sens.stdout).toMatch(/^KPI\s+target[\s\S]*^Growth\s+>= 20,000/m);
        expect(sens.stdout).not.toMatch(/^roi\s+>=/m); // --kpi limits the KPI table
    });

    it('refuses a plan with errors with the check output and exit 1', () => {
        const r = community(['simulate', 'examples/invalid/self-flow.community']);
        expect(r.code).toBe(1);
        expect(r.stderr).toContain('error self-flow');
        expect(r.stderr).toContain('has errors');
        expect(r.stdout).toBe('');
    });

    it('reports usage errors with exit 2', async () => {
        expect(community(['simulate', 'examples/fitness-wechat.community', '--runs', 'many']).code).toBe(2);
        const scenario = await communityHere(['simulate', 'examples/fitness-wechat.community', '--scenario', 'Nope']);
        expect(scenario.code).toBe(2);
        expect(scenario.stderr).toContain('unknown scenario "Nope"; the plan has: DoubleAds, NoTips, NoSalon');
        expect((await communityHere(['simulate', 'examples/fitness-wechat.community', '--kpi', 'Nope'])).code).toBe(2);
        expect((await communityHere(['simulate', 'examples/fitness-wechat.community', '--scenario', 'DoubleAds', '--all-scenarios'])).code).toBe(2);
        expect((await communityHere(['simulate'])).code).toBe(2);
        const zh = await communityHere(['simulate', 'examples/fitness-wechat.community', '--scenario', '不存在', '--lang', 'zh-CN']);
        expect([zh.code, zh.stderr]).toEqual([2, 'community: 未知的情景“不存在”；计划中有：DoubleAds、NoTips、NoSalon。\n']);
        const kpi = await communityHere(['simulate', 'examples/fitness-wechat.community', '--kpi', '总人', '--lang', 'zh-CN']);
        expect(kpi.stderr).toMatch(/^community: 未知的 KPI“总人”；计划中有：Growth、/);
        const broken = await communityHere(['simulate', 'examples/invalid/self-flow.community', '--lang', 'zh-CN']);
        expect([broken.code, broken.stderr.trim().split('\n').at(-1)]).toEqual([1, 'community: examples/invalid/self-flow.community 有错误，请先修正再模拟。']);
    });

    it('aligns table columns by terminal width when names are CJK (wide characters take two cells)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'community-cjk-'));
        const plan = join(dir, 'cjk.community');
        writeFileSync(
            plan,
            `plan "咖啡社群" {
  start 2027-03-01
  horizon 4 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community 咖啡馆 {
  tier 核心会员 {
    seed 200 members
    churn 5% per month
    active 50% weekly
  }
  content 每日推文 { kind news every day at 09:00 cost 100 CNY per post }
  channel 抖音投放 { paid 1000 CNY per week  cost per join 10 CNY }
  kpi 增长目标: members >= 300 by week 4
  kpi Growth: members >= 250 by week 4
}
`,
        );
        // An independent width: CJK ideographs count two cells, everything else in these tables one.
        const cells = (line: string) => [...line].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(ch) ? 2 : 1), 0);
        const table = (text: string, header: RegExp) => {
            const lines = text.split('\n');
            const start = lines.findIndex((l) => header.test(l));
            expect(start).toBeGreaterThanOrEqual(0);
            const end = lines.findIndex((l, i) => i > start && (l.trim() === '' || l.startsWith('note:')));
            return lines.slice(start, end);
        };
        const r = await communityHere(['simulate', plan, '--runs', '50', '--sensitivity', '--kpi', '增长目标'], { env: { NO_COLOR: '1' } });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const kpis = table(r.stdout, /^KPI\s+target/);
        expect(kpis.some((l) => l.startsWith('增长目标'))).toBe(true);
        // The last column is right-aligned, so every line of a table ends in the same terminal column.
        expect(new Set(kpis.map(cells)).size).toBe(1);
        // The "target" column starts in the same terminal column on every line.
        const targetColumn = (l: string) => cells(l.slice(0, l.search(/(?<=\S)\s{2,}\S/) + l.slice(l.search(/(?<=\S)\s{2,}\S/)).search(/\S/)));
        expect(new Set(kpis.map(targetColumn)).size).toBe(1);
        const weeks = table(r.stdout, /^week\s+starts/);
        expect(new Set(weeks.map(cells)).size).toBe(1);
        const sensitivity = table(r.stdout, /^parameter\s+P50 at/);
        expect(sensitivity.some((l) => /[\u4e00-\u9fff]/.test(l))).toBe(true);
        expect(new Set(sensitivity.map(cells)).size).toBe(1);
    });

    it('refuses a forecast over the memory budget with a coded error before allocating it (exit 1)', async () => {
        const r = community(['simulate', 'examples/fitness-wechat.community', '--runs', '100000'], { env: { COMMUNITY_FORECAST_MEMORY_MB: '64' } });
        expect(r.code).toBe(1);
        expect(r.stdout).toBe('');
        expect(r.stderr).toMatch(
            /error forecast-memory: This forecast would need about [\d,.]+ [MG]B of memory \(100,000 runs × 26 weeks × \d+ series\), above the budget of 64 MB/,
        );
        expect(r.stderr).not.toMatch(/\n\s+at /);
        // Within the budget the same forecast runs.
        expect(
            (await communityHere(['simulate', 'examples/fitness-wechat.community', '--runs', '200'], { env: { COMMUNITY_FORECAST_MEMORY_MB: '64' } })).code,
        ).toBe(0);
    });
});
