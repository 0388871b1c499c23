// Canonical punctuation (`community.format.punctuation`): the language reads ASCII punctuation and
// the full-width forms a Chinese IME types alike (token-builder.ts); the formatter can write one form.
// - "half": every mark, digit and quote in ASCII (，、→ ,  ：→ :  ％→ %  ～ … → ..  ｛｝→ {}  ２１：３０ → 21:30,
//   “…” 「…」 → "…").
// - "full": the marks Chinese prose writes full-width — commas ，, colons ： (21：30, kpi 增长： …),
//   ranges ～, ￥ and quotes “…” — and everything else in ASCII (braces, %, digits, comparators).
// - "keep": as written (the default).
// Only tokens change: comments, names, Chinese keywords and layout stay exactly as they are, and the
// AST (so checks and the forecast) is the same in every mode (value-converter.ts reads both forms).
import type { IToken } from 'chevrotain';
import type { LangiumCoreServices } from 'langium';

export type PunctuationStyle = 'half' | 'full' | 'keep';

export const PUNCTUATION_STYLES: readonly PunctuationStyle[] = ['half', 'full', 'keep'];

/** One change to a token's text, by offset in the document. */
export interface PunctuationEdit {
    offset: number;
    length: number;
    text: string;
}

/** Punctuation keywords by token name, with the form "full" writes (ASCII where none is listed). */
const FULL_FORM: Record<string, string> = { ',': '，', ':': '：', '..': '～', '¥': '￥' };
const PUNCTUATION = new Set([',', ':', '%', '{', '}', '..', '.', '-', '+-', '=', '>=', '<=', '>', '<', '->', '¥']);

/** Full-width digits and the number punctuation an IME types → ASCII. */
function asciiNumber(text: string): string {
    return text
        .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
        .replace(/．/g, '.')
        .replace(/－/g, '-')
        .replace(/／/g, '/')
        .replace(/：/g, ':');
}

const FULL_QUOTES: Record<string, string> = { '“': '”', '‘': '’', '「': '」', '『': '』' };

/** The text a token should have in `style`, or undefined when it stays as written. */
function canonical(token: IToken, style: 'half' | 'full'): string | undefined {
    const name = token.tokenType.name;
    const image = token.image;
    // A Chinese keyword word read as a punctuation keyword (lexer.ts) is a word: it stays.
    if (/^\p{L}/u.test(image) && name !== 'STRING' && name !== 'per') return undefined;
    if (PUNCTUATION.has(name)) return style === 'full' ? (FULL_FORM[name] ?? name) : name;
    // 500元/月: the slash form of `per` (the word stays a word).
    if (name === 'per' && (image === '/' || image === '／')) return '/';
    if (name === 'TIME') {
        const ascii = asciiNumber(image);
        return style === 'full' ? ascii.replace(':', '：') : ascii;
    }
    if (name === 'NUMBER' || name === 'DATE') return asciiNumber(image);
    if (name === 'STRING') {
        const open = image[0];
        const body = image.slice(1, -1);
        // Only text without quotes or escapes inside changes its quotes: its value stays the same.
        if (/["'“”‘’「」『』\\]/.test(body)) return undefined;
        if (style === 'half') return open in FULL_QUOTES || open === "'" ? `"${body}"` : undefined;
        return open === '"' || open === "'" || open in FULL_QUOTES ? `“${body}”` : undefined;
    }
    return undefined;
}

/** The edits that write `text`'s punctuation in `style` (none for "keep"). */
export function punctuationEdits(text: string, style: PunctuationStyle, services: LangiumCoreServices): PunctuationEdit[] {
    if (style === 'keep') return [];
    const lexed = services.parser.Lexer.tokenize(text);
    const edits: PunctuationEdit[] = [];
    for (const token of lexed.tokens) {
        const wanted = canonical(token, style);
        if (wanted !== undefined && wanted !== token.image) edits.push({ offset: token.startOffset, length: token.image.length, text: wanted });
    }
    return edits;
}

/** `text` with its punctuation written in `style`. */
export function convertPunctuation(text: string, style: PunctuationStyle, services: LangiumCoreServices): string {
    let out = '';
    let at = 0;
    for (const e of punctuationEdits(text, style, services)) {
        out += text.slice(at, e.offset) + e.text;
        at = e.offset + e.length;
    }
    return out + text.slice(at);
}
