// Reports: user text is escaped (HTML, SVG text, Markdown, Mermaid), the HTML is self-contained and
// renders in headless Chromium with no console errors and no network requests, locales format
// numbers and labels, and output is deterministic.
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../engine/model.js';
import { compilePlan, type CompiledPlan } from '../../engine/report/outputs.js';
import { escapeMarkdown, mermaidLabel } from '../../engine/report/markdown.js';
import { planFromFile, planFromText, ROOT, tempFolder } from './helpers.js';
import { ensureBuilt } from '../helpers/cli.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
let plan: Plan;
let en: CompiledPlan;
let zh: CompiledPlan;
const file = (c: CompiledPlan, name: string) => c.files.find((f) => f.name === name)!.content as string;

beforeAll(async () => {
    plan = await planFromFile(join(ROOT, 'test/compile/fixtures/dst-xss.community'));
    const options = { formats: ['html', 'md'] as const, runs: 200, seed: 7, scenario: null, sensitivityRuns: 50 };
    en = await compilePlan(plan, { ...options, lang: 'en' });
    zh = await compilePlan(plan, { ...options, lang: 'zh-CN' });
});

describe('HTML report', () => {
    it('escapes every user string, in tables and inside SVG text', () => {
        const html = file(en, 'report.html');
        expect(html).not.toMatch(/<script/i);
        expect(html).not.toMatch(/<img/i);
        expect(html).not.toContain('<b>Members</b>');
        expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; Club');
        expect(html).toContain('Ann &amp; &lt;Bob&gt; | co');
        expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
        // The heat-map's axis labels carry the content titles: ECharts escapes them in the SVG.
        const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
        expect(svgs.length).toBeGreaterThanOrEqual(4);
        expect(svgs.some((s) => s.includes('&lt;script&gt;alert(1)'))).toBe(true);
        expect(svgs.every((s) => !/<script|<img|<b>/i.test(s))).toBe(true);
    });

    it('is self-contained: no scripts, no external URLs, a CSP that forbids loading', () => {
        const html = file(en, 'report.html');
        expect(html).toContain(`default-src 'none'`);
        expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:)?\/\//i);
        expect(html).not.toMatch(/@import|url\((?!#)/i);
    });

    it('shows KPIs with probability and a traffic light, the schedule and the run-sheet', () => {
        const html = file(en, 'report.html');
        const growth = en.forecast!.forecasts[0].communities[0].kpis[0];
        expect(html).toMatch(/class="light" style="background:#[0-9a-f]{6}"/);
        expect(html).toContain('members ≥ 120, by week 8');
        expect(html).toContain(`${Math.round(growth.probability * 1000) / 10}%`);
        expect(html).toContain('Run-sheet: offline activities');
        expect(html).toContain('2027-03-06 18:00–20:00');
        expect(html).toContain('Badges, &lt;img');
    });

    it("breaks the cost down by category with P10–P90 and each category's share, in both reports and both languages", () => {
        const rows = en.forecast!.forecasts[0].communities[0].costByCategory!;
        const activities = rows.find((r) => r.category === 'activities')!;
        expect(activities.p50).toBe(800); // four meetups at 200 USD
        const html = file(en, 'report.html');
        expect(html).toContain('<h3>Cost by category over the horizon</h3>');
        expect(html).toMatch(
            /<td>Activities \(per run, priced staff time\)<\/td><td class="num">\$800<\/td><td class="num">\$800<\/td><td class="num">\$800<\/td>/,
        );
        expect(html).toContain('<td>Content (per post)</td>');
        expect(html).not.toContain('Referral rewards'); // the plan has none
        expect(file(en, 'report.md')).toMatch(/\| Activities \(per run, priced staff time\) \| \$800 \| \$800 \| \$800 \| \d+(\.\d)?% \|/);
        expect(file(zh, 'report.html')).toContain('整个周期按类别的成本');
        expect(file(zh, 'report.md')).toContain('活动（按场次，含计价人工）');
    });

    it('formats labels and money per locale', () => {
        expect(file(zh, 'report.html')).toContain('<html lang="zh-CN">');
        expect(file(zh, 'report.html')).toContain('关键指标');
        // Four meetups at 200 USD each.
        expect(file(zh, 'report.md')).toContain('US$800');
        expect(file(en, 'report.md')).toContain('| $800 |');
    });

    it('is byte-for-byte deterministic', async () => {
        const again = await compilePlan(plan, { formats: ['html', 'md'], runs: 200, seed: 7, scenario: null, sensitivityRuns: 50, lang: 'en' });
        expect(again.files).toEqual(en.files);
    });

    it('opens in headless Chromium with no console errors and no network requests', async () => {
        expect(CHROMIUM, 'Chromium is needed: run `npm run setup:system` once (apt-get install chromium fonts-wqy-microhei)').toBeDefined();
        const dir = tempFolder({ 'report.html': file(en, 'report.html') });
        const url = `file://${join(dir, 'report.html')}`;
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
        try {
            const page = await browser.newPage();
            const problems: string[] = [];
            const requests: string[] = [];
            page.on('console', (msg) => {
                if (msg.type() === 'error' || msg.type() === 'warning') problems.push(msg.text());
            });
            page.on('pageerror', (err) => problems.push(String(err)));
            page.on('dialog', (d) => {
                problems.push(`dialog: ${d.message()}`);
                void d.dismiss();
            });
            page.on('request', (r) => {
                if (r.url() !== url) requests.push(r.url());
            });
            await page.goto(url, { waitUntil: 'load' });
            expect(problems).toEqual([]);
            expect(requests).toEqual([]);
            expect(await page.locator('svg').count()).toBeGreaterThanOrEqual(4);
            expect(await page.locator('h1').innerText()).toContain('<script>alert(1)</script>');
            const box = await page.locator('figure.chart svg').first().boundingBox();
            expect(box!.width).toBeGreaterThan(200);
        } finally {
            await browser.close();
        }
    });
});

describe('Markdown report', () => {
    it('escapes Markdown and HTML in user text and keeps tables intact', () => {
        const md = file(en, 'report.md');
        expect(md).not.toMatch(/<script|<img|<b>/i);
        expect(md).toContain('Ann &amp; &lt;Bob&gt; \\| co');
        for (const line of md.split('\n').filter((l) => l.startsWith('| '))) {
            const cells = line.replace(/\\\|/g, '').split('|').length;
            expect(cells).toBeGreaterThan(3);
        }
        expect(escapeMarkdown('a|b*c_<d>')).toBe('a\\|b\\*c\\_&lt;d&gt;');
    });

    it('states members, revenue, cost and ROI at the horizon (P50, P10, P90), in both languages', () => {
        const c = en.forecast!.forecasts[0].communities[0];
        const members = c.series.find((x) => x.key === 'members')!;
        const last = members.p50.length - 1;
        const md = file(en, 'report.md');
        expect(md).toContain(`### Forecast at week ${last + 1}`);
        expect(md).toMatch(new RegExp(`^\\| Members \\| ${members.p50[last]!.toLocaleString('en-US')} \\| `, 'm'));
        expect(md).toMatch(/^\| Cost to date \| \$[\d,]+ \|/m);
        expect(md).toMatch(/^\| ROI \| -?\d+\.\d\d \|/m);
        expect(file(zh, 'report.md')).toContain(`### 第 ${last + 1} 周预测`);
    });

    it('has KPI lines, a Mermaid gantt of activities and a run-sheet with who, where, materials and staff', () => {
        const md = file(en, 'report.md');
        expect(md).toMatch(/^- [🟢🟡🔴] \*\*Growth\*\*: members ≥ 120, by week 8 — P50 /mu);
        const gantt = md.match(/```mermaid\n([\s\S]*?)```/)![1];
        expect(gantt).toContain('gantt');
        expect(gantt).toContain('dateFormat YYYY-MM-DD HH:mm');
        expect(gantt).toMatch(/Meetup .* 2027-03-06 18:00, 2027-03-06 20:00/);
        expect(gantt).toMatch(/Sprint : 2027-03-15 00:00, 2027-03-18 00:00/);
        expect(gantt).not.toMatch(/[<>]/);
        expect(md).toContain('### Run-sheet: offline activities');
        expect(md).toMatch(
            /\| 2027-03-06 18:00–20:00 \| .*Meetup.* \| Hall A, Floor 2; Room &lt;3&gt; \| {2}\| 2 \| {2}\| Badges, &lt;img src=x onerror=alert\(1\)&gt; \|/,
        );
        expect(mermaidLabel('a: b; c # <d>')).toBe('a b c d');
    });
});

describe('Mermaid gantt labels', () => {
    // What Mermaid's gantt lexer reads as a directive at the start of a line (case-insensitive).
    const DIRECTIVE =
        /^(gantt|title|dateformat|axisformat|tickinterval|todaymarker|inclusiveenddates|topaxis|includes|excludes|weekday|weekend|section|click|call|href|acctitle|accdescr|displaymode)/i;

    it('never start a task line with a directive word', async () => {
        const names: [string, string][] = [
            ['excludes', 'excludes'],
            ['click', 'click'],
            ['T1', 'title Hacked'],
            ['T2', 'dateFormat YYYY'],
            ['T3', 'axisFormat %Y'],
            ['T4', 'todayMarker off'],
            ['T5', 'section Evil'],
            ['T6', 'Click T1 call alert()'],
            ['T7', 'TopAxis'],
            ['T8', 'inclusiveEndDates'],
        ];
        const activities = names
            .map(
                ([name, title]) => `  activity ${name} "${title}" {
    online challenge
    on 2027-03-03 at 10:00
    lasts 1 hour
  }`,
            )
            .join('\n');
        const p = await planFromText(`plan "P" {
  start 2027-03-01
  horizon 4 weeks
  timezone "UTC"
  currency USD
}
community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
${activities}
}
`);
        const md = (await compilePlan(p, { formats: ['md'], runs: 20, seed: 1, scenario: null, lang: 'en' })).files.find((f) => f.name === 'report.md')!
            .content as string;
        const gantt = md
            .match(/```mermaid\n([\s\S]*?)```/)![1]
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean);
        const header = gantt.filter((l) => DIRECTIVE.test(l));
        // Only the chart's own lines are directives: gantt, title, dateFormat, axisFormat and the sections.
        expect(header.map((l) => l.split(' ')[0])).toEqual(['gantt', 'title', 'dateFormat', 'axisFormat', 'section']);
        const tasks = gantt.filter((l) => / : \d{4}-/.test(l));
        expect(tasks).toHaveLength(names.length);
        for (const t of tasks) expect(t).not.toMatch(DIRECTIVE);
        expect(tasks.some((t) => t.includes('excludes'))).toBe(true);
    });

    it('mermaidLabel neutralises directive words only at the start', () => {
        for (const word of ['excludes', 'Click me', 'title x', 'dateFormat x', 'axisFormat d', 'todayMarker off', 'section A', 'SECTION b', 'topAxisFoo']) {
            const label = mermaidLabel(word);
            expect(label).not.toMatch(DIRECTIVE);
            expect(label.replace(/\u200B/g, '')).toBe(word);
        }
        expect(mermaidLabel('Weekly excludes')).toBe('Weekly excludes');
        expect(mermaidLabel('Meetup')).toBe('Meetup');
    });
});

// Keep a copy of the rendered report for manual inspection when REPORT_OUT is set.
if (process.env.REPORT_OUT) beforeAll(() => writeFileSync(process.env.REPORT_OUT!, file(en, 'report.html')));

describe('report sections: checks, KPI target lines, zh-CN KPI names', () => {
    const checks = [
        { severity: 'warning' as const, code: 'over-budget', file: 'plan.community', line: 7, message: 'Cost <b>227,067</b> & more | over budget' },
        { severity: 'info' as const, code: 'group-outgrown', file: 'shared/x.community', line: 21, message: 'Tier "Core" may outgrow a group' },
    ];

    it('lists the checker’s warnings and infos with code, line and message, escaped, in both reports', async () => {
        const options = { formats: ['html', 'md'] as const, runs: 50, seed: 7, scenario: null, sensitivityRuns: 50, lang: 'en' as const };
        const withChecks = await compilePlan(plan, { ...options, checks });
        const html = file(withChecks, 'report.html');
        expect(html).toContain('<h2>Checks</h2>');
        expect(html).toContain(
            '<tr><td>warning</td><td><code>over-budget</code></td><td>plan.community:7</td><td>Cost &lt;b&gt;227,067&lt;/b&gt; &amp; more | over budget</td></tr>',
        );
        expect(html).toContain('<td>info</td><td><code>group-outgrown</code></td><td>shared/x.community:21</td>');
        expect(html).not.toContain('<b>227,067</b>');
        const md = file(withChecks, 'report.md');
        expect(md).toContain('## Checks');
        expect(md).toContain('| warning | over-budget | plan.community:7 | Cost &lt;b&gt;227,067&lt;/b&gt; &amp; more \\| over budget |');
        expect(md).toContain('| info | group-outgrown | shared/x.community:21 |');
        const none = await compilePlan(plan, { ...options, checks: [] });
        expect(file(none, 'report.md')).toContain('community check found no warnings or notes.');
    });

    it('compile passes the plan’s warnings and infos into the reports', async () => {
        const out = tempFolder();
        const { spawnSync } = await import('node:child_process');
        ensureBuilt();
        const r = spawnSync(
            process.execPath,
            [join(ROOT, 'bin/community.cjs'), 'compile', 'examples/fitness-wechat.community', '--out', out, '--runs', '50', '--formats', 'md,html'],
            {
                cwd: ROOT,
                encoding: 'utf8',
                env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8' },
            },
        );
        expect(r.status, r.stderr).toBe(0);
        const { readFileSync } = await import('node:fs');
        const md = readFileSync(join(out, 'fitness-wechat', 'report.md'), 'utf8');
        expect(md).toMatch(/^\| warning \| over-budget \| fitness-wechat\.community:7 \| /m);
        expect(md).toMatch(/^\| info \| group-outgrown \| fitness-wechat\.community:\d+ \| /m);
        const html = readFileSync(join(out, 'fitness-wechat', 'report.html'), 'utf8');
        expect(html).toContain('<td><code>over-budget</code></td><td>fitness-wechat.community:7</td>');
    });

    it('draws KPI target lines on the members and active-rate charts', async () => {
        const fitness = await planFromFile(join(ROOT, 'examples/fitness-wechat.community'));
        const compiled = await compilePlan(fitness, { formats: ['html'], runs: 50, seed: 7, scenario: null, sensitivityRuns: 50, lang: 'en' });
        const svgs = file(compiled, 'report.html').match(/<svg[\s\S]*?<\/svg>/g) ?? [];
        const members = svgs.find((s) => s.includes('Members by tier'))!;
        const active = svgs.find((s) => s.includes('Active rate (P50'))!;
        expect(members).toContain('Growth target ≥ 20,000');
        expect(members).toContain('stroke-dasharray="6,4"');
        expect(active).toContain('active-rate target ≥ 20%');
        expect(active).toContain('stroke-dasharray="6,4"');
        // No KPI on cost: no target line there.
        expect(svgs.find((s) => s.includes('Cumulative cost'))!).not.toContain('stroke-dasharray="6,4"');
    });

    it('translates generated KPI names in the zh-CN report, keeps names the plan gave', async () => {
        const p = await planFromText(`plan "Cafe" {
  start 2027-03-01
  horizon 4 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Cafe {
  tier Visitor {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  tier Barista {
    from Visitor 5% per month
    churn 2% per month
    active 60% weekly
  }
  kpi members in Barista >= 10
  kpi active rate >= 20%
  kpi Growth: members >= 150
}
`);
        const compiled = await compilePlan(p, { formats: ['html', 'md'], runs: 50, seed: 7, scenario: null, sensitivityRuns: 50, lang: 'zh-CN' });
        const md = file(compiled, 'report.md');
        expect(md).toContain('**Barista 成员数**');
        expect(md).toContain('**活跃率**');
        expect(md).toContain('**Growth**');
        expect(md).not.toContain('members-Barista');
        const html = file(compiled, 'report.html');
        expect(html).toContain('<td>Barista 成员数</td>');
        expect(html).toContain('Barista 成员数 目标 ≥ 10');
        // The English report keeps the generated names.
        const enCompiled = await compilePlan(p, { formats: ['md'], runs: 50, seed: 7, scenario: null, sensitivityRuns: 50, lang: 'en' });
        expect(file(enCompiled, 'report.md')).toContain('**members-Barista**');
    });
});

describe('report structure (issue 15)', () => {
    let fitness: CompiledPlan;
    let fitnessZh: CompiledPlan;
    beforeAll(async () => {
        const p = await planFromFile(join(ROOT, 'examples/fitness-wechat.community'));
        const checks = [
            { severity: 'warning' as const, code: 'over-budget', file: 'fitness-wechat.community', line: 7, message: 'Planned cost is over budget' },
        ];
        fitness = await compilePlan(p, { formats: ['html', 'md'], runs: 80, seed: 3, scenario: null, sensitivityRuns: 50, lang: 'en', checks });
        fitnessZh = await compilePlan(p, { formats: ['html', 'md'], runs: 80, seed: 3, scenario: null, sensitivityRuns: 50, lang: 'zh-CN', checks });
    });

    it('orders the sections: summary, KPIs, growth, scenarios, money, calendar, schedule, run-sheet, checks', () => {
        const html = file(fitness, 'report.html');
        const ids = [...html.matchAll(/<section class="[^"]*" id="([a-z-]+)">/g)].map((m) => m[1]);
        expect(ids).toEqual(['summary', 'kpis', 'growth', 'scenarios', 'money', 'calendar', 'schedule', 'run-sheet', 'checks']);
        const md = file(fitness, 'report.md');
        const heads = md
            .split('\n')
            .filter((l) => /^##+ /.test(l))
            .map((l) => l.replace(/^#+ /, ''));
        expect(heads.slice(0, 2)).toEqual(['Executive summary', 'Community: 居家健身社群 (FitHome)']);
        expect(heads.at(-1)).toBe('Checks');
        expect(md.indexOf('### New members by source')).toBeGreaterThan(md.indexOf('### Forecast at week'));
        expect(md.indexOf('### Scenarios side by side')).toBeLessThan(md.indexOf('### Cost by category over the horizon'));
        expect(md.indexOf('### Calendar')).toBeLessThan(md.indexOf('### Run-sheet: offline activities'));
    });

    it('the summary states the headline with P10–P90, every KPI’s chance, budget use and up to three risks', () => {
        const c = fitness.forecast!.forecasts[0].communities[0];
        const members = c.series.find((s) => s.key === 'members')!;
        const last = members.p50.length - 1;
        const html = file(fitness, 'report.html');
        const summary = html.slice(html.indexOf('id="summary"'), html.indexOf('id="kpis"'));
        expect(summary).toContain(
            `${members.p50[last]!.toLocaleString('en-US')} members by week ${last + 1} (P10–P90: ${members.p10[last]!.toLocaleString('en-US')} – ${members.p90[last]!.toLocaleString('en-US')})`,
        );
        for (const k of c.kpis) expect(summary).toContain(`<strong>${Math.round(k.probability * 1000) / 10}%</strong>`);
        expect(summary).toMatch(/<strong>Budget:<\/strong> expected cost CN¥[\d,]+ of CN¥120,000 \(\d+(\.\d)?%\)/);
        const risks = summary.match(/<ol>([\s\S]*?)<\/ol>/)![1].match(/<li>/g)!;
        expect(risks).toHaveLength(3);
        expect(summary).toContain('Planned cost is over budget');
        expect(file(fitnessZh, 'report.html')).toContain('<h2>摘要</h2>');
    });

    it('shows new members by source from the forecast’s attribution, in both languages', () => {
        const c = fitness.forecast!.forecasts[0].communities[0];
        const organic = c.newMembersBySource!.find((s) => s.source === 'organic')!;
        const ads = c.newMembersBySource!.find((s) => s.source === 'DouyinAds')!;
        const md = file(fitness, 'report.md');
        expect(md).toMatch(
            new RegExp(
                `^\\| Organic \\(word of mouth, search\\) \\| organic \\| ${Math.round(organic.p10).toLocaleString('en-US')} \\| ${Math.round(organic.p50).toLocaleString('en-US')} \\| `,
                'm',
            ),
        );
        expect(md).toMatch(new RegExp(`^\\| 抖音投放 \\(DouyinAds\\) \\| paid channel \\| ${Math.round(ads.p10).toLocaleString('en-US')} \\| `, 'm'));
        expect(file(fitnessZh, 'report.md')).toContain('| 自然增长（口碑、搜索） | 自然增长 |');
        expect(file(fitness, 'report.html')).toContain('New members per week by source (mean)');
    });

    it('puts every scenario side by side, and the calendar shows activities, draws and campaign windows', async () => {
        const html = file(fitness, 'report.html');
        const scenarios = html.slice(html.indexOf('id="scenarios"'), html.indexOf('id="money"'));
        expect(fitness.forecast!.forecasts.map((s) => s.scenario)).toEqual([null, 'DoubleAds', ...fitness.forecast!.forecasts.slice(2).map((s) => s.scenario)]);
        for (const s of fitness.forecast!.forecasts.slice(1)) expect(scenarios).toContain(`${s.title} (${s.scenario})`);
        expect(scenarios).toContain('Members in each scenario (P50, band P10–P90)');
        const calendar = html.slice(html.indexOf('id="calendar"'), html.indexOf('id="schedule"'));
        expect(calendar).toContain('paid channel · 抖音投放 (DouyinAds): 2027-01-04 to 2027-07-04');
        expect(calendar).toContain('referral campaign · 邀请码 (InviteCode)');
        expect(calendar).toMatch(/<span class="ev offline">14:00 春季健身沙龙<\/span>/);
        expect(calendar).toContain('<span class="ev">晨练打卡挑战</span>');
        // A lottery draw reads "(draw)" in English and "（开奖）" in Chinese.
        const beauty = await planFromFile(join(ROOT, 'examples/beauty-multiplatform.community'));
        const zh = await compilePlan(beauty, { formats: ['html'], runs: 40, seed: 3, scenario: null, sensitivityRuns: 50, lang: 'zh-CN' });
        expect(file(zh, 'report.html')).toMatch(/<span class="ev draw">20:00 肤质测试抽奖（开奖）<\/span>/);
        expect(file(zh, 'report.html')).not.toContain('(draw)');
        const zhMd = (await compilePlan(beauty, { formats: ['md'], runs: 40, seed: 3, scenario: null, sensitivityRuns: 50, lang: 'zh-CN' })).files[0]
            .content as string;
        expect(zhMd).toContain('肤质测试抽奖（开奖） (SkinQuiz.draw)');
        expect(zhMd).not.toContain('(draw)');
    });

    it('puts the checks last, in plain words, with codes and lines folded in <details>', () => {
        const html = file(fitness, 'report.html');
        const checks = html.slice(html.indexOf('id="checks"'));
        expect(checks).toContain('<li>warning: Planned cost is over budget</li>');
        expect(checks.indexOf('<details><summary>Codes and lines</summary>')).toBeLessThan(checks.indexOf('<code>over-budget</code>'));
        expect(html.indexOf('<code>over-budget</code>')).toBeGreaterThan(html.indexOf('id="run-sheet"'));
        expect(file(fitness, 'report.md')).toMatch(
            /## Checks\n\n- warning: Planned cost is over budget\n\n<details><summary>Codes and lines<\/summary>\n\n\| Severity/,
        );
    });

    it('has a print stylesheet for A4', () => {
        const html = file(fitness, 'report.html');
        expect(html).toContain('@page{size:A4');
        expect(html).toMatch(/@media print\{[\s\S]*section\.summary\{break-after:page/);
    });
});
