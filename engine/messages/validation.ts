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
} as const satisfies Record<string, Bilingual>;
