// Bundles the CLI, the language server and the VS Code extension into out/ (CommonJS, Node 22+).
// `vscode` stays external: the editor provides it. `--watch` rebuilds on change; with `--grammar`
// (`npm run watch`) a grammar change also regenerates language/generated/ first.
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { shippedParserPlugins } from './language/parser-bundling.mjs';

const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const common = {
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    logLevel: 'warning',
    // ESM-only packages use import.meta.url; give the CommonJS bundle an equivalent.
    define: { 'import.meta.url': 'importMetaUrl' },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};
// One copy of the JSON-RPC stack in every bundle: langium brings vscode-jsonrpc 10 while
// vscode-languageserver/-client nest 9.x. Two copies make `instanceof ResponseError` fail, so an
// error langium returns goes out as a *result* ({"result": {"code": -32802}}). Every import of these
// packages resolves from the project root (test/server/bundle-dedupe.test.ts fails on two copies).
const DEDUPED = /^vscode-(jsonrpc|languageserver-protocol|languageserver-types)(\/.*)?$/;
const root = path.dirname(new URL(import.meta.url).pathname);
const dedupe = {
    name: 'dedupe-jsonrpc',
    setup(build) {
        build.onResolve({ filter: DEDUPED }, (args) => {
            if (args.pluginData === 'dedupe') return undefined;
            return build.resolve(args.path, { kind: args.kind, resolveDir: root, pluginData: 'dedupe' });
        });
    },
};
// How the parser is built in a bundle (production mode, callbacks built once): language/parser-bundling.mjs.
// piscina starts its workers from `worker.js` beside its own code; inside a bundle that is the
// bundle's folder, so the bundled pool starts out/runtime/simulation-worker.cjs instead (piscina's
// worker runtime and our task handler in one file; runtime/worker-bundle.cjs).
const PISCINA_WORKER = "(0, node_path_1.resolve)(__dirname, 'worker.js')";
const piscinaWorker = {
    name: 'piscina-worker-path',
    setup(build) {
        build.onLoad({ filter: /[\\/]piscina[\\/]dist[\\/]index\.js$/ }, async (args) => {
            const text = await fs.promises.readFile(args.path, 'utf8');
            if (!text.includes(PISCINA_WORKER)) throw new Error(`piscina changed: ${args.path} no longer starts workers from worker.js (see esbuild.mjs)`);
            return { contents: text.replace(PISCINA_WORKER, "(0, node_path_1.resolve)(__dirname, '../runtime/simulation-worker.cjs')"), loader: 'js' };
        });
    },
};
common.plugins = [dedupe, ...shippedParserPlugins, piscinaWorker];
// The CLI's bundles take what the language and Langium's core use of vscode-languageserver and
// vscode-languageserver-protocol from language/rpc-core.mjs (a few values from vscode-jsonrpc's and
// -types' own files) instead of the packages, whose index evaluates the whole protocol and server
// (~290 KB of the check bundle; no CLI command talks LSP). The server and the extension keep them.
const rpcCore = {
    name: 'rpc-core',
    setup(build) {
        build.onResolve({ filter: /^vscode-languageserver(-protocol)?$/ }, () => ({ path: path.join(root, 'language/rpc-core.mjs') }));
    },
};
const cliPlugins = [rpcCore, ...common.plugins];
common.metafile = true;

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
common.define.__VERSION__ = JSON.stringify(pkg.version);

const entries = [
    // playwright-core is loaded only for `compile --formats pdf`, and may be absent (a devDependency).
    { entryPoints: ['cli/main.ts'], outfile: 'out/cli/all.cjs', external: ['playwright-core'], plugins: cliPlugins },
    // `community` starts in out/cli/main.cjs (cli/launch.ts), which loads only the bundle its command
    // needs: check and format, or simulate, without the compile outputs' libraries (vega, exceljs…).
    { entryPoints: ['cli/launch.ts'], outfile: 'out/cli/main.cjs' },
    { entryPoints: ['cli/entries/check.ts'], outfile: 'out/cli/check.cjs', plugins: cliPlugins },
    { entryPoints: ['cli/entries/simulate.ts'], outfile: 'out/cli/simulate.cjs', plugins: cliPlugins },
    // The check bundle as the CLI's V8 startup snapshot is made from it (out/snapshot/cli.blob, below).
    // Without comments or indentation, and Latin-1 only (oneByteSource, below): the heap keeps the
    // bundle's source, so every start reads and copies it from the blob (6.4 MB as it was, 2.5 MB so).
    { entryPoints: ['cli/entries/check-snapshot.ts'], outfile: 'out/snapshot/cli.cjs', minifyWhitespace: true, oneByteSource: true, plugins: cliPlugins },
    // The simulate bundle as its snapshot is made from it (out/snapshot/simulate.blob, below), likewise.
    {
        entryPoints: ['cli/entries/simulate-snapshot.ts'],
        outfile: 'out/snapshot/simulate.cjs',
        minifyWhitespace: true,
        oneByteSource: true,
        plugins: cliPlugins,
    },
    // Editors start out/server/main.cjs (server/launch.ts: --version, the compile cache), which runs the server, out/server/server.cjs.
    { entryPoints: ['server/main.ts'], outfile: 'out/server/server.cjs' },
    { entryPoints: ['server/launch.ts'], outfile: 'out/server/main.cjs' },
    // The server as its V8 startup snapshot is made from it (out/server/snapshot.blob, below), without
    // comments or indentation and Latin-1 only, like the CLI's: its source is in the heap every start reads.
    { entryPoints: ['server/snapshot-entry.ts'], outfile: 'out/server/snapshot.cjs', minifyWhitespace: true, oneByteSource: true },
    // The simulation pool's worker thread (runtime/pool.ts), started by the CLI and the server bundles.
    // @napi-rs/nice (a native addon piscina loads only for `niceIncrement`, which the pool never sets) stays out.
    { entryPoints: ['runtime/worker-bundle.cjs'], outfile: 'out/runtime/simulation-worker.cjs', external: ['@napi-rs/nice'] },
    // The goal seek's worker thread (server/solve-runner.ts starts it beside the server bundle).
    { entryPoints: ['server/solve-worker.ts'], outfile: 'out/server/solve-worker.cjs' },
    { entryPoints: ['extension/src/extension.ts'], outfile: 'out/extension/extension.cjs', external: ['vscode'] },
    // The forecast preview's script runs in the webview: a browser IIFE, no Node shims.
    // Minified: it carries ECharts (tree-shaken echarts/core, SVG renderer) and loads in every preview.
    {
        entryPoints: ['extension/webview/main.ts'],
        outfile: 'out/webview/preview.js',
        platform: 'browser',
        format: 'iife',
        target: 'es2022',
        banner: {},
        define: {},
        minify: true,
    },
    { entryPoints: ['extension/webview/preview.css'], outfile: 'out/webview/preview.css', platform: 'browser', banner: {}, define: {} },
];

// The bundles V8 startup snapshots are made from (makeSnapshots, below).
const SNAPSHOT_BUNDLES = new Set(['out/snapshot/cli.cjs', 'out/snapshot/simulate.cjs', 'out/server/snapshot.cjs']);

const existing = [];
for (const e of entries) if (fs.existsSync(e.entryPoints[0])) existing.push(e);
// `oneByteSource` is ours, not esbuild's: the watch builds leave it out (their bundles make no snapshot).
const esbuildOptions = ({ oneByteSource: _, ...e }) => e;

if (watch && process.argv.includes('--grammar')) {
    // `npm run watch`: one watcher for the grammar and the sources. A grammar change regenerates the
    // parser first (language/generate.mjs) and only then rebuilds, so no bundle sees a half-written
    // language/generated/ (langium-cli's own --watch rewrites it under esbuild's feet).
    const contexts = await Promise.all(existing.map((e) => esbuild.context({ ...common, ...esbuildOptions(e) })));
    const rebuild = async () => {
        const started = Date.now();
        const results = await Promise.allSettled(contexts.map((c) => c.rebuild()));
        const failed = results.filter((r) => r.status === 'rejected').length;
        console.log(`[watch] ${failed ? `${failed} bundle(s) failed` : 'bundles rebuilt'} in ${Date.now() - started} ms`);
    };
    const generate = () => spawnSync(process.execPath, ['language/generate.mjs'], { stdio: 'inherit' }).status === 0;
    if (generate()) await rebuild();
    let grammarChanged = false;
    let timer;
    const onChange = (dir) => (_event, name) => {
        const file = `${dir}/${name ?? ''}`;
        if (file.includes('/generated/') || !/\.(ts|langium|css)$/.test(file)) return;
        if (file.endsWith('.langium')) grammarChanged = true;
        clearTimeout(timer);
        timer = setTimeout(async () => {
            const regenerate = grammarChanged;
            grammarChanged = false;
            if (regenerate && !generate()) return;
            await rebuild();
        }, 100);
    };
    for (const dir of ['language', 'engine', 'runtime', 'protocol', 'server', 'cli', 'extension/src', 'extension/webview']) {
        if (fs.existsSync(dir)) fs.watch(dir, { recursive: true }, onChange(dir));
    }
    console.log('[watch] grammar → language/generated/, sources → out/ (Ctrl-C stops)');
} else if (watch) {
    for (const e of existing) (await esbuild.context({ ...common, ...esbuildOptions(e) })).watch();
} else {
    // The bundles a snapshot is made from are written only when their bytes change: an unchanged
    // bundle keeps its mtime, so its blob still fits and is not made again (test suites run this build).
    const results = await Promise.all(
        existing.map(({ oneByteSource: oneByte, ...e }) =>
            SNAPSHOT_BUNDLES.has(e.outfile)
                ? esbuild.build({ ...common, ...e, write: false }).then((r) => writeChanged(oneByte ? oneByteSource(r) : r))
                : esbuild.build({ ...common, ...e }),
        ),
    );
    // Which files went into each bundle (test/cli/bundle-contents.test.ts): those with code in the
    // output, not every file esbuild read — a module tree-shaken to nothing (an unused zod locale) is out.
    const contributed = (result, outfile) =>
        Object.entries(result.metafile.outputs[outfile]?.inputs ?? {})
            .filter(([, v]) => v.bytesInOutput > 0)
            .map(([p]) => p);
    const inputs = Object.fromEntries(existing.map((e, i) => [e.outfile, contributed(results[i], e.outfile)]));
    fs.writeFileSync('out/bundle-inputs.json', JSON.stringify(inputs, null, 1) + '\n');
    await makeSnapshots();
}

// V8 startup snapshots (issue 14): a process started with `--snapshot-blob <blob>` deserializes the
// heap the bundle left instead of evaluating it. Made by this Node, for this Node only: beside each
// blob, <name>.json records the Node binary, the folder and the bundle it was made from, and a start
// uses the blob only when they still match (runtime/startup-snapshot.ts; otherwise the plain bundle
// runs, same output). Not in watch mode: a rebuilt bundle makes the old blob stale, never wrong.
// A blob that cannot be made (an old Node, a heap V8 cannot serialize) is a warning, not a failed build.
// V8 keeps a script's source as one byte per character when every character is Latin-1, else two.
// esbuild escapes non-ASCII characters in strings but leaves them in regular expressions (the
// grammar's Chinese keywords, the parser's Chinese quotes), which made the whole 3 MB source two-byte.
// Outside the .map, every character above U+00FF becomes its \uXXXX escape: in a string, a regular
// expression or a template that is the same character (the bundles read no template's raw text),
// and the minified bundle has no comments. Source-map columns after such a character on its line
// shift by five: only a stack trace's column is off.
/** `result` (a `write: false` build) with its .cjs outputs' non-Latin-1 characters escaped. */
function oneByteSource(result) {
    for (const file of result.outputFiles) {
        if (!file.path.endsWith('.cjs')) continue;
        const text = file.text;
        const escaped = text.replace(/[^\x00-\xff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
        if (escaped !== text) Object.defineProperty(file, 'contents', { value: Buffer.from(escaped, 'utf8') });
    }
    return result;
}

/** Writes the output files of a `write: false` build whose bytes differ from what is on disk. */
function writeChanged(result) {
    for (const file of result.outputFiles) {
        let same = false;
        try {
            same = fs.readFileSync(file.path).equals(Buffer.from(file.contents));
        } catch {
            // not there yet
        }
        if (same) continue;
        fs.mkdirSync(path.dirname(file.path), { recursive: true });
        fs.writeFileSync(file.path, file.contents);
    }
    return result;
}

async function makeSnapshots() {
    // The plans the blobs are warmed up on: every example, the invalid ones too (the parser's repair path).
    const examples = fs.existsSync('examples')
        ? fs
              .readdirSync('examples', { recursive: true })
              .filter((f) => f.endsWith('.community'))
              .sort()
              .map((f) => path.resolve('examples', f))
        : [];
    // The CLI blob is warmed up on three plans only: a rich valid one, a second valid one and an
    // invalid one (the parser's repair path). Warmed up on all 33 examples the blob was 17.0 MB; on
    // these 15.4 MB, and every start deserializes it: a check of an example *outside* the three
    // (education, retail, a zh-CN invalid plan) costs ~15–20 ms less CPU from the smaller blob, the
    // code the other examples add being cheaper to compile on first call than to deserialize each
    // start (BENCHMARKS.md, twelfth session, helper check).
    const cliWarmUp = ['fitness-wechat.community', 'oss-discord.community', 'invalid/bad-date.community']
        .map((f) => path.resolve('examples', f))
        .filter((f) => fs.existsSync(f));
    const snapshots = [
        // `community check` / `format` (cli/entries/check-snapshot.ts), warmed up on three examples.
        { blob: 'out/snapshot/cli.blob', bundle: 'out/snapshot/cli.cjs', args: cliWarmUp },
        // `community simulate` (cli/entries/simulate-snapshot.ts), warmed up on the same examples.
        { blob: 'out/snapshot/simulate.blob', bundle: 'out/snapshot/simulate.cjs', args: examples },
        // The language server (server/snapshot-entry.ts), warmed up on the same examples.
        { blob: 'out/server/snapshot.blob', bundle: 'out/server/snapshot.cjs', args: examples },
    ].filter((s) => fs.existsSync(s.bundle));
    await Promise.all(snapshots.map(makeSnapshot));
}

function statOf(f) {
    const s = fs.statSync(f);
    return { size: s.size, mtimeMs: s.mtimeMs };
}

/**
 * The record runtime/startup-snapshot.ts (SnapshotRecord) reads, for `blob` made now from `bundle` by
 * this Node after a warm-up on `args`. The plans are recorded too (the start ignores them): a changed
 * warm-up set makes the blob again even when the bundle's bytes did not change.
 */
function recordFor(blob, bundle, args) {
    return {
        warmUp: args.map((a) => path.relative(root, a)),
        node: process.version,
        execPath: fs.realpathSync(process.execPath),
        arch: process.arch,
        platform: process.platform,
        dir: path.resolve(path.dirname(blob)),
        bundle: { file: path.basename(bundle), ...statOf(bundle) },
        blob: statOf(blob),
    };
}

/** Whether the blob on disk was made by this Node from the bundle as it is now. */
function stillFits(blob, bundle, record, args) {
    try {
        return JSON.stringify(JSON.parse(fs.readFileSync(record, 'utf8'))) === JSON.stringify(recordFor(blob, bundle, args));
    } catch {
        return false;
    }
}

// A blob is made under a temporary name and renamed into place, then its record: a start racing
// the build sees the old blob with its old record, or a record that does not fit (plain bundle).
async function makeSnapshot({ blob, bundle, args }) {
    const record = blob.replace(/\.blob$/, '.json');
    // What an interrupted build left behind (older than any build still running).
    const dir = path.dirname(blob);
    for (const f of fs.readdirSync(dir)) {
        const p = path.join(dir, f);
        if (f.startsWith(`${path.basename(blob)}.`) && f.endsWith('.tmp') && Date.now() - fs.statSync(p).mtimeMs > 10 * 60_000) fs.rmSync(p, { force: true });
    }
    if (stillFits(blob, bundle, record, args)) return;
    const tmp = `${blob}.${process.pid}.tmp`;
    const { spawn } = await import('node:child_process');
    const child = spawn(process.execPath, ['--snapshot-blob', path.basename(tmp), '--build-snapshot', path.basename(bundle), ...args], {
        cwd: path.dirname(bundle),
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise((done) => child.on('close', done));
    if (code !== 0 || !fs.existsSync(tmp)) {
        for (const f of [tmp, record, blob]) fs.rmSync(f, { force: true });
        console.warn(
            `esbuild.mjs: no startup snapshot ${blob} (Node ${process.version}, exit ${code}); starts use the plain bundle.\n${stderr.trim().split('\n').slice(-5).join('\n')}`,
        );
        return;
    }
    fs.renameSync(tmp, blob);
    // Another build running at the same time may have renamed its own blob over this one since: the
    // record is written from what is on disk now, so it describes whichever blob won.
    fs.writeFileSync(`${record}.${process.pid}.tmp`, JSON.stringify(recordFor(blob, bundle, args), null, 1) + '\n');
    fs.renameSync(`${record}.${process.pid}.tmp`, record);
}
