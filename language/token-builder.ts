// Token patterns a Chinese keyboard needs: the grammar's terminals and punctuation keywords also
// accept their full-width forms and the forms an IME produces (，、：％～“” ０–９, 2027年5月29日,
// 晚上9点 …). The AST only ever sees the canonical form: value-converter.ts normalises terminals,
// and lexer.ts reads Chinese keyword words as their English keyword's token.
import { DefaultTokenBuilder, GrammarAST, RegExpUtils } from 'langium';
import type { TokenPattern, TokenType } from 'chevrotain';

const D = '[0-9０-９]';

/** Terminal patterns by terminal name; a terminal not listed keeps its grammar pattern. */
export const TERMINAL_PATTERNS: Record<string, RegExp> = {
    // 2027-04-05, 2027-4-5, 2027/5/29, 2027年5月29日, 5月29日 (the year comes from the plan's start).
    DATE: new RegExp(`${D}{4}[-－]${D}{1,2}[-－]${D}{1,2}(?!${D})|${D}{4}[/／]${D}{1,2}[/／]${D}{1,2}(?!${D})|(?:${D}{4}年)?${D}{1,2}月${D}{1,2}[日号]`),
    // 21:30, 21：30, ２１：３０, 21点, 晚上9点, 上午10点半, 下午3点15分.
    TIME: new RegExp(`${D}{1,2}[:：]${D}{2}|(?:凌晨|早上|上午|中午|下午|晚上)?${D}{1,2}点(?:半|${D}{1,2}分|整)?`),
    // 12, 1.5, 1．5, ３０, 2万, 1.5亿, 2.5千: the scale belongs to the number (30万人 is 300,000 people).
    NUMBER: new RegExp(`${D}+(?:[.．]${D}+)?(?:[eE][+-]?[0-9]+)?[万亿千]?`),
    // "…", '…', “…”, ‘…’, 「…」, 『…』.
    STRING: /"(\\.|[^"\\\r\n])*"|'(\\.|[^'\\\r\n])*'|“[^”\r\n]*”|‘[^’\r\n]*’|「[^」\r\n]*」|『[^』\r\n]*』/,
};

/** A name may start with a caret so that a keyword can be a name: `tier ^层级`, `tier ^tier`. */
const ID_ESCAPE = '\\^?';

/** Full-width and IME forms of the punctuation keywords. */
export const PUNCTUATION_FORMS: Record<string, string[]> = {
    ',': ['，', '、'],
    ':': ['：'],
    '{': ['｛'],
    '}': ['｝'],
    '%': ['％'],
    '..': ['～', '~', '．．', '…'],
    '.': ['．'],
    '-': ['－', '—'],
    '+-': ['＋－', '+－', '＋-'],
    '=': ['＝'],
    '>=': ['＞＝', '>＝', '＞='],
    '<=': ['＜＝', '<＝', '＜='],
    '>': ['＞'],
    '<': ['＜'],
    '->': ['－＞', '->', '－>', '-＞'],
    '±': [],
    '¥': ['￥'],
    // 500元/月 is 500 CNY per month; `//` still starts a comment.
    per: ['/(?![/*])', '／'],
};

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export class CommunityTokenBuilder extends DefaultTokenBuilder {
    /** Each terminal's partial pattern, built once (Langium rebuilds it for every keyword: ~2 × 250 keywords × 8 terminals). */
    private readonly partials = new Map<string, RegExp>();

    /** The terminals a keyword is also the start of (Chevrotain's LONGER_ALT), as Langium finds them. */
    protected override findLongerAlt(keyword: GrammarAST.Keyword, terminalTokens: TokenType[]): TokenType[] {
        const alts: TokenType[] = [];
        for (const token of terminalTokens) {
            const source = (token?.PATTERN as RegExp | undefined)?.source;
            if (!source) continue;
            let partial = this.partials.get(source);
            if (!partial) this.partials.set(source, (partial = RegExpUtils.partialRegExp('^' + source + '$')));
            const match = keyword.value.match(partial);
            if (match && match[0].length > 0) alts.push(token);
        }
        return alts;
    }

    protected override buildTerminalToken(terminal: GrammarAST.TerminalRule): TokenType {
        const token = super.buildTerminalToken(terminal);
        const pattern = TERMINAL_PATTERNS[terminal.name];
        if (pattern) token.PATTERN = pattern;
        if (terminal.name === 'ID' && token.PATTERN instanceof RegExp) token.PATTERN = new RegExp(ID_ESCAPE + token.PATTERN.source);
        return token;
    }

    protected override buildKeywordPattern(keyword: GrammarAST.Keyword, caseInsensitive: boolean): TokenPattern {
        const forms = PUNCTUATION_FORMS[keyword.value];
        if (!forms || forms.length === 0) return super.buildKeywordPattern(keyword, caseInsensitive);
        // `per` keeps its word; the others are their ASCII text or one of their forms.
        const own = escapeRegExp(keyword.value);
        const others = keyword.value === 'per' ? forms : forms.map(escapeRegExp);
        return new RegExp([own, ...others].join('|'));
    }
}
