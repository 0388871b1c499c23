// The `community` program with a given set of commands, and running it. cli/main.ts registers every
// command; the lighter bundles in cli/entries/ register one command group each, so `community check`
// never loads the report stack (vega, exceljs…) that only `compile` needs. Commands that are not
// registered are never reached: cli/launch.ts sends a process to a bundle that has its command.
import { Command, CommanderError } from 'commander';
import * as z from 'zod';
import { CliError, exitCodeOf, langOfArgv } from './errors.js';
import { oneLine } from './report.js';

declare const __VERSION__: string | undefined;

export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

export type Registration = (program: Command) => void;

export function createProgramWith(registrations: Registration[]): Command {
    const program = new Command('community')
        .description('Plans as code for community strategists: check, simulate and compile .community plans.')
        .version(VERSION)
        .showSuggestionAfterError()
        .exitOverride()
        .configureOutput({ outputError: (text, write) => write(oneLine(text.replace(/^error: /, 'community: ').replace(/\s+$/, '')) + '\n') });
    for (const register of registrations) register(program);
    return program;
}

export async function runWith(registrations: Registration[], argv: string[]): Promise<number> {
    const program = createProgramWith(registrations);
    try {
        await program.parseAsync(argv, { from: 'user' });
        return typeof process.exitCode === 'number' ? process.exitCode : 0;
    } catch (error) {
        if (error instanceof CommanderError) {
            // Help and version exit 0; unknown flags and missing arguments are usage errors.
            return error.exitCode === 0 ? 0 : 2;
        }
        const message = error instanceof CliError ? error.inLang(langOfArgv(argv, process.env)) : error instanceof Error ? error.message : String(error);
        process.stderr.write(`community: ${oneLine(message)}\n`);
        return exitCodeOf(error);
    }
}

/** Runs the program on this process's arguments and sets the exit code. */
/**
 * `community check plans/*.community | head`: once the reader has gone, the rest of the output is
 * dropped and the command still finishes with its own exit code (Node would otherwise throw EPIPE
 * from the stream, with a stack trace).
 */
function quietWhenReaderCloses(stream: NodeJS.WriteStream): void {
    stream.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code !== 'EPIPE') throw e;
        stream.write = (() => true) as typeof stream.write;
    });
}

export function main(registrations: Registration[]): void {
    // A command validates each plan model once: zod's compiled fast path (generated with new Function
    // on a schema's first parse) costs more to build than it saves here. Same checks, same results.
    z.config({ jitless: true });
    quietWhenReaderCloses(process.stdout);
    quietWhenReaderCloses(process.stderr);
    runWith(registrations, process.argv.slice(2)).then((code) => {
        process.exitCode = code;
    });
}
