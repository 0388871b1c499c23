// Readings are shared between quantities that read the same (language/quantity.ts `interned`): one
// object per distinct reading instead of four per quantity. What a reader sees must not change: the
// same fields as a fresh reading, distinct readings stay distinct, and a negative zero keeps its sign.
import { AstUtils } from 'langium';
import { describe, expect, it } from 'vitest';
import { isCommunity, isQuantity, type Quantity } from '../../language/generated/ast.js';
import { readQuantity } from '../../language/quantity.js';
import { PLAN_HEADER, validate } from '../helpers/language.js';

async function quantities(body: string): Promise<Quantity[]> {
    const { doc } = await validate(`${PLAN_HEADER}community C {\n${body}\n}\n`);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    // The community's own quantities (the plan header has some too).
    return AstUtils.streamAst(doc.parseResult.value.elements.find(isCommunity)!).filter(isQuantity).toArray();
}

describe('quantity readings', () => {
    it('are one object for quantities that read the same, and keep their fields', async () => {
        const qs = await quantities(`
  tier A { churn 12% per month ± 4%  active 25% weekly }
  tier B { churn 12% per month ± 4%  active 25% weekly }
  tier D { churn 12 % per month +- 4 %  active 30% weekly }`);
        // In tree order: A's churn and active, B's, D's.
        const [a, b, c, d, e, f] = qs.map(readQuantity);
        expect(c).toBe(a);
        expect(d).toBe(b);
        // Written differently, read the same: one reading too.
        expect(e).toBe(a);
        expect(f).not.toBe(b);
        expect(a).toEqual({
            dist: { kind: 'triangular', min: 0.08, mode: 0.12, max: 0.16 },
            center: 0.12,
            unitClass: 'percent',
            unit: '%',
            per: ['month'],
            period: 'month',
        });
        expect(f.center).toBeCloseTo(0.3);
        expect(Object.isFrozen(a) && Object.isFrozen(a.dist) && Object.isFrozen(a.per)).toBe(true);
    });

    it('stay apart when a unit, a period or a per word differs', async () => {
        const qs = await quantities(`
  tier A { entry fee 30 CNY per month  churn 3% per week }
  tier B { entry fee 30 USD per month  churn 3% per month }
  referral R { invites 0.8 per member per month  conversion 25%  cycle 7 days }
  referral S { invites 0.8 per month  conversion 25%  cycle 7 weeks }`);
        const readings = qs.map(readQuantity);
        const distinct = new Set(readings);
        // fee ×2, churn ×2, invites ×2, conversion ×1 (shared), cycle ×2.
        expect(distinct.size).toBe(readings.length - 1);
        expect(readings.map((m) => [m.unit, m.per.join(' ')])).toEqual([
            ['CNY', 'month'],
            ['%', 'week'],
            ['USD', 'month'],
            ['%', 'month'],
            [undefined, 'member month'],
            ['%', ''],
            ['days', ''],
            [undefined, 'month'],
            ['%', ''],
            ['weeks', ''],
        ]);
    });

    it('keep the sign of a negative zero', async () => {
        const [zero, negativeZero] = (
            await quantities(`
  tier A { seed 0 members }
  tier B { seed -0 members }`)
        ).map(readQuantity);
        expect(negativeZero).not.toBe(zero);
        expect(Object.is(zero.center, 0)).toBe(true);
        expect(Object.is(negativeZero.center, -0)).toBe(true);
    });
});
