// Chinese keywords without a Chinese grammar: chevrotain reads every Chinese word as a name (ID), and
// this pass gives a word that is a keyword's Chinese form (keywords-zh.ts) that keyword's token type.
// Tokens keep their text, so the CST, ranges and comments are exactly what the user wrote.
//
// Two words need context, decided from the tokens around them:
// - 每 is `per` after a number on the same line (500元 每 月) and `every` elsewhere (每 周四 20:00);
//   每天/每周/每月/每年 are likewise `daily`… after a number and `every day`… elsewhere.
// - written together, 每周四 / 每两周 / 每2周 / 每个工作日 are split into `every` [n] frequency.
// 20:00～22:00 reads ～ as the `-` of a time window rather than a range.
import { DefaultLexer, type LexerResult, type LangiumCoreServices, type TokenizeOptions } from 'langium';
import type { IToken, TokenType } from 'chevrotain';
import { ZH_TO_EN } from './keywords-zh.js';

const PERIOD_ADVERBS: Record<string, string> = { daily: 'day', weekly: 'week', monthly: 'month', yearly: 'year' };

/** Keywords after which a `每` continues a quantity: units and the parts of one. */
const QUANTITY_TAIL = new Set([
    'NUMBER',
    '%',
    'points',
    'people',
    'members',
    'minute',
    'minutes',
    'hour',
    'hours',
    'day',
    'days',
    'week',
    'weeks',
    'month',
    'months',
    'year',
    'years',
    'daily',
    'weekly',
    'monthly',
    'yearly',
]);

export class CommunityLexer extends DefaultLexer {
    private readonly byName: Record<string, TokenType>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.byName = this.definition;
    }

    override tokenize(text: string, options?: TokenizeOptions): LexerResult {
        // Pure-ASCII files (most English plans) have no Chinese word to read: skip the pass.
        return this.tokenizeWith(text, /[^\x00-\x7f]/.test(text), options);
    }

    /**
     * Lexes `text` as part of a file: the Chinese pass runs when the whole file has a non-ASCII
     * character (`chinese`), as tokenize decides for the file, not from the part alone.
     */
    tokenizeWith(text: string, chinese: boolean, options?: TokenizeOptions): LexerResult {
        const result = super.tokenize(text, options);
        if (chinese) result.tokens = this.readChinese(result.tokens);
        return result;
    }

    private readChinese(tokens: IToken[]): IToken[] {
        const out: IToken[] = [];
        const ID = this.byName.ID;
        for (let i = 0; i < tokens.length; i++) {
            const tok = tokens[i];
            if (tok.tokenType === ID) {
                const en = ZH_TO_EN.get(tok.image);
                if (en !== undefined && en !== 'plan' && this.isNamePosition(out, tokens[i + 1])) {
                    out.push(tok);
                    continue;
                }
                if (en !== undefined) {
                    // After a number, 每 is `per` unless a schedule follows: lasts 2 小时 每 周四 20:00.
                    // 成本 每 加入 is `cost per join`.
                    const afterNumber =
                        (this.continuesQuantity(out, tok) && !startsSchedule(tokens, en === 'every' ? i + 2 : i + 1, tok.startLine ?? 0)) ||
                        (en === 'every' && out[out.length - 1]?.tokenType.name === 'cost');
                    if (en === 'every' && afterNumber) out.push(this.retype(tok, 'per'));
                    else if (en in PERIOD_ADVERBS && !afterNumber) out.push(...this.split(tok, ['every', PERIOD_ADVERBS[en]]));
                    else out.push(this.retype(tok, en));
                    continue;
                }
                const afterNumber = this.continuesQuantity(out, tok);
                const parts = (afterNumber ? this.unitParts(tok.image) : undefined) ?? (tok.image.startsWith('每') ? this.scheduleParts(tok.image) : undefined);
                if (parts) {
                    out.push(...this.split(tok, parts));
                    continue;
                }
            } else if (tok.tokenType === this.byName['..'] && tok.image !== '..') {
                // 20:00～22:00: a time window, not a range.
                const prev = out[out.length - 1];
                const next = tokens[i + 1];
                if (prev?.tokenType === this.byName.TIME && next?.tokenType === this.byName.TIME) {
                    out.push(this.retype(tok, '-'));
                    continue;
                }
            }
            out.push(tok);
        }
        return out;
    }

    /**
     * Where only a name can stand, a word that is also a Chinese keyword stays a name: right after a
     * keyword that names something (tier 转化, for 转化, drop 转化) and right before `:` or `.`
     * (kpi 转化: …, 转化.churn = …). Elsewhere a name that is a keyword is written `^转化`.
     */
    private isNamePosition(out: IToken[], next: IToken | undefined): boolean {
        const nextName = next?.tokenType.name;
        if (nextName === ':' || nextName === '.') return true;
        // In a list of names (for A, B, 流失) every item is a name.
        let k = out.length - 1;
        while (k >= 1 && out[k].tokenType.name === ',' && out[k - 1].tokenType.name === 'ID') k -= 2;
        const prev = out[k];
        return prev !== undefined && NAMING_KEYWORDS.has(prev.tokenType.name) && (k === out.length - 1 || prev.tokenType.name !== 'kind');
    }

    /** Whether a word right after the previous tokens continues a number on the same line (500元 每 月). */
    private continuesQuantity(out: IToken[], tok: IToken): boolean {
        const prev = out[out.length - 1];
        if (!prev || prev.endLine !== tok.startLine) return false;
        const name = prev.tokenType.name;
        if (QUANTITY_TAIL.has(name)) return true;
        // A unit that is a name (元, CNY, 帖) right after a number, or after `per` (每 成员 每月).
        const before = out[out.length - 2];
        return (
            name === 'ID' && before !== undefined && (before.tokenType.name === 'NUMBER' || before.tokenType.name === 'per' || before.tokenType.name === '%')
        );
    }

    /**
     * 每周四 → every Thursday; 每两周 / 每2周 → every 2 week; 每个月 / 每个工作日 → every month / weekday.
     * Returns the pieces as [token name, the text it covers], or undefined when the word is a name.
     */
    private scheduleParts(word: string): Array<[string, string]> | undefined {
        const m = /^每([0-9]+|[一二两三四五六七八九十])?(.+)$/.exec(word);
        if (!m) return undefined;
        const [, n, unitText] = m;
        const unit = ZH_TO_EN.get(unitText) ?? (unitText.startsWith('个') ? ZH_TO_EN.get(unitText.slice(1)) : undefined);
        if (!unit || !FREQUENCIES.has(unit)) return undefined;
        return [['every', '每'], ...(n !== undefined ? [['NUMBER', n] as [string, string]] : []), [unit, unitText]];
    }

    /** A unit written together with its period after a number: 元每月 → 元 每月, 人每周 → 人 每周. */
    private unitParts(word: string): Array<[string, string]> | undefined {
        const k = word.indexOf('每');
        if (k <= 0) return undefined;
        const unit = word.slice(0, k);
        const period = word.slice(k);
        const periodKw = ZH_TO_EN.get(period);
        if (periodKw === undefined || !(periodKw in PERIOD_ADVERBS || periodKw === 'every')) return undefined;
        return [
            [ZH_TO_EN.get(unit) ?? 'ID', unit],
            [periodKw === 'every' ? 'per' : periodKw, period],
        ];
    }

    private retype(tok: IToken, name: string): IToken {
        const type = this.byName[name];
        if (!type) return tok;
        return { ...tok, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
    }

    /** Splits one token into several, each with its own part of the text (so ranges stay exact). */
    private split(tok: IToken, pieces: string[] | Array<[string, string]>): IToken[] {
        const parts: Array<[string, string]> =
            typeof pieces[0] === 'string'
                ? [
                      [pieces[0] as string, tok.image.slice(0, 1)],
                      [pieces[1] as string, tok.image.slice(1)],
                  ]
                : (pieces as Array<[string, string]>);
        const out: IToken[] = [];
        let offset = tok.startOffset;
        let column = tok.startColumn ?? 1;
        for (const [name, image] of parts) {
            const type = this.byName[name];
            const len = image.length;
            out.push({
                ...tok,
                image,
                tokenType: type,
                tokenTypeIdx: type.tokenTypeIdx!,
                startOffset: offset,
                endOffset: offset + len - 1,
                startColumn: column,
                endColumn: column + len - 1,
                startLine: tok.startLine,
                endLine: tok.startLine,
            });
            offset += len;
            column += len;
        }
        return out;
    }
}

/** Whether the tokens from `at` on the same line continue a schedule (a time, at, on, n times). */
function startsSchedule(tokens: IToken[], at: number, line: number): boolean {
    const next = tokens[at];
    if (next === undefined || next.startLine !== line) return false;
    const word = ZH_TO_EN.get(next.image) ?? next.image;
    if (next.tokenType.name === 'TIME' || word === 'at' || word === 'on') return true;
    const after = tokens[at + 1];
    return next.tokenType.name === 'NUMBER' && after !== undefined && (ZH_TO_EN.get(after.image) ?? after.image) === 'times';
}

/** Keywords always followed by a name (a definition or a reference); `kpi` is not: its name is optional. */
const NAMING_KEYWORDS = new Set([
    'tier',
    'community',
    'content',
    'activity',
    'referral',
    'channel',
    'platform',
    'audience',
    'scenario',
    'drop',
    'for',
    'into',
    'in',
    'via',
    'from',
    'to',
    '->',
    '→',
    'conversion',
    'kind',
    'format',
    'mechanic',
    'currency',
    'market',
]);

const FREQUENCIES = new Set(['day', 'week', 'month', 'weekday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
