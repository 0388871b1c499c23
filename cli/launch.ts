// out/cli/main.cjs, what `community` runs: picks the bundle a command needs before any of it loads.
// `community check …` and `format` load out/cli/check.cjs (the language and checks, ~⅓ of the
// code), `simulate` out/cli/simulate.cjs, everything else (compile, diff, solve, calibrate, help,
// unknown commands) the whole program, out/cli/all.cjs (cli/bundles.ts). `--version` answers here.
// Each bundle registers the same command definitions, so a command's output, help and errors are
// the same whichever bundle runs it (test/cli/launch.test.ts).
//
// `check` and `format` start faster from the CLI's V8 startup snapshot (out/snapshot/cli.blob,
// cli/entries/check-snapshot.ts: the check bundle evaluated, its parser built), `simulate` from its
// own (out/snapshot/simulate.blob, cli/entries/simulate-snapshot.ts), when the build made
// one with this very Node (runtime/startup-snapshot.ts): this process replaces itself with
// `node --snapshot-blob out/snapshot/cli.blob <this script> …arguments` (process.execve, Node 22.15+,
// not on Windows), which costs a second Node start and saves the bundle's evaluation and Chevrotain's
// grammar analysis. A check of small plans runs there with V8's optimising tiers off
// (cli/snapshot-flags.ts: they compile on background threads for a check that is over first). Anything else — no blob, another Node, a stale blob, Node flags given to this
// process, COMMUNITY_SNAPSHOT=off — runs the plain bundle, with the same output.
//
// Node's module compile cache (Node 22.1+) keeps V8's compiled code of the bundles between runs,
// in the OS temp folder (NODE_COMPILE_CACHE chooses another; NODE_DISABLE_COMPILE_CACHE=1 turns
// it off). It only skips recompiling the same source: outputs cannot change.
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { usableSnapshot } from '../runtime/startup-snapshot.js';
import { bundleFor } from './bundles.js';
import { snapshotFlags } from './snapshot-flags.js';

declare const __VERSION__: string | undefined;

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

/** Replaces this process with one started from the CLI's snapshot, when that is possible. */
function startFromSnapshot(args: string[], name: 'cli.blob' | 'simulate.blob'): void {
    const execve = (process as { execve?: Execve }).execve;
    // Flags given to this Node (--inspect, --cpu-prof…) are for the plain bundle: a snapshot start would drop or misread them.
    if (typeof execve !== 'function' || process.execArgv.length > 0) return;
    const blob = usableSnapshot(fileURLToPath(new URL(`../snapshot/${name}`, import.meta.url)));
    if (!blob) return;
    try {
        const flags = snapshotFlags(args[0], args.slice(1));
        execve(process.execPath, [process.execPath, '--snapshot-blob', blob, ...flags, process.argv[1], ...args], process.env);
    } catch {
        // The exec was refused (resource limits, a sandbox): run the plain bundle below.
    }
}

const args = process.argv.slice(2);
if (args[0] === '--version' || args[0] === '-V') {
    // What commander prints for the program's .version(): the version and a newline, exit 0.
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0'}\n`);
} else {
    const bundle = bundleFor(args[0]);
    if (bundle === './check.cjs') startFromSnapshot(args, 'cli.blob');
    else if (bundle === './simulate.cjs') startFromSnapshot(args, 'simulate.blob');
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    nodeModule.createRequire(import.meta.url)(bundle);
}
