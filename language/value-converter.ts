// Every written form reaches the AST in one canonical form: full-width digits and punctuation as
// ASCII, dates as YYYY-MM-DD, times as HH:MM, numbers with 万/亿/千 at their value, quoted text
// without its quotes, and a Chinese keyword inside a data-type rule (a unit, a weekday, a comparator)
// as its English keyword. So checks, lowering and the forecast never see how a plan was typed.
import { DefaultValueConverter, GrammarAST, type CstNode, type ValueType } from 'langium';
import { englishKeyword, ZH_NUMERALS } from './keywords-zh.js';

/** Full-width digits, letters and punctuation → ASCII (NFKC keeps CJK ideographs as they are). */
export function halfWidth(text: string): string {
    return /[\uFF00-\uFFEF]/.test(text) ? text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)) : text;
}

const SCALES: Record<string, number> = { 万: 1e4, 亿: 1e8, 千: 1e3 };

/** A NUMBER token's value: "1．5" → 1.5, "30万" → 300000, "两" → 2. */
export function numberValue(text: string): number {
    const t = halfWidth(text);
    if (t in ZH_NUMERALS) return ZH_NUMERALS[t];
    const scale = SCALES[t.slice(-1)];
    // Scale in decimal text, not by multiplying floats: 1.1万 is exactly 11000.
    if (scale !== undefined) return /[eE]/.test(t) ? Number(t.slice(0, -1)) * scale : Number(shiftDecimal(t.slice(0, -1), Math.log10(scale)));
    return Number(t);
}

function shiftDecimal(num: string, places: number): string {
    const [int, frac = ''] = num.split('.');
    const digits = int + frac.padEnd(places, '0');
    const point = int.length + places;
    return `${digits.slice(0, point)}.${digits.slice(point)}`.replace(/\.$/, '');
}

/**
 * A DATE token as YYYY-MM-DD. `5月29日` has no year: it takes the plan's start year, or the next
 * year when that would fall before the start (a plan from 2027-11-01 means 5月29日 of 2028). Without
 * a start in the same file the date stays as written, and the date check reports it as ambiguous.
 */
export function dateValue(text: string, planStart?: string): string {
    const t = halfWidth(text);
    const m = /^(?:(\d{4})[-/年])?(\d{1,2})[-/月](\d{1,2})[日号]?$/.exec(t);
    if (!m) return t;
    const pad = (s: string) => s.padStart(2, '0');
    if (m[1] !== undefined) return `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
    if (!planStart || !/^\d{4}-\d{2}-\d{2}$/.test(planStart)) return t;
    const year = Number(planStart.slice(0, 4));
    const inStartYear = `${year}-${pad(m[2])}-${pad(m[3])}`;
    return inStartYear >= planStart ? inStartYear : `${year + 1}-${pad(m[2])}-${pad(m[3])}`;
}

const HALF_DAY_AFTERNOON = new Set(['下午', '晚上']);

/** A TIME token as HH:MM: 21：30 → 21:30, 晚上9点 → 21:00, 上午10点半 → 10:30, 中午12点 → 12:00. */
export function timeValue(text: string): string {
    const t = halfWidth(text);
    const m = /^(凌晨|早上|上午|中午|下午|晚上)?(\d{1,2})点(半|(\d{1,2})分|整)?$/.exec(t);
    if (!m) return t;
    let hour = Number(m[2]);
    if (m[1] !== undefined && HALF_DAY_AFTERNOON.has(m[1]) && hour < 12) hour += 12;
    // 中午1点 is 13:00; 中午12点 stays noon.
    if (m[1] === '中午' && hour < 11) hour += 12;
    const minute = m[3] === '半' ? 30 : m[4] !== undefined ? Number(m[4]) : 0;
    return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/** The plan's start date written in the same text, for dates without a year. Cached per text. */
const startCache = new WeakMap<object, string | undefined>();
function planStartOf(node: CstNode): string | undefined {
    const root = node.root;
    if (startCache.has(root)) return startCache.get(root);
    const start = planStartIn(root.fullText);
    startCache.set(root, start);
    return start;
}

/** The plan's start date as the text writes it first (a search of the text, not of the syntax tree). */
export function planStartIn(text: string): string | undefined {
    const m = /(?:^|[\s{])(?:start|开始)\s+([0-9０-９]{4}[-－/／年][0-9０-９]{1,2}[-－/／月][0-9０-９]{1,2}[日号]?)/.exec(text);
    return m ? dateValue(m[1]) : undefined;
}

/** Data-type rules whose values are keywords: a Chinese form becomes the English keyword. */
const KEYWORD_VALUED = new Set([
    'Unit',
    'PerUnit',
    'Frequency',
    'Weekday',
    'ActivityKind',
    'IncentiveKind',
    'PropertyName',
    'Comparator',
    'CurrencySign',
    'ActivityMode',
    'LiftMetric',
    'PerAdverb',
    'Delivery',
]);

export class CommunityValueConverter extends DefaultValueConverter {
    protected override runConverter(rule: GrammarAST.AbstractRule, input: string, cstNode: CstNode): ValueType {
        switch (rule.name) {
            case 'NUMBER':
                return numberValue(input);
            case 'DATE':
                return dateValue(input, input.includes('月') && !input.includes('年') ? planStartOf(cstNode) : undefined);
            case 'TIME':
                return timeValue(input);
            // A name is an ID (the caret of `^tier` removed) or a keyword that stays a name.
            case 'Name':
                return input.startsWith('^') ? input.slice(1) : input;
            case 'STRING':
                return input.startsWith('"') || input.startsWith("'") ? super.runConverter(rule, input, cstNode) : input.slice(1, -1);
        }
        if (KEYWORD_VALUED.has(rule.name)) return input === '￥' ? '¥' : halfWidth(englishKeyword(input));
        return super.runConverter(rule, input, cstNode);
    }
}
