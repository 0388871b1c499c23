// Runs a `community` command inside this test process: the same command definitions as the built
// CLI (cli/commands/all.ts, ALL_COMMANDS), run by the same runWith as cli/program.ts's main(), with
// the same process-level setup (zod's jitless mode, the package version the bundles are built with),
// and this call's working folder, environment, non-terminal stdout/stderr and a fresh exit code.
// What the command writes to stdout and stderr is captured, so a test reads the same CliResult as
// from community() in helpers/cli.ts — byte for byte (test/cli/in-process.test.ts compares them).
// A command costs its own work only: no process start, no bundle evaluation, no cold JIT per command
// (a `compile` process is ~3.7 s of CPU). For what only a process shows — exit on a signal, the
// launcher and its bundles, the startup snapshots, closed pipes, worker threads — suites keep
// running the built CLI with community().
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';
import type { CliResult } from './cli.js';
import { ROOT } from './cli.js';

type RunWith = (argv: string[]) => Promise<number>;
let loaded: Promise<RunWith> | undefined;

/** Loads the command list once, with the version the bundles get from esbuild.mjs's define. */
function load(): Promise<RunWith> {
    loaded ??= (async () => {
        const version = (JSON.parse(readFileSync(resolve(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
        (globalThis as { __VERSION__?: string }).__VERSION__ = version;
        // As main() does before a command runs (cli/program.ts).
        z.config({ jitless: true });
        const { run } = await import('../../cli/commands/all.js');
        return run;
    })();
    return loaded;
}

/** The environment community() gives the process: this one's, no colour overrides, English, then the call's. */
function environment(extra: Record<string, string | undefined> = {}): Record<string, string> {
    const merged: Record<string, string | undefined> = {
        ...process.env,
        NO_COLOR: undefined,
        FORCE_COLOR: undefined,
        LANG: 'en_US.UTF-8',
        LC_ALL: undefined,
        ...extra,
    };
    return Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => e[1] !== undefined));
}

function replaceEnv(next: Record<string, string>): void {
    for (const key of Object.keys(process.env)) if (!(key in next)) delete process.env[key];
    for (const [key, value] of Object.entries(next)) if (process.env[key] !== value) process.env[key] = value;
}

type Write = typeof process.stdout.write;

/** Captures what is written to `stream` (strings and bytes, as a pipe would receive them) until restored. */
function capture(stream: NodeJS.WriteStream): { text: () => string; restore: () => void } {
    const chunks: Buffer[] = [];
    const write = stream.write;
    const tty = Object.getOwnPropertyDescriptor(stream, 'isTTY');
    Object.defineProperty(stream, 'isTTY', { value: false, configurable: true, writable: true });
    stream.write = ((chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error | null) => void), done?: (e?: Error | null) => void) => {
        const callback = typeof encoding === 'function' ? encoding : done;
        chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8') : Buffer.from(chunk));
        if (callback) process.nextTick(callback, null);
        return true;
    }) as Write;
    return {
        text: () => Buffer.concat(chunks).toString('utf8'),
        restore: () => {
            stream.write = write;
            if (tty) Object.defineProperty(stream, 'isTTY', tty);
            else delete (stream as { isTTY?: boolean }).isTTY;
        },
    };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * `community …args` in this process, with `cwd` (default: the repository) and `env` as community()
 * takes them. Calls run one at a time (the working folder, environment and streams are the process's).
 */
export function communityHere(args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<CliResult> {
    const result = queue.then(async () => {
        const run = await load();
        const cwd = process.cwd();
        const env = { ...process.env };
        const out = capture(process.stdout);
        const err = capture(process.stderr);
        let code: number;
        try {
            process.chdir(options.cwd ?? ROOT);
            replaceEnv(environment(options.env));
            process.exitCode = undefined;
            code = await run(args);
        } finally {
            process.exitCode = undefined;
            out.restore();
            err.restore();
            replaceEnv(env as Record<string, string>);
            process.chdir(cwd);
        }
        return { code, stdout: out.text(), stderr: err.text() };
    });
    queue = result.catch(() => undefined);
    return result;
}
