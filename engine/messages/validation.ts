// Fragments the validators put into diagnostics (a hint, a list word, a range, a reason): whole
// messages are engine/diagnostics.ts, these are the parts a check composes before raising one.
import type { Bilingual } from '../messages.js';

export const messagesValidation = {
    'list.separator': { en: ', ', zh: '、' },
    'list.and': { en: ' and ', zh: '和' },
    // syntax errors restated (document-validator.ts); each hint is appended to the parser's detail
    'syntax.did-you-mean': { en: " — did you mean '{word}'?", zh: '；是否应为“{word}”？' },
    'syntax.keyword-as-name': { en: ' — "{word}" is a keyword ({keyword}); to use it as a name write ^{word}', zh: '；“{word}”是关键字（{keyword}），用作名称请写 ^{word}' },
    'syntax.thousands': { en: ' — numbers are written without thousands separators: {plain}, not {grouped}', zh: '；数字不使用千位分隔符：请写 {plain}，而不是 {grouped}' },
    'syntax.second-word': { en: " — did you mean '{first} {word}'?", zh: '；是否应为“{first} {word}”？' },
    'syntax.enclosing-block': { en: " — '{word}' belongs to the enclosing {block} block: is a '}' missing before it?", zh: '；“{word}”属于外层的 {block} 块：前面是否缺少“}”？' },
    'syntax.goes-inside': { en: " — '{word}' goes inside a {blocks} block", zh: '；“{word}”应写在 {blocks} 块内' },
    'syntax.or': { en: ' or ', zh: '、' },
    'syntax.more-errors': { en: '{more} more syntax errors from here on are not listed', zh: '此处之后还有 {more} 个语法错误未列出' },
    // unresolved references
    'ref.did-you-mean': { en: ' Did you mean "{name}"?', zh: '是否指“{name}”？' },
    'ref.its-tiers': { en: ' Its tiers: {tiers}.', zh: '该社群的层级：{tiers}。' },
    'ref.kind.tier': { en: 'tier', zh: '层级' },
    'ref.kind.platform': { en: 'platform', zh: '平台' },
    'ref.kind.audience': { en: 'audience', zh: '受众' },
    'ref.kind.item': { en: 'item', zh: '条目' },
    // kpi-unmodelled: what the plan lacks (domain-strategy.ts)
    'kpi.no-revenue': { en: 'no order value with "buys" and no paid tier', zh: '没有客单价加 “buys”，也没有付费层级' },
    'kpi.no-cost': { en: 'no cost or spend anywhere', zh: '没有任何成本或投放' },
    'kpi.roi-needs-both': { en: 'ROI needs both costs and revenue', zh: 'ROI 需要成本和收入' },
    'kpi.no-active': { en: 'no tier sets "active"', zh: '没有层级设置 “active”' },
    'kpi.no-churn': { en: 'no "churn" is set', zh: '没有设置 “churn”' },
    'kpi.no-flow': { en: 'no promotion flow from {from} into {to}', zh: '没有从 {from} 到 {to} 的晋升流' },
    'kpi.no-growth': { en: 'no channel, referral or organic growth', zh: '没有渠道、推荐或自然增长' },
    // kpi-impossible
    'kpi.best-end-short': { en: 'even with every range at its best end, week {week} has about {best}', zh: '即使每个区间都取最好的一端，第 {week} 周也只有约 {best} 人' },
    // induced-sharing, data-consent (domain-compliance.ts)
    'share.moments': { en: 'WeChat Moments', zh: '朋友圈' },
    'share.external-links': { en: 'external links', zh: '外部链接' },
    'share.moments-implied': { en: 'WeChat Moments (implied by "{mechanic}")', zh: '朋友圈（{mechanic} 机制默认）' },
    'data.missing.consent': { en: 'consent', zh: '同意' },
    'data.missing.purpose': { en: 'a purpose', zh: '处理目的' },
    'data.missing.retention': { en: 'a retention period', zh: '保存期限' },
    // units and ranges (values.ts, dates.ts)
    'unit.did-you-mean': { en: ' Did you mean "{unit}"?', zh: '是否应为“{unit}”？' },
    'unit.this-value': { en: 'this value', zh: '此数值' },
    'unit.one-unit': { en: 'one unit throughout', zh: '统一的单位' },
    'range.written-down-to': { en: '{written} (down to {edge})', zh: '{written}（最低 {edge}）' },
    'range.written-up-to': { en: '{written} (up to {edge})', zh: '{written}（最高 {edge}）' },
    'range.finite': { en: 'a finite number', zh: '有限数值' },
    'range.above-at-most': { en: 'above {min} and at most {max}', zh: '大于 {min} 且不超过 {max}' },
    'range.between': { en: 'between {min} and {max}', zh: '在 {min} 到 {max} 之间' },
    'range.above': { en: 'above {min}', zh: '大于 {min}' },
    'range.at-least': { en: 'at least {min}', zh: '不小于 {min}' },
    'range.at-most': { en: 'at most {max}', zh: '不超过 {max}' },
    'range.date-within-plan': { en: 'a date within the plan ({start} to {end})', zh: '计划周期内的日期（{start} 至 {end}）' },
    'range.kpi-deadline': { en: 'KPI deadline', zh: 'KPI 截止日期' },
    // scenario overrides (scenarios.ts): the engine's kind words
    'override.kind.the': { en: 'the', zh: '' },
    'override.kind.plan': { en: 'plan', zh: '计划' },
    'override.kind.platform': { en: 'platform', zh: '平台' },
    'override.kind.audience': { en: 'audience', zh: '受众' },
    'override.kind.community': { en: 'community', zh: '社群' },
    'override.kind.tier': { en: 'tier', zh: '层级' },
    'override.kind.content': { en: 'content', zh: '内容' },
    'override.kind.activity': { en: 'activity', zh: '活动' },
    'override.kind.referral': { en: 'referral', zh: '裂变活动' },
    'override.kind.channel': { en: 'channel', zh: '渠道' },
    'override.kind.kpi': { en: 'KPI', zh: '指标' },
} as const satisfies Record<string, Bilingual>;
