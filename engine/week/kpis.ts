// Phase 5 of a week, KPIs: windows accumulate, values are taken at each KPI's deadline.
import { WEEKS_PER } from '../periods.js';
import { S } from '../compile.js';
import type { Block } from './block.js';
import { ratePer, roiOf } from './numbers.js';

/** KPIs: windows accumulate, values are taken at the deadline. */
export function weekKpis(b: Block, w: number): void {
    const {
        c,
        K,
        T,
        F,
        B,
        R,
        nb,
        r0,
        kpiA,
        kpiB,
        entrants,
        joinsW,
        churned,
        startM,
        moved,
        flowFrom,
        flowTo,
        kpiValues,
        membersW,
        activeNow,
        cumCost,
        cumRev,
    } = b;
    for (let k = 0; k < K; k++) {
        const ck = c.kpis[k];
        if (w > ck.week) continue;
        const metric = ck.kpi.metric;
        const kb = k * B;
        if (metric === 'new-members') {
            if (ck.tier >= 0) for (let j = 0; j < nb; j++) kpiA[kb + j] += entrants[ck.tier * B + j];
            else for (let j = 0; j < nb; j++) kpiA[kb + j] += joinsW[j];
        } else if (metric === 'participation' && w > ck.week - c.kpiRateWindow) {
            // The average weekly participation over the KPI window (weeks without members do not count).
            const pos = b.out(S.participation, w);
            for (let j = 0; j < nb; j++) {
                const v = b.series[pos + j];
                if (v === v) {
                    kpiA[kb + j] += v;
                    kpiB[kb + j] += 1;
                }
            }
        } else if ((metric === 'churn' || metric === 'conversion') && w > ck.week - c.kpiRateWindow) {
            if (metric === 'churn') {
                for (let t = 0; t < T; t++) {
                    if (ck.tier >= 0 && t !== ck.tier) continue;
                    for (let j = 0; j < nb; j++) {
                        kpiA[kb + j] += churned[t * B + j];
                        kpiB[kb + j] += startM[t * B + j];
                    }
                }
            } else if (ck.from >= 0 && ck.to >= 0) {
                for (let j = 0; j < nb; j++) kpiB[kb + j] += startM[ck.from * B + j];
                for (let f = 0; f < F; f++) if (flowFrom[f] === ck.from && flowTo[f] === ck.to) for (let j = 0; j < nb; j++) kpiA[kb + j] += moved[f * B + j];
            }
        }
        if (w === ck.week) {
            const dst = k * R + r0;
            for (let j = 0; j < nb; j++)
                kpiValues[dst + j] = kpiValue(b, k, w, j, kpiA[kb + j], kpiB[kb + j], membersW[j], activeNow[j], cumCost[j], cumRev[j]);
        }
    }
}

/**
 * KPI value of run j at its deadline week w, from the stored series and this week's totals (members,
 * active members, cumulative cost and revenue) computed as the derived series are.
 */
function kpiValue(b: Block, k: number, w: number, j: number, a: number, bw: number, members: number, active: number, cumCost: number, cumRev: number): number {
    const c = b.c;
    const ck = c.kpis[k];
    const perWeeks = ck.kpi.targetPer ? WEEKS_PER[ck.kpi.targetPer] : 1;
    switch (ck.kpi.metric) {
        case 'members':
            return ck.tier >= 0 ? b.counts[b.out(c.tierSeries0 + ck.tier, w) + j] : members;
        case 'new-members':
            return a;
        case 'active-rate':
            return members > 0 ? active / members : NaN;
        case 'active-members':
            return active;
        case 'retention':
            return ck.retentionSeries >= c.retentionSeries0 ? b.series[b.out(ck.retentionSeries, w) + j] : NaN;
        case 'churn':
            return bw > 0 ? ratePer(a / bw, perWeeks) : NaN;
        case 'conversion':
            return ck.from >= 0 && ck.to >= 0 && bw > 0 ? ratePer(a / bw, perWeeks) : NaN;
        case 'revenue':
            return cumRev;
        case 'cost':
            return cumCost;
        case 'roi':
            // On contribution margin when the community declares one (marginW = 1 otherwise: gross).
            // ROI's denominator is at least one unit of money, so a plan that costs nothing has a finite ROI.
            return roiOf(cumRev * b.marginW[j], cumCost);
        case 'participation':
            return bw > 0 ? a / bw : NaN;
        case 'repurchase-rate':
            // Of everyone who has bought since the start, the share who bought again (复购率), at the deadline.
            return b.series[b.out(S.repurchaseRate, w) + j];
    }
}
