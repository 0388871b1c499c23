// Editor features for plans written in Chinese: completion offers keywords in the file's language
// (English still finds them), hover shows both forms, quick fixes for the Chinese-input diagnostics.
import { describe, expect, it } from 'vitest';
import { expectCompletion, expectHover, expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { SemanticTokenTypes } from 'vscode-languageserver';
import type { Model } from '../../language/generated/ast.js';
import { lspServices } from './lsp-helpers.js';

const HEADER = `计划 "测试" {
  开始 2027-01-04
  规划期 8 周
  时区 "Asia/Shanghai"
  币种 CNY
}
`;
const EN_HEADER = `plan "T" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
`;

describe('completion in Chinese', () => {
    const { Community } = lspServices('en');
    const complete = expectCompletion(Community);

    it('offers Chinese keywords in a file written in Chinese, with the English word for filtering', async () => {
        await complete({
            text: `${HEADER}社群 C {\n  <|>\n}`,
            index: 0,
            assert: (list) => {
                const tier = list.items.find((i) => i.label === '层级');
                expect(tier).toBeDefined();
                expect(tier?.filterText).toBe('层级 tier');
                expect(tier?.detail).toMatch(/^tier · /);
                expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['内容', '活动', '裂变', '渠道', '指标']));
                expect(list.items.map((i) => i.label)).not.toContain('tier');
            },
        });
    });

    it('offers English keywords in a file written in English, even with Chinese messages', async () => {
        const zh = lspServices('zh-CN');
        await expectCompletion(zh.Community)({
            text: `${EN_HEADER}community C {\n  <|>\n}`,
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['tier', 'content'])),
        });
    });

    it('offers Chinese keywords in a new file when messages are Chinese', async () => {
        const zh = lspServices('zh-CN');
        await expectCompletion(zh.Community)({
            text: '<|>',
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['计划', '社群', '平台'])),
        });
    });
});

describe('hover in Chinese', () => {
    const { Community } = lspServices('zh-CN');
    it('shows the keyword with both forms on a Chinese keyword', async () => {
        await expectHover(Community)({ text: `${HEADER}社群 C { 层级 T { <|>流失 5% 每月 } }`, index: 0, hover: /\*\*churn\*\* · 流失 — / });
    });
    it('and on an English one', async () => {
        await expectHover(lspServices('en').Community)({
            text: `${EN_HEADER}community C { <|>tier T { churn 5% per month } }`,
            index: 0,
            hover: /\*\*tier\*\* · 层级 \/ 分层 — /,
        });
    });
});

describe('quick fixes', () => {
    const { Community } = lspServices('zh-CN');
    const parse = parseHelper<Model>(Community);

    async function actions(text: string) {
        const doc = await parse(text, { validation: true });
        const diagnostics = doc.diagnostics ?? [];
        const provider = Community.lsp.CodeActionProvider!;
        const result = await provider.getCodeActions(doc, {
            textDocument: { uri: doc.textDocument.uri },
            range: diagnostics[0].range,
            context: { diagnostics },
        });
        return { doc, diagnostics, actions: (result ?? []) as Array<{ title: string; edit?: { changes?: Record<string, Array<{ newText: string }>> } }> };
    }

    it('full-width-char converts the whole file to half-width, leaving quoted text and comments', async () => {
        const text = `${HEADER}社群 C { 层级 T { 流失 5% 每月（估算） } }  // 注释（保留）\n受众 A { 规模 ３０００  地区 "华东（上海）" }\n`;
        const { actions: list, diagnostics } = await actions(text);
        expect(diagnostics.map((d) => d.code)).toContain('full-width-char');
        const fix = list.find((a) => a.title === '将本文件中的全角字符转换为半角');
        const newText = Object.values(fix!.edit!.changes!)[0][0].newText;
        expect(newText).toContain('流失 5% 每月(估算)');
        expect(newText).toContain('// 注释（保留）');
        expect(newText).toContain('规模 3000');
        expect(newText).toContain('"华东（上海）"');
    });

    it('unknown-unit offers counting people or removing the word', async () => {
        const { actions: list } = await actions(`${HEADER}受众 A { 规模 30万粉丝 }\n`);
        expect(list.map((a) => a.title)).toEqual(expect.arrayContaining(['按人数计（“人”）', '删除该词']));
    });

    it('a keyword used as a name is fixed with the ^ escape', async () => {
        const { actions: list } = await actions(`${HEADER}社群 C { 层级 A { 准入 流失  流失 1% 每月 } }\n`);
        expect(list.map((a) => a.title)).toContain('改为“^流失”');
    });
});

describe('semantic tokens in Chinese', () => {
    it('marks Chinese keyword forms as keywords (the TextMate grammar only knows the English ones)', async () => {
        const { Community } = lspServices('en');
        const tokens = await highlightHelper(Community)(`${HEADER}<|社群|> C { <|层级|> T { <|流失|> 5% 每月 } }`);
        for (const rangeIndex of [0, 1, 2]) expectSemanticToken(tokens, { rangeIndex, tokenType: SemanticTokenTypes.keyword });
    });
});
