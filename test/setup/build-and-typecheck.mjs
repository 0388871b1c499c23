// `npm test`'s build and typecheck, the long parts at the same time: the grammar is generated first
// (language/generated/, which both read), then the bundles (esbuild.mjs, the startup snapshots
// included) and the two typechecks run side by side, one per core, instead of one after the other.
// Each one's output is printed whole when it ends, in this order, so no two interleave; the first
// that fails is the exit code, after all have ended. `npm run build` and `npm run typecheck`
// (package.json) do the same one after the other; the typechecks here are incremental: tsc keeps
// what it learned in out/typecheck/*.tsbuildinfo and checks again only what changed since (a
// fresh clone, as CI has, checks everything).
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const node = process.execPath;
const tsc = (project, info) => [node, ['node_modules/typescript/bin/tsc', '--noEmit', '--incremental', '--tsBuildInfoFile', info, '-p', project]];

const generated = spawnSync(node, ['language/generate.mjs'], { cwd: root, stdio: 'inherit' });
if (generated.status !== 0) process.exit(generated.status ?? 1);

const steps = [
    { name: 'build (esbuild.mjs)', command: [node, ['esbuild.mjs']] },
    { name: 'typecheck (tsconfig.json)', command: tsc('tsconfig.json', 'out/typecheck/node.tsbuildinfo') },
    { name: 'typecheck (extension/webview/tsconfig.json)', command: tsc('extension/webview/tsconfig.json', 'out/typecheck/webview.tsbuildinfo') },
];

const ended = await Promise.all(
    steps.map(
        ({ name, command: [file, args] }) =>
            new Promise((resolve) => {
                const started = Date.now();
                const child = spawn(file, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
                const output = [];
                child.stdout.on('data', (d) => output.push(d));
                child.stderr.on('data', (d) => output.push(d));
                child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
                child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(output), ms: Date.now() - started }));
            }),
    ),
);
for (const { name, code, output, ms } of ended) {
    process.stdout.write(`> ${name}: ${code === 0 ? 'done' : `failed (exit ${code})`} in ${(ms / 1000).toFixed(1)} s\n`);
    process.stdout.write(output);
}
process.exit(ended.find((e) => e.code !== 0)?.code ?? 0);
