// Errors the CLI reports as one clear line and a non-zero exit, never as a stack trace.

/** Bad flags, missing or unreadable files, unwritable output: exit 2. */
export class UsageError extends Error {
    readonly exitCode = 2;
}

/** The plan has errors: exit 1 (the diagnostics were already printed). */
export class PlanErrors extends Error {
    readonly exitCode = 1;
}

/** Ctrl-C stopped the work between blocks: exit 130, as a shell reports SIGINT. */
export class Interrupted extends Error {
    readonly exitCode = 130;
}

export function exitCodeOf(error: unknown): number {
    if (error instanceof UsageError || error instanceof PlanErrors || error instanceof Interrupted) return error.exitCode;
    return 2;
}
