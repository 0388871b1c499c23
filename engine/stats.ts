// Summary statistics over Monte Carlo runs: P10/P50/P90 (nearest rank on the sorted runs:
// the value at index round(q·(n − 1))) and the mean.
//
// A forecast summarises every series at every week (some 1,200 series-weeks of 10,000 runs for a
// 52-week plan), so this is a third of `community simulate`'s time when done by plain selection
// (a comparison per element and pass, half of them mispredicted branches). Instead the values are
// first counted into buckets spaced evenly between their minimum and maximum — the bucket of a value
// is a monotone function of it, so every value of a lower bucket is smaller than every value of a
// higher one — and only the few values in the buckets that hold the three ranks are selected among.
// The values at the ranks are the same numbers plain selection finds, so the output is unchanged.

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

/** Below this many values plain selection is as fast as counting into buckets. */
const BUCKETS_FROM = 256;
/** Largest bucket count: the bucket scale must be finite for it (a range of denormals is not). */
const BUCKET_COUNT_SCALE = 65_536;

// Working memory reused across calls (one forecast makes over a thousand summaries of the same
// size); each worker thread has its own module and so its own copy.
let bucketOf = new Uint16Array(0);
let counts = new Int32Array(0);
let gathered = new Float64Array(0);

/**
 * The values of scratch[0..m) at ranks k10 ≤ k50 ≤ k90, by counting into buckets between min and
 * max (finite, min < max). Reorders nothing: scratch is only read.
 */
function bucketRanks(scratch: Float64Array, m: number, min: number, max: number, k10: number, k50: number, k90: number): [number, number, number] {
    // About 8 values a bucket: the counting pass is cheap, the selections inside buckets are short.
    const B = Math.min(BUCKET_COUNT_SCALE, Math.max(16, m >>> 3));
    if (bucketOf.length < m) bucketOf = new Uint16Array(m);
    if (counts.length < B) counts = new Int32Array(B);
    counts.fill(0, 0, B);
    const scale = B / (max - min);
    const last = B - 1;
    for (let i = 0; i < m; i++) {
        // Monotone in the value: (v − min) and the product round monotonically, and truncating a
        // non-negative number is its floor.
        const b = Math.min(((scratch[i] - min) * scale) | 0, last);
        bucketOf[i] = b;
        counts[b]++;
    }
    // The bucket of each rank and the rank's place inside it.
    let b10 = -1;
    let b50 = -1;
    let b90 = -1;
    let below10 = 0;
    let below50 = 0;
    let below90 = 0;
    let seen = 0;
    for (let b = 0; b < B; b++) {
        const next = seen + counts[b];
        if (b10 < 0 && k10 < next) {
            b10 = b;
            below10 = seen;
        }
        if (b50 < 0 && k50 < next) {
            b50 = b;
            below50 = seen;
        }
        if (k90 < next) {
            b90 = b;
            below90 = seen;
            break;
        }
        seen = next;
    }
    // Gather the (at most three) buckets' values, in bucket order, then select within each.
    const start10 = 0;
    const start50 = b50 === b10 ? start10 : start10 + counts[b10];
    const start90 = b90 === b50 ? start50 : start50 + counts[b50];
    const size = start90 + counts[b90];
    if (gathered.length < size) gathered = new Float64Array(Math.max(size, gathered.length * 2));
    let n10 = start10;
    let n50 = start50;
    let n90 = start90;
    for (let i = 0; i < m; i++) {
        const b = bucketOf[i];
        if (b === b10) gathered[n10++] = scratch[i];
        else if (b === b50) gathered[n50++] = scratch[i];
        else if (b === b90) gathered[n90++] = scratch[i];
    }
    const end10 = start10 + counts[b10];
    const end50 = start50 + counts[b50];
    const end90 = start90 + counts[b90];
    const p10 = select(gathered, start10, end10 - 1, start10 + k10 - below10);
    const p50 = select(gathered, start50, end50 - 1, start50 + k50 - below50);
    const p90 = select(gathered, start90, end90 - 1, start90 + k90 - below90);
    return [p10, p50, p90];
}

/**
 * Summarises the first `n` values of `scratch` (NaN values are ignored); `scratch` is reordered.
 * Returns nulls when no value is defined.
 */
export function summarise(scratch: Float64Array, n: number): Summary {
    let m = 0;
    let sum = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < n; i++) {
        const v = scratch[i];
        if (v === v) {
            scratch[m++] = v;
            sum += v;
            if (v < min) min = v;
            if (v > max) max = v;
        }
    }
    if (m === 0) return { p10: null, p50: null, p90: null, mean: null };
    const k50 = quantileRank(0.5, m);
    const k10 = quantileRank(0.1, m);
    const k90 = quantileRank(0.9, m);
    // Every value the same (zero aside: −0 and +0 compare equal, and selection decides which is shown).
    if (min === max && min !== 0) return { p10: min, p50: min, p90: min, mean: sum / m };
    if (m >= BUCKETS_FROM && min < max && Number.isFinite(max - min) && Number.isFinite(BUCKET_COUNT_SCALE / (max - min))) {
        const [p10, p50, p90] = bucketRanks(scratch, m, min, max, k10, k50, k90);
        return { p10, p50, p90, mean: sum / m };
    }
    const p50 = select(scratch, 0, m - 1, k50);
    const p10 = select(scratch, 0, k50, k10);
    const p90 = select(scratch, k50, m - 1, k90);
    return { p10, p50, p90, mean: sum / m };
}
