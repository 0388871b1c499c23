// The forecast's memory estimate: it covers what the simulation really stores, passes every
// realistic forecast and refuses the sizes that ran out of memory, with the coded message.
import { describe, expect, it } from 'vitest';
import { simulatePlan } from '../../engine/forecast.js';
import { estimateForecastMemory, FORECAST_MEMORY_BUDGET_MB, forecastMemoryBudgetMb, forecastTooLarge } from '../../engine/forecast-memory.js';
import { community, fixed, plan, tier } from './helpers.js';

const twoTiers = (horizonWeeks = 26) => plan([community({ tiers: [tier('Fans', { seed: fixed(200) }), tier('Core')] })], { horizonWeeks });

describe('forecast memory estimate', () => {
    it('is at least what the simulation stores per run and week', () => {
        const p = twoTiers();
        const runs = 2000;
        const [raw] = simulatePlan(p, runs, 1);
        const stored = raw.series.byteLength + raw.counts.byteLength;
        const estimate = estimateForecastMemory(p, { runs });
        expect(estimate.bytes).toBeGreaterThanOrEqual(stored);
        // And of the same order: the per-run-and-week series are the bulk of it.
        expect(estimate.bytes).toBeLessThan(stored * 2);
        expect(estimate.runs).toBe(runs);
        expect(estimate.weeks).toBe(raw.compiled.horizon);
    });

    it('passes 10,000 runs and refuses 200,000 runs × 520 weeks, naming the numbers and the budget', () => {
        const small = estimateForecastMemory(twoTiers(), { runs: 10_000 });
        expect(forecastTooLarge(small, FORECAST_MEMORY_BUDGET_MB)).toBeUndefined();
        const huge = estimateForecastMemory(twoTiers(520), { runs: 200_000 });
        const message = forecastTooLarge(huge, FORECAST_MEMORY_BUDGET_MB);
        expect(message).toMatch(/^This forecast would need about [\d.]+ GB of memory \(200,000 runs × 520 weeks × \d+ series\), above the budget of 2\.0 GB/);
        expect(forecastTooLarge(huge, FORECAST_MEMORY_BUDGET_MB, 'zh-CN')).toMatch(/200,000 次模拟 × 520 周/);
    });

    it('multiplies by the scenarios held at once', () => {
        const one = estimateForecastMemory(twoTiers(), { runs: 1000 });
        const three = estimateForecastMemory(twoTiers(), { runs: 1000, scenarios: 3 });
        expect(three.bytes).toBeCloseTo(one.bytes * 3, -3);
    });

    it('reads its budget from COMMUNITY_FORECAST_MEMORY_MB, ignoring nonsense', () => {
        expect(forecastMemoryBudgetMb({})).toBe(FORECAST_MEMORY_BUDGET_MB);
        expect(forecastMemoryBudgetMb({ COMMUNITY_FORECAST_MEMORY_MB: '512' })).toBe(512);
        expect(forecastMemoryBudgetMb({ COMMUNITY_FORECAST_MEMORY_MB: 'lots' })).toBe(FORECAST_MEMORY_BUDGET_MB);
        expect(forecastMemoryBudgetMb({ COMMUNITY_FORECAST_MEMORY_MB: '-1' })).toBe(FORECAST_MEMORY_BUDGET_MB);
    });
});
