// Editor features of language/lsp/, each through langium/test helpers; every test fails without its feature.
import { GrammarAST, GrammarUtils, type LangiumDocument } from 'langium';
import {
    expectCompletion,
    expectFoldings,
    expectFormatting,
    expectGoToDefinition,
    expectHover,
    expectSymbols,
    highlightHelper,
    expectSemanticToken,
    parseHelper,
} from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SemanticTokenTypes, SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { KEYWORD_DOCS } from '../../language/lsp/keyword-docs.js';
import { FIT_PLAN, lspServices, plainServices } from './lsp-helpers.js';

const { Community } = lspServices();
const zh = lspServices('zh-CN').Community;
const PLAN = FIT_PLAN;

describe('completion', () => {
    const complete = expectCompletion(Community);
    it('offers the tiers of the community after "from"', async () => {
        const text = PLAN.replace('from Prospect 6% per month', 'from <|>P');
        await complete({ text, index: 0, assert: (list) => expect(list.items.map((i) => i.label)).toContain('Prospect') });
    });
    it('offers the forecast model v2 words: margin, baseline, participation, public content reach, model keys', async () => {
        const labels = (list: { items: { label: string }[] }) => list.items.map((i) => i.label);
        await complete({
            text: PLAN.replace('  kpi Growth', '  <|>\n  kpi Growth'),
            index: 0,
            assert: (list) => expect(labels(list)).toEqual(expect.arrayContaining(['margin', 'baseline'])),
        });
        await complete({
            text: PLAN.replace('  kpi Growth', '  kpi <|>\n  kpi Growth'),
            index: 0,
            assert: (list) => expect(labels(list)).toContain('participation'),
        });
        await complete({
            text: PLAN.replace('kind educational', 'kind educational  <|>'),
            index: 0,
            assert: (list) => expect(labels(list)).toEqual(expect.arrayContaining(['reach', 'conversion', 'sent'])),
        });
        await complete({
            text: PLAN.replace('  kpi Growth', '  activity A { online qa  lift <|> }\n  kpi Growth'),
            index: 0,
            assert: (list) => expect(labels(list)).toContain('buys'),
        });
    });
    it('offers platform kinds from the limits table', async () => {
        await complete({
            text: 'platform P { kind <|> }',
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['wechat-group', 'discord', 'wecom-group'])),
        });
    });
    it('offers content and activity kinds from the catalog', async () => {
        await complete({
            text: PLAN.replace('kind educational', 'kind <|>'),
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['educational', 'promotional', 'ugc'])),
        });
        await complete({
            text: PLAN.replace('  kpi Growth', '  activity A { online <|> }\n  kpi Growth'),
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['challenge', 'salon', 'lottery'])),
        });
    });
    it('offers units, periods and the plan currency after a number', async () => {
        await complete({
            text: PLAN.replace('cost 300 CNY per post', 'cost 300 <|>'),
            index: 0,
            assert: (list) => {
                const labels = list.items.map((i) => i.label);
                expect(labels).toEqual(expect.arrayContaining(['CNY', 'USD', '%', 'per']));
                expect(list.items.find((i) => i.label === 'CNY')?.detail).toBe('plan currency');
            },
        });
    });
    it('offers weekday names after "on"', async () => {
        await complete({
            text: PLAN.replace('every day at 20:00', 'every week on <|>'),
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['Monday', 'Friday', 'Sunday'])),
        });
    });
    it('offers assumption keys and limit keys', async () => {
        await complete({
            text: 'plan "x" { assume <|> }',
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toContain('promo-share-threshold'),
        });
        await complete({
            text: 'platform P { kind wechat-group  limit <|> }',
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).toEqual(expect.arrayContaining(['qr-join', 'group-capacity'])),
        });
    });
    it('documents keywords it offers', async () => {
        await complete({
            text: PLAN.replace('  kpi Growth', '  <|>\n  kpi Growth'),
            index: 0,
            assert: (list) => expect(list.items.find((i) => i.label === 'tier')?.detail).toMatch(/membership level/),
        });
    });
    it('the default provider offers no kinds (this feature is ours)', async () => {
        await expectCompletion(plainServices().Community as never)({
            text: 'platform P { kind <|> }',
            index: 0,
            assert: (list) => expect(list.items.map((i) => i.label)).not.toContain('wechat-group'),
        });
    });
});

describe('hover', () => {
    const hover = expectHover(Community);
    it('explains keywords with an example', async () => {
        await hover({
            text: PLAN.replace('churn 12%', '<|>churn 12%'),
            index: 0,
            hover: /Share of a tier's members leaving per period[\s\S]*Example[\s\S]*churn 12% per month/,
        });
    });
    it('follows settings.lang (zh-CN)', async () => {
        await expectHover(zh)({ text: PLAN.replace('churn 12%', '<|>churn 12%'), index: 0, hover: /流失率/ });
    });
    it('shows a tier definition with its churn and flows on a reference', async () => {
        await hover({
            text: PLAN.replace('from Prospect', 'from <|>Prospect'),
            index: 0,
            hover: /tier Prospect[\s\S]*churn: 12% per month ± 4%[\s\S]*out to Core 6% per month/,
        });
    });
    it('shows platform limits on a platform name and catalog text on a kind', async () => {
        await hover({ text: PLAN.replace('platform Groups\n', 'platform <|>Groups\n'), index: 0, hover: /qr-join: 200/ });
        await hover({ text: PLAN.replace('kind educational', 'kind <|>educational'), index: 0, hover: /Industry knowledge/ });
    });
    it('has an entry for every keyword of the grammar', () => {
        const words = new Set(
            [...GrammarUtils.getAllReachableRules(Community.Grammar, false)].flatMap((r) => [...streamKeywords(r)]).filter((k) => /^[A-Za-z]+$/.test(k)),
        );
        const missing = [...words].filter((w) => !(w in KEYWORD_DOCS));
        expect(missing).toEqual([]);
    });
});

function* streamKeywords(rule: GrammarAST.AbstractRule): Generator<string> {
    for (const node of (function* walk(n: unknown): Generator<unknown> {
        yield n;
        const o = n as Record<string, unknown>;
        for (const [k, v] of Object.entries(o)) {
            if (k.startsWith('$')) continue;
            if (Array.isArray(v))
                for (const x of v) {
                    if (x && typeof x === 'object' && '$type' in x) yield* walk(x);
                }
            else if (v && typeof v === 'object' && '$type' in (v as object)) yield* walk(v);
        }
    })(rule)) {
        if (GrammarAST.isKeyword(node)) yield node.value;
    }
}

describe('go to definition, references, rename', () => {
    it('jumps from a flow to its tier', async () => {
        const text = PLAN.replace('tier Prospect {', 'tier <|Prospect|> {').replace('from Prospect', 'from <|>Prospect');
        await expectGoToDefinition(Community)({ text, index: 0, rangeIndex: 0 });
    });
});

describe('document symbols', () => {
    it('nests communities under the plan and tiers, content and KPIs under communities', async () => {
        await expectSymbols(Community)({
            text: PLAN,
            assert: (symbols: DocumentSymbol[]) => {
                expect(symbols).toHaveLength(1);
                expect(symbols[0].name).toBe('Test');
                const fit = symbols[0].children!.find((s) => s.name === 'Fit')!;
                expect(fit.kind).toBe(SymbolKind.Namespace);
                expect(fit.children!.map((c) => c.name)).toEqual(['Prospect', 'Core', 'Tips', 'KPI Growth']);
            },
        });
    });
});

describe('folding', () => {
    it('folds blocks and runs of imports', async () => {
        const text = `import "a.community"\nimport "b.community"\n${PLAN}`;
        await expectFoldings(Community)({
            text,
            assert: (ranges) => {
                expect(ranges.some((r) => r.kind === 'imports' && r.startLine === 0 && r.endLine === 1)).toBe(true);
                const community = text.split('\n').findIndex((l) => l.startsWith('community'));
                expect(ranges.some((r) => r.startLine === community && r.endLine >= community + 6)).toBe(true);
            },
        });
    });
});

describe('semantic tokens', () => {
    it('marks tiers as classes at definitions and references, and units as types', async () => {
        const tokens = await highlightHelper(Community)(
            PLAN.replace('tier Core {', 'tier <|Core|> {').replace('from Prospect', 'from <|Prospect|>').replace('300 CNY per post', '300 <|CNY|> per post'),
        );
        expectSemanticToken(tokens, { rangeIndex: 0, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 1, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(tokens, { rangeIndex: 2, tokenType: SemanticTokenTypes.type });
    });
});

describe('formatter', () => {
    const format = expectFormatting(Community);
    const options = { tabSize: 2, insertSpaces: true };
    const messy = `// lead comment
plan "T" {   start 2027-01-04    horizon 8 weeks
currency CNY }
community C{platform G
tier A {churn 5% per month   // keep me
seed 10}
  kpi members>=100
}`;
    const pretty = `// lead comment
plan "T" {
  start 2027-01-04
  horizon 8 weeks
  currency CNY
}
community C {
  platform G
  tier A {
    churn 5% per month   // keep me
    seed 10
  }
  kpi members>=100
}`;
    // One property per line is what community.format.expandOneLineGroups asks for; by default the
    // author's same-line groups stay (test/language/formatter-groups.test.ts).
    it('puts one property per line, indents blocks and keeps comments', async () => {
        Community.community.Settings.expandOneLineGroups = true;
        try {
            await format({ before: messy, after: pretty, options });
        } finally {
            Community.community.Settings.expandOneLineGroups = false;
        }
    });
    it('is idempotent', async () => {
        await format({ before: pretty, after: pretty, options });
    });
    it('keeps properties the author wrote on one line together by default', async () => {
        await format({ before: messy, after: pretty.replace('  start 2027-01-04\n  horizon 8 weeks', '  start 2027-01-04  horizon 8 weeks'), options });
    });
});

export async function parse(text: string): Promise<LangiumDocument> {
    return parseHelper(Community)(text);
}
