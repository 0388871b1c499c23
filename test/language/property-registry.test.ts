// The property registry (engine/properties/registry.ts) against the grammar and the tables keyed by
// its keywords: a property the grammar has and the registry forgets, a stale entry, a keyword without
// its Chinese form or hover text, an override without a value spec or a tuned property without a way
// to scale it fails here instead of silently dropping out of the formatter, the checks, scenarios,
// solve, the sensitivity analysis or `community diff`.
import { GrammarAST, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import { PROPERTIES, type ItemKind, type PropertyDef } from '../../engine/properties/registry.js';
import * as M from '../../engine/model.js';
import { CommunityPlansGrammar } from '../../language/generated/grammar.js';
import { KEYWORD_FORMS } from '../../language/keywords-zh.js';
import { KEYWORD_DOCS } from '../../language/lsp/keyword-docs.js';
import { diffPlans } from '../../cli/plan-diff.js';
import { community, fixed, plan, tier } from '../engine/helpers.js';
import { parseHelper } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lspServices } from './lsp-helpers.js';

const { Community: lsp } = lspServices();

async function format(text: string): Promise<string> {
    const doc = await parseHelper(lsp)(text);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    const edits = await lsp.lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options: { tabSize: 2, insertSpaces: true } });
    return TextDocument.applyEdits(doc.textDocument as TextDocument, edits);
}

/** One line of a block: the assignments it makes and the keyword it starts with, when it starts with one. */
interface GrammarLine {
    features: string[];
    keyword?: string;
}

function assignments(node: AstNode): GrammarAST.Assignment[] {
    const out: GrammarAST.Assignment[] = [];
    const walk = (n: AstNode) => {
        if (GrammarAST.isAssignment(n)) out.push(n);
        for (const key of Object.keys(n)) {
            if (key.startsWith('$')) continue;
            const v = (n as unknown as Record<string, unknown>)[key];
            for (const child of Array.isArray(v) ? v : [v]) if (child && typeof child === 'object' && '$type' in child) walk(child as AstNode);
        }
    };
    walk(node);
    return out;
}

/** The lines of a block rule: one per alternative of its `( … )*` group of properties. */
function grammarLines(rule: GrammarAST.ParserRule): GrammarLine[] {
    const body = rule.definition;
    if (!GrammarAST.isGroup(body)) throw new Error(`${rule.name} is no block`);
    const group = body.elements.find((e) => GrammarAST.isAlternatives(e) && e.cardinality === '*') as GrammarAST.Alternatives | undefined;
    if (!group) throw new Error(`${rule.name} has no ( … )* of properties`);
    return group.elements.map((alt) => {
        const first = GrammarAST.isGroup(alt) ? alt.elements[0] : alt;
        const keyword = GrammarAST.isKeyword(first)
            ? first.value
            : GrammarAST.isAssignment(first) && GrammarAST.isKeyword(first.terminal)
              ? first.terminal.value
              : undefined;
        return { features: [...new Set(assignments(alt).map((a) => a.feature))], keyword };
    });
}

const grammar = CommunityPlansGrammar();
const rules = new Map(grammar.rules.filter(GrammarAST.isParserRule).map((r) => [r.name, r]));
const kinds = Object.keys(PROPERTIES) as ItemKind[];
const defs = (kind: ItemKind) => PROPERTIES[kind] as readonly PropertyDef<unknown>[];

describe('property registry', () => {
    it.each(kinds)('has an entry for every property the grammar gives a %s, with the keyword its line starts with', (kind) => {
        const rule = rules.get(kind);
        expect(rule, `grammar rule ${kind}`).toBeDefined();
        for (const line of grammarLines(rule!)) {
            const entries = line.features.map((f) => {
                const def = defs(kind).find((d) => d.ast === f);
                expect(def, `${kind}.${f} has no entry in engine/properties/registry.ts`).toBeDefined();
                return def!;
            });
            // One property owns the line; the others are written on it (`reward points 500 each side`).
            const own = entries.filter((d) => d.with === undefined);
            expect(
                own.map((d) => d.ast),
                `${kind}: one property owns the line of ${line.features.join(', ')}`,
            ).toHaveLength(1);
            for (const d of entries) if (d.with !== undefined) expect(d.with, `${kind}.${d.ast} is written on the line of`).toBe(own[0].ast);
            if (line.keyword) expect(own[0].keyword, `${kind}.${own[0].ast} starts with "${line.keyword}"`).toBe(line.keyword);
            else expect(own[0].node, `${kind}.${own[0].ast} starts a line without a keyword`).toBe(true);
        }
    });

    it.each(kinds)('has no %s entry the grammar does not have', (kind) => {
        const features = new Set(grammarLines(rules.get(kind)!).flatMap((l) => l.features));
        for (const d of defs(kind)) if (d.ast !== undefined) expect(features.has(d.ast), `${kind}.${d.ast} is not in the grammar`).toBe(true);
    });

    it('gives every property keyword a Chinese form and hover text', () => {
        for (const kind of kinds) {
            for (const d of defs(kind)) {
                if (!d.keyword) continue;
                expect(KEYWORD_FORMS.get(d.keyword)?.zh.length, `Chinese form of "${d.keyword}" (language/keywords-zh.ts)`).toBeGreaterThan(0);
                expect(KEYWORD_DOCS[d.keyword], `hover text of "${d.keyword}" (language/lsp/keyword-docs.ts)`).toBeDefined();
            }
        }
    });

    it('gives every override a value spec to check it by, every tuned property a way to scale it, and unique names', () => {
        for (const kind of kinds) {
            const names = new Set<string>();
            for (const d of defs(kind)) {
                for (const n of [d.name, ...(d.override?.aliases ?? [])]) {
                    expect(names.has(n), `${kind}.${n} named twice`).toBe(false);
                    names.add(n);
                }
                if (d.override) expect(d.value, `${kind}.${d.name} is overridable: the checker needs its value spec`).toBeDefined();
                if (d.tune) expect(d.override?.access.scale, `${kind}.${d.name} is tuned: the sensitivity analysis needs its scale`).toBeDefined();
            }
        }
    });

    it('names model fields the plan model has', () => {
        const shapes: Partial<Record<ItemKind, Record<string, unknown>>> = {
            Plan: M.Plan.shape,
            Platform: M.Platform.shape,
            Audience: M.Audience.shape,
            Community: M.Community.shape,
            Tier: { ...M.Tier.shape, fee: true },
            Content: M.Content.shape,
            Activity: { ...M.Activity.shape, ...M.Activity.shape.lifts.shape },
            Lottery: M.Lottery.shape,
            Referral: M.Referral.shape,
            Channel: M.Channel.shape,
            Organic: M.Organic.shape,
        };
        for (const kind of kinds)
            for (const d of defs(kind)) if (d.model) expect(shapes[kind]?.[d.model], `${kind}.${d.name} lowers to "${d.model}"`).toBeDefined();
    });

    it('is what `community diff` shows values by: a channel capacity as people, a content conversion and a margin as percents', () => {
        const ads = (capacityPerWeek: number) => ({ name: 'Ads', costPerJoin: fixed(10), capacityPerWeek });
        const before = plan([community({ tiers: [tier('M')], margin: fixed(0.3), channels: [ads(200)] })]);
        const after = plan([community({ tiers: [tier('M')], margin: fixed(0.35), channels: [ads(300)] })]);
        const changes = diffPlans(before, after);
        expect(changes.find((c) => c.kind === 'community')?.properties).toEqual([{ property: 'margin', before: '30%', after: '35%' }]);
        expect(changes.find((c) => c.kind === 'channel')?.properties).toEqual([{ property: 'capacityPerWeek', before: '200', after: '300' }]);
    });

    it('starts a formatted line at every property keyword of the registry, never at a name that is a keyword', async () => {
        // `reach`, `conversion`, `into` of a content, `margin` of a community: missing from the formatter's old lists.
        const text =
            'community margin {\n  margin 40%\n     baseline buys 1% per month\n  tier sent { entry open }\n  content Notes {\n    kind tips\n        reach 3000 per post\n   conversion 2%\n    for sent\n  }\n}\n';
        expect(await format(text)).toBe(
            'community margin {\n  margin 40%\n  baseline buys 1% per month\n  tier sent { entry open }\n  content Notes {\n    kind tips\n    reach 3000 per post\n    conversion 2%\n    for sent\n  }\n}\n',
        );
    });
});
