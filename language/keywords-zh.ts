// The one table of Chinese keyword forms. Every English keyword of the grammar may also be written in
// Chinese; the lexer (language/lexer.ts) reads a Chinese form as the English keyword's token, so the
// grammar, the AST and every check stay English-only. docs/zh-CN/language.md prints this table.
//
// Choosing the words: the ones strategists use in their own write-ups (社群, 层级, 流失, 晋升, 裂变 …),
// short, and never a word a strategist would pick as a name: tiers are 会员, 潜客, 核心用户 …, so
// "member" is 成员, not 会员. A name that is a keyword is written with a caret: `^层级`.

import { PROPERTY_KEYWORDS } from '../engine/properties/registry.js';

export interface KeywordForms {
    /** The English keyword as the grammar spells it. */
    readonly en: string;
    /** Chinese forms; the first is what `community format --keywords zh` writes. */
    readonly zh: readonly string[];
    /** Where another form reads better, by the grammar rule the keyword is in (e.g. 百分点 in a unit). */
    readonly zhIn?: Readonly<Record<string, string>>;
}

/** The forms of the keywords that start no property's line: item kinds, words inside a line, units, schedules. */
export const OTHER_KEYWORDS: readonly KeywordForms[] = [
    // ---- file and plan ----
    { en: 'import', zh: ['导入'] },
    { en: 'plan', zh: ['计划'] },
    { en: 'each', zh: ['各'] },
    { en: 'actuals', zh: ['实际数据'] },
    // ---- platforms and audiences ----
    // ---- communities and tiers ----
    { en: 'community', zh: ['社群'] },
    { en: 'value', zh: ['金额'] },
    { en: 'tier', zh: ['层级', '分层'] },
    { en: 'to', zh: ['到'] },
    { en: 'fee', zh: ['付费'] },
    // ---- content and activities ----
    { en: 'content', zh: ['内容'] },
    { en: 'as', zh: ['以'] },
    { en: 'broadcast', zh: ['群发'] },
    { en: 'manually', zh: ['手动'] },
    { en: 'activity', zh: ['活动'] },
    { en: 'online', zh: ['线上'] },
    { en: 'offline', zh: ['线下'] },
    { en: 'at', zh: ['在'] },
    { en: 'promotion', zh: ['晋升'] },
    { en: 'lottery', zh: ['抽奖'] },
    { en: 'points', zh: ['积分', '百分点', '个百分点'], zhIn: { Unit: '个百分点' } },
    { en: 'prize', zh: ['奖品'] },
    { en: 'on', zh: ['于'] },
    { en: 'data', zh: ['数据'] },
    // ---- growth ----
    { en: 'referral', zh: ['裂变'] },
    { en: 'side', zh: ['方'] },
    { en: 'channel', zh: ['渠道'] },
    { en: 'join', zh: ['加入'] },
    { en: 'organic', zh: ['自然增长'] },
    // ---- KPIs and scenarios ----
    { en: 'kpi', zh: ['指标'] },
    { en: 'by', zh: ['截至'] },
    { en: 'members', zh: ['成员'] },
    { en: 'in', zh: ['属于'] },
    { en: 'new', zh: ['新增'] },
    { en: 'rate', zh: ['率'] },
    { en: 'revenue', zh: ['收入'] },
    { en: 'roi', zh: ['回报率'] },
    { en: 'above', zh: ['高于'] },
    { en: 'participation', zh: ['参与率'] },
    { en: 'scenario', zh: ['场景'] },
    { en: 'drop', zh: ['移除'] },
    { en: 'solved', zh: ['求解'] },
    // ---- schedules ----
    { en: 'every', zh: ['每'] },
    { en: 'times', zh: ['次'] },
    { en: 'weekday', zh: ['工作日'] },
    { en: 'Monday', zh: ['周一', '星期一'] },
    { en: 'Tuesday', zh: ['周二', '星期二'] },
    { en: 'Wednesday', zh: ['周三', '星期三'] },
    { en: 'Thursday', zh: ['周四', '星期四'] },
    { en: 'Friday', zh: ['周五', '星期五'] },
    { en: 'Saturday', zh: ['周六', '星期六'] },
    { en: 'Sunday', zh: ['周日', '星期日', '星期天', '周天'] },
    // ---- units and periods (the plural English forms have no Chinese form of their own) ----
    { en: 'minute', zh: ['分钟'] },
    { en: 'hour', zh: ['小时'] },
    { en: 'day', zh: ['天', '日'] },
    { en: 'week', zh: ['周', '星期'] },
    { en: 'month', zh: ['个月', '月'], zhIn: { Frequency: '月', PerUnit: '月', Per: '月' } },
    { en: 'year', zh: ['年'] },
    { en: 'people', zh: ['人', '名', '位'] },
    { en: 'daily', zh: ['每天', '每日'] },
    { en: 'weekly', zh: ['每周'] },
    { en: 'monthly', zh: ['每月'] },
    { en: 'yearly', zh: ['每年'] },
    { en: 'per', zh: ['每'] },
    { en: 'likely', zh: ['最可能'] },
];

/** Every keyword's forms: a property's keyword gives them with the property (engine/properties/registry.ts, `zh`). */
export const ZH_KEYWORDS: readonly KeywordForms[] = [...PROPERTY_KEYWORDS.map((k) => ({ en: k.keyword, zh: k.zh })), ...OTHER_KEYWORDS];

/** Chinese form → English keyword. `每` is both `every` and `per`: the lexer decides by context. */
export const ZH_TO_EN: ReadonlyMap<string, string> = (() => {
    const map = new Map<string, string>();
    for (const k of ZH_KEYWORDS) {
        for (const z of k.zh) {
            if (map.has(z) && z !== '每') throw new Error(`Chinese keyword form ${z} is given twice`);
            if (!map.has(z)) map.set(z, k.en);
        }
    }
    return map;
})();

/** English keyword → its forms. */
export const KEYWORD_FORMS: ReadonlyMap<string, KeywordForms> = new Map(ZH_KEYWORDS.map((k) => [k.en, k]));

/** The Chinese form `format --keywords zh` writes for a keyword in a grammar rule (undefined: keep English). */
export function chineseFormOf(en: string, rule?: string): string | undefined {
    const forms = KEYWORD_FORMS.get(en);
    if (!forms) return undefined;
    return (rule !== undefined ? forms.zhIn?.[rule] : undefined) ?? forms.zh[0];
}

/** The English keyword a written form stands for (itself when it is English or not a keyword form). */
export function englishKeyword(written: string): string {
    // 个 is the measure word of 个月 and 个工作日; 每个工作日 splits into 每 + 个工作日.
    return ZH_TO_EN.get(written) ?? (written.startsWith('个') ? ZH_TO_EN.get(written.slice(1)) : undefined) ?? written;
}

/** Chinese numerals a schedule may use: 每两周, 每三天. */
export const ZH_NUMERALS: Readonly<Record<string, number>> = {
    一: 1,
    二: 2,
    两: 2,
    三: 3,
    四: 4,
    五: 5,
    六: 6,
    七: 7,
    八: 8,
    九: 9,
    十: 10,
};
