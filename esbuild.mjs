// Bundles the CLI, the language server and the VS Code extension into out/ (CommonJS, Node 22+).
// `vscode` stays external: the editor provides it. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import * as path from 'node:path';

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
    // vega-canvas's Node build loads the optional `canvas` package with a top-level await, which
    // CommonJS cannot bundle; the charts render to SVG without a canvas, so use the plain build.
    alias: { 'vega-canvas': './node_modules/vega-canvas/build/vega-canvas.browser.js' },
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
common.plugins = [dedupe];
common.metafile = true;

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
common.define.__VERSION__ = JSON.stringify(pkg.version);

const entries = [
    { entryPoints: ['cli/main.ts'], outfile: 'out/cli/main.cjs' },
    { entryPoints: ['server/main.ts'], outfile: 'out/server/main.cjs' },
    { entryPoints: ['extension/src/extension.ts'], outfile: 'out/extension/extension.cjs', external: ['vscode'] },
    // The forecast preview's script runs in the webview: a browser IIFE, no Node shims.
    { entryPoints: ['extension/webview/main.ts'], outfile: 'out/webview/preview.js', platform: 'browser', format: 'iife', target: 'es2022', banner: {}, define: {} },
    { entryPoints: ['extension/webview/preview.css'], outfile: 'out/webview/preview.css', platform: 'browser', banner: {}, define: {} },
];

const existing = [];
for (const e of entries) if (fs.existsSync(e.entryPoints[0])) existing.push(e);

if (watch) {
    for (const e of existing) (await esbuild.context({ ...common, ...e })).watch();
} else {
    const results = await Promise.all(existing.map((e) => esbuild.build({ ...common, ...e })));
    // Which package files went into each bundle, for the dedupe test.
    const inputs = Object.fromEntries(existing.map((e, i) => [e.outfile, Object.keys(results[i].metafile.inputs)]));
    fs.writeFileSync('out/bundle-inputs.json', JSON.stringify(inputs, null, 1) + '\n');
}
