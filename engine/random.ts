// The one seeded random source of the forecast. Every draw of a simulation comes from a
// xoroshiro128+ generator (pure-rand), so one seed gives byte-identical results.
//
// Streams: a forecast's runs are cut into blocks of RUN_BLOCK runs, and block k of stream s (one
// stream per community) draws from its own generator, `Random.forBlock(seed, s, k)`: the 128-bit
// state of stream s is hashed from (seed, s) — never xoroshiro128+'s own seeding, whose state for
// nearby small seeds differs in a few bits and gives correlated first draws — and block k is that
// state jumped k × 2^64 steps ahead, so blocks never overlap. A block's draws depend only on the
// seed, the stream and the block index: any number of threads gives the same bytes.
//
// Draws:
// - uniform(): one 32-bit output mapped to the open interval (0, 1). 2^-32 resolution is plenty for
//   Monte Carlo and costs a single generator step.
// - sample(dist): a model `Dist` — fixed, uniform(min, max) or triangular(min, mode, max) by inversion.
// - binomial(n, p): exact inversion (sequential search of the CDF from (1-p)^n, computed by repeated
//   squaring) while min(np, n(1-p)) < 12,
//   otherwise the normal approximation N(np, np(1-p)) with continuity correction, clamped to [0, n].
// - poisson(mean): exact inversion below mean 12, normal approximation above.
// - normal(): standard normal by an interpolated inverse-CDF table (one 32-bit output per draw).
import { xoroshiro128plus, xoroshiro128plusFromState } from 'pure-rand/generator/xoroshiro128plus';
import type { JumpableRandomGenerator } from 'pure-rand/types/JumpableRandomGenerator';
import type { Dist } from './model.js';

/** Below this expected count (of the rarer outcome) binomial and Poisson draws are exact. */
export const EXACT_DRAW_LIMIT = 12;

const TWO_POW_32_INV = 1 / 4294967296;

// Coefficients of Acklam's approximation (central region a/b, tails c/d), kept out of the function so a
// call allocates nothing.
const QA = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239] as const;
const QB = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1] as const;
const QC = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783] as const;
const QD = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416] as const;

/** Acklam's rational approximation of the standard normal quantile (relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
    const a = QA;
    const b = QB;
    const c = QC;
    const d = QD;
    const low = 0.02425;
    if (p <= 0) return -Infinity;
    if (p >= 1) return Infinity;
    if (p < low) {
        const q = Math.sqrt(-2 * Math.log(p));
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p > 1 - low) {
        const q = Math.sqrt(-2 * Math.log(1 - p));
        return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    const q = p - 0.5;
    const r = q * q;
    return ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}

// Inverse-CDF table for fast normal draws: linear interpolation between 1024 knots, indexed straight
// from the top 10 bits of one 32-bit output (the low 22 bits interpolate); the outer 8/1024 on each
// side, where the quantile curves too fast to interpolate, use the exact quantile. Knot values and the
// steps to the next knot are interleaved (16 KiB) so a draw reads one cache line and the table stays
// in L1 beside the simulation's arrays. Interpolation error: below 6e-4 standard deviations.
const TABLE_BITS = 10;
const TABLE_SIZE = 1 << TABLE_BITS;
const TABLE_TAIL = 8;
const FRACTION_BITS = 32 - TABLE_BITS;
const FRACTION_MASK = (1 << FRACTION_BITS) - 1;
const FRACTION_SCALE = 1 / 2 ** FRACTION_BITS;
const NORMAL_TABLE = new Float64Array(2 * TABLE_SIZE);
for (let i = TABLE_TAIL; i < TABLE_SIZE - TABLE_TAIL; i++) {
    const here = normalQuantile(i / TABLE_SIZE);
    NORMAL_TABLE[2 * i] = here;
    NORMAL_TABLE[2 * i + 1] = normalQuantile((i + 1) / TABLE_SIZE) - here;
}

/**
 * What the weekly step draws from. `Random` is the Monte Carlo source; `ExpectedDraws`
 * (engine/expected-draws.ts) answers every draw with its expectation, which turns the same weekly
 * step into the deterministic mean-field projection the checker reads. `slot` is the index of the
 * distribution in the compiled community's table (a Monte Carlo draw ignores it).
 */
export interface Draws {
    /** A draw of distribution `slot` of the compiled table for run `run` of the block (Monte Carlo draws ignore the run). */
    sample(dist: Dist, slot: number, run: number): number;
    binomial(n: number, p: number): number;
    poisson(mean: number): number;
    normal(): number;
}

export class Random implements Draws {
    private readonly rng: JumpableRandomGenerator;

    private constructor(rng: JumpableRandomGenerator) {
        this.rng = rng;
    }

    /** A generator for `seed` (any finite number; its low 32 bits are used). */
    static fromSeed(seed: number): Random {
        return new Random(xoroshiro128plus(seed | 0));
    }

    /** The generator of block `block` of stream `stream` (see the file comment). */
    static forBlock(seed: number, stream: number, block: number): Random {
        return new BlockStreams(seed, stream).block(block);
    }

    /** A generator from a full 128-bit state (four 32-bit words, not all zero). */
    static fromState(words: readonly number[]): Random {
        return new Random(xoroshiro128plusFromState(words));
    }

    /** An independent stream: a copy of this generator moved 2^64 steps ahead `streams` times. */
    fork(streams = 1): Random {
        const copy = this.rng.clone();
        for (let i = 0; i < streams; i++) copy.jump();
        return new Random(copy);
    }

    /** Uniform on the open interval (0, 1). */
    uniform(): number {
        return (this.rng.next() + 2147483648.5) * TWO_POW_32_INV;
    }

    /** Standard normal. */
    normal(): number {
        const bits = this.rng.next() >>> 0;
        const i = bits >>> FRACTION_BITS;
        if (i < TABLE_TAIL || i >= TABLE_SIZE - TABLE_TAIL) return normalQuantile((bits + 0.5) * TWO_POW_32_INV);
        return NORMAL_TABLE[2 * i] + (bits & FRACTION_MASK) * FRACTION_SCALE * NORMAL_TABLE[2 * i + 1];
    }

    /** One draw of a model distribution. */
    sample(dist: Dist, _slot?: number): number {
        switch (dist.kind) {
            case 'fixed':
                return dist.value;
            case 'uniform':
                return dist.min + (dist.max - dist.min) * this.uniform();
            case 'triangular':
                return triangularQuantile(dist.min, dist.mode, dist.max, this.uniform());
        }
    }

    /** Number of successes among `n` trials of probability `p` (n is floored to an integer). */
    binomial(n: number, p: number): number {
        n = Math.floor(n);
        if (n <= 0 || !(p > 0)) return 0;
        if (p >= 1) return n;
        const flip = p > 0.5;
        const pp = flip ? 1 - p : p;
        const mean = n * pp;
        let k: number;
        if (mean < EXACT_DRAW_LIMIT) k = this.binomialInversion(n, pp);
        else {
            k = Math.round(mean + Math.sqrt(mean * (1 - pp)) * this.normal());
            if (k < 0) k = 0;
            else if (k > n) k = n;
        }
        return flip ? n - k : k;
    }

    /** Exact binomial draw by inversion for a small mean: walk the CDF from 0 using the pmf recurrence. */
    private binomialInversion(n: number, p: number): number {
        const q = 1 - p;
        const ratio = p / q;
        let pmf = powInt(q, n);
        let u = this.uniform();
        let k = 0;
        while (u > pmf) {
            u -= pmf;
            k++;
            if (k > n) return n;
            pmf *= (ratio * (n - k + 1)) / k;
            if (pmf <= 0) break;
        }
        return k;
    }

    /** A Poisson count with the given mean. */
    poisson(mean: number): number {
        if (!(mean > 0)) return 0;
        if (mean < EXACT_DRAW_LIMIT) {
            let pmf = Math.exp(-mean);
            let u = this.uniform();
            let k = 0;
            while (u > pmf && pmf > 0) {
                u -= pmf;
                k++;
                pmf *= mean / k;
            }
            return k;
        }
        const k = Math.round(mean + Math.sqrt(mean) * this.normal());
        return k < 0 ? 0 : k;
    }
}

/** A 32-bit integer hash (Chris Wellons' "lowbias32"): a bijection that spreads nearby inputs over every bit. */
export function hash32(value: number): number {
    let x = value >>> 0;
    x ^= x >>> 16;
    x = Math.imul(x, 0x7feb352d) >>> 0;
    x ^= x >>> 15;
    x = Math.imul(x, 0x846ca68b) >>> 0;
    x ^= x >>> 16;
    return x | 0;
}

/**
 * The blocks of one stream. The stream's start state is four hashed words of (seed, stream); block k
 * is that state jumped k times (2^64 steps each). Asking for blocks in increasing order jumps only
 * the difference.
 */
export class BlockStreams {
    private readonly start: readonly number[];
    private at = 0;
    private state: Random;

    constructor(seed: number, stream: number) {
        const base = hash32(hash32(seed | 0) ^ Math.imul(stream + 1, 0x9e3779b9));
        const words = [0, 1, 2, 3].map((i) => hash32(base + Math.imul(i + 1, 0x632be5ab)));
        if (words.every((w): boolean => w === 0)) words[0] = 1;
        this.start = words;
        this.state = Random.fromState(words);
    }

    /** A fresh generator for block `k` (k ≥ 0). */
    block(k: number): Random {
        if (k < this.at) {
            this.state = Random.fromState(this.start);
            this.at = 0;
        }
        while (this.at < k) {
            this.state = this.state.fork(1);
            this.at++;
        }
        return this.state.fork(0);
    }
}

/** x^n for a whole n ≥ 0 by repeated squaring (Math.pow is several times slower; the error is a few ulps). */
export function powInt(x: number, n: number): number {
    if (n > 0x7fffffff) return Math.pow(x, n);
    let result = 1;
    let base = x;
    let e = n | 0;
    while (e > 0) {
        if (e & 1) result *= base;
        base *= base;
        e >>>= 1;
    }
    return result;
}

/** Quantile of triangular(min, mode, max) at u ∈ [0, 1]. */
export function triangularQuantile(min: number, mode: number, max: number, u: number): number {
    const width = max - min;
    if (!(width > 0)) return mode;
    const cut = (mode - min) / width;
    return u < cut ? min + Math.sqrt(u * width * (mode - min)) : max - Math.sqrt((1 - u) * width * (max - mode));
}

/** The centre of a distribution: the fixed value, the mode of a triangular, the middle of a uniform. */
export function distCentre(dist: Dist): number {
    switch (dist.kind) {
        case 'fixed':
            return dist.value;
        case 'uniform':
            return (dist.min + dist.max) / 2;
        case 'triangular':
            return dist.mode;
    }
}

/** Expected value of a distribution. */
export function distMean(dist: Dist): number {
    switch (dist.kind) {
        case 'fixed':
            return dist.value;
        case 'uniform':
            return (dist.min + dist.max) / 2;
        case 'triangular':
            return (dist.min + dist.mode + dist.max) / 3;
    }
}

/** True when a distribution has any spread. */
export function isUncertain(dist: Dist): boolean {
    return dist.kind === 'uniform' ? dist.max > dist.min : dist.kind === 'triangular' ? dist.max > dist.min : false;
}

/** Every value of a distribution multiplied by `factor` (for sensitivity and scaling). */
export function scaleDist(dist: Dist, factor: number): Dist {
    switch (dist.kind) {
        case 'fixed':
            return { kind: 'fixed', value: dist.value * factor };
        case 'uniform':
            return { kind: 'uniform', min: dist.min * factor, max: dist.max * factor };
        case 'triangular':
            return { kind: 'triangular', min: dist.min * factor, mode: dist.mode * factor, max: dist.max * factor };
    }
}

/** The value of a distribution at quantile q ∈ [0, 1]. */
export function distQuantile(dist: Dist, q: number): number {
    switch (dist.kind) {
        case 'fixed':
            return dist.value;
        case 'uniform':
            return dist.min + q * (dist.max - dist.min);
        case 'triangular':
            return triangularQuantile(dist.min, dist.mode, dist.max, q);
    }
}
