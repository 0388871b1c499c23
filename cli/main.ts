// The `community` command line: check, simulate and compile plans. Exit codes: 0 ok (warnings
// allowed), 1 plan errors, 2 usage or I/O problems. Failures print one line, never a stack trace.
import { Command, CommanderError } from 'commander';
import './format-sarif.js';
import './format-github.js';
import { registerCheck } from './commands/check.js';
import { registerSimulate } from './commands/simulate.js';
import { registerCompile } from './commands/compile.js';
import { registerDiff } from './commands/diff.js';
import { registerSolve } from './commands/solve.js';
import { registerFormat } from './commands/format.js';
import { registerCalibrate } from './commands/calibrate.js';
import { exitCodeOf } from './errors.js';
import { oneLine } from './report.js';

declare const __VERSION__: string | undefined;

export function createProgram(): Command {
    const program = new Command('community')
        .description('Plans as code for community strategists: check, simulate and compile .community plans.')
        .version(typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0')
        .showSuggestionAfterError()
        .exitOverride()
        .configureOutput({ outputError: (text, write) => write(oneLine(text.replace(/^error: /, 'community: ').replace(/\s+$/, '')) + '\n') });
    registerCheck(program);
    registerSimulate(program);
    registerCompile(program);
    registerDiff(program);
    registerSolve(program);
    registerFormat(program);
    registerCalibrate(program);
    return program;
}

export async function run(argv: string[]): Promise<number> {
    const program = createProgram();
    try {
        await program.parseAsync(argv, { from: 'user' });
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; unknown flags and missing arguments are usage errors.
            return error.exitCode === 0 ? 0 : 2;
        }
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`community: ${oneLine(message)}\n`);
        return exitCodeOf(error);
    }
}

run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
});
