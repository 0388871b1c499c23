// Every command of the `community` program, and the check formatters they use (sarif, github),
// without running anything: importing this module has no effect on the process. cli/main.ts runs
// the program with these commands (out/cli/all.cjs); test/helpers/cli-in-process.ts runs the same
// list inside a test process (runWith), so suites that only read a command's output, exit code and
// files need not start a process per command.
import type { Command } from 'commander';
import '../format-sarif.js';
import '../format-github.js';
import { registerCheck } from './check.js';
import { registerSimulate } from './simulate.js';
import { registerCompile } from './compile.js';
import { registerDiff } from './diff.js';
import { registerSolve } from './solve.js';
import { registerFormat } from './format.js';
import { registerCalibrate } from './calibrate.js';
import { createProgramWith, runWith, type Registration } from '../program.js';

/** Every command, in the order `community --help` lists them. */
export const ALL_COMMANDS: Registration[] = [registerCheck, registerSimulate, registerCompile, registerDiff, registerSolve, registerFormat, registerCalibrate];

export function createProgram(): Command {
    return createProgramWith(ALL_COMMANDS);
}

/** Runs the program on `argv` (without node and script) in this process; resolves to the exit code. */
export function run(argv: string[]): Promise<number> {
    return runWith(ALL_COMMANDS, argv);
}
