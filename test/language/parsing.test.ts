import { describe, expect, it } from 'vitest';
import { isCommunity, isOneOff, isRecurrence, type Community } from '../../language/generated/ast.js';
import { readQuantity } from '../../language/quantity.js';
import { codes, PLAN_HEADER, validate } from '../helpers/language.js';

async function community(body: string): Promise<Community> {
    const { doc, diagnostics } = await validate(`${PLAN_HEADER}community C {\n${body}\n}\n`);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    expect(doc.parseResult.lexerErrors).toEqual([]);
    expect(codes(diagnostics).filter((c) => c !== 'unknown-kind')).toEqual([]);
    return doc.parseResult.value.elements.find(isCommunity)!;
}

describe('plan language parsing', () => {
    it('reads uncertainty in every written form', async () => {
        const c = await community(`
  tier A { churn 12% per month ± 4% }
  tier B { from A 6% +- 2% per month  churn 8%..16% per month }
  tier D { from B 1%..3% likely 2% per month  churn 1% per month }`);
        expect(readQuantity(c.tiers[0].churn!).dist).toEqual({ kind: 'triangular', min: 0.08, mode: 0.12, max: 0.16 });
        expect(readQuantity(c.tiers[1].flows[0].rate).dist).toEqual({ kind: 'triangular', min: 0.04, mode: 0.06, max: 0.08 });
        expect(readQuantity(c.tiers[1].churn!).dist).toEqual({ kind: 'uniform', min: 0.08, max: 0.16 });
        const tri = readQuantity(c.tiers[2].flows[0].rate);
        expect(tri.dist.kind).toBe('triangular');
        expect(tri.center).toBeCloseTo(0.02);
        expect(tri.period).toBe('month');
    });

    it('reads rates with one or two "per" words and adverbs', async () => {
        const c = await community(`
  tier A { active 25% weekly  churn 3% per week }
  referral R { invites 0.8 per member per month  conversion 25%  cycle 7 days }`);
        expect(readQuantity(c.tiers[0].active!).period).toBe('week');
        const invites = readQuantity(c.referrals[0].invites!);
        expect(invites.per).toEqual(['member', 'month']);
        expect(invites.period).toBe('month');
    });

    it('parses every recurrence form', async () => {
        const c = await community(`
  content A { kind educational  every day at 20:00 }
  content B { kind educational  every 2 weeks on Monday, Thursday at 19:30 from 2027-01-11 until 2027-02-22 }
  content D { kind educational  every month on day 1, 15 at 9:00 }
  content E { kind educational  every Friday at 12:00 }
  content F { kind educational  every weekday at 08:00 6 times  lasts 30 minutes }
  activity G { online qa  on 2027-01-20 at 14:00  lasts 2 hours }
  activity H { offline salon at "上海" on 2027-02-01 14:00 lasts 3 hours }`);
        const [a, b, d, e, f] = c.contents.map((x) => x.schedules[0]);
        expect(isRecurrence(a) && a.frequency).toBe('day');
        expect(isRecurrence(b) && [b.interval, b.weekdays, b.times, b.from, b.until]).toEqual([
            2,
            ['Monday', 'Thursday'],
            ['19:30'],
            '2027-01-11',
            '2027-02-22',
        ]);
        expect(isRecurrence(d) && d.monthDays).toEqual([1, 15]);
        expect(isRecurrence(e) && e.frequency).toBe('Friday');
        expect(isRecurrence(f) && [f.frequency, f.count]).toEqual(['weekday', 6]);
        const g = c.activities[0].schedules[0];
        expect(isOneOff(g) && [g.date, g.time]).toEqual(['2027-01-20', '14:00']);
        expect(c.activities[1].location).toBe('上海');
    });

    it('accepts Chinese names everywhere and both arrow and ≥ forms in KPIs', async () => {
        const c = await community(`
  tier 意向粉丝 { churn 10% per month }
  tier 真爱粉丝 { from 意向粉丝 5% per month  churn 3% per month }
  kpi 转化: conversion 意向粉丝 → 真爱粉丝 ≥ 4% per month
  kpi members in 真爱粉丝 >= 100 by week 8
  kpi retention 30 days >= 40% by 2027-02-20`);
        expect(c.tiers.map((t) => t.name)).toEqual(['意向粉丝', '真爱粉丝']);
        expect(c.kpis[0].name).toBe('转化');
        expect(c.kpis[0].op).toBe('≥');
        expect(c.kpis[1].deadlineWeek).toBe(8);
        expect(c.kpis[2].deadlineDate).toBe('2027-02-20');
    });

    it('parses scenarios with overrides and drops, comments of both kinds', async () => {
        const { doc, diagnostics } = await validate(`${PLAN_HEADER}
/* block comment */
community C {
  tier A { churn 5% per month }   // trailing comment
  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }
}
scenario More "加投" { Ads.paid = 2000 CNY per week  plan.budget = 9000 CNY }
scenario Less { drop Ads }
`);
        expect(codes(diagnostics)).toEqual([]);
        const scenarios = doc.parseResult.value.elements.filter((e) => e.$type === 'Scenario');
        expect(scenarios).toHaveLength(2);
    });

    it('recovers after a bad line and keeps reporting later problems', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}community C {
  tier A { churn 5% per month }
  tier B {{ churn 2% per month }
  tier D { from Nowhere 5% per month }
}`);
        expect(codes(diagnostics)).toContain('syntax-error');
        expect(codes(diagnostics)).toContain('unresolved-reference');
    });
});
