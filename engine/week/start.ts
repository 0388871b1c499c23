// The start of a block: every distribution sampled once per run, the per-run rates derived from the
// samples, the costs that follow from them alone, and the initial members (seeds) and audience.
import type { Draws as Random } from '../random.js';
import type { Block } from './block.js';
import {
    ACTIVITY_COST,
    BASS_LIMIT,
    clamp01,
    clampTo,
    CONTENT_COST,
    COUNT_LIMIT,
    GROWTH_LIMIT,
    MONEY_LIMIT,
    PAID_COST,
    REFERRAL_COST,
    weekly,
} from './numbers.js';

/** Starts the block of runs [r0, r0 + nb): samples every distribution once per run, derives the per-run rates and sets the initial state. */
export function startBlock(b: Block, rng: Random, r0: number, nb: number): void {
    b.r0 = r0;
    b.nb = nb;
    const { c, B, D, T, F, A, CH, RF, P } = b;
    for (let j = 0; j < nb; j++) for (let i = 0; i < D; i++) P[i * B + j] = rng.sample(c.dists[i], i, j);
    for (const i of b.moneyIdx) for (let j = 0; j < nb; j++) P[i * B + j] = clampTo(P[i * B + j], MONEY_LIMIT);
    for (const i of b.countIdx) for (let j = 0; j < nb; j++) P[i * B + j] = Math.round(clampTo(P[i * B + j], COUNT_LIMIT));

    // ---- per-run rates ----
    for (let t = 0; t < T; t++) {
        const cs = c.tierChurn[t];
        const as = c.tierActive[t];
        const bs = c.tierBuys[t];
        const fs = c.tierFee[t];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            b.churnW[i] = weekly(b.at(cs, j), c.tierChurnWeeksPer[t]);
            b.activeW[i] = weekly(b.at(as, j), c.tierActiveWeeksPer[t]);
            b.buysW[i] = weekly(b.at(bs, j), c.tierBuysWeeksPer[t]);
            const rs = c.tierRepurchase[t];
            b.dRepurchase[i] = rs >= 0 ? weekly(clamp01(P[rs * B + j]), c.tierRepurchaseWeeksPer[t]) - b.buysW[i] : 0;
            b.boughtOnce[i] = 0;
            b.boughtTwice[i] = 0;
            const fee = b.at(fs, j);
            b.feeWeekly[i] = fee * c.tierFeeWeekly[t];
            b.feeOnce[i] = fee * c.tierFeeOnce[t];
        }
    }
    for (let f = 0; f < F; f++) {
        const slot = c.flows[f].rate;
        const wp = c.flows[f].weeksPer;
        for (let j = 0; j < nb; j++) b.flowW[f * B + j] = weekly(P[slot * B + j], wp);
    }
    for (let a = 0; a < A; a++) {
        const act = c.activities[a];
        for (let j = 0; j < nb; j++) {
            b.reach[a * B + j] = clamp01(P[act.reach * B + j]);
            b.runCost[a * B + j] = b.at(act.costPerRun, j) + b.staffHoursPerRun[a] * c.staffHourCost;
            const lr = b.at(act.liftRetention, j);
            const la = b.at(act.liftActivity, j);
            const lp = b.at(act.liftPromotion, j);
            const lb = b.at(act.liftBuys, j);
            for (let t = 0; t < T; t++) {
                const i = (a * T + t) * B + j;
                b.dChurn[i] = 0;
                b.dActive[i] = 0;
                b.dBuys[i] = 0;
                if (!act.tierMask[t]) continue;
                if (lb !== 0) b.dBuys[i] = weekly(clamp01(b.at(c.tierBuys[t], j) + lb), c.tierBuysWeeksPer[t]) - b.buysW[t * B + j];
                if (lr !== 0 && c.tierChurn[t] >= 0)
                    b.dChurn[i] = weekly(Math.max(0, P[c.tierChurn[t] * B + j] - lr), c.tierChurnWeeksPer[t]) - b.churnW[t * B + j];
                if (la !== 0) b.dActive[i] = weekly(clamp01(b.at(c.tierActive[t], j) + la), c.tierActiveWeeksPer[t]) - b.activeW[t * B + j];
            }
            for (let f = 0; f < F; f++) {
                const fl = c.flows[f];
                b.dFlow[(a * F + f) * B + j] =
                    lp !== 0 && !fl.demotion && act.tierMask[fl.from] ? weekly(clamp01(P[fl.rate * B + j] + lp), fl.weeksPer) - b.flowW[f * B + j] : 0;
            }
        }
    }
    for (let k = 0; k < CH; k++) {
        const ch = c.channels[k];
        for (let j = 0; j < nb; j++) {
            b.spend[k * B + j] = b.at(ch.spend, j);
            b.cpj[k * B + j] = b.at(ch.costPerJoin, j);
        }
    }
    for (let k = 0; k < RF; k++) {
        const rf = c.referrals[k];
        for (let j = 0; j < nb; j++) {
            const invitesPerCycle = (clampTo(P[rf.invites * B + j], COUNT_LIMIT) / rf.invitesWeeksPer) * (rf.cycleDays / 7);
            const kf = invitesPerCycle * clamp01(P[rf.conversion * B + j] * rf.conversionScale);
            let g = kf > 0 ? Math.pow(1 + kf, 7 / rf.cycleDays) - 1 : 0;
            if (!(g < GROWTH_LIMIT)) g = GROWTH_LIMIT;
            b.growth[k * B + j] = g;
            b.reward[k * B + j] = b.at(rf.reward, j) * rf.rewardSides;
        }
    }
    for (let k = 0; k < b.PC; k++) {
        const pc = c.publicContents[k];
        for (let j = 0; j < nb; j++) b.pcYield[k * B + j] = clampTo(P[pc.reach * B + j], COUNT_LIMIT) * clamp01(P[pc.joinRate * B + j]);
    }
    b.trace.fill(0);
    for (let j = 0; j < nb; j++) {
        const margin = c.margin >= 0 ? clamp01(P[c.margin * B + j]) : 1;
        b.marginW[j] = margin;
        b.marginByRun[r0 + j] = margin;
        b.baselineW[j] = c.baselineBuys >= 0 ? weekly(P[c.baselineBuys * B + j], c.baselineBuysWeeksPer) : 0;
        b.baselineRevenue[r0 + j] = 0;
        b.orderValue[j] = b.at(c.orderValue, j);
        if (c.organic) {
            b.pW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.p * B + j], Infinity) / c.organic.pWeeksPer);
            b.qW[j] = Math.min(BASS_LIMIT, clampTo(P[c.organic.q * B + j], Infinity) / c.organic.qWeeksPer);
            b.bassE[j] = Math.exp(-(b.pW[j] + b.qW[j]));
        }
    }

    // ---- cost by category that follows from the sampled values alone (referral rewards follow joins) ----
    const byCategory = b.costByCategory;
    for (let j = 0; j < nb; j++) {
        let content = 0;
        for (let k = 0; k < c.contentCost.length; k++) if (c.contentCost[k] >= 0) content += b.postsOverHorizon[k] * P[c.contentCost[k] * B + j];
        let activities = 0;
        for (let a = 0; a < A; a++) activities += b.runsOverHorizon[a] * b.runCost[a * B + j];
        let paid = 0;
        for (let k = 0; k < CH; k++) paid += b.spend[k * B + j] * b.spendOverHorizon[k];
        byCategory[CONTENT_COST * b.R + r0 + j] = content;
        byCategory[ACTIVITY_COST * b.R + r0 + j] = activities;
        byCategory[PAID_COST * b.R + r0 + j] = paid;
        byCategory[REFERRAL_COST * b.R + r0 + j] = 0;
    }

    // ---- initial state ----
    for (let j = 0; j < nb; j++) {
        let seeds = 0;
        for (let t = 0; t < T; t++) {
            let n = b.at(c.tierSeed[t], j);
            if (n > c.tierCapacity[t]) n = Math.max(0, Math.floor(c.tierCapacity[t]));
            b.m[t * B + j] = n;
            seeds += n;
        }
        let size = Infinity;
        if (!b.unbounded) {
            size = 0;
            for (const slot of c.audiences) size += P[slot * B + j];
            if (size < seeds) size = seeds;
        }
        b.M[j] = size;
        b.invSize[j] = size > 0 && size !== Infinity ? 1 / size : 0;
        b.reached[j] = seeds;
        b.cumCost[j] = 0;
        b.cumRev[j] = 0;
        b.everBuyers[j] = 0;
        b.repeatBuyers[j] = 0;
    }
    b.cohorts.fill(0);
    b.cohortSize.fill(0);
    b.survival.fill(NaN);
    b.kpiA.fill(0);
    b.kpiB.fill(0);
}
