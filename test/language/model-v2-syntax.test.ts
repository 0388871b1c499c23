// The syntax of forecast model v2 and its coded diagnostics for bad input.
import { describe, expect, it } from 'vitest';
import { codes, PLAN_HEADER, validate } from '../helpers/language.js';

const wrap = (body: string) =>
    `${PLAN_HEADER}platform Red { kind xiaohongshu }\ncommunity C {\n  platform Red\n  tier A { seed 100  churn 5% per month }\n${body}\n}\n`;

describe('model v2 syntax', () => {
    it('margin, baseline buys, public content reach/conversion/into, participation KPI, buys lift and `shares to group` check clean', async () => {
        const { diagnostics } = await validate(
            wrap(`  order value 100 CNY
  margin 40%
  baseline buys 2% per month
  content Notes { kind educational  every week on Monday at 20:00  via Red  reach 3000 ± 1000  conversion 0.5%  into A }
  activity Sale { online flash-sale  every week on Friday at 20:00  lift buys 3 points }
  referral Poster { mechanic invite-code  invites 1 per member per month  conversion 10%  shares to group }
  organic { innovation 0.01 per month  imitation 4.8 per year }
  channel Ads { paid 50000 CNY  cost per join 20 CNY }
  kpi participation >= 15%`),
        );
        expect(codes(diagnostics)).toEqual([]);
    });

    it('repurchase (复购) on a tier and the repurchase-rate KPI check clean, in English and in Chinese', async () => {
        const en = await validate(
            wrap(`  order value 100 CNY
  tier B { from A 5% per month  buys 3% per month  repurchase 20% per month }
  kpi Loyal: repurchase rate >= 25%`),
        );
        expect(codes(en.diagnostics)).toEqual([]);
        const zh = await validate(
            wrap(`  order value 100 CNY
  tier B { from A 5% per month  购买 3% 每月  复购 20% 每月 }
  kpi Loyal: 复购率 >= 25%`),
        );
        expect(codes(zh.diagnostics)).toEqual([]);
    });

    it('rewards that are not cash: coupon, points, gift, resource pack, badge (and 资料包 in a Chinese plan)', async () => {
        const { diagnostics } = await validate(
            wrap(`  referral Coupon { mechanic invite-code  reward coupon 20 CNY each side  invites 1 per member per month  conversion 10% }
  referral Points { mechanic invite-code  reward points 500  invites 1 per member per month  conversion 10% }
  referral Pack { mechanic invite-code  reward pack  invites 1 per member per month  conversion 10% }
  referral Gift { mechanic invite-code  奖励 gift 35 CNY  invites 1 per member per month  conversion 10% }
  activity Camp { online challenge  every week on Monday at 20:00  incentive coupon 30 CNY  incentive badge }`),
        );
        expect(codes(diagnostics)).toEqual([]);
    });

    it('a KPI relative to another scenario checks clean; an unknown scenario does not', async () => {
        const scen = (body: string, name: string) => `${wrap(body)}scenario ${name} { drop Ads }\n`;
        const ok = await validate(scen(`  channel Ads { paid 50000 CNY  cost per join 20 CNY }\n  kpi Uplift: members >= 20% above scenario NoAds`, 'NoAds'));
        expect(codes(ok.diagnostics)).toEqual([]);
        const zh = await validate(scen(`  channel Ads { paid 50000 CNY  cost per join 20 CNY }\n  kpi Uplift: 成员 >= 20% above 场景 NoAds`, 'NoAds'));
        expect(codes(zh.diagnostics)).toEqual([]);
        const missing = await validate(
            scen(`  channel Ads { paid 50000 CNY  cost per join 20 CNY }\n  kpi Uplift: members >= 20% above scenario Nope`, 'NoAds'),
        );
        expect(codes(missing.diagnostics).length).toBeGreaterThan(0);
        const unit = await validate(scen(`  channel Ads { paid 50000 CNY  cost per join 20 CNY }\n  kpi Uplift: members >= 20 above scenario NoAds`, 'NoAds'));
        expect(codes(unit.diagnostics)).toContain('wrong-unit');
    });

    it('a relative KPI target against a baseline number: 40% above 3000 is 4,200', async () => {
        const { doc, diagnostics } = await validate(wrap('  kpi Signups: members >= 40% above 50 by week 8'));
        expect(codes(diagnostics)).toEqual([]);
        const kpi = (doc.parseResult.value.elements.find((e) => e.$type === 'Community') as unknown as { kpis: { base?: unknown }[] }).kpis[0];
        expect(kpi.base).toBeDefined();
    });

    it.each([
        ['a relative target that is not a percentage', '  kpi new members >= 40 above 3000', 'wrong-unit'],
        ['a margin above 100 %', '  margin 140%', 'out-of-range'],
        ['a baseline without a period', '  baseline buys 2%', 'missing-period'],
        ['a reach in money', '  content N { kind tips  every week on Monday at 20:00  reach 3000 CNY }', 'wrong-unit'],
        ['a negative join rate', '  content N { kind tips  every week on Monday at 20:00  conversion -1% }', 'out-of-range'],
        ['imitation above 1 per month in a yearly rate', '  organic { innovation 0.01 per month  imitation 13 per year }', 'out-of-range'],
        ['a participation target above 100 %', '  kpi participation >= 120%', 'out-of-range'],
        ['a repurchase rate without a period', '  tier B { repurchase 20% }', 'missing-period'],
        ['a repurchase rate above 100 %', '  tier B { repurchase 140% per month }', 'out-of-range'],
        ['a repurchase rate in money', '  tier B { repurchase 20 CNY per month }', 'wrong-unit'],
        ['a coupon reward without an amount', '  referral R { mechanic invite-code  reward coupon  invites 1 per member per month }', 'reward-needs-amount'],
        ['a bare reward', '  referral R { mechanic invite-code  reward  invites 1 per member per month }', 'reward-needs-amount'],
        ['an unknown reward kind', '  referral R { mechanic invite-code  reward voucher 10 CNY  invites 1 per member per month }', 'unknown-kind'],
        ['negative points', '  referral R { mechanic invite-code  reward points -5  invites 1 per member per month }', 'out-of-range'],
        ['a repurchase KPI with nothing to buy', '  kpi repurchase rate >= 25%', 'kpi-unmodelled'],
    ])('%s', async (_what, body, code) => {
        const { diagnostics } = await validate(wrap(body));
        expect(codes(diagnostics)).toContain(code);
    });
});

describe('relative KPI targets in the plan model', () => {
    it('lowers 40% above 50 to a target of 70', async () => {
        const { mkdtempSync, writeFileSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const { loadPlans } = await import('../../cli/workspace.js');
        const { lowerPlan } = await import('../../language/lower.js');
        const dir = mkdtempSync(join(tmpdir(), 'rel-'));
        writeFileSync(join(dir, 'p.community'), wrap('  kpi Signups: members >= 40% above 50 by week 8'));
        const ws = await loadPlans([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir });
        const plan = lowerPlan(ws.services, ws.requested[0].document);
        expect(plan.communities[0].kpis[0]).toMatchObject({ name: 'Signups', metric: 'members', op: '>=', deadlineWeek: 8 });
        expect(plan.communities[0].kpis[0].target).toBeCloseTo(70, 9);
    });
});
