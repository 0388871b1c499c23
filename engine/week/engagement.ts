// Phase 1 of a week, engagement: the week's effective churn, active, purchase and promotion rates per
// tier (content effects, activity lifts for the members taking part, engagement → retention) and the
// week's costs of content and activities.
import { S } from '../compile.js';
import type { Block } from './block.js';
import { ACTIVITY_COST, clamp01 } from './numbers.js';

/**
 * 1. Effective rates of week w and the week's costs of content and activities. Activities act on the
 * share of targeted members taking part (reach, capped by capacity × runs under way); that share
 * lingers after a run, decaying by `activityCarry` a week (a run's trace never adds to a new run,
 * the larger of the two applies). Then engagement → retention: a tier's churn is scaled by
 * (r·a + 1 − a) / (r·a0 + 1 − a0), a0 its own active rate, a the week's effective one, r the
 * active-churn ratio — exactly 1 when nothing lifts activity. Content's promotional-share and
 * fatigue churn come on top.
 */
export function weekRates(b: Block, w: number): void {
    const {
        c,
        T,
        A,
        B,
        H,
        nb,
        churnW,
        activeW,
        buysW,
        churnEff,
        activeEff,
        buysEff,
        flowEff,
        costW,
        P,
        m,
        reach,
        dChurn,
        dActive,
        dBuys,
        dFlow,
        runCost,
        staffHoursPerRun,
        trace,
        participants,
    } = b;
    const F = b.F;
    for (let t = 0; t < T; t++) {
        const ca = c.contentActive[w * T + t];
        const cb = c.contentBuys[w * T + t];
        for (let j = t * B, e = j + nb; j < e; j++) {
            churnEff[j] = churnW[j];
            activeEff[j] = activeW[j] + ca;
            buysEff[j] = buysW[j] + cb;
        }
    }
    // Loops rather than set() and fill(): a block of a few runs (the checker's) pays more for the calls than the stores.
    const flowW = b.flowW;
    for (let i = 0, e = flowW.length; i < e; i++) flowEff[i] = flowW[i];
    for (let j = 0; j < B; j++) costW[j] = 0;
    for (let j = 0; j < nb; j++) participants[j] = 0;
    const NC = c.contentCost.length;
    for (let k = 0; k < NC; k++) {
        const slot = c.contentCost[k];
        const posts = c.contentPosts[k * H + w];
        if (slot < 0 || posts === 0) continue;
        for (let j = 0; j < nb; j++) costW[j] += posts * P[slot * B + j];
    }
    let staffHours = c.contentHours[w];
    const carry = c.activityCarry;
    for (let a = 0; a < A; a++) {
        const act = c.activities[a];
        const runs = act.runs[w];
        if (runs > 0) {
            staffHours += runs * staffHoursPerRun[a];
            for (let j = 0; j < nb; j++) costW[j] += runs * runCost[a * B + j];
        }
        const covered = act.cover[w] > 0;
        const cap = act.capacity * act.runsUnderWay[w];
        // Incentives go to those taking part in the runs that start this week.
        const incentive = runs > 0 && act.incentivePerParticipant > 0 ? (act.incentivePerParticipant * runs) / Math.max(runs, act.runsUnderWay[w]) : 0;
        const tiers = act.tiers;
        for (let j = 0; j < nb; j++) {
            const ai = a * B + j;
            let share = 0;
            if (covered) {
                let eligible = 0;
                for (const t of tiers) eligible += m[t * B + j];
                if (eligible > 0) {
                    let part = reach[ai] * eligible;
                    if (part > cap) part = cap;
                    participants[j] += part;
                    if (incentive > 0) {
                        costW[j] += part * incentive;
                        b.costByCategory[ACTIVITY_COST * b.R + b.r0 + j] += part * incentive;
                    }
                    share = part / eligible;
                }
            }
            const lingering = carry * trace[ai];
            if (lingering > share) share = lingering;
            trace[ai] = share;
            if (share === 0) continue;
            for (const t of tiers) {
                churnEff[t * B + j] += share * dChurn[(a * T + t) * B + j];
                activeEff[t * B + j] += share * dActive[(a * T + t) * B + j];
                buysEff[t * B + j] += share * dBuys[(a * T + t) * B + j];
            }
            for (let f = 0; f < F; f++) flowEff[f * B + j] += share * dFlow[(a * F + f) * B + j];
        }
    }
    b.staffHoursW[w] = staffHours;
    // Participation: those taking part in a run this week over the members at the start of the week.
    const participationPos = b.out(S.participation, w);
    for (let j = 0; j < nb; j++) {
        let members = 0;
        for (let t = 0; t < T; t++) members += m[t * B + j];
        b.series[participationPos + j] = members > 0 ? Math.min(1, participants[j] / members) : NaN;
    }
    const r = c.activeChurnRatio;
    for (let t = 0; t < T; t++) {
        const cc = c.contentChurn[w * T + t];
        for (let j = t * B, e = j + nb; j < e; j++) {
            const a0 = activeW[j];
            const a1 = clamp01(activeEff[j]);
            if (a1 !== a0) {
                const den = r * a0 + 1 - a0;
                if (den > 0) churnEff[j] *= (r * a1 + 1 - a1) / den;
            }
            churnEff[j] += cc;
        }
    }
}
