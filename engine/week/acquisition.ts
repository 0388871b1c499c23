// Phase 4 of a week, acquisition and money: each source's chance of reaching the not-yet-reached pool
// (organic Bass diffusion, paid channels, referrals, public content), the joins drawn from the pool
// and attributed to their sources, then active members, buyers, revenue and the week's cost.
import { S } from '../compile.js';
import type { Draws as Random } from '../random.js';
import type { Block } from './block.js';
import { bassHazard, binomialSum, clamp01, COUNT_LIMIT, REFERRAL_COST } from './numbers.js';
import { buyersOfWeek } from './purchases.js';

/**
 * 4a. Each draw class's chance of reaching a not-yet-reached person this week, class by class over all
 * runs (long loops): Bass organic diffusion, paid channels with diminishing returns as the pool is
 * used up, referral pressure; and the week's paid spend per run.
 */
export function weekHazards(b: Block, w: number): void {
    const {
        c,
        CH,
        RF,
        PC,
        B,
        nb,
        M,
        invSize,
        reached,
        pW,
        qW,
        bassE,
        spend,
        cpj,
        spendFactorW,
        referralPush,
        srcClass,
        NCL,
        unbounded,
        clsStay,
        clsWeight,
        clsMean,
        paid,
        sat,
        srcShare,
    } = b;
    const gamma = c.paidSaturation;
    // Loops rather than fill(): a block of a few runs (the checker's) pays more for the call than the stores.
    for (let k = 0; k < NCL; k++) {
        for (let i = k * B, e = i + nb; i < e; i++) {
            clsStay[i] = 1;
            clsWeight[i] = 0;
            clsMean[i] = 0;
        }
    }
    for (let j = 0; j < nb; j++) paid[j] = 0;
    let si = 0;
    if (c.organic) {
        const kb = srcClass[si++] * B;
        const wom = c.wordOfMouth[w];
        if (!unbounded) {
            for (let j = 0; j < nb; j++) {
                // Shareable content raises imitation q for the week (wom = 1 without content: the plain Bass step).
                const h =
                    wom === 1
                        ? bassHazard(pW[j], qW[j], reached[j] * invSize[j], bassE[j])
                        : bassHazard(pW[j], qW[j] * wom, reached[j] * invSize[j], Math.exp(-(pW[j] + qW[j] * wom)));
                clsStay[kb + j] *= 1 - h;
                clsWeight[kb + j] += h;
                srcShare[j] = h;
            }
        } else for (let j = 0; j < nb; j++) srcShare[j] = 0;
    }
    if (CH + RF + PC === 0) return;
    // Share of the audience not yet reached, and the saturation factor it gives paid channels.
    for (let j = 0; j < nb; j++) {
        const size = M[j];
        const pool = size - reached[j];
        const share = unbounded ? 1 : pool > 0 ? pool / size : 0;
        sat[j] = unbounded || gamma === 0 ? 1 : gamma === 1 ? share : Math.pow(share, gamma);
        sat[B + j] = share;
    }
    for (let k = 0; k < CH; k++) {
        const kb = srcClass[si++] * B;
        const at = si * B - B;
        const factor = spendFactorW[k];
        // The channel's capacity caps the joins its spend buys (the spend is paid as planned).
        const cap = c.channels[k].capacity;
        for (let j = 0; j < nb; j++) {
            const weekSpend = spend[k * B + j] * factor;
            paid[j] += weekSpend;
            const q = cpj[k * B + j];
            let mean = q > 0 ? weekSpend / q : 0;
            if (!(mean < COUNT_LIMIT)) mean = COUNT_LIMIT;
            mean *= sat[j];
            if (mean > cap) mean = cap;
            addPull(b, kb, at, j, mean);
        }
    }
    for (let k = 0; k < RF; k++) {
        const kb = srcClass[si++] * B;
        const at = si * B - B;
        for (let j = 0; j < nb; j++) {
            addPull(b, kb, at, j, Math.min(COUNT_LIMIT, referralPush[k * B + j] * sat[B + j]));
        }
    }
    // Public content: posts × views per post × join rate, from the part of the audience not yet reached.
    for (let k = 0; k < PC; k++) {
        const kb = srcClass[si++] * B;
        const at = si * B - B;
        const posts = c.publicContents[k].posts[w];
        for (let j = 0; j < nb; j++) {
            addPull(b, kb, at, j, posts > 0 ? Math.min(COUNT_LIMIT, posts * b.pcYield[k * B + j] * sat[B + j]) : 0);
        }
    }
}

/**
 * One source's expected joins of run j this week (`mean`, people) added to its draw class (`kb`, the
 * class's offset): its weekly hazard on the part of the audience not yet reached, and its share of
 * the class's pull for attribution (`at`, the source's offset in srcShare). Channels, referrals and
 * public content all add their pull this way; the organic Bass step adds a hazard directly.
 */
function addPull(b: Block, kb: number, at: number, j: number, mean: number): void {
    const pool = b.M[j] - b.reached[j];
    const h = pool > 0 ? Math.min(1, mean / pool) : 0;
    b.clsMean[kb + j] += mean;
    b.clsStay[kb + j] *= 1 - h;
    b.clsWeight[kb + j] += h;
    b.srcShare[at + j] = b.unbounded ? mean : h;
}

/**
 * 4b. Joins from the not-yet-reached pool (one binomial over the pool, split among the draw classes),
 * capped by the receiving tiers' room; then active members, buyers and the week's money.
 */
export function weekJoins(b: Block, rng: Random, w: number): void {
    const {
        H,
        R,
        T,
        B,
        nb,
        r0,
        M,
        reached,
        classInto,
        classReferral,
        clsStay,
        clsWeight,
        clsMean,
        clsJoins,
        paid,
        room,
        m,
        joinsTo,
        entrants,
        reward,
        joinsW,
        feeWeekly,
        feeOnce,
        activeEff,
        orderValue,
        costW,
        cumCost,
        cumRev,
        membersW,
        activeNow,
        counts,
        series,
    } = b;
    const { srcShare, classStart, srcOfClass, joinsBySource, joinsBySourceWeekly, baselineW, baselineRevenue } = b;
    const { SRC, NCL, unbounded, hasCapacity } = b;
    const costPos = b.out(S.cost, w);
    const revPos = b.out(S.revenue, w);
    const repurchasePos = b.out(S.repurchaseRate, w);
    const newPos = b.out(S.newMembers, w);
    const activePos = b.out(S.activeMembers, w);
    const byCategory = b.costByCategory;
    const referralAt = REFERRAL_COST * b.R + b.r0;
    for (let j = 0; j < nb; j++) {
        const pool = M[j] - reached[j];
        let referralCost = 0;
        let joins = 0;
        if (SRC > 0) {
            if (unbounded) {
                for (let k = 0; k < NCL; k++) clsJoins[k] = rng.poisson(clsMean[k * B + j]);
            } else if (pool > 0) {
                let stay = 1;
                let sumW = 0;
                for (let k = 0; k < NCL; k++) {
                    stay *= clsStay[k * B + j];
                    sumW += clsWeight[k * B + j];
                }
                let left = rng.binomial(pool, 1 - stay);
                for (let k = 0; k < NCL; k++) {
                    const weight = clsWeight[k * B + j];
                    const x = k === NCL - 1 || sumW <= 0 ? left : rng.binomial(left, weight / sumW);
                    clsJoins[k] = x;
                    left -= x;
                    sumW -= weight;
                }
            } else for (let k = 0; k < NCL; k++) clsJoins[k] = 0;
            // Capacity of the receiving tiers: people who cannot get in stay in the pool.
            for (let k = 0; k < NCL; k++) {
                const ti = classInto[k] * B + j;
                let x = clsJoins[k];
                if (hasCapacity && x > room[ti]) x = Math.max(0, Math.floor(room[ti]));
                if (hasCapacity) room[ti] -= x;
                joins += x;
                m[ti] += x;
                joinsTo[ti] += x;
                entrants[ti] += x;
                if (classReferral[k] >= 0) referralCost += x * reward[classReferral[k] * B + j];
                // Attribution: a class's joins go to its sources in proportion to their part of its pull this week.
                if (x > 0) {
                    const s0 = classStart[k];
                    const s1 = classStart[k + 1];
                    if (s1 - s0 === 1) {
                        const src = srcOfClass[s0];
                        joinsBySource[src * R + r0 + j] += x;
                        joinsBySourceWeekly[src * H + w] += x;
                    } else {
                        const total = unbounded ? clsMean[k * B + j] : clsWeight[k * B + j];
                        for (let q = s0; q < s1; q++) {
                            const src = srcOfClass[q];
                            const part = total > 0 ? (x * srcShare[src * B + j]) / total : x / (s1 - s0);
                            joinsBySource[src * R + r0 + j] += part;
                            joinsBySourceWeekly[src * H + w] += part;
                        }
                    }
                }
            }
        }
        reached[j] += joins;
        joinsW[j] = joins;

        // ---- active members, buyers, money ----
        let members = 0;
        let revenue = 0;
        for (let t = 0; t < T; t++) {
            const i = t * B + j;
            members += m[i];
            activeEff[i] = clamp01(activeEff[i]);
            revenue += m[i] * feeWeekly[i] + entrants[i] * feeOnce[i];
        }
        const active = binomialSum(rng, m, activeEff, T, B, j);
        if (orderValue[j] > 0) {
            revenue += (b.c.tracksRepurchase ? buyersOfWeek(b, rng, j) : binomialSum(rng, m, b.buysEff, T, B, j)) * orderValue[j];
            // What the same members would have bought anyway (expected; no draw): the baseline of incremental revenue.
            baselineRevenue[r0 + j] += members * baselineW[j] * orderValue[j];
        }
        const cost = costW[j] + paid[j] + referralCost;
        if (referralCost > 0) byCategory[referralAt + j] += referralCost;
        cumCost[j] += cost;
        cumRev[j] += revenue;
        membersW[j] = members;
        activeNow[j] = active;
        counts[newPos + j] = joins;
        counts[activePos + j] = active;
        series[costPos + j] = cost;
        series[revPos + j] = revenue;
        series[repurchasePos + j] = b.everBuyers[j] > 0 ? b.repeatBuyers[j] / b.everBuyers[j] : NaN;
    }
}
