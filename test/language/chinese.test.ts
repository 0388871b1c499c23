// Chinese-native authoring: every full-width, Chinese unit, period, date, time and keyword form is
// read to the same value as its English form; what still cannot be read is a coded diagnostic.
import { describe, expect, it } from 'vitest';
import { AstUtils, EmptyFileSystem, GrammarAST } from 'langium';
import { codes, validate } from '../helpers/language.js';
import { createCommunityServices } from '../../language/community-module.js';
import { isRecurrence, isOneOff, type Audience, type Community, type Model, type Plan } from '../../language/generated/ast.js';
import { currencyOf, readQuantity } from '../../language/quantity.js';
import { ZH_KEYWORDS } from '../../language/keywords-zh.js';
import { convertKeywords } from '../../language/keyword-style.js';

const HEADER = `plan "测试" {
  start 2027-01-04
  horizon 26 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
`;

async function parse(text: string) {
    const { doc, diagnostics } = await validate(text);
    return { model: doc.parseResult.value as Model, doc, diagnostics };
}

function community(model: Model): Community {
    return model.elements.find((e) => e.$type === 'Community') as Community;
}

/** A quantity written as an audience size, a tier churn, a cost …, read as the checker reads it. */
async function quantity(block: string, pick: (m: Model) => Parameters<typeof readQuantity>[0] | undefined) {
    const { model, doc } = await parse(HEADER + block);
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    const q = pick(model);
    expect(q).toBeDefined();
    return readQuantity(q!);
}

const size = (m: Model) => (m.elements.find((e) => e.$type === 'Audience') as Audience).size;
const churn = (m: Model) => community(m).tiers[0].churn;
const cost = (m: Model) => community(m).contents[0].cost;
const lasts = (m: Model) => community(m).contents[0].duration;

describe('numbers, units and scales', () => {
    it.each([
        ['30万人', 300000, 'count', 'people'],
        ['30万 people', 300000, 'count', 'people'],
        ['30名', 30, 'count', 'people'],
        ['30位', 30, 'count', 'people'],
        ['1.5亿', 150000000, 'plain', undefined],
        ['2万', 20000, 'plain', undefined],
        ['30 万', 300000, 'plain', undefined],
        ['３０', 30, 'plain', undefined],
        ['1．5千', 1500, 'plain', undefined],
        ['500 成员', 500, 'count', 'members'],
    ])('audience size %s is %d (%s)', async (written, value, unitClass, unit) => {
        const m = await quantity(`audience A { size ${written} }`, size);
        expect([m.center, m.unitClass, m.unit]).toEqual([value, unitClass, unit]);
    });

    // Yuan in every way it is written, and the other currencies by their Chinese names.
    it.each([
        ['35万 CNY', 350000, 'CNY'],
        ['2.5千元', 2500, 'CNY'],
        ['30万元', 300000, 'CNY'],
        ['500元', 500, 'CNY'],
        ['500块', 500, 'CNY'],
        ['500 RMB', 500, 'CNY'],
        ['¥500', 500, 'CNY'],
        ['￥500', 500, 'CNY'],
        ['500¥', 500, 'CNY'],
        ['1.1万元', 11000, 'CNY'],
        ['1万美元', 10000, 'USD'],
        ['199 美金', 199, 'USD'],
        ['2.5千欧元', 2500, 'EUR'],
        ['30 英镑', 30, 'GBP'],
        ['5000日元', 5000, 'JPY'],
        ['199 港币', 199, 'HKD'],
        ['199 港元', 199, 'HKD'],
        ['500 新台币', 500, 'TWD'],
        ['30 新加坡元', 30, 'SGD'],
        ['30 新元', 30, 'SGD'],
        ['9000 韩元', 9000, 'KRW'],
        ['40 澳元', 40, 'AUD'],
        ['40 加元', 40, 'CAD'],
    ])('cost %s is %d %s', async (written, value, code) => {
        const m = await quantity(`community C { content T { kind educational  cost ${written} } }`, cost);
        expect([m.center, m.unitClass, currencyOf(m.unit)]).toEqual([value, 'money', code]);
    });

    it.each([
        ['5% 每月', { kind: 'fixed', value: 0.05 }, 'month'],
        ['5％ 每周', { kind: 'fixed', value: 0.05 }, 'week'],
        ['5%每天', { kind: 'fixed', value: 0.05 }, 'day'],
        ['5% 每年', { kind: 'fixed', value: 0.05 }, 'year'],
        ['5% 每 月', { kind: 'fixed', value: 0.05 }, 'month'],
        ['5%/月', { kind: 'fixed', value: 0.05 }, 'month'],
        ['5% ／ 周', { kind: 'fixed', value: 0.05 }, 'week'],
        ['8%～16% 每月', { kind: 'uniform', min: 0.08, max: 0.16 }, 'month'],
        ['8%~16% 每月', { kind: 'uniform', min: 0.08, max: 0.16 }, 'month'],
        ['8%～16% 最可能 12% 每月', { kind: 'triangular', min: 0.08, mode: 0.12, max: 0.16 }, 'month'],
        ['12% 每月 ＋－ 4%', { kind: 'triangular', min: 0.08, mode: 0.12, max: 0.16 }, 'month'],
        ['１２％ per month', { kind: 'fixed', value: 0.12 }, 'month'],
    ])('churn %s', async (written, dist, period) => {
        const m = await quantity(`community C { tier T { churn ${written} } }`, churn);
        expect(m.period).toBe(period);
        expect(m.dist.kind).toBe(dist.kind);
        for (const [k, v] of Object.entries(dist)) if (k !== 'kind') expect((m.dist as unknown as Record<string, number>)[k]).toBeCloseTo(v as number, 12);
    });

    it.each([
        ['30 分钟', 'minute'],
        ['2 小时', 'hour'],
        ['2小时', 'hour'],
        ['3 天', 'day'],
        ['3日', 'day'],
        ['2 周', 'week'],
        ['2 星期', 'week'],
        ['6 个月', 'month'],
        ['6月', 'month'],
        ['1 年', 'year'],
    ])('duration %s is in %s', async (written, unit) => {
        const m = await quantity(`community C { content T { kind educational  lasts ${written} } }`, lasts);
        expect([m.unitClass, m.unit]).toEqual(['duration', unit]);
    });

    it('horizon 26 周 is 26 weeks and draws no diagnostic', async () => {
        const { diagnostics, model } = await parse(HEADER.replace('horizon 26 weeks', 'horizon 26 周'));
        expect(codes(diagnostics)).toEqual([]);
        const plan = model.elements[0] as Plan;
        expect([plan.horizon?.low.value, plan.horizon?.low.unit]).toEqual([26, 'week']);
    });
});

describe('dates and times', () => {
    it.each([
        ['2027-04-05', '2027-04-05'],
        ['2027-4-5', '2027-04-05'],
        ['2027/5/29', '2027-05-29'],
        ['2027年5月29日', '2027-05-29'],
        ['5月29日', '2027-05-29'],
        ['5月29号', '2027-05-29'],
        ['２０２７－０５－２９', '2027-05-29'],
    ])('date %s is %s', async (written, iso) => {
        const { model, diagnostics } = await parse(`${HEADER}community C { content T { kind educational  on ${written} at 20:00 } }`);
        expect(codes(diagnostics)).toEqual([]);
        const s = community(model).contents[0].schedules[0];
        expect(isOneOff(s) && s.date).toBe(iso);
    });

    it('a date without a year takes the first one on or after the plan start', async () => {
        const header = HEADER.replace('start 2027-01-04', '开始 2027年11月1日').replace('horizon 26 weeks', 'horizon 52 weeks');
        const { model } = await parse(
            `${header}community C { content T { kind educational  on 5月29日 at 20:00 } content U { kind educational  on 11月3日 at 20:00 } }`,
        );
        const [a, b] = community(model).contents.map((c) => c.schedules[0]);
        expect(isOneOff(a) && a.date).toBe('2028-05-29');
        expect(isOneOff(b) && b.date).toBe('2027-11-03');
    });

    it('a date without a year and no plan start in the file is reported, not guessed', async () => {
        const { diagnostics } = await parse(`community C { content T { kind educational  on 5月29日 at 20:00 } }`);
        expect(codes(diagnostics)).toContain('bad-date');
    });

    it.each([
        ['20:30', '20:30'],
        ['21：30', '21:30'],
        ['２１：３０', '21:30'],
        ['21点', '21:00'],
        ['晚上9点', '21:00'],
        ['上午10点半', '10:30'],
        ['下午3点15分', '15:15'],
        ['中午12点', '12:00'],
        ['早上8点', '08:00'],
        ['9点整', '09:00'],
    ])('time %s is %s', async (written, hhmm) => {
        const { model, diagnostics } = await parse(`${HEADER}community C { content T { kind educational  every day at ${written} } }`);
        expect(codes(diagnostics)).toEqual([]);
        const s = community(model).contents[0].schedules[0];
        expect(isRecurrence(s) && s.times).toEqual([hhmm]);
    });
});

describe('schedules in Chinese', () => {
    it.each([
        ['每天 20:00', { frequency: 'day', times: ['20:00'] }],
        ['每日 在 20:00', { frequency: 'day', times: ['20:00'] }],
        ['每周 8 次', { frequency: 'week', count: 8 }],
        ['每月 于 日 15', { frequency: 'month', monthDays: [15] }],
        ['每两周 于 周一、周四 19:30', { interval: 2, frequency: 'week', weekdays: ['Monday', 'Thursday'], times: ['19:30'] }],
        ['每2周 于 星期一，星期四 19:30', { interval: 2, frequency: 'week', weekdays: ['Monday', 'Thursday'], times: ['19:30'] }],
        ['每 2 周 于 周一 19:30', { interval: 2, frequency: 'week', weekdays: ['Monday'], times: ['19:30'] }],
        ['每周四 20：30', { frequency: 'Thursday', times: ['20:30'] }],
        ['每星期日 晚上8点', { frequency: 'Sunday', times: ['20:00'] }],
        ['每周天 10:00', { frequency: 'Sunday', times: ['10:00'] }],
        ['每个工作日 08:00', { frequency: 'weekday', times: ['08:00'] }],
        ['每 工作日 08:00', { frequency: 'weekday', times: ['08:00'] }],
        ['每个月 于 日 1', { frequency: 'month', monthDays: [1] }],
        ['每天 20:00 从 2027-01-11 直到 2027-03-29', { frequency: 'day', times: ['20:00'], from: '2027-01-11', until: '2027-03-29' }],
    ])('%s', async (written, expected) => {
        const { model, doc } = await parse(`${HEADER}community C { content T { kind educational  ${written} } }`);
        expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
        const s = community(model).contents[0].schedules[0];
        expect(isRecurrence(s)).toBe(true);
        expect(s).toMatchObject(expected);
    });

    it('每 after a number on the same line is `per`, unless a schedule follows', async () => {
        const { model, doc } = await parse(`${HEADER}community C { activity A { online qa  lasts 2 小时 每周四 20:00  cost 500元 每 月 } }`);
        expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
        const a = community(model).activities[0];
        expect(isRecurrence(a.schedules[0]) && a.schedules[0].frequency).toBe('Thursday');
        expect(a.cost?.pers.map((p) => p.unit)).toEqual(['month']);
    });
});

describe('keywords in Chinese', () => {
    const { Community: services } = createCommunityServices({ ...EmptyFileSystem });

    // 每 alone is also `per`: after a number (tested with schedules above).
    it.each(ZH_KEYWORDS.flatMap((k) => k.zh.filter((z) => k.en !== 'per' || z !== '每').map((z) => [z, k.en] as const)))(
        '%s reads as the keyword %s',
        (zh, en) => {
            const tokens = services.parser.Lexer.tokenize(`{ ${zh} }`).tokens;
            // Without a number before them, 每周 / 每天 … start a schedule: every week, every day.
            const expected = PERIOD_SPLIT[en] ?? [en];
            expect(tokens.map((t) => t.tokenType.name)).toEqual(['{', ...expected, '}']);
            expect(
                tokens
                    .slice(1, -1)
                    .map((t) => t.image)
                    .join(''),
            ).toBe(zh);
        },
    );

    it("every keyword of the grammar has a Chinese form (plural time units share their singular's)", () => {
        const words = new Set<string>();
        for (const n of AstUtils.streamAllContents(services.Grammar)) if (GrammarAST.isKeyword(n) && /^[A-Za-z]/.test(n.value)) words.add(n.value);
        const plurals = ['minutes', 'hours', 'days', 'weeks', 'months', 'years'];
        expect([...words].filter((w) => !plurals.includes(w) && !ZH_KEYWORDS.some((k) => k.en === w))).toEqual([]);
        expect(ZH_KEYWORDS.filter((k) => !words.has(k.en)).map((k) => k.en)).toEqual([]);
    });

    it('a plan written with Chinese keywords, units, dates and full-width punctuation checks clean', async () => {
        const { diagnostics, model, doc } = await parse(`计划 “宝妈社群 2027” ｛
  开始 2027年1月4日
  规划期 26 周
  时区 "Asia/Shanghai"
  币种 CNY
  预算 35万 元
  团队 3 人， 40 小时 每周 各
｝
平台 微信群 { 类型 wechat-group  群 容量 480 }
受众 宝妈 { 规模 30万人  年龄 25～40  活跃 20：00-22：00 }
社群 宝妈群 “宝妈成长营” {
  平台 微信群
  受众 宝妈
  层级 潜客 { 准入 share post  初始 3000 人  流失 12% 每月  活跃 25% 每周 }
  层级 会员 { 准入 付费 99元 每月  从 潜客 5% 每月  流失 3% 每月  活跃 40% 每周 }
  内容 早安打卡 { 类型 educational  每天 早上8点  面向 潜客、会员  持续 10 分钟  成本 50元 }
  活动 育儿直播 { 线上 qa  每周四 晚上8点  持续 1 小时  面向 会员  提升 留存 2 个百分点  成本 300元 }
  渠道 投流 { 投放 3000元 每周  成本 每 加入 15元  进入 潜客 }
  指标 会员数: 成员 属于 会员 ≥ 500 截至 周 26
}
场景 加投 “多投一点” { 投流.投放 = 6000元 每周  计划.预算 = 40万元 }
`);
        // No errors; the warnings are the plan's own (a small group, QR joins) and the same in English.
        expect(diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
        const { Community: services } = createCommunityServices({ ...EmptyFileSystem });
        const english = convertKeywords(doc.textDocument.getText(), 'en', services);
        expect(english.text).toContain('community 宝妈群 “宝妈成长营” {');
        const inEnglish = await parse(english.text);
        expect(
            inEnglish.doc.parseResult.parserErrors.map((e) => e.message),
            english.text,
        ).toEqual([]);
        expect(codes(inEnglish.diagnostics)).toEqual(codes(diagnostics));
        expect(community(model).tiers.map((t) => t.name)).toEqual(['潜客', '会员']);
        expect(community(model).kpis[0].name).toBe('会员数');
    });

    it('English and Chinese keywords mix in one file', async () => {
        const { diagnostics } = await parse(`${HEADER}community C {
  tier Free { entry share post  churn 10% per month }
  层级 会员 { 从 Free 5% 每月  churn 3% per month }
}`);
        expect(codes(diagnostics)).toEqual([]);
    });

    it('a name that is a keyword where only a name can stand stays a name: tier 层级, kpi 转化:, for A, 流失', async () => {
        const { diagnostics, model } = await parse(`${HEADER}community C {
  tier 流失 { churn 10% per month }
  tier 会员 { from 流失 5% per month  churn 3% per month }
  content X { kind educational  every day at 20:00  for 会员, 流失 }
  kpi 转化: conversion 流失 → 会员 ≥ 4% per month
}`);
        expect(codes(diagnostics)).toEqual([]);
        expect(community(model).tiers.map((t) => t.name)).toEqual(['流失', '会员']);
    });

    it('elsewhere a keyword used as a name gets a message naming the keyword and the ^ escape, which works', async () => {
        const plan = (ref: string) => `${HEADER}community C {
  tier 流失 { churn 10% per month }
  tier B { churn 5% per month }
  content X { kind educational  every day at 20:00  for B }
  kpi members in B >= 1  kpi ${ref}
}`;
        const { diagnostics } = await validate(plan('churn in 流失 >= 1% per month'), 'zh-CN');
        expect(codes(diagnostics)).toEqual([]);
        const bad = await validate(`${HEADER}community C { tier A { entry 流失  churn 1% per month } }`, 'zh-CN');
        const syntax = bad.diagnostics.find((d) => d.code === 'syntax-error');
        expect(syntax?.message).toContain('“流失”是关键字（churn），用作名称请写 ^流失');
        expect((syntax?.data as { suggestion?: string }).suggestion).toBe('^流失');
        const fixed = await validate(`${HEADER}community C { tier A { entry ^流失  churn 1% per month } }`);
        // Parsed as a name: only the entry-condition catalogue does not know the word.
        expect(codes(fixed.diagnostics)).toEqual(['unknown-kind']);
        expect(community(fixed.doc.parseResult.value as Model).tiers[0].entry?.condition).toBe('流失');
    });
});

/** Period words a lexer pass splits when no number precedes them: 每周 → every week. */
const PERIOD_SPLIT: Record<string, [string, string]> = {
    daily: ['every', 'day'],
    weekly: ['every', 'week'],
    monthly: ['every', 'month'],
    yearly: ['every', 'year'],
};

describe('what cannot be read is a coded diagnostic', () => {
    it.each([
        ['30万粉丝', '粉丝'],
        ['5 posts', 'posts'],
        ['12 peple', 'peple'],
    ])('a number followed by an unknown word (%s) is unknown-unit', async (written, unit) => {
        const { diagnostics } = await parse(`${HEADER}audience A { size ${written} }`);
        const d = diagnostics.find((x) => x.code === 'unknown-unit');
        expect(d?.message).toContain(`"${unit}"`);
        // A warning with a quick fix, so a plan that checked clean before (it read "5 posts" as a count) still checks.
        expect(d?.severity).toBe(2);
    });

    it('a likely misspelt unit carries a suggestion for the quick fix', async () => {
        const { diagnostics } = await parse(`${HEADER}audience A { size 12 peple }`);
        expect((diagnostics.find((x) => x.code === 'unknown-unit')?.data as { suggestion?: string }).suggestion).toBe('people');
    });

    it('a unit the property does not take is wrong-unit', async () => {
        const { diagnostics } = await parse(`${HEADER}community C { tier T { churn 30元 每月 } }`);
        expect(codes(diagnostics)).toContain('wrong-unit');
    });

    it('an unreadable full-width character is one full-width-char diagnostic naming it, in Chinese too', async () => {
        const text = `${HEADER}community C { tier T { churn 5% per month（估算） } }`;
        const { diagnostics } = await validate(text, 'zh-CN');
        expect(codes(diagnostics)).toEqual(['full-width-char', 'full-width-char']);
        expect(diagnostics[0].message).toBe('此处无法识别全角字符“（”，请改为半角“(”（快速修复可一次转换整个文件）。');
    });
});

describe('messages quote the keyword as written', () => {
    it('a Chinese keyword is quoted in Chinese, an English one in English', async () => {
        const zh = await validate(`${HEADER}community C { 层级 T { 流失 12 CNY 每月 } }`, 'zh-CN');
        expect(zh.diagnostics.find((d) => d.code === 'wrong-unit')?.message).toBe('流失应为每周期百分比（如 12% per month），实际为每月金额。');
        const en = await validate(`${HEADER}community C { tier T { churn 12 CNY per month } }`, 'zh-CN');
        expect(en.diagnostics.find((d) => d.code === 'wrong-unit')?.message).toMatch(/^churn应为/);
    });
});

describe('sensitive personal data written in Chinese', () => {
    const data = (field: string) => `${HEADER}community C { data { collects "${field}"  purpose "活动报名"  retention 30 天  consent } }`;

    it.each([
        '身份证号',
        '身份证',
        '家庭住址',
        '住址',
        '宝宝年龄',
        '孩子年龄',
        '位置',
        '实时定位',
        '银行卡号',
        '银行卡',
        '病史',
        '人脸照片',
        'child age',
        'home address',
    ])('%s is sensitive: it needs separate consent', async (field) => {
        const { diagnostics } = await validate(data(field), 'zh-CN');
        const d = diagnostics.find((x) => x.code === 'sensitive-data');
        expect(d?.message).toContain(field);
        expect(codes((await validate(data(field).replace('consent }', 'consent separate }'))).diagnostics)).not.toContain('sensitive-data');
    });

    it.each(['手机号', '昵称', '微信号', '城市', '邮箱地址', 'email address'])(
        '%s is personal data (consent, purpose, retention) but not sensitive',
        async (field) => {
            const { diagnostics } = await validate(data(field));
            expect(codes(diagnostics)).not.toContain('sensitive-data');
            const without = await validate(`${HEADER}community C { data { collects "${field}" } }`);
            expect(codes(without.diagnostics)).toContain('data-consent');
        },
    );
});

describe('number values', () => {
    it.each([
        ['1.1万', 11000],
        ['0.07亿', 7000000],
        ['1e3万', 1e7],
        ['３．５千', 3500],
        ['两', 2],
        ['12', 12],
    ])('%s is %d', async (text, value) => {
        const { numberValue } = await import('../../language/value-converter.js');
        expect(numberValue(text)).toBe(value);
    });
});

describe('keyword values written in Chinese reach the AST in English', () => {
    it('线上/线下, 提升 留存, 发送 以 群发/手动 and 每月 are online, retention, broadcast/manually and monthly', async () => {
        const { model, doc } = await parse(`${HEADER}community C {
  content A { kind educational  每天 20:00  发送 以 手动 }
  content B { kind educational  每天 20:00  发送 群发 }
  activity D { 线下 沙龙 在 "上海"  于 2027-02-01 14:00  提升 留存 2 个百分点 }
  tier T { churn 5% 每月 }
}`);
        expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
        const c = community(model);
        expect(c.contents.map((x) => (x as unknown as { delivery?: string }).delivery)).toEqual(['manually', 'broadcast']);
        expect([c.activities[0].mode, c.activities[0].lifts[0].metric]).toEqual(['offline', 'retention']);
        expect(c.tiers[0].churn?.pers[0].unit).toBe('monthly');
    });
});
