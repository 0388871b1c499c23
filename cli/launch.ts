// out/cli/main.cjs, what `community` runs: picks the bundle a command needs before any of it loads.
// `community check …` and `format` load out/cli/check.cjs (the language and checks, ~⅓ of the
// code), `simulate` out/cli/simulate.cjs, everything else (compile, diff, solve, calibrate, help,
// unknown commands) the whole program, out/cli/all.cjs. `--version` answers here. Each bundle
// registers the same command definitions, so a command's output, help and errors are the same
// whichever bundle runs it (test/cli/launch.test.ts).
//
// Node's module compile cache (Node 22.1+) keeps V8's compiled code of the bundles between runs,
// in the OS temp folder (NODE_COMPILE_CACHE chooses another; NODE_DISABLE_COMPILE_CACHE=1 turns
// it off). It only skips recompiling the same source: outputs cannot change.
import * as nodeModule from 'node:module';

declare const __VERSION__: string | undefined;

/** The bundle that has `command` (the first argument), relative to this file. */
function bundleFor(command: string | undefined): string {
    switch (command) {
        case 'check':
        case 'format':
            return './check.cjs';
        case 'simulate':
            return './simulate.cjs';
        default:
            return './all.cjs';
    }
}

const args = process.argv.slice(2);
if (args[0] === '--version' || args[0] === '-V') {
    // What commander prints for the program's .version(): the version and a newline, exit 0.
    process.stdout.write(`${typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0'}\n`);
} else {
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    nodeModule.createRequire(import.meta.url)(bundleFor(args[0]));
}
