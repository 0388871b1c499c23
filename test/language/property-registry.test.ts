// The property registry (engine/properties/registry.ts) against the grammar, the plan model and the
// tables read from it: a property the grammar has and the registry forgets, a stale entry, a keyword
// without its Chinese form or hover text (or with two), a tuned property without a way to scale it or
// a zh-CN label, a model field no entry lowers, an override without a value spec fails here instead of
// silently dropping out of the formatter, the checks, scenarios, solve, the sensitivity analysis, the
// reports or `community diff`.
// The registry is imported first, before the plan model that reads its field tables: a runtime import
// of engine/model.ts from the registry (directly or through what it imports) fails here as a module cycle.
import { MODEL_FIELDS, PROPERTIES, PROPERTY_KEYWORDS, type ItemKind, type PropertyDef } from '../../engine/properties/registry.js';
import { GrammarAST, type AstNode } from 'langium';
import { describe, expect, it } from 'vitest';
import * as M from '../../engine/model.js';
import { parameterLabel } from '../../engine/report/words.js';
import { CommunityPlansGrammar } from '../../language/generated/grammar.js';
import { KEYWORD_FORMS, OTHER_KEYWORDS, ZH_KEYWORDS } from '../../language/keywords-zh.js';
import { KEYWORD_DOCS, OTHER_KEYWORD_DOCS } from '../../language/lsp/keyword-docs.js';
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

    it('gives every property keyword its Chinese forms and hover text on one entry, read by the keyword tables', () => {
        const givers = new Map<string, string[]>();
        for (const kind of kinds) {
            for (const d of defs(kind)) {
                expect(d.zh === undefined, `${kind}.${d.name}: Chinese forms and hover text come together`).toBe(d.hover === undefined);
                if (d.zh) {
                    expect(d.keyword, `${kind}.${d.name} gives keyword words but starts with no keyword`).toBeDefined();
                    givers.set(d.keyword!, [...(givers.get(d.keyword!) ?? []), `${kind}.${d.name}`]);
                }
            }
        }
        for (const kind of kinds) {
            for (const d of defs(kind)) {
                if (!d.keyword) continue;
                expect(givers.get(d.keyword), `"${d.keyword}": one entry gives its Chinese forms and hover text (engine/properties/registry.ts)`).toHaveLength(
                    1,
                );
                expect(KEYWORD_FORMS.get(d.keyword)?.zh, `Chinese forms of "${d.keyword}"`).toEqual(PROPERTY_KEYWORDS.find((k) => k.keyword === d.keyword)?.zh);
                expect(KEYWORD_DOCS[d.keyword], `hover text of "${d.keyword}"`).toEqual(PROPERTY_KEYWORDS.find((k) => k.keyword === d.keyword)?.hover);
                // Not given twice: the tables of other keywords leave property keywords to the registry.
                expect(Object.hasOwn(OTHER_KEYWORD_DOCS, d.keyword), `"${d.keyword}" in language/lsp/keyword-docs.ts too`).toBe(false);
                expect(
                    OTHER_KEYWORDS.some((k) => k.en === d.keyword),
                    `"${d.keyword}" in language/keywords-zh.ts too`,
                ).toBe(false);
            }
        }
        expect(new Set(ZH_KEYWORDS.map((k) => k.en)).size).toBe(ZH_KEYWORDS.length);
    });

    it('gives every tuned property a zh-CN label the reports show, one per parameter id', () => {
        const labels = new Map<string, string>();
        for (const kind of kinds) {
            for (const d of defs(kind)) {
                if (!d.tune) continue;
                const key = `${d.tune.whole ? 'whole' : 'item'}:${d.tune.id}`;
                expect(labels.get(key) ?? d.tune.zh, `${kind}.${d.name}: parameter ${d.tune.id} is labelled one way`).toBe(d.tune.zh);
                labels.set(key, d.tune.zh);
                const id = d.tune.whole ? `FitHome.${d.tune.id}` : `FitHome.Salon.${d.tune.id}`;
                expect(parameterLabel('zh-CN', id, 'English')).toBe(d.tune.whole ? d.tune.zh : `Salon ${d.tune.zh}`);
                expect(parameterLabel('en', id, 'English')).toBe('English');
            }
        }
    });

    it.each(Object.keys(MODEL_FIELDS) as (keyof typeof MODEL_FIELDS)[])(
        'lowers every %s field of the registry from the one entry that names it, in the plan model',
        (kind) => {
            const shape = M[kind].shape as Record<string, unknown>;
            for (const field of Object.keys(MODEL_FIELDS[kind])) {
                const sources = defs(kind).filter((d) => d.model === field && d.ast !== undefined);
                expect(
                    sources.map((d) => d.name),
                    `${kind}.${field}: one entry with \`model: '${field}'\` and an AST property`,
                ).toHaveLength(1);
                expect(shape[field], `M.${kind}.${field}`).toBeDefined();
            }
        },
    );

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
