// `npm run build:standalone`: the language server as one executable that needs no Node.js on the
// machine (a Node single-executable application): the bundled server (out/server/server.cjs, with
// V8's code cache of it, so it starts without compiling) is injected into a copy of the Node binary
// running this script (the project's Node 24), giving out/standalone/community-language-server. For editors other than VS Code on machines without Node 22+.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'out/standalone');
const NAME = process.platform === 'win32' ? 'community-language-server.exe' : 'community-language-server';
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(`build:standalone: run it with Node.js 22+ (npm run build:standalone uses the project's Node 24); this is ${process.version}.\n`);
    process.exit(2);
}
const bundle = join(ROOT, 'out/server/server.cjs');
if (!existsSync(bundle)) execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });

mkdirSync(OUT, { recursive: true });
const blob = join(OUT, 'server.blob');
const config = join(OUT, 'sea-config.json');
writeFileSync(config, JSON.stringify({ main: bundle, output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: true }));
execFileSync(process.execPath, ['--experimental-sea-config', config], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });

// Written under a temporary name and renamed: a failed build leaves no half-made executable.
const target = join(OUT, NAME);
const temp = `${target}.tmp`;
copyFileSync(process.execPath, temp);
chmodSync(temp, 0o755);
const { inject } = createRequire(import.meta.url)('postject');
await inject(temp, 'NODE_SEA_BLOB', readFileSync(blob), {
    sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    machoSegmentName: process.platform === 'darwin' ? 'NODE_SEA' : undefined,
});
renameSync(temp, target);
rmSync(blob);
rmSync(config);
process.stdout.write(`${target}\n`);
