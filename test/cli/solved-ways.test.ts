// Solved scenarios in what the strategist reads: `community simulate` and the reports (HTML,
// Markdown, en + zh-CN) show per KPI the cheapest known way to reach it (cost, P(KPI met)), and the
// summary recommends the cheapest solved scenario that meets its goals — not the one with the best
// chances, and not a cheaper one that falls short.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../compile/helpers.js';
import { community, ensureBuilt } from '../helpers/cli.js';

const PLAN = (scenarios: string) => `plan "Ways" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community C {
  tier A { seed 100 members  churn 5% per month }
  channel Ads { paid 1000 CNY per week  cost per join 20 CNY ± 5 CNY  into A }
  kpi Growth: members >= 500 by week 8
}
${scenarios}`;

// Big meets the KPI at twice Lean's cost; Tiny is the cheapest but falls far short; Other (not
// solved) has the best chances of all and must not be the recommendation.
const SCENARIOS = `scenario Big "Double spend" solved for Growth at 80% { Ads.paid = 6000 CNY per week }
scenario Lean "Lean spend" solved for Growth at 80% { Ads.paid = 3000 CNY per week }
scenario Tiny solved for Growth at 80% { Ads.paid = 100 CNY per week }
scenario Other { Ads.paid = 9000 CNY per week }
`;

beforeAll(() => ensureBuilt());

describe('the cheapest known way to each KPI', () => {
    it('community simulate lists it under the table, with cost and P(success), and the recommended scenario', () => {
        const dir = tempFolder({ 'plan.community': PLAN(SCENARIOS) });
        const r = community(['simulate', 'plan.community', '--runs', '200'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toContain(
            'Cheapest known way to each KPI (solved scenarios)\n' +
                '  Growth: Lean “Lean spend”, mean cost 24,000 CNY, P(success) 100.0% (solved for 80.0%)\n' +
                '  Recommended: Lean “Lean spend”, the cheapest solved scenario that meets its KPIs (mean cost 24,000 CNY)\n',
        );
        const zh = community(['simulate', 'plan.community', '--runs', '200', '--lang', 'zh-CN'], { cwd: dir });
        expect(zh.stdout).toContain(
            '  Growth：Lean “Lean spend”，平均成本 24,000 CNY，达成概率 100.0%（求解目标 80.0%）\n  推荐：Lean “Lean spend”，达成其 KPI 的已求解情景中成本最低（平均成本 24,000 CNY）\n',
        );
        // Without solved scenarios the table has no such section.
        const plain = tempFolder({ 'plan.community': PLAN('scenario Other { Ads.paid = 9000 CNY per week }\n') });
        expect(community(['simulate', 'plan.community', '--runs', '50'], { cwd: plain }).stdout).not.toContain('Cheapest known way');
    });

    it('says plainly when no solved scenario reaches its probability, and then recommends none of them', () => {
        const dir = tempFolder({ 'plan.community': PLAN('scenario Tiny solved for Growth at 80% { Ads.paid = 100 CNY per week }\n') });
        const r = community(['simulate', 'plan.community', '--runs', '200'], { cwd: dir });
        expect(r.stdout).toMatch(/\n {2}Growth: no solved scenario reaches 80\.0%; closest Tiny, P\(success\) \d+\.\d%, mean cost [\d,]+ CNY\n\n/);
        expect(r.stdout).not.toContain('Recommended:');
    });

    it('the reports’ summary shows it per KPI and recommends the cheapest solved scenario that meets its goals', () => {
        const dir = tempFolder({ 'plan.community': PLAN(SCENARIOS) });
        expect(community(['compile', 'plan.community', '--out', 'en', '--runs', '200', '--formats', 'md,html'], { cwd: dir }).code).toBe(0);
        expect(community(['compile', 'plan.community', '--out', 'zh', '--runs', '200', '--formats', 'md,html', '--lang', 'zh-CN'], { cwd: dir }).code).toBe(0);
        const md = readFileSync(join(dir, 'en/plan/report.md'), 'utf8');
        const summary = md.slice(md.indexOf('## Executive summary'), md.indexOf('\n## ', md.indexOf('## Executive summary') + 5));
        expect(summary).toContain(
            '**Cheapest known way to each goal:**\n\n- “Growth”: Lean spend (Lean), mean cost CN¥24,000, 100% chance of meeting it (solved for 80%)\n',
        );
        expect(summary).toContain(
            'Recommended scenario: Lean spend (Lean), the cheapest solved scenario that meets its goals (mean cost CN¥24,000; “Growth” 100%)',
        );
        expect(summary).not.toContain('Best scenario by KPI chances');
        const html = readFileSync(join(dir, 'en/plan/report.html'), 'utf8');
        const section = html.slice(html.indexOf('<section'), html.indexOf('</section>'));
        expect(section).toContain(
            '<h3>Cheapest known way to each goal</h3>\n<ul class="ways"><li>“Growth”: Lean spend (Lean), mean cost CN¥24,000, 100% chance of meeting it (solved for 80%)</li></ul>',
        );
        expect(section).toContain('Recommended scenario: Lean spend (Lean)');
        const zh = readFileSync(join(dir, 'zh/plan/report.html'), 'utf8');
        const zhSection = zh.slice(zh.indexOf('<section'), zh.indexOf('</section>'));
        expect(zhSection).toContain(
            '<h3>达成各目标的已知最低成本方案</h3>\n<ul class="ways"><li>“Growth”：Lean spend (Lean)，平均成本 ¥24,000，达成概率 100%（求解目标 80%）</li></ul>',
        );
        expect(zhSection).toContain('推荐情景：Lean spend (Lean)，达成目标的已求解情景中成本最低（平均成本 ¥24,000；“Growth” 100%）');
    });

    it('without solved scenarios the summary still names the scenario with the best chances', () => {
        const dir = tempFolder({ 'plan.community': PLAN('scenario Other { Ads.paid = 9000 CNY per week }\n') });
        expect(community(['compile', 'plan.community', '--out', 'out', '--runs', '100', '--formats', 'md'], { cwd: dir }).code).toBe(0);
        const md = readFileSync(join(dir, 'out/plan/report.md'), 'utf8');
        expect(md).toContain('Best scenario by KPI chances: Other');
        expect(md).not.toContain('Cheapest known way');
    });
});
