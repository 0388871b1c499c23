// Hand-built plan models for engine tests (no parsing involved).
import type { Community, Dist, Plan, Rate, Tier } from '../../engine/model.js';

export const fixed = (value: number): Dist => ({ kind: 'fixed', value });
export const rate = (value: number | Dist, per: Rate['per'] = 'month'): Rate => ({ value: typeof value === 'number' ? fixed(value) : value, per });

export function tier(name: string, extra: Partial<Tier> = {}): Tier {
    return { name, flowsFrom: [], demotionsTo: [], benefits: [], ...extra };
}

export function community(extra: Partial<Community> = {}): Community {
    return {
        name: 'C',
        platforms: [],
        audiences: [],
        rules: [],
        tiers: [],
        contents: [],
        activities: [],
        referrals: [],
        channels: [],
        kpis: [],
        ...extra,
    };
}

export function plan(communities: Community[], extra: Partial<Plan> = {}): Plan {
    return {
        name: 'Test plan',
        start: '2027-01-04',
        horizonWeeks: 26,
        timezone: 'Asia/Shanghai',
        currency: 'CNY',
        markets: [],
        assumptions: {},
        platforms: [],
        audiences: [],
        communities,
        scenarios: [],
        ...extra,
    };
}

/** A series of one community of a forecast, by key. */
export function seriesOf(report: { forecasts: { communities: { series: { key: string }[] }[] }[] }, key: string, scenario = 0, communityIndex = 0) {
    const s = report.forecasts[scenario].communities[communityIndex].series.find((x) => x.key === key);
    if (!s) throw new Error(`no series ${key}`);
    return s as { key: string; p10: (number | null)[]; p50: (number | null)[]; p90: (number | null)[]; mean: (number | null)[] };
}
