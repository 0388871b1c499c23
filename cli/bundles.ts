// Which bundle of out/cli/ has a command (the first argument): `check` and `format` are in
// out/cli/check.cjs (the language and checks, ~⅓ of the code), `simulate` in out/cli/simulate.cjs,
// everything else (compile, diff, solve, calibrate, help, unknown commands) in the whole program,
// out/cli/all.cjs. Shared by the launcher (cli/launch.ts) and the CLI's startup snapshot.

/** The bundle that has `command`, relative to out/cli/. */
export function bundleFor(command: string | undefined): './check.cjs' | './simulate.cjs' | './all.cjs' {
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
