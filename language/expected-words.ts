// The words valid at a position, from the grammar itself: for every block (a rule with a repeated
// group of properties), the keywords that can start one of its properties. A syntax error then
// knows which words the user could have meant where it happened — `chrun` in a tier is `churn`,
// never a word that only another block takes — and recovery knows where a property starts.
import { GrammarAST, type Grammar } from 'langium';

export interface GrammarWords {
    /** Keywords that start a property (one iteration of the repeated group), by rule name. */
    readonly loopWords: ReadonlyMap<string, ReadonlySet<string>>;
    /** Rules written with braces: blocks. */
    readonly blocks: ReadonlySet<string>;
    /** For every property keyword, the blocks that take it (for "`content` goes inside a community"). */
    readonly blocksOf: ReadonlyMap<string, readonly string[]>;
    /** Properties written with two words, by rule: `lift` then retention/activity/…, `baseline` then `buys`. */
    readonly secondWords: ReadonlyMap<string, ReadonlyArray<readonly [string, ReadonlySet<string>]>>;
}

const cache = new WeakMap<Grammar, GrammarWords>();

export function grammarWords(grammar: Grammar): GrammarWords {
    const known = cache.get(grammar);
    if (known) return known;
    const firsts = new Map<string, Set<string>>();
    const rules = new Map(grammar.rules.filter(GrammarAST.isParserRule).map((r) => [r.name, r]));

    /** Keywords that can start `el` and whether it can match nothing. */
    const first = (el: GrammarAST.AbstractElement, seen: Set<string>): { words: Set<string>; empty: boolean } => {
        const optional = el.cardinality === '?' || el.cardinality === '*';
        const result = (words: Set<string>, empty: boolean) => ({ words, empty: empty || optional });
        if (GrammarAST.isKeyword(el)) return result(new Set([el.value]), false);
        if (GrammarAST.isAssignment(el)) return { ...first(el.terminal, seen), empty: optional || first(el.terminal, seen).empty };
        if (GrammarAST.isCrossReference(el)) return result(new Set(), false);
        if (GrammarAST.isRuleCall(el)) {
            const rule = el.rule.ref;
            if (!rule || !GrammarAST.isParserRule(rule)) return result(new Set(), false);
            return result(ruleFirst(rule, seen), false);
        }
        if (GrammarAST.isAction(el)) return result(new Set(), true);
        if (GrammarAST.isAlternatives(el) || GrammarAST.isUnorderedGroup(el)) {
            const words = new Set<string>();
            let empty = false;
            for (const e of el.elements) {
                const f = first(e, seen);
                f.words.forEach((w) => words.add(w));
                empty ||= f.empty;
            }
            return result(words, empty);
        }
        if (GrammarAST.isGroup(el)) {
            const words = new Set<string>();
            for (const e of el.elements) {
                const f = first(e, seen);
                f.words.forEach((w) => words.add(w));
                if (!f.empty) return result(words, false);
            }
            return result(words, true);
        }
        return result(new Set(), false);
    };
    const ruleFirst = (rule: GrammarAST.ParserRule, seen: Set<string>): Set<string> => {
        const cached = firsts.get(rule.name);
        if (cached) return cached;
        if (seen.has(rule.name)) return new Set();
        seen.add(rule.name);
        const words = first(rule.definition, seen).words;
        firsts.set(rule.name, words);
        return words;
    };

    const loopWords = new Map<string, Set<string>>();
    const blocks = new Set<string>();
    const blocksOf = new Map<string, string[]>();
    const secondWords = new Map<string, Array<[string, Set<string>]>>();
    for (const rule of rules.values()) {
        const words = new Set<string>();
        const pairs: Array<[string, Set<string>]> = [];
        const visit = (el: GrammarAST.AbstractElement) => {
            if ((el.cardinality === '*' || el.cardinality === '+') && !GrammarAST.isKeyword(el)) {
                first({ ...el, cardinality: undefined } as GrammarAST.AbstractElement, new Set()).words.forEach((w) => words.add(w));
                const alternatives = GrammarAST.isAlternatives(el)
                    ? el.elements
                    : GrammarAST.isGroup(el) && el.elements.length === 1 && GrammarAST.isAlternatives(el.elements[0])
                      ? el.elements[0].elements
                      : [];
                for (const alt of alternatives) {
                    if (GrammarAST.isGroup(alt) && GrammarAST.isKeyword(alt.elements[0]) && alt.elements[1] !== undefined)
                        pairs.push([alt.elements[0].value, first(alt.elements[1], new Set()).words]);
                }
            }
            if (GrammarAST.isKeyword(el) && el.value === '{') blocks.add(rule.name);
            if (GrammarAST.isGroup(el) || GrammarAST.isAlternatives(el) || GrammarAST.isUnorderedGroup(el)) el.elements.forEach(visit);
            else if (GrammarAST.isAssignment(el)) visit(el.terminal);
        };
        visit(rule.definition);
        // Separators of lists (`for A, B`) are not properties.
        words.delete(',');
        if (words.size > 0) loopWords.set(rule.name, words);
        if (pairs.length > 0) secondWords.set(rule.name, pairs);
    }
    for (const block of blocks) {
        for (const w of loopWords.get(block) ?? []) {
            if (!/^[A-Za-z]/.test(w)) continue;
            const list = blocksOf.get(w) ?? [];
            list.push(block);
            blocksOf.set(w, list);
        }
    }
    const words: GrammarWords = { loopWords, blocks, blocksOf, secondWords };
    cache.set(grammar, words);
    return words;
}

/** Rule names of a Chevrotain rule stack, without Langium's invisible suffix. */
export function ruleNames(stack: readonly string[] | undefined): string[] {
    return (stack ?? []).map((r) => r.replace(/\u200B$/, ''));
}

/**
 * The words valid where an error happened: the properties of the innermost block and of the rules
 * between it and the error (a schedule's `at`, `from`, `until` inside a content block), plus the
 * tokens the parser named. Outer blocks are not included: a word there would end the block.
 */
export function wordsAt(words: GrammarWords, stack: readonly string[], named: Iterable<string>): Set<string> {
    const out = new Set<string>(named);
    for (let i = stack.length - 1; i >= 0; i--) {
        words.loopWords.get(stack[i])?.forEach((w) => out.add(w));
        if (words.blocks.has(stack[i])) break;
    }
    return out;
}

/** The innermost block of a rule stack. */
export function innermostBlock(words: GrammarWords, stack: readonly string[]): string | undefined {
    for (let i = stack.length - 1; i >= 0; i--) if (words.blocks.has(stack[i])) return stack[i];
    return undefined;
}
