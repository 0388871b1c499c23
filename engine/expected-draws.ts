// The mean-field reading of the weekly step: every draw answers with its expectation, so running the
// Monte Carlo code (simulate-week.ts) with one run and these draws gives the deterministic expected
// trajectory of the same model — the projection the checker reads (engine/projection.ts). Counts are
// fractional here (a binomial of 10.5 people at 0.1 is 1.05): it is an expectation, not a draw.
import type { Draws } from './random.js';
import type { Dist } from './model.js';

export class ExpectedDraws implements Draws {
    private readonly cases: readonly Float64Array[];

    /**
     * `values[slot]` is the value each distribution of the compiled table takes (a case's choice), in
     * every run; or one such table per run of a block (run j takes `values[j]`), so several cases of
     * the checker's projection run side by side in one block (engine/projection.ts).
     */
    constructor(values: Float64Array | readonly Float64Array[]) {
        this.cases = values instanceof Float64Array ? [values] : values;
    }

    sample(_dist: Dist, slot: number, run: number): number {
        return (this.cases.length === 1 ? this.cases[0] : this.cases[run])[slot];
    }

    binomial(n: number, p: number): number {
        if (!(n > 0) || !(p > 0)) return 0;
        return p >= 1 ? n : n * p;
    }

    poisson(mean: number): number {
        return mean > 0 ? mean : 0;
    }

    normal(): number {
        return 0;
    }
}
