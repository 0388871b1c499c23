// Words that became keywords after plans used them as names stay names where a name is expected:
// a plan written before `margin`, `repurchase`, `solved`… were keywords must keep checking, and its
// forecast must not change when its keywords are converted to Chinese and back.
import { describe, expect, it } from 'vitest';
import { convertKeywords } from '../../language/keyword-style.js';
import { lowerPlan } from '../../language/lower.js';
import { makeServices, PLAN_HEADER, validate } from '../helpers/language.js';

const NAMES = ['above', 'actuals', 'as', 'baseline', 'broadcast', 'manually', 'margin', 'participation', 'repurchase', 'sent', 'solved'];

function planNaming(word: string): string {
    return `${PLAN_HEADER}community C {
  order value 100 CNY
  margin 40%
  tier ${word} {
    seed 10 members
    buys 1% per month
  }
  tier Core {
    from ${word} 5% per month
    repurchase 10% per month
  }
  content ${word}Tips { kind tips every week for ${word}, Core }
  kpi ${word}Goal: members in ${word} >= 1
}
scenario S { C.margin = 30% }
`;
}

describe('keywords added after the first release stay usable as names', () => {
    it.each(NAMES)('a tier named "%s" check clean and every reference resolves', async (word) => {
        const { doc, diagnostics } = await validate(planNaming(word));
        expect(diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
        const plan = lowerPlan(makeServices().Community, doc);
        const community = plan.communities[0];
        expect(community.tiers.map((t) => t.name)).toEqual([word, 'Core']);
        expect(community.tiers[1].flowsFrom).toEqual([expect.objectContaining({ tier: word })]);
        expect(community.kpis[0].name).toBe(`${word}Goal`);
    });

    it('a keyword as a name survives conversion to Chinese keywords and back, unchanged', async () => {
        const text = planNaming('margin');
        const services = makeServices().Community;
        const zh = convertKeywords(text, 'zh', services);
        expect(zh.errors).toEqual([]);
        expect(zh.text).toContain('层级 margin');
        expect(zh.text).toContain('毛利率 40%');
        const back = await validate(zh.text);
        expect(back.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        expect(convertKeywords(zh.text, 'en', services).text).toBe(text);
    });

    it('the caret still escapes any other keyword, and is not part of the name', async () => {
        const { doc, diagnostics } = await validate(
            `${PLAN_HEADER}community C {\n  tier ^tier { seed 5 members }\n  tier Core { from ^tier 2% per month }\n}\n`,
        );
        expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
        expect(lowerPlan(makeServices().Community, doc).communities[0].tiers.map((t) => t.name)).toEqual(['tier', 'Core']);
    });
});
