// Summary statistics over Monte Carlo runs: P10/P50/P90 (nearest rank on the sorted runs:
// the value at index round(q·(n − 1))) and the mean, computed in O(n) by selection.

/** Rearranges a[lo..hi] so that a[k] holds the k-th smallest value (Hoare's selection). */
export function select(a: Float64Array, lo: number, hi: number, k: number): number {
    while (hi > lo) {
        const pivot = a[(lo + hi) >>> 1];
        let i = lo;
        let j = hi;
        while (i <= j) {
            while (a[i] < pivot) i++;
            while (a[j] > pivot) j--;
            if (i <= j) {
                const t = a[i];
                a[i] = a[j];
                a[j] = t;
                i++;
                j--;
            }
        }
        if (k <= j) hi = j;
        else if (k >= i) lo = i;
        else break;
    }
    return a[k];
}

export interface Summary {
    p10: number | null;
    p50: number | null;
    p90: number | null;
    mean: number | null;
}

/** Rank of quantile q among n sorted values. */
export function quantileRank(q: number, n: number): number {
    return Math.round(q * (n - 1));
}

/**
 * Summarises the first `n` values of `scratch` (NaN values are ignored); `scratch` is reordered.
 * Returns nulls when no value is defined.
 */
export function summarise(scratch: Float64Array, n: number): Summary {
    let m = 0;
    let sum = 0;
    for (let i = 0; i < n; i++) {
        const v = scratch[i];
        if (v === v) {
            scratch[m++] = v;
            sum += v;
        }
    }
    if (m === 0) return { p10: null, p50: null, p90: null, mean: null };
    const k50 = quantileRank(0.5, m);
    const k10 = quantileRank(0.1, m);
    const k90 = quantileRank(0.9, m);
    const p50 = select(scratch, 0, m - 1, k50);
    const p10 = select(scratch, 0, k50, k10);
    const p90 = select(scratch, k50, m - 1, k90);
    return { p10, p50, p90, mean: sum / m };
}
