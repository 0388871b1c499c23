// Purchases and repurchase (复购): buyers moving with their members, and the week's purchases split
// between first-time and repeat buyers.
import type { Draws as Random } from '../random.js';
import type { Block } from './block.js';
import { binomialSum, clamp01 } from './numbers.js';

/**
 * Buyers leave with the members who churn and move with the members who change tier, in proportion
 * to their share of the tier at the start of the week (the composition is an expectation, not a draw:
 * a modelling choice that leaves the draws, and so every plan without a repurchase rate, as before).
 */
export function buyersMove(b: Block): void {
    const { T, F, B, nb, startM, churned, moved, flowFrom, flowTo, boughtOnce, boughtTwice, movedOnce, movedTwice } = b;
    // Every tier's leavers are taken at its start-of-week shares before any buyer arrives.
    for (let t = 0; t < T; t++) {
        for (let j = 0; j < nb; j++) {
            const i = t * B + j;
            const n = startM[i];
            if (!(n > 0)) continue;
            let out = churned[i];
            for (let f = 0; f < F; f++) {
                if (flowFrom[f] !== t) continue;
                const x = moved[f * B + j];
                out += x;
                movedOnce[f * B + j] = (boughtOnce[i] * x) / n;
                movedTwice[f * B + j] = (boughtTwice[i] * x) / n;
            }
            const keep = out >= n ? 0 : 1 - out / n;
            boughtOnce[i] *= keep;
            boughtTwice[i] *= keep;
        }
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f] * B;
        const to = flowTo[f] * B;
        for (let j = 0; j < nb; j++) {
            if (!(startM[from + j] > 0)) continue;
            boughtOnce[to + j] += movedOnce[f * B + j];
            boughtTwice[to + j] += movedTwice[f * B + j];
        }
    }
}

/**
 * This week's purchases of run j: one draw over the tiers as before, then split over the tiers and
 * the buyer classes in proportion to their expected purchases. Members who never bought buy at the
 * tier's rate (first purchases), those who did at its repurchase rate (the same rate when the tier
 * declares none, so the draw is exactly the one of a plan without repurchase). The split is an
 * expectation (fractions of people): the count of purchases is random, who made them is not.
 */
export function buyersOfWeek(b: Block, rng: Random, j: number): number {
    const { T, B, m, buysEff, dRepurchase, boughtOnce, boughtTwice, tierFirst, tierAgain } = b;
    let mu = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const n = m[i];
        const pF = clamp01(buysEff[i]);
        const pR = clamp01(buysEff[i] + dRepurchase[i]);
        const old = n > 0 ? Math.min(n, boughtOnce[i] + boughtTwice[i]) : 0;
        const eF = n > 0 ? (n - old) * pF : 0;
        const eR = old * pR;
        tierFirst[t] = eF;
        tierAgain[t] = eR;
        mu += eF + eR;
        // The tier's purchase rate over all its members this week (unchanged without a repurchase rate).
        if (dRepurchase[i] !== 0 && n > 0) buysEff[i] = (eF + eR) / n;
    }
    const events = binomialSum(rng, m, buysEff, T, B, j);
    if (!(mu > 0) || !(events > 0)) return events;
    const scale = events / mu;
    let first = 0;
    let again = 0;
    for (let t = 0; t < T; t++) {
        const i = t * B + j;
        const n = m[i];
        if (!(n > 0)) continue;
        const once = Math.min(boughtOnce[i], n);
        const twice = Math.min(boughtTwice[i], n - once);
        const newBuyers = Math.min(n - once - twice, tierFirst[t] * scale);
        const repeats = tierAgain[t] * scale;
        const secondBuys = once + twice > 0 ? Math.min(once, (repeats * once) / (once + twice)) : 0;
        boughtOnce[i] = once + newBuyers - secondBuys;
        boughtTwice[i] = twice + secondBuys;
        first += newBuyers;
        again += secondBuys;
    }
    b.everBuyers[j] += first;
    b.repeatBuyers[j] += again;
    return events;
}
