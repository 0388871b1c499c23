// The week's step of every live cohort, as one function written for the community's tier structure.
//
// Each cohort is a vector of members per tier for every run; a week moves it through the runs' realised
// fractions (stay in the tier, or move along a flow) and, at the ages a retention row reads, records
// the share that did not churn. Done generically this is a few passes over every cohort per tier and
// flow; written out for the actual tiers and flows it is one pass per run over all cohorts with the
// week's fractions held in locals, about three times less work (the simulation's largest fixed cost
// after the draws). The generated source holds only numbers (tier and flow indexes, the block size),
// never text from a plan, and each structure is compiled once per process.
//
// Arithmetic is exactly the generic one: each tier's new count is stay × own count, plus each incoming
// flow in flow order; survival sums the tiers in order, then divides by the cohort's size.

/**
 * Steps live cohorts in place for runs [0, nb). `live` holds four numbers per cohort: its offset in
 * `cohorts` (tier t of run j at offset + t·CB + j), its survival offset (−1 = not recorded this week),
 * its size offset in `sizes`, and 1 if it moves on (0 = at the oldest tracked age: survival only).
 */
export type CohortKernel = (
    cohorts: Float64Array,
    live: Int32Array,
    count: number,
    stay: Float64Array,
    keep: Float64Array,
    frac: Float64Array,
    survival: Float64Array,
    sizes: Float64Array,
    nb: number,
) => void;

/** Compiled steps by structure, most recently used first; a long editor session sees few structures. */
interface Compiled {
    T: number;
    from: Int32Array;
    to: Int32Array;
    B: number;
    CB: number;
    kernel: CohortKernel;
}
const cache: Compiled[] = [];
const CACHE_LIMIT = 32;

function sameStructure(x: Compiled, T: number, from: Int32Array, to: Int32Array, B: number, CB: number): boolean {
    if (x.T !== T || x.B !== B || x.CB !== CB || x.from.length !== from.length) return false;
    for (let f = 0; f < from.length; f++) if (x.from[f] !== from[f] || x.to[f] !== to[f]) return false;
    return true;
}

/**
 * Distance between a cohort's tier rows for B runs: B plus 64 values for a block of hundreds of runs,
 * so the dozens of rows one pass reads side by side do not all fall on the same cache sets (rows
 * exactly 8 KiB apart would); B itself for a small block (the checker's projections run 3), whose
 * rows are a few cache lines and whose padding would be most of what its Block allocates.
 */
export function cohortStride(B: number): number {
    return B >= 128 ? B + 64 : B;
}

/**
 * The kernel for T tiers and flows `from[f] → to[f]`; the week's fractions are [t * B + j] and
 * [f * B + j], the cohorts' tier rows CB apart (see cohortStride).
 */
export function cohortKernel(T: number, from: Int32Array, to: Int32Array, B: number, CB: number): CohortKernel {
    // Found by comparing the structure itself (a string key cost more than the look-up, once per Block).
    for (let i = 0; i < cache.length; i++) {
        const x = cache[i];
        if (!sameStructure(x, T, from, to, B, CB)) continue;
        if (i > 0) {
            cache.splice(i, 1);
            cache.unshift(x);
        }
        return x.kernel;
    }
    const kernel = compileKernel(T, from, to, B, CB);
    cache.unshift({ T, from: from.slice(), to: to.slice(), B, CB, kernel });
    if (cache.length > CACHE_LIMIT) cache.pop();
    return kernel;
}

function compileKernel(T: number, from: Int32Array, to: Int32Array, B: number, CB: number): CohortKernel {
    const int = (x: number) => {
        if (!Number.isSafeInteger(x) || x < 0) throw new Error(`cohort kernel: bad index ${x}`);
        return String(x);
    };
    for (let f = 0; f < from.length; f++)
        if (!(from[f] >= 0 && from[f] < T && to[f] >= 0 && to[f] < T)) throw new Error(`cohort kernel: flow ${f} (${from[f]} → ${to[f]}) outside ${T} tiers`);
    const tiers = Array.from({ length: T }, (_, t) => t);
    const flows = Array.from(from, (_, f) => f);
    const lines: string[] = [];
    lines.push('for (let j = 0; j < nb; j++) {');
    for (const t of tiers) lines.push(`const s${t} = stay[${int(t * B)} + j], k${t} = keep[${int(t * B)} + j];`);
    for (const f of flows) lines.push(`const f${f} = frac[${int(f * B)} + j];`);
    lines.push('for (let c = 0; c < count; c++) {');
    lines.push('const q = 4 * c; const o = live[q] + j; const sv = live[q + 1];');
    for (const t of tiers) lines.push(`const x${t} = cohorts[o + ${int(t * CB)}];`);
    const surv = tiers.map((t) => `x${t} * k${t}`).join(' + ') || '0';
    lines.push(`if (sv >= 0) survival[sv + j] = (${surv}) / sizes[live[q + 2] + j];`);
    lines.push('if (live[q + 3] !== 0) {');
    for (const t of tiers) {
        let expr = `x${t} * s${t}`;
        for (const f of flows) if (to[f] === t) expr += ` + x${int(from[f])} * f${f}`;
        lines.push(`cohorts[o + ${int(t * CB)}] = ${expr};`);
    }
    lines.push('}', '}', '}');
    return new Function('cohorts', 'live', 'count', 'stay', 'keep', 'frac', 'survival', 'sizes', 'nb', lines.join('\n')) as CohortKernel;
}
