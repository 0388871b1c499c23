// What a KPI's numbers mean on every surface (reports, `community simulate`, the preview, the VS Code
// simulate table): the unit its metric is measured in and the traffic light of its probability of
// success. One table each, so a new metric or a new threshold changes every surface at once.
import type { KpiMetric } from '../model.js';

/** "count" (people, posts), "percent" (a fraction shown as %), "money" (plan currency), "ratio" (ROI). */
export type KpiUnit = 'count' | 'percent' | 'money' | 'ratio';

export function kpiUnit(metric: KpiMetric | string): KpiUnit {
    switch (metric) {
        case 'active-rate':
        case 'participation':
        case 'repurchase-rate':
        case 'retention':
        case 'churn':
        case 'conversion':
            return 'percent';
        case 'revenue':
        case 'cost':
            return 'money';
        case 'roi':
            return 'ratio';
        default:
            return 'count';
    }
}

/** Probability of success from which a KPI is on track (green) … */
export const LIKELY = 0.8;
/** … and from which it is at risk (amber) rather than off track (red). */
export const UNCERTAIN = 0.5;

export type Light = 'green' | 'amber' | 'red';

/** Traffic light of a KPI's probability of success: ≥ 80 % green, ≥ 50 % amber, else red. */
export function lightOf(probability: number): Light {
    return probability >= LIKELY ? 'green' : probability >= UNCERTAIN ? 'amber' : 'red';
}

/** The preview's words for the same lights (its CSS classes and l10n keys). */
export type Likelihood = 'likely' | 'uncertain' | 'unlikely';

export function likelihood(probability: number): Likelihood {
    return ({ green: 'likely', amber: 'uncertain', red: 'unlikely' } as const)[lightOf(probability)];
}
