// Phases 2 and 3 of a week, churn and tier moves: outflows per tier by sequential binomials, the
// tiers' capacity, then churn and moves applied and the week's referral pressure set.
import { S } from '../compile.js';
import type { Draws as Random } from '../random.js';
import type { Block } from './block.js';
import { clamp01 } from './numbers.js';
import { buyersMove } from './purchases.js';

/** 2. Outflows per tier: churn, then each flow out of the tier, by sequential binomials. */
export function weekOutflows(b: Block, rng: Random): void {
    const { T, B, nb, m, startM, churnEff, flowEff, churned, moved, outStart, outList } = b;
    for (let t = 0; t < T; t++) {
        const o0 = outStart[t];
        const o1 = outStart[t + 1];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            const n = m[i];
            startM[i] = n;
            const pc = clamp01(churnEff[i]);
            let total = pc;
            for (let o = o0; o < o1; o++) {
                const fi = outList[o] * B + j;
                const pf = clamp01(flowEff[fi]);
                flowEff[fi] = pf;
                total += pf;
            }
            const scale = total > 1 ? 1 / total : 1;
            const k = rng.binomial(n, pc * scale);
            churned[i] = k;
            let rem = n - k;
            let remP = 1 - pc * scale;
            for (let o = o0; o < o1; o++) {
                const fi = outList[o] * B + j;
                const pf = flowEff[fi] * scale;
                const x = remP > 1e-12 ? rng.binomial(rem, pf / remP) : 0;
                moved[fi] = x;
                rem -= x;
                remP -= pf;
            }
        }
    }
}

/**
 * Capacity: room left in each tier after its own outflows; promotions into a full tier stay put. The
 * members who stay because their destination is full still take room in the tier they stay in, so
 * a tier pushed over its capacity by them lets fewer in from the tiers below (repeated until no tier
 * is over: every pass only lowers moves, and a tier with no inflows holds at most its start).
 */
export function weekCapacity(b: Block): void {
    const { c, T, F, B, nb, m, churned, moved, room, outStart, outList, flowTo, flowFrom } = b;
    for (let t = 0; t < T; t++) {
        const cap = c.tierCapacity[t];
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            let left = m[i] - churned[i];
            for (let o = outStart[t]; o < outStart[t + 1]; o++) left -= moved[outList[o] * B + j];
            room[i] = cap - left;
        }
    }
    for (let f = 0; f < F; f++) {
        const to = flowTo[f];
        const from = flowFrom[f];
        for (let j = 0; j < nb; j++) {
            const fi = f * B + j;
            const ti = to * B + j;
            const drawn = moved[fi];
            if (drawn > room[ti]) moved[fi] = Math.max(0, Math.floor(room[ti]));
            room[ti] -= moved[fi];
            room[from * B + j] -= drawn - moved[fi];
        }
    }
    for (let j = 0; j < nb; j++) {
        // Every pass only lowers moves, so this ends; a deficit bouncing between two capped tiers
        // (a promotion one way, a demotion back) can take many passes, hence the generous bound and,
        // past it, inflows into a tier still over are cut whole.
        for (let pass = 0; pass <= 64 * (F + 1); pass++) {
            let changed = false;
            for (let f = 0; f < F; f++) {
                const ti = flowTo[f] * B + j;
                const fi = f * B + j;
                if (!(room[ti] < 0) || !(moved[fi] > 0)) continue;
                const cut = pass < 64 * F ? Math.min(moved[fi], -room[ti]) : moved[fi];
                moved[fi] -= cut;
                room[ti] += cut;
                room[flowFrom[f] * B + j] -= cut;
                changed = true;
            }
            if (!changed) break;
        }
    }
}

/** 3. Applies churn and tier moves (counting promotions and demotions) and sets the week's referral pressure. */
export function weekMoves(b: Block, w: number): void {
    const { c, T, F, RF, B, nb, m, churned, joinsTo, entrants, moved, counts, flowFrom, flowTo, flowDemotion, referralPush, startM, growth } = b;
    if (c.tracksRepurchase && c.orderValue >= 0) buyersMove(b);
    for (let t = 0; t < T; t++) {
        for (let j = t * B, e = j + nb; j < e; j++) {
            m[j] -= churned[j];
            joinsTo[j] = 0;
            entrants[j] = 0;
        }
    }
    const promotionsPos = b.out(S.promotions, w);
    const demotionsPos = b.out(S.demotions, w);
    for (let j = 0; j < nb; j++) {
        counts[promotionsPos + j] = 0;
        counts[demotionsPos + j] = 0;
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f];
        const to = flowTo[f];
        const demotion = flowDemotion[f] === 1;
        const pos = demotion ? demotionsPos : promotionsPos;
        for (let j = 0; j < nb; j++) {
            const x = moved[f * B + j];
            m[from * B + j] -= x;
            m[to * B + j] += x;
            counts[pos + j] += x;
            if (!demotion) entrants[to * B + j] += x;
        }
    }
    // Per week: channel spend factors, and referral joins at an empty pool (inviters × g × window).
    for (let k = 0; k < b.CH; k++) b.spendFactorW[k] = c.channels[k].spendFactor[w];
    for (let k = 0; k < RF; k++) {
        const rf = c.referrals[k];
        const kb = k * B;
        for (let j = 0; j < nb; j++) referralPush[kb + j] = 0;
        for (let t = 0; t < T; t++) {
            if (!rf.tierMask[t]) continue;
            for (let j = 0; j < nb; j++) referralPush[kb + j] += startM[t * B + j];
        }
        // Shareable content of the week makes members invite more (word of mouth; 1 without content).
        const win = rf.window[w] * c.wordOfMouth[w];
        for (let j = 0; j < nb; j++) referralPush[kb + j] *= growth[kb + j] * win;
    }
}
