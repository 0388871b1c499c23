// The goal-seek CodeLens on KPIs: "Find the spend that reaches this at 80 %" on each KPI of a
// community with paid channels, running the extension's community.solveKpi with the plan and the
// KPI's model name; none where there is no spend to vary. Chinese title under zh-CN.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SOLVE_KPI_COMMAND } from '../../protocol/solve.js';
import { HEADER, lspServices } from './lsp-helpers.js';

const community = (body: string) => `${HEADER}\ncommunity Fit {\n  platform Groups\n  audience Workers\n${body}\n}\n`;

async function lenses(text: string, lang: 'en' | 'zh-CN' = 'en') {
    const { Community } = lspServices(lang);
    const doc = await parseHelper(Community)(text, { validation: true });
    await new Promise((r) => setTimeout(r, 50));
    await Community.communityLsp.Forecasts.whenSettled(doc.uri.toString());
    const list = (await Community.lsp.CodeLensProvider!.provideCodeLens(doc, { textDocument: { uri: doc.uri.toString() } })) ?? [];
    return { doc, list };
}

describe('solve CodeLens', () => {
    const paid = community(
        '  tier A { seed 300 members  churn 5% per month }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }\n  kpi Growth: members >= 5000\n  kpi active rate >= 20%',
    );

    it('offers the goal seek on each KPI of a community with paid channels', async () => {
        const { doc, list } = await lenses(paid);
        const solve = list.filter((l) => l.command?.command === SOLVE_KPI_COMMAND);
        expect(solve.map((l) => l.command?.title)).toEqual(['Find the spend that reaches this at 80 %', 'Find the spend that reaches this at 80 %']);
        expect(solve.map((l) => l.command?.arguments)).toEqual([
            [doc.uri.toString(), 'Growth'],
            [doc.uri.toString(), 'active-rate'],
        ]);
        const lines = paid.split('\n');
        expect(solve.map((l) => l.range.start.line)).toEqual([
            lines.findIndex((l) => l.includes('kpi Growth')),
            lines.findIndex((l) => l.includes('kpi active rate')),
        ]);
        const contributed = (
            JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } }
        ).contributes.commands.map((c) => c.command);
        expect(contributed).toContain(SOLVE_KPI_COMMAND);
    });

    it('says it in Chinese under zh-CN', async () => {
        const { list } = await lenses(paid, 'zh-CN');
        expect(list.filter((l) => l.command?.command === SOLVE_KPI_COMMAND).map((l) => l.command?.title)[0]).toBe('求以 80 % 概率达成此目标所需的投放');
        // The forecast lenses read as Chinese too: a full-width colon, the chance after its word.
        const titles = list.map((l) => l.command?.title ?? '');
        expect(titles[0]).toMatch(/^预测：P50 [\d,]+ 人 · P10–P90 [\d,]+–[\d,]+ · KPI 平均达成概率 \d+ %$/);
        expect(titles[1]).toMatch(/^预测：P50 [\d,]+ · 达成概率 \d+ %$/);
    });

    it('is not offered where the community has no paid channel', async () => {
        const { list } = await lenses(community('  tier A { seed 300 members  churn 5% per month }\n  kpi Growth: members >= 500'));
        expect(list.length).toBeGreaterThan(0);
        expect(list.filter((l) => l.command?.command === SOLVE_KPI_COMMAND)).toEqual([]);
    });
});
