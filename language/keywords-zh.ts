// The one table of Chinese keyword forms. Every English keyword of the grammar may also be written in
// Chinese; the lexer (language/lexer.ts) reads a Chinese form as the English keyword's token, so the
// grammar, the AST and every check stay English-only. docs/zh-CN/language.md prints this table.
//
// Choosing the words: the ones strategists use in their own write-ups (社群, 层级, 流失, 晋升, 裂变 …),
// short, and never a word a strategist would pick as a name: tiers are 会员, 潜客, 核心用户 …, so
// "member" is 成员, not 会员. A name that is a keyword is written with a caret: `^层级`.

export interface KeywordForms {
    /** The English keyword as the grammar spells it. */
    readonly en: string;
    /** Chinese forms; the first is what `community format --keywords zh` writes. */
    readonly zh: readonly string[];
    /** Where another form reads better, by the grammar rule the keyword is in (e.g. 百分点 in a unit). */
    readonly zhIn?: Readonly<Record<string, string>>;
}

export const ZH_KEYWORDS: readonly KeywordForms[] = [
    // ---- file and plan ----
    { en: 'import', zh: ['导入'] },
    { en: 'plan', zh: ['计划'] },
    { en: 'start', zh: ['开始'] },
    { en: 'horizon', zh: ['规划期'] },
    { en: 'timezone', zh: ['时区'] },
    { en: 'currency', zh: ['币种'] },
    { en: 'budget', zh: ['预算'] },
    { en: 'team', zh: ['团队'] },
    { en: 'each', zh: ['各'] },
    { en: 'market', zh: ['市场'] },
    { en: 'assume', zh: ['假设'] },
    { en: 'actuals', zh: ['实际数据'] },
    // ---- platforms and audiences ----
    { en: 'platform', zh: ['平台'] },
    { en: 'kind', zh: ['类型'] },
    { en: 'group', zh: ['群'] },
    { en: 'capacity', zh: ['容量'] },
    { en: 'limit', zh: ['限制'] },
    { en: 'audience', zh: ['受众'] },
    { en: 'size', zh: ['规模'] },
    { en: 'age', zh: ['年龄'] },
    { en: 'interests', zh: ['兴趣'] },
    { en: 'active', zh: ['活跃'] },
    { en: 'region', zh: ['地区'] },
    // ---- communities and tiers ----
    { en: 'community', zh: ['社群'] },
    { en: 'theme', zh: ['主题'] },
    { en: 'rules', zh: ['规则'] },
    { en: 'order', zh: ['订单'] },
    { en: 'value', zh: ['金额'] },
    { en: 'tier', zh: ['层级', '分层'] },
    { en: 'entry', zh: ['准入'] },
    { en: 'from', zh: ['从'] },
    { en: 'down', zh: ['降级'] },
    { en: 'to', zh: ['到'] },
    { en: 'churn', zh: ['流失'] },
    { en: 'seed', zh: ['初始'] },
    { en: 'buys', zh: ['购买'] },
    { en: 'repurchase', zh: ['复购', '复购率'] },
    { en: 'benefits', zh: ['权益'] },
    { en: 'fee', zh: ['付费'] },
    { en: 'margin', zh: ['毛利率'] },
    { en: 'baseline', zh: ['基线'] },
    // ---- content and activities ----
    { en: 'content', zh: ['内容'] },
    { en: 'format', zh: ['形式'] },
    { en: 'for', zh: ['面向'] },
    { en: 'via', zh: ['通过'] },
    { en: 'lasts', zh: ['持续'] },
    { en: 'cost', zh: ['成本'] },
    { en: 'owner', zh: ['负责人'] },
    { en: 'link', zh: ['链接'] },
    { en: 'label', zh: ['标注'] },
    { en: 'sent', zh: ['发送'] },
    { en: 'as', zh: ['以'] },
    { en: 'broadcast', zh: ['群发'] },
    { en: 'manually', zh: ['手动'] },
    { en: 'activity', zh: ['活动'] },
    { en: 'online', zh: ['线上'] },
    { en: 'offline', zh: ['线下'] },
    { en: 'at', zh: ['在'] },
    { en: 'reach', zh: ['触达'] },
    { en: 'lift', zh: ['提升'] },
    { en: 'staff', zh: ['人手'] },
    { en: 'materials', zh: ['物料'] },
    { en: 'incentive', zh: ['激励'] },
    { en: 'retention', zh: ['留存'] },
    { en: 'promotion', zh: ['晋升'] },
    { en: 'lottery', zh: ['抽奖'] },
    { en: 'points', zh: ['积分', '百分点', '个百分点'], zhIn: { Unit: '个百分点' } },
    { en: 'top', zh: ['最高'] },
    { en: 'prize', zh: ['奖品'] },
    { en: 'odds', zh: ['中奖率'] },
    { en: 'draw', zh: ['开奖'] },
    { en: 'on', zh: ['于'] },
    { en: 'redemption', zh: ['兑奖'] },
    { en: 'free', zh: ['免费'] },
    { en: 'data', zh: ['数据'] },
    { en: 'collects', zh: ['收集'] },
    { en: 'purpose', zh: ['目的'] },
    { en: 'consent', zh: ['同意'] },
    // ---- growth ----
    { en: 'referral', zh: ['裂变'] },
    { en: 'mechanic', zh: ['机制'] },
    { en: 'reward', zh: ['奖励'] },
    { en: 'side', zh: ['方'] },
    { en: 'invites', zh: ['邀请'] },
    { en: 'conversion', zh: ['转化'] },
    { en: 'cycle', zh: ['周期'] },
    { en: 'into', zh: ['进入'] },
    { en: 'until', zh: ['直到'] },
    { en: 'shares', zh: ['分享'] },
    { en: 'channel', zh: ['渠道'] },
    { en: 'paid', zh: ['投放'] },
    { en: 'join', zh: ['加入'] },
    { en: 'organic', zh: ['自然增长'] },
    { en: 'innovation', zh: ['创新'] },
    { en: 'imitation', zh: ['模仿'] },
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
