// Bundles the CLI, the language server and the VS Code extension into out/ (CommonJS, Node 22+).
// `vscode` stays external: the editor provides it. `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

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
    await Promise.all(existing.map((e) => esbuild.build({ ...common, ...e })));
}
