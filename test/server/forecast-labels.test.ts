// The preview's KPI and sensitivity labels follow the server's language: under zh-CN they read in
// Chinese (the reports' words), in English they stay as the forecast view writes them.
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { computeForecast } from '../../server/forecast-request.js';
import { HEADER, lspServices } from '../language/lsp-helpers.js';

const text = `${HEADER}
community Fit {
  platform Groups
  audience Workers
  tier Prospect { seed 300 members  churn 8% per month  active 30% weekly }
  tier Core { from Prospect 6% per month  churn 3% per month }
  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }
  kpi Growth: members >= 2000
  kpi active rate >= 20%
  kpi retention 30 days >= 45%
  kpi conversion Prospect -> Core >= 6% per month
}
`;

async function labels(lang: 'en' | 'zh-CN') {
    const { Community } = lspServices(lang);
    const doc = await parseHelper(Community)(text, { validation: true });
    const { result } = computeForecast(Community, doc, { uri: doc.uri.toString(), runs: 100, seed: 1, sensitivity: true });
    if (result.status !== 'ok') throw new Error(JSON.stringify(result));
    const c = result.forecasts[0].communities[0];
    return { kpis: c.kpis.map((k) => k.label), parameters: c.sensitivity?.items.map((i) => i.parameter) ?? [] };
}

describe('preview labels', () => {
    it('are Chinese under zh-CN', async () => {
        const zh = await labels('zh-CN');
        expect(zh.kpis).toEqual(['Growth：成员数 ≥ 2,000', '活跃率 ≥ 20%', '30 天留存率 ≥ 45%', 'Prospect → Core 转化率 ≥ 每月 6%']);
        expect(zh.parameters.length).toBeGreaterThan(0);
        for (const p of zh.parameters) expect(p, p).toMatch(/[\u4e00-\u9fff]/);
        expect(zh.parameters).toContain('Ads 单个入群成本');
    });
    it('stay English in English', async () => {
        const en = await labels('en');
        expect(en.kpis).toEqual(['Growth: members ≥ 2000', 'active rate ≥ 20%', 'retention 30 days ≥ 45%', 'conversion Prospect → Core ≥ 6% per month']);
        expect(en.parameters).toContain('Ads cost per join');
    });
});
