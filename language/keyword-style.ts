// Converts a plan between English and Chinese keywords (`community format --keywords en|zh`, the VS
// Code command). Only keyword tokens are rewritten, in place: names, numbers, quoted text, comments,
// spacing and line breaks stay byte for byte, so English → Chinese → English gives the same file.
//
// - to zh: each keyword becomes its first Chinese form (keywords-zh.ts; 百分点 in a unit, 月 in a
//   schedule); plurals (weeks, days) take their singular's form; `,` and a KPI name's `:` become
//   full-width. A name that would read as a Chinese keyword gets the `^` escape.
// - to en: each keyword becomes English; a time unit after a number other than 1 is plural
//   (26 周 → 26 weeks); full-width punctuation, digits, Chinese dates and times become ASCII.
import { CstUtils, GrammarAST, AstUtils, isLeafCstNode, type CstNode, type LeafCstNode } from 'langium';
import type { LangiumCoreServices } from 'langium';
import { chineseFormOf, ZH_TO_EN } from './keywords-zh.js';
import { dateValue, halfWidth, timeValue } from './value-converter.js';

export type KeywordStyle = 'en' | 'zh';

const SINGULAR: Record<string, string> = { minutes: 'minute', hours: 'hour', days: 'day', weeks: 'week', months: 'month', years: 'year' };
const PLURAL: Record<string, string> = Object.fromEntries(Object.entries(SINGULAR).map(([p, s]) => [s, p]));

/** Punctuation `format --keywords zh` writes full-width; all other punctuation stays ASCII. */
const ZH_PUNCTUATION: Record<string, string> = { ',': '，', ':': '：' };

export interface ConversionResult {
    text: string;
    /** Syntax errors found: a file that does not parse is not converted (its text is returned unchanged). */
    errors: Array<{ line: number; column: number; message: string }>;
}

interface Edit {
    offset: number;
    end: number;
    text: string;
}

export function convertKeywords(text: string, to: KeywordStyle, services: LangiumCoreServices): ConversionResult {
    const result = services.parser.LangiumParser.parse(text);
    const errors = [
        ...result.lexerErrors.map((e) => ({ line: e.line ?? 0, column: e.column ?? 0, message: e.message })),
        ...result.parserErrors.map((e) => ({ line: e.token.startLine ?? 0, column: e.token.startColumn ?? 0, message: e.message })),
    ];
    const root = result.value.$cstNode;
    if (errors.length > 0 || !root) return { text, errors };
    const leaves = [...CstUtils.streamCst(root)].filter((n): n is LeafCstNode => isLeafCstNode(n) && !n.hidden);
    const edits: Edit[] = [];
    for (let i = 0; i < leaves.length; i++) {
        const leaf = leaves[i];
        const replacement = to === 'zh' ? toChinese(leaf, leaves[i - 1]) : toEnglish(leaf, leaves[i - 1]);
        if (replacement === undefined || replacement === leaf.text) continue;
        // An English word needs a space where Chinese ran words together: 每周四 → every Thursday, 30万人 → 30万 people.
        const glued = to === 'en' && /^[A-Za-z]/.test(replacement) && /[\p{L}\p{N}%]/u.test(text[leaf.offset - 1] ?? ' ');
        edits.push({ offset: leaf.offset, end: leaf.end, text: glued ? ` ${replacement}` : replacement });
    }
    let out = '';
    let at = 0;
    for (const e of edits) {
        out += text.slice(at, e.offset) + e.text;
        at = e.end;
    }
    return { text: out + text.slice(at), errors };
}

/** The keyword a leaf is, unless it is a keyword standing as a name (the Name rule). */
function keywordOf(leaf: CstNode): string | undefined {
    return GrammarAST.isKeyword(leaf.grammarSource) && ruleOf(leaf) !== 'Name' ? leaf.grammarSource.value : undefined;
}

function ruleOf(leaf: CstNode): string | undefined {
    return leaf.grammarSource ? AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isParserRule)?.name : undefined;
}

function terminalOf(leaf: CstNode): string | undefined {
    const source = leaf.grammarSource;
    if (GrammarAST.isCrossReference(source)) return 'ID';
    if (GrammarAST.isRuleCall(source)) return source.rule.ref?.name;
    return undefined;
}

function toChinese(leaf: LeafCstNode, prev: LeafCstNode | undefined): string | undefined {
    const kw = keywordOf(leaf);
    if (kw !== undefined) {
        if (leaf.text !== kw) return undefined; // already written in another form
        // A time unit whose number does not predict its English form (1 hours) stays English, so
        // that converting back gives the same text.
        const singular = SINGULAR[kw] ?? (kw in PLURAL ? kw : undefined);
        if (singular !== undefined && timeUnitAfter(singular, prev) !== kw) return undefined;
        if (kw in ZH_PUNCTUATION && (kw !== ':' || ruleOf(leaf) === 'Kpi')) return ZH_PUNCTUATION[kw];
        return chineseFormOf(SINGULAR[kw] ?? kw, ruleOf(leaf));
    }
    // A name that is a Chinese keyword form is escaped, wherever it stands.
    if (terminalOf(leaf) === 'ID' && ZH_TO_EN.has(leaf.text)) return `^${leaf.text}`;
    return undefined;
}

/** 26 周 → 26 weeks, every 2 周 → every 2 weeks; per 周 and 1 周 stay singular. */
function timeUnitAfter(singular: string, prev: LeafCstNode | undefined): string {
    const afterNumber = prev !== undefined && terminalOf(prev) === 'NUMBER' && Number(halfWidth(prev.text).replace(/[万亿千]$/, '')) !== 1;
    return afterNumber ? PLURAL[singular] : singular;
}

function toEnglish(leaf: LeafCstNode, prev: LeafCstNode | undefined): string | undefined {
    const kw = keywordOf(leaf);
    if (kw !== undefined) {
        if (leaf.text === kw) return undefined;
        return kw in PLURAL ? timeUnitAfter(kw, prev) : kw;
    }
    switch (terminalOf(leaf)) {
        case 'ID': {
            // The escape is only needed while the name reads as a Chinese keyword.
            const bare = leaf.text.startsWith('^') ? leaf.text.slice(1) : undefined;
            return bare !== undefined && ZH_TO_EN.has(bare) ? bare : undefined;
        }
        case 'NUMBER':
            return halfWidth(leaf.text);
        case 'DATE': {
            const iso = dateValue(leaf.text);
            return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? iso : undefined;
        }
        case 'TIME':
            return timeValue(leaf.text);
        default:
            return undefined;
    }
}
