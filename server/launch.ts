// out/server/main.cjs, what editors start: answers --version and --help at once, turns on Node's
// module compile cache (Node 22.1+: V8's compiled code of the server bundle is kept between starts,
// in the OS temp folder; NODE_COMPILE_CACHE chooses another, NODE_DISABLE_COMPILE_CACHE=1 turns it
// off), then runs the server itself, out/server/server.cjs (server/main.ts). The standalone
// executable embeds server.cjs directly, with V8's code cache built in (server/standalone.mjs).
//
// Faster: the server's V8 startup snapshot (out/server/snapshot.blob, server/snapshot-entry.ts: the
// bundle evaluated, every service and the parser built). The VS Code client starts this file with
// `--snapshot-blob` in execArgv when the blob was made by the Node it runs (then this file never
// runs: the snapshot's own main does). Started any other way (`community-language-server --stdio`
// from Neovim, Emacs, Helix…) over stdio, a socket or a pipe, this process replaces itself with
// `node --snapshot-blob out/server/snapshot.blob <this script> …arguments` (process.execve, Node
// 22.15+, not on Windows) when runtime/startup-snapshot.ts says the blob fits this Node; node IPC
// (a forked child's channel) and Node flags given to this process keep the plain bundle.
import * as nodeModule from 'node:module';
import { fileURLToPath } from 'node:url';
import { usableSnapshot } from '../runtime/startup-snapshot.js';
import { usage, VERSION } from './version.js';

type Execve = (file: string, args: string[], env: NodeJS.ProcessEnv) => never;

function startFromSnapshot(args: string[]): void {
    const execve = (process as { execve?: Execve }).execve;
    if (typeof execve !== 'function' || process.execArgv.length > 0 || args.includes('--node-ipc')) return;
    const blob = usableSnapshot(fileURLToPath(new URL('./snapshot.blob', import.meta.url)));
    if (!blob) return;
    try {
        execve(process.execPath, [process.execPath, '--snapshot-blob', blob, process.argv[1], ...args], process.env);
    } catch {
        // The exec was refused: run the plain bundle below.
    }
}

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`community-language-server ${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage());
} else {
    startFromSnapshot(args);
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    nodeModule.createRequire(import.meta.url)('./server.cjs');
}
