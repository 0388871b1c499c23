// The `community` command line: check, simulate and compile plans. Exit codes: 0 ok (warnings
// allowed), 1 plan errors, 2 usage or I/O problems. Failures print one line, never a stack trace.
// This is the whole program (every command, help, "did you mean"), bundled to out/cli/all.cjs;
// cli/launch.ts (out/cli/main.cjs) starts it, or a lighter bundle for check, format and simulate.
import type { Command } from 'commander';
import './format-sarif.js';
import './format-github.js';
import { registerCheck } from './commands/check.js';
import { registerSimulate } from './commands/simulate.js';
import { registerCompile } from './commands/compile.js';
import { registerDiff } from './commands/diff.js';
import { registerSolve } from './commands/solve.js';
import { registerFormat } from './commands/format.js';
import { registerCalibrate } from './commands/calibrate.js';
import { createProgramWith, main, runWith, type Registration } from './program.js';

/** Every command, in the order `community --help` lists them. */
export const ALL_COMMANDS: Registration[] = [registerCheck, registerSimulate, registerCompile, registerDiff, registerSolve, registerFormat, registerCalibrate];

export function createProgram(): Command {
    return createProgramWith(ALL_COMMANDS);
}

export function run(argv: string[]): Promise<number> {
    return runWith(ALL_COMMANDS, argv);
}

main(ALL_COMMANDS);
