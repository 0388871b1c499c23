// Words the reports show for plan keywords (content and activity kinds) and for the sensitivity
// analysis's parameters, in the report's language. The engine labels parameters in English
// (engine/sensitivity.ts); the zh-CN report rebuilds them from the parameter id and the property
// registry's zh-CN labels (engine/properties/registry.ts, `tune.zh`), so no English is left in a
// Chinese report. Names from the plan stay as written.
import type { Lang } from '../diagnostics.js';
import { ENTRIES } from '../properties/registry.js';

const SUBKIND_ZH: Record<string, string> = {
    educational: '知识',
    tips: '技巧',
    product: '产品',
    'case-study': '案例',
    story: '故事',
    ugc: '用户原创',
    interaction: '互动',
    news: '资讯',
    promotional: '促销',
    livestream: '直播',
    qa: '问答',
    lottery: '抽奖',
    vote: '投票',
    discussion: '话题讨论',
    challenge: '打卡挑战',
    'flash-sale': '限时抢购',
    workshop: '工作坊',
    meetup: '线下聚会',
    salon: '沙龙讲座',
    trial: '产品体验',
    sport: '体育活动',
    charity: '公益活动',
    sweepstakes: '抽奖活动',
    hackathon: '黑客松',
    'office-hours': '答疑时间',
    'lottery-draw': '开奖',
};

const SUBKIND_EN: Record<string, string> = {
    'lottery-draw': 'lottery draw',
    'case-study': 'case study',
    'flash-sale': 'flash sale',
    'office-hours': 'office hours',
    qa: 'Q&A',
    ugc: 'UGC',
};

/** A content or activity kind as the report shows it; an unknown kind (the checker warns) as written. */
export function subkindLabel(lang: Lang, subkind: string): string {
    return (lang === 'zh-CN' ? SUBKIND_ZH[subkind] : SUBKIND_EN[subkind]) ?? subkind;
}

/** What one sensitivity parameter varies, by the last part of its id (`<community>.<item>.<what>`), and the parameters that name no item (`<community>.orderValue`): the registry's zh-CN labels. */
const PARAM_ZH = new Map<string, string>();
const WHOLE_ZH = new Map<string, string>();
for (const { def } of ENTRIES) if (def.tune) (def.tune.whole ? WHOLE_ZH : PARAM_ZH).set(def.tune.id, def.tune.zh);

/**
 * The label of a sensitivity parameter in the report language. `id` is engine/sensitivity.ts's
 * path (FitHome.DouyinAds.costPerJoin, FitHome.Core.from.Prospect, assume.fatigue-churn).
 */
export function parameterLabel(lang: Lang, id: string, english: string): string {
    if (lang !== 'zh-CN') return english;
    if (id.startsWith('assume.')) return `模型系数 ${id.slice(7)}`;
    const parts = id.split('.');
    const rest = parts.slice(1);
    const whole = WHOLE_ZH.get(rest.join('.'));
    if (whole !== undefined) return whole;
    if (rest.length === 3 && rest[1] === 'from') return `晋升 ${rest[2]} → ${rest[0]}`;
    if (rest.length === 3 && rest[1] === 'down') return `降级 ${rest[0]} → ${rest[2]}`;
    const item = rest[0];
    const what = rest.slice(1).join('.');
    const label = PARAM_ZH.get(what);
    return label !== undefined ? `${item} ${label}` : english;
}

const SERIES_ZH: Record<string, string> = {
    members: '成员数',
    'new-members': '新成员',
    'active-members': '活跃成员',
    'active-rate': '活跃率',
    churned: '流失人数',
    promotions: '晋升人数',
    demotions: '降级人数',
    cost: '成本',
    revenue: '收入',
    'cumulative-cost': '累计成本',
    'cumulative-revenue': '累计收入',
    roi: '累计投资回报率',
    'staff-hours': '人工小时',
    groups: '群数',
};

/** The name of a forecast series (`members:Core`, `retention-30d`, `groups:WeChat`) in the report language. */
export function seriesLabel(lang: Lang, key: string, english: string): string {
    if (lang !== 'zh-CN') return english;
    const [base, ...rest] = key.split(':');
    const suffix = rest.join(':');
    const retention = /^retention-(\d+)d$/.exec(base);
    const name = retention ? `${retention[1]} 天留存率` : SERIES_ZH[base];
    if (!name) return english;
    return suffix ? `${name} · ${suffix}` : name;
}
