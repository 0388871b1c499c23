// The `community` command line: check, simulate and compile plans. Exit codes: 0 ok (warnings
// allowed), 1 plan errors, 2 usage or I/O problems. Failures print one line, never a stack trace.
// This is the whole program (every command, help, "did you mean"), bundled to out/cli/all.cjs;
// cli/launch.ts (out/cli/main.cjs) starts it, or a lighter bundle for check, format and simulate.
// The command list is cli/commands/all.ts (importable without running the program).
import { ALL_COMMANDS } from './commands/all.js';
import { main } from './program.js';

export { ALL_COMMANDS, createProgram, run } from './commands/all.js';

main(ALL_COMMANDS);
