import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diagnostics as TABLE } from '../../engine/diagnostics.js';
import { loadPlansAgain } from '../helpers/workspace.js';
import { at, codes, makeServices, PLAN_HEADER, validate } from '../helpers/language.js';
import { parseHelper } from 'langium/test';
import { lowerPlan } from '../../language/lower.js';
import type { Model } from '../../language/generated/ast.js';

const ROOT = resolve(__dirname, '../..');
const INVALID = join(ROOT, 'examples/invalid');
const invalidFiles = readdirSync(INVALID)
    .filter((f) => f.endsWith('.community'))
    .sort();
const validFiles = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => join(ROOT, 'examples', f));

/** Each invalid example says on its first line which code it must draw and where. */
function expectation(file: string): { code: string; line: number; column: number } {
    const first = readFileSync(join(INVALID, file), 'utf8').split('\n')[0];
    const m = /^\/\/ expect: ([\w-]+) at (\d+):(\d+)$/.exec(first);
    if (!m) throw new Error(`${file} lacks an "// expect: CODE at L:C" first line`);
    return { code: m[1], line: Number(m[2]), column: Number(m[3]) };
}

describe('invalid examples', () => {
    it.each(invalidFiles)('%s draws its code at the stated position', async (file) => {
        const want = expectation(file);
        const ws = await loadPlansAgain([join(INVALID, file)], { lang: 'en', root: ROOT, cwd: ROOT });
        const plan = ws.requested[0];
        const found = plan.diagnostics.filter((d) => d.code === want.code).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
        expect(found).toContain(`${want.line}:${want.column}`);
        expect(plan.diagnostics.find((d) => d.code === want.code)?.severity).toBe(1);
    });

    it('covers every error code of the language checks', () => {
        const covered = new Set(invalidFiles.map((f) => expectation(f).code));
        const languageErrors = Object.entries(TABLE)
            .filter(([code, def]) => def.severity === 'error' && ISSUE_2_CODES.includes(code))
            .map(([code]) => code);
        expect(languageErrors.filter((c) => !covered.has(c))).toEqual([]);
    });
});

const ISSUE_2_CODES = [
    'syntax-error',
    'unresolved-reference',
    'duplicate-name',
    'missing-property',
    'multiple-plans',
    'no-plan',
    'wrong-unit',
    'missing-period',
    'currency-mismatch',
    'out-of-range',
    'bad-range',
    'bad-uncertainty',
    'bad-date',
    'bad-time',
    'bad-timezone',
    'until-before-from',
    'self-flow',
    'outflow-over-100',
    'kpi-unknown-tier',
    'import-missing',
    'import-outside-workspace',
    'import-cycle',
    'import-not-community',
    'unknown-assumption',
];

describe('valid examples', () => {
    it('draw none of the language checks', async () => {
        const ws = await loadPlansAgain(validFiles, { lang: 'en', root: ROOT, cwd: ROOT });
        const found = ws.plans.flatMap((p) =>
            p.diagnostics
                .filter((d) => ISSUE_2_CODES.includes(String(d.code)) || WARNINGS.includes(String(d.code)))
                .map((d) => `${p.shown}:${d.range.start.line + 1} ${d.code}`),
        );
        expect(found).toEqual([]);
    });
});

const WARNINGS = ['duplicate-property', 'unknown-kind', 'date-outside-horizon', 'no-entry-tier'];

describe('warnings', () => {
    it('duplicate-property: a property set twice', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { churn 5% per month  churn 6% per month } }`);
        expect(at(diagnostics, 'duplicate-property')).toEqual(['7:30']);
        expect(diagnostics.find((d) => d.code === 'duplicate-property')?.severity).toBe(2);
    });

    it('unknown-kind: a misspelt content kind, listing the known ones', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { content X { kind educatonal } }`);
        const d = diagnostics.find((x) => x.code === 'unknown-kind');
        expect(d?.message).toContain('educatonal');
        expect(d?.message).toContain('educational');
        expect(d?.severity).toBe(2);
    });

    it('date-outside-horizon: an event after the plan ends', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { activity S { offline salon  on 2027-06-01 at 14:00 } }`);
        expect(at(diagnostics, 'date-outside-horizon')).toEqual(['7:46']);
        const inside = await validate(`${PLAN_HEADER}community C { activity S { offline salon  on 2027-02-01 at 14:00 } }`);
        expect(codes(inside.diagnostics)).not.toContain('date-outside-horizon');
    });

    it('out-of-range: a KPI deadline date after the plan ends is an error, not a silent last-week score', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { seed 10 members } kpi members >= 100 by 2028-03-01 }`);
        const d = diagnostics.filter((x) => x.code === 'out-of-range');
        expect(d).toHaveLength(1);
        expect(d[0].message).toMatch(/KPI deadline must be a date within the plan \(2027-01-04 to [\d-]+\), but is 2028-03-01/);
        expect(codes(diagnostics)).not.toContain('date-outside-horizon');
        const inside = await validate(`${PLAN_HEADER}community C { tier A { seed 10 members } kpi members >= 100 by 2027-02-01 }`);
        expect(codes(inside.diagnostics)).not.toContain('out-of-range');
    });

    it('no-entry-tier: every tier reachable only by promotion', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { from B 1% per month } tier B { from A 1% per month } }`);
        expect(codes(diagnostics)).toContain('no-entry-tier');
        const fine = await validate(`${PLAN_HEADER}community C { tier A { churn 1% per month } tier B { from A 1% per month } }`);
        expect(codes(fine.diagnostics)).not.toContain('no-entry-tier');
    });
});

describe('units and ranges', () => {
    it.each([
        ['money where a percent is due', 'tier A { churn 5 CNY per month }', 'wrong-unit'],
        ['a percent where money is due', 'content X { kind educational  cost 5% }', 'wrong-unit'],
        ['a rate without a period', 'tier A { churn 5% }', 'missing-period'],
        ['a negative cost', 'content X { kind educational  cost -5 CNY }', 'out-of-range'],
        ['capacity 0', 'activity S { offline salon  capacity 0 }', 'out-of-range'],
        ['a huge number', 'tier A { seed 1e400 }', 'out-of-range'],
        ['a percent above 100', 'activity S { online qa  reach 140% }', 'out-of-range'],
        ['a churn KPI without a period', 'tier A { seed 10 members }\n  kpi churn in A <= 3%', 'missing-period'],
        ['a conversion KPI without a period', 'tier A { seed 10 members }\n  tier B { from A 2% per month }\n  kpi conversion A -> B >= 3%', 'missing-period'],
    ])('%s', async (_what, body, code) => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { ${body} }`);
        expect(codes(diagnostics)).toContain(code);
    });

    it('accepts the same properties with the right units', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C {
  tier A { churn 5% per month  seed 100 members  capacity 50000 }
  content X { kind educational  cost 5 CNY per post }
  channel Ads { paid 3000 CNY per week  cost per join 10 CNY }
  activity S { online qa  reach 40%  capacity 60 }
}`);
        expect(codes(diagnostics)).toEqual([]);
    });
});

describe('currencies written the Chinese way', () => {
    it('reads 元 and RMB as CNY in a CNY plan, and still refuses another currency', async () => {
        const ok = await validate(`${PLAN_HEADER}community C {\n  order value 199 元\n  channel Ads { paid 3000 RMB per week  cost per join 10 元 }\n}`);
        expect(codes(ok.diagnostics)).toEqual([]);
        const other = await validate(`${PLAN_HEADER}community C {\n  order value 199 USD\n}`);
        expect(codes(other.diagnostics)).toContain('currency-mismatch');
    });

    it.each(['1万美元', '199 美金', '50 欧元', '30 英镑', '5000 日元', '199 港币', '199港元', '500 新台币', '30 新加坡元', '9000 韩元', '40 澳元', '40 加元'])(
        'reads %s as another currency: a mismatch in a CNY plan, never yuan with a warning',
        async (written) => {
            const { diagnostics } = await validate(`${PLAN_HEADER}community C {\n  order value ${written}\n}`);
            expect(codes(diagnostics)).toContain('currency-mismatch');
            expect(codes(diagnostics)).not.toContain('unknown-unit');
        },
    );
});

describe('numbers written with 万 and 亿', () => {
    it('reads 30万元 as 300,000 CNY, 2万 as 20,000 and 1.5亿 as 150,000,000', async () => {
        const { Community } = makeServices();
        const doc = await parseHelper<Model>(Community)(
            `plan "W" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency CNY\n  budget 30万元\n}\naudience A { size 1.5亿 }\ncommunity C {\n  audience A\n  tier T { seed 2万  churn 2% per month }\n  channel Ads { paid 1.2万元 per week  cost per join 10 元 }\n}\n`,
            { validation: true },
        );
        expect(codes(doc.diagnostics ?? []).filter((c) => c !== 'group-outgrown')).toEqual([]);
        const plan = lowerPlan(Community, doc);
        expect(plan.budget).toBe(300_000);
        expect(plan.audiences[0].size).toEqual({ kind: 'fixed', value: 150_000_000 });
        expect(plan.communities[0].tiers[0].seed).toEqual({ kind: 'fixed', value: 20_000 });
        expect(plan.communities[0].channels[0].spend?.value).toEqual({ kind: 'fixed', value: 12_000 });
    });

    it('still refuses 万 where a percentage is due', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier T { churn 2万 per month } }`);
        expect(codes(diagnostics)).toContain('wrong-unit');
    });
});

describe('scenario overrides are checked like the properties they replace', () => {
    const withScenario = (changes: string) => `${PLAN_HEADER}community C {
  tier Free { seed 100 members  churn 8% per month }
  tier VIP { from Free 4% per month  churn 2% per month }
  channel Ads { paid 3000 CNY per week  cost per join 10 CNY }
  activity S { online qa  reach 40% }
}
scenario X {
${changes}
}
`;
    it.each([
        ['a churn without %', 'Free.churn = 5 per month', 'wrong-unit', /Free\.churn expects a percentage per period/],
        ['spend without a currency', 'Ads.paid = 5000 per week', 'wrong-unit', /Ads\.paid expects money per period/],
        ['a budget without a currency', 'plan.budget = 600000', 'wrong-unit', /plan\.budget expects money/],
        ['a promotion rate above 100%', 'VIP.Free = 150% per month', 'out-of-range', /VIP\.Free must be between 0% and 100%/],
        ['a reach above 100%', 'S.reach = 140%', 'out-of-range', /S\.reach/],
    ])('%s', async (_what, change, code, message) => {
        const { diagnostics } = await validate(withScenario(`  ${change}`));
        const d = diagnostics.find((x) => x.code === code);
        expect(d?.message).toMatch(message);
        expect(d?.range.start.line).toBe(PLAN_HEADER.split('\n').length + 6);
    });

    it('accepts overrides with the right units, a rate keeping its period', async () => {
        const { diagnostics } = await validate(
            withScenario(
                '  Free.churn = 5% per month\n  Free.churn = 6%\n  Ads.paid = 5000 CNY per week\n  VIP.Free = 5% per month\n  S.reach = 50%\n  plan.budget = 600000 CNY',
            ),
        );
        expect(diagnostics.filter((d) => d.severity === 1).map((d) => d.code)).toEqual([]);
    });
});

describe('plan horizon', () => {
    const plan = (horizon: string) =>
        `plan "H" {\n  start 2027-01-04\n  horizon ${horizon}\n  currency CNY\n}\ncommunity C { tier A { seed 10 members  churn 1% per month } }\n`;

    it.each(['1e9 weeks', '521 weeks', '3641 days', '11 years', '1..600 weeks'])('reports %s as out of range (at most 520 weeks)', async (horizon) => {
        const { diagnostics } = await validate(plan(horizon));
        const d = diagnostics.filter((x) => x.code === 'out-of-range');
        expect(d).toHaveLength(1);
        expect(d[0].message).toMatch(/at most 520 weeks \(10 years\)/);
    });

    it.each(['520 weeks', '3640 days', '10 years', '26 weeks', '1 day'])('accepts %s', async (horizon) => {
        const { diagnostics } = await validate(plan(horizon));
        expect(codes(diagnostics)).not.toContain('out-of-range');
    });

    it('says it in Chinese too', async () => {
        const { diagnostics } = await validate(plan('1e9 weeks'), 'zh-CN');
        expect(diagnostics.find((x) => x.code === 'out-of-range')?.message).toMatch(/不超过 520 周/);
    });

    it('domain checks and the forecast read the same horizon (no silent clamp)', async () => {
        const { horizonWeeksOf, MAX_HORIZON_WEEKS } = await import('../../language/plan-context.js');
        const { isPlan } = await import('../../language/generated/ast.js');
        const weeks = async (h: string) => horizonWeeksOf((await validate(plan(h))).doc.parseResult.value.elements.find(isPlan)!);
        expect(MAX_HORIZON_WEEKS).toBe(520);
        expect(await weeks('520 weeks')).toBe(520);
        expect(await weeks('10 years')).toBe(520);
        expect(await weeks('521 weeks')).toBeUndefined();
        expect(await weeks('1e9 weeks')).toBeUndefined();
    });
});

describe('messages', () => {
    it('are available in Simplified Chinese', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { churn 5% } }`, 'zh-CN');
        const d = diagnostics.find((x) => x.code === 'missing-period');
        expect(d?.message).toMatch(/比率/);
    });

    it('every table entry has English and Chinese text with the same placeholders', () => {
        for (const [code, def] of Object.entries(TABLE)) {
            const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
            expect(names(def.zh), code).toEqual(names(def.en));
            expect(def.zh.length, code).toBeGreaterThan(0);
        }
    });

    it('carry a docs link and the code in their data for quick fixes', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { churn 5% } }`);
        const d = diagnostics.find((x) => x.code === 'missing-period')!;
        expect(d.codeDescription?.href).toMatch(/#missing-period$/);
        expect((d.data as { code: string }).code).toBe('missing-period');
    });
});

describe('model assumptions', () => {
    it('refuses an unknown key and lists the known ones', async () => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('currency CNY', 'currency CNY\n  assume promo-threshhold 20%'));
        const d = diagnostics.find((x) => x.code === 'unknown-assumption');
        expect(d?.message).toContain('promo-threshhold');
        expect(d?.message).toContain('promo-share-threshold');
    });

    it('accepts a known key in range and refuses one out of range', async () => {
        const ok = await validate(PLAN_HEADER.replace('currency CNY', 'currency CNY\n  assume promo-share-threshold 40%'));
        expect(codes(ok.diagnostics)).toEqual([]);
        const bad = await validate(PLAN_HEADER.replace('currency CNY', 'currency CNY\n  assume promo-share-threshold 140%'));
        expect(codes(bad.diagnostics)).toContain('out-of-range');
    });
});

describe('the plan start date', () => {
    it.each(['2027-13-01', '2027-02-30', '2027-04-31', '2026-02-29'])('%s is refused as a calendar date', async (date) => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('start 2027-01-04', `start ${date}`));
        expect(at(diagnostics, 'bad-date')).toEqual(['2:9']);
    });

    it('a leap day in a leap year is fine', async () => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('start 2027-01-04', 'start 2028-02-29'));
        expect(codes(diagnostics)).toEqual([]);
    });
});

describe('did you mean', () => {
    it('suggests the closest name in scope for an unknown reference', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier Prospect { churn 5% per month } tier Core { from Prospekt 5% per month } }`);
        const d = diagnostics.find((x) => x.code === 'unresolved-reference');
        expect(d?.message).toBe('Unknown tier "Prospekt". Did you mean "Prospect"?');
        expect((d?.data as { suggestion?: string }).suggestion).toBe('Prospect');
    });

    it('lists the tiers a KPI could name when nothing is close', async () => {
        const { diagnostics } = await validate(
            `${PLAN_HEADER}community C { tier A { churn 5% per month } tier B { from A 1% per month } kpi members in Zed >= 1 }`,
        );
        expect(diagnostics.find((x) => x.code === 'kpi-unknown-tier')?.message).toBe(
            'KPI names tier "Zed", which community "C" does not have. Its tiers: A, B.',
        );
    });

    it('suggests the keyword a misspelt word was meant to be, in both languages', async () => {
        const en = await validate(`${PLAN_HEADER}community C { tier A { chrun 5% per month } }`);
        expect(en.diagnostics.find((x) => x.code === 'syntax-error')?.message).toMatch(/found 'chrun' — did you mean 'churn'\?$/);
        const zh = await validate(`${PLAN_HEADER}community C { tier A { chrun 5% per month } }`, 'zh-CN');
        expect(zh.diagnostics.find((x) => x.code === 'syntax-error')?.message).toBe("语法错误：此处应为 '}'，但读到“chrun”；是否应为“churn”？");
    });

    it('suggests the Chinese keyword a misspelt Chinese word was meant to be', async () => {
        const margin = await validate(`${PLAN_HEADER}社群 C { 毛利绿 50% }`, 'zh-CN');
        expect(margin.diagnostics.find((x) => x.code === 'syntax-error')?.message).toMatch(/读到“毛利绿”；是否应为“毛利率”？$/);
        const churn = await validate(`${PLAN_HEADER}社群 C { 层级 A { 流矢 5% 每月 } }`, 'zh-CN');
        expect(churn.diagnostics.find((x) => x.code === 'syntax-error')?.message).toMatch(/读到“流矢”；是否应为“流失”？$/);
        // A word far from every keyword valid there gets no guess.
        const far = await validate(`${PLAN_HEADER}社群 C { 层级 A { 天气晴朗 5% } }`, 'zh-CN');
        expect(far.diagnostics.find((x) => x.code === 'syntax-error')?.message).not.toMatch(/是否应为/);
    });

    it('explains a number written with thousands separators', async () => {
        const en = await validate(`${PLAN_HEADER}community C { tier A { seed 12,000 members } }`);
        expect(en.diagnostics.find((x) => x.code === 'syntax-error')?.message).toMatch(/numbers are written without thousands separators: 12000, not 12,000$/);
        const zh = await validate(`${PLAN_HEADER}community C { tier A { seed 12,000 members } }`, 'zh-CN');
        expect(zh.diagnostics.find((x) => x.code === 'syntax-error')?.message).toMatch(/数字不使用千位分隔符：请写 12000，而不是 12,000$/);
        const list = await validate(`${PLAN_HEADER}community C { tier A { benefits "x",, "y" } }`);
        expect(list.diagnostics.some((x) => /thousands/.test(String(x.message)))).toBe(false);
    });

    it('says nothing when no name is close', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { churn 5% per month } tier B { from Zzzzzz 5% per month } }`);
        expect(diagnostics.find((x) => x.code === 'unresolved-reference')?.message).toBe('Unknown tier "Zzzzzz".');
    });
});

describe('out-of-range uncertain values', () => {
    it('name the written value and the edge it reaches', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C { tier A { churn 10% per month ± 30% } }`);
        expect(diagnostics.find((d) => d.code === 'out-of-range')?.message).toBe(
            'churn must be between 0% and 100%, but is 10% per month ± 30% (down to -20%).',
        );
    });
});

describe('bad-timezone', () => {
    // Canonical names are found in Intl's zone list, aliases by building a DateTimeFormat
    // (language/validation/structure.ts): both ways must answer as Intl does.
    it.each([
        ['Asia/Shanghai', true],
        ['America/New_York', true],
        ['UTC', true],
        ['Asia/Chongqing', true], // an alias of Asia/Shanghai
        ['US/Eastern', true], // an alias of America/New_York
        ['Asia/Shangai', false],
        ['EST', false], // Intl knows it, but it is not a place's zone
        ['Mars/Olympus', false],
    ])('%s is a time zone: %s', async (tz, valid) => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('Asia/Shanghai', tz));
        expect(codes(diagnostics).includes('bad-timezone')).toBe(!valid);
    });
});
