// The V8 flags a start from the CLI's snapshot runs with (cli/launch.ts passes them to the Node it
// execs). A check of one plan is over in ~100 ms, most of it run once: V8's optimising compilers
// (Maglev, Turbofan) compile functions on background threads that the check ends before it gains
// from, ~30 ms of CPU for one example. So a check or format of small inputs runs with
// `--max-opt=1` (the interpreter and Sparkplug's baseline code, which compiles in microseconds);
// larger inputs, a folder or a glob (any number of plans) keep every tier, where a 500 KB plan
// checks ~20 % faster with them (BENCHMARKS.md, eighth session).
//
// A simulate allocates each week's arrays in every thread: with V8's default young generation
// (semi-spaces that start at 1 MB and grow) the main thread and the pool's workers ran ~130
// scavenges for `--runs 10000` of the 52-week fitness plan, ~700 ms of pauses; semi-spaces of 16 MB
// from the start (`--min-semi-space-size`, which worker threads inherit) leave ~20, ~200 ms, for
// ~50 MB more memory per thread.
//
// Every start from a CLI snapshot also runs with `--no-rehash-snapshot`. By default V8 draws a new
// hash seed at each start and rehashes every hash table and string the blob holds (our heap has
// ~27,000 strings and the dictionaries of the bundle's modules): ~20 ms of CPU of a ~190 ms check
// (BENCHMARKS.md, twelfth session, interleaved A/B). Without it the isolate keeps the seed drawn when
// the blob was built. The seed orders only V8's internal hash tables: Map, Set and object keys
// iterate in insertion order whatever it is, so outputs cannot change (the snapshot tests compare
// each command with the plain bundle byte for byte). What a fixed seed gives up is hash-flooding
// hardening across runs, which matters for a long-lived server fed by strangers, not for a CLI run
// on the user's own plans (the language server's snapshot keeps V8's default).
// Flags change the speed only, never the output.
import { statSync } from 'node:fs';

/** Above this many bytes of plans, a check keeps V8's optimising tiers. */
export const SMALL_INPUT_BYTES = 128 * 1024;

/** The young generation's semi-space size a simulate starts with, in MB (main thread and workers). */
export const SIMULATE_SEMI_SPACE_MB = 16;

/** Whether the arguments of `check`/`format` name only files, together at most SMALL_INPUT_BYTES. */
export function smallInputs(args: string[]): boolean {
    let total = 0;
    for (const arg of args) {
        if (arg.startsWith('-')) continue;
        if (/[*?[\]{}]/.test(arg)) return false; // a glob: any number of plans
        let st;
        try {
            st = statSync(arg);
        } catch {
            continue; // an option's value (`--format json`) or a missing plan (reported by the check)
        }
        if (!st.isFile()) return false; // a folder: any number of plans
        total += st.size;
        if (total > SMALL_INPUT_BYTES) return false;
    }
    return true;
}

/** Keeps the blob's hash seed instead of rehashing its heap at start (see above). */
export const NO_REHASH = '--no-rehash-snapshot';

/** Node flags for a snapshot start of `command` with `args` (after the command). */
export function snapshotFlags(command: string | undefined, args: string[]): string[] {
    if ((command === 'check' || command === 'format') && smallInputs(args)) return [NO_REHASH, '--max-opt=1'];
    if (command === 'simulate') return [NO_REHASH, `--min-semi-space-size=${SIMULATE_SEMI_SPACE_MB}`];
    return [NO_REHASH];
}
