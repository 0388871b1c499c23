// out/server/main.cjs, what editors start: answers --version and --help at once, turns on Node's
// module compile cache (Node 22.1+: V8's compiled code of the server bundle is kept between starts,
// in the OS temp folder; NODE_COMPILE_CACHE chooses another, NODE_DISABLE_COMPILE_CACHE=1 turns it
// off), then runs the server itself, out/server/server.cjs (server/main.ts). The standalone
// executable embeds server.cjs directly, with V8's code cache built in (server/standalone.mjs).
import * as nodeModule from 'node:module';
import { usage, VERSION } from './version.js';

const args = process.argv.slice(2);
if (args.includes('--version') || args.includes('-v')) {
    process.stdout.write(`community-language-server ${VERSION}\n`);
} else if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(usage());
} else {
    (nodeModule as { enableCompileCache?: () => unknown }).enableCompileCache?.();
    nodeModule.createRequire(import.meta.url)('./server.cjs');
}
