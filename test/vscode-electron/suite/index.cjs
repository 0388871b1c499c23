// Runs inside VS Code (extension host) under @vscode/test-electron: activation, diagnostics of an
// invalid plan, the forecast request, and the preview panel opening beside the editor.
// A tiny runner with node:assert, so no test framework has to be loaded into the editor.
const assert = require('node:assert/strict');
const path = require('node:path');
const vscode = require('vscode');

const EXAMPLES = process.env.COMMUNITY_EXAMPLES;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function until(what, fn, timeout = 60000) {
    const deadline = Date.now() + timeout;
    for (;;) {
        const v = await fn();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(200);
    }
}

const tests = [
    [
        'activates on a .community file and starts the server',
        async () => {
            const doc = await vscode.workspace.openTextDocument(path.join(EXAMPLES, 'fitness-wechat.community'));
            await vscode.window.showTextDocument(doc);
            assert.equal(doc.languageId, 'community');
            const ext = vscode.extensions.getExtension('community-plans.community-plans');
            assert.ok(ext, 'extension installed');
            await until('activation', () => ext.isActive);
            const api = ext.exports;
            await until('a running client', () => api.getClient() && api.getClient().state === 2);
        },
    ],
    [
        'publishes coded diagnostics for an invalid plan',
        async () => {
            const uri = vscode.Uri.file(path.join(EXAMPLES, 'invalid', 'self-flow.community'));
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
            const diags = await until('diagnostics', () => {
                const d = vscode.languages.getDiagnostics(uri).filter((x) => x.severity === vscode.DiagnosticSeverity.Error);
                return d.length > 0 ? d : undefined;
            });
            assert.ok(
                diags.some((d) => String(typeof d.code === 'object' ? d.code.value : d.code) === 'self-flow'),
                JSON.stringify(diags.map((d) => d.code)),
            );
        },
    ],
    [
        'answers community/forecast for the fitness example',
        async () => {
            const uri = vscode.Uri.file(path.join(EXAMPLES, 'fitness-wechat.community'));
            const client = vscode.extensions.getExtension('community-plans.community-plans').exports.getClient();
            const result = await client.sendRequest('community/forecast', { uri: uri.toString(), runs: 200, seed: 42 });
            assert.equal(result.status, 'ok');
            assert.equal(result.forecasts[0].communities[0].kpis.length, 5);
            assert.equal(result.forecasts[0].communities[0].total.band.p50.length, 26);
        },
    ],
    [
        'opens the forecast preview to the side',
        async () => {
            const doc = await vscode.workspace.openTextDocument(path.join(EXAMPLES, 'fitness-wechat.community'));
            await vscode.window.showTextDocument(doc, vscode.ViewColumn.One);
            await vscode.commands.executeCommand('community.openPreviewToSide');
            await until('a preview tab', () =>
                vscode.window.tabGroups.all
                    .flatMap((g) => g.tabs)
                    .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('community.forecastPreview')),
            );
        },
    ],
];

exports.run = async function run() {
    let failed = 0;
    for (const [name, fn] of tests) {
        try {
            await fn();
            console.log(`  ✓ ${name}`);
        } catch (error) {
            failed++;
            console.error(`  ✗ ${name}\n    ${error && error.stack ? error.stack : error}`);
        }
    }
    if (failed) throw new Error(`${failed} of ${tests.length} VS Code tests failed`);
};
