// Phase 5 of a week, records: members per tier and churn stored, cohorts moved through the week's
// fractions, retention read from the cohorts.
import { S } from '../compile.js';
import type { Block } from './block.js';

/** 5. Stores members per tier and the week's churn. */
export function weekRecord(b: Block, w: number): void {
    const { T, B, nb, m, churned, counts } = b;
    const churnedPos = b.out(S.churned, w);
    for (let j = 0; j < nb; j++) counts[churnedPos + j] = 0;
    for (let t = 0; t < T; t++) {
        const pos = b.out(b.c.tierSeries0 + t, w);
        for (let j = 0; j < nb; j++) {
            counts[pos + j] = m[t * B + j];
            counts[churnedPos + j] += churned[t * B + j];
        }
    }
}

/** Cohorts: the week's realised fractions applied to every cohort still tracked, then the new cohort. */
export function weekCohorts(b: Block, w: number): void {
    const {
        T,
        F,
        B,
        nb,
        startM,
        churned,
        moved,
        stayFrac,
        keepFrac,
        flowFrac,
        flowFrom,
        live,
        survival,
        cohortSize,
        ageIndex,
        AGE,
        AG1,
        NA,
        joinsTo,
        joinsW,
        CB,
    } = b;
    for (let t = 0; t < T; t++) {
        for (let j = t * B, e = j + nb; j < e; j++) {
            const n = startM[j];
            const keep = n > 0 ? 1 - churned[j] / n : 0;
            stayFrac[j] = keep;
            keepFrac[j] = keep;
        }
    }
    for (let f = 0; f < F; f++) {
        const from = flowFrom[f] * B;
        for (let j = 0; j < nb; j++) {
            const n = startM[from + j];
            const x = n > 0 ? moved[f * B + j] / n : 0;
            flowFrac[f * B + j] = x;
            stayFrac[from + j] -= x;
        }
    }
    // Every live cohort moves through the week's fractions. A cohort at the oldest tracked age is not
    // moved on (nobody reads it again); its survival is still recorded.
    let count = 0;
    for (let co = Math.max(0, w - AGE); co < w; co++) {
        const slot = co % AG1;
        const age = w - co;
        const ai = ageIndex[age];
        if (ai < 0 && age >= AGE) continue;
        live[4 * count] = slot * T * CB;
        live[4 * count + 1] = ai >= 0 ? (slot * NA + ai) * B : -1;
        live[4 * count + 2] = slot * B;
        live[4 * count + 3] = age < AGE ? 1 : 0;
        count++;
    }
    if (count > 0) b.stepCohorts(b.cohorts, live, count, stayFrac, keepFrac, flowFrac, survival, cohortSize, nb);
    // The new cohort (element by element: a subarray per tier and week cost more than the copy).
    const slot = w % AG1;
    const cohorts = b.cohorts;
    for (let t = 0; t < T; t++) {
        const to = (slot * T + t) * CB - t * B;
        for (let j = t * B, e = j + nb; j < e; j++) cohorts[to + j] = joinsTo[j];
    }
    for (let j = 0, to = slot * B; j < B; j++) cohortSize[to + j] = joinsW[j];
    if (NA > 0) {
        for (let i = slot * NA * B, e = (slot + 1) * NA * B; i < e; i++) survival[i] = NaN;
        const a0 = ageIndex[0];
        if (a0 >= 0) for (let j = 0; j < nb; j++) if (joinsW[j] > 0) survival[(slot * NA + a0) * B + j] = 1;
    }
}

/** Retention: row w shows the cohort that joined ceil(D/7) weeks earlier, interpolated between whole weeks. */
export function weekRetention(b: Block, w: number): void {
    const { c, B, nb, NA, AG1, ageIndex, survival, series } = b;
    for (let d = 0; d < c.retentionDays.length; d++) {
        const age = c.retentionDays[d] / 7;
        const lo = Math.floor(age);
        const hi = Math.ceil(age);
        const frac = age - lo;
        const pos = b.out(c.retentionSeries0 + d, w);
        const co = w - hi;
        if (co < 0) {
            for (let j = 0; j < nb; j++) series[pos + j] = NaN;
            continue;
        }
        const slot = co % AG1;
        const sl = (slot * NA + ageIndex[lo]) * B;
        const sh = (slot * NA + ageIndex[hi]) * B;
        for (let j = 0; j < nb; j++) {
            const sLo = survival[sl + j];
            series[pos + j] = sLo + frac * (survival[sh + j] - sLo);
        }
    }
}
