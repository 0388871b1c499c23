// `scenario X "…" solved for Growth, Paying at 80% { … }`: what `community solve --write` found a
// scenario for, in English and Chinese keywords, checked (known KPIs, a probability), lowered into
// the plan model and kept by the formatter; plans without it are unchanged.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { planFromText } from '../compile/helpers.js';
import { at, codes, PLAN_HEADER, validate } from '../helpers/language.js';
import { lspServices } from './lsp-helpers.js';

const BODY = `community C {
  tier A { seed 100 members  churn 5% per month }
  channel Ads { paid 1000 CNY per week  cost per join 20 CNY  into A }
  kpi Growth: members >= 500 by week 8
  kpi Paying: members in A >= 300
}
`;

describe('solved for', () => {
    it('lowers the KPIs and the probability a scenario was solved for; other scenarios have none', async () => {
        const plan = await planFromText(
            `${PLAN_HEADER}${BODY}scenario Spend "Spend for 500" solved for Growth, Paying at 80% {\n  Ads.paid = 3000 CNY per week\n}\nscenario Plain { Ads.paid = 2000 CNY per week }\n`,
        );
        const [spend, plain] = plan.scenarios;
        expect(spend).toMatchObject({ name: 'Spend', title: 'Spend for 500', solved: { kpis: ['Growth', 'Paying'], probability: 0.8 } });
        expect(spend.overrides).toHaveLength(1);
        expect(plain.solved).toBeUndefined();
    });

    it('reads the Chinese keywords (场景 … 求解 面向 … 在 90%)', async () => {
        const plan = await planFromText(`${PLAN_HEADER}${BODY}场景 加投 "加大投放" 求解 面向 Growth 在 90% { Ads.paid = 3000 CNY per week }\n`);
        expect(plan.scenarios[0]).toMatchObject({ name: '加投', solved: { kpis: ['Growth'], probability: 0.9 } });
    });

    it('checks clean, and says what is wrong with an unknown KPI or a probability that is not one', async () => {
        expect(codes((await validate(`${PLAN_HEADER}${BODY}scenario S solved for Growth at 80% { Ads.paid = 3000 CNY per week }\n`)).diagnostics)).toEqual([]);
        const bad = await validate(
            `${PLAN_HEADER}${BODY}scenario S solved for Nope at 150% { Ads.paid = 3000 CNY per week }\nscenario T solved for Growth at 0% { }\nscenario U solved for Growth at 3 CNY { }\n`,
        );
        expect(at(bad.diagnostics, 'unresolved-reference')).toEqual(['13:23']);
        expect(bad.diagnostics.find((d) => d.code === 'out-of-range' && d.range.start.line === 12)?.message).toBe(
            'probability must be above 0% and at most 100%, but is 150%.',
        );
        expect(at(bad.diagnostics, 'out-of-range')).toEqual(['13:31', '14:33']);
        expect(at(bad.diagnostics, 'wrong-unit')).toEqual(['15:33']);
        const zh = await validate(`${PLAN_HEADER}${BODY}scenario S solved for Growth at 150% { }\n`, 'zh-CN');
        expect(zh.diagnostics.find((d) => d.code === 'out-of-range')?.message).toMatch(/大于 0% 且不超过 100%/);
    });

    it('the formatter collapses spaces in the header and keeps the block as written', async () => {
        const { Community } = lspServices();
        const parse = parseHelper(Community);
        const text = `${PLAN_HEADER}${BODY}scenario   S   "Spend"   solved   for   Growth ,Paying    at   80%   {\n  Ads.paid = 3000 CNY per week\n}\n`;
        const doc = await parse(text);
        expect(doc.parseResult.parserErrors).toEqual([]);
        const format = async (t: string) => {
            const d = await parse(t);
            return TextDocument.applyEdits(
                d.textDocument as TextDocument,
                await Community.lsp.Formatter!.formatDocument(d, { textDocument: { uri: d.uri.toString() }, options: { tabSize: 2, insertSpaces: true } }),
            );
        };
        const once = await format(text);
        expect(once.endsWith(`scenario S "Spend" solved for Growth, Paying at 80% {\n  Ads.paid = 3000 CNY per week\n}\n`)).toBe(true);
        expect(await format(once)).toBe(once);
    });
});
