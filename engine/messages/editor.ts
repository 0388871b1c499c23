// Fragments of the editor features: hovers, completion details, CodeLens titles, quick-fix titles
// (language/lsp/), and the server's answers to the editor's requests (server/).
import type { Bilingual } from '../messages.js';

export const messagesEditor = {
    // community/solve (server/solve-request.ts)
    'solve-request.errors': { en: 'The plan has errors; fix them before solving.', zh: '计划有错误：请先修正再求解。' },
    'solve-request.no-paid-channel': { en: 'The community of KPI {kpi} has no paid channel (paid …) to vary.', zh: 'KPI {kpi} 所在的社群没有付费渠道（paid …）可以调整。' },
    'solve-request.reached': { en: '{values} reaches KPI {kpi} with {achieved} (asked: {asked}); mean total cost {cost}.', zh: '{values}：KPI {kpi} 达成概率 {achieved}（要求 {asked}），整个周期平均总成本 {cost}。' },
    'solve-request.unreached': { en: "No spend up to 4 × the plan's reaches {asked} for KPI {kpi}; the closest is {values} with {achieved}.", zh: '投放提高到计划的 4 倍也不能让 KPI {kpi} 达到 {asked}；最接近的是 {values}，达成概率 {achieved}。' },
} as const satisfies Record<string, Bilingual>;
