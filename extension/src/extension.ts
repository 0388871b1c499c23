// The VS Code extension for .community plans: starts the language server, the forecast preview,
// the status bar headline, commands and the `community` task type.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { createClient, messageLanguage } from './client.js';
import { compile, convertKeywords, diffHead, exportReport, openExample, simulate } from './commands.js';
import { ForecastPreview, isPlan, PREVIEW_VIEW_TYPE } from './preview/panel.js';
import { solveKpi } from './solve.js';
import { PlanStatus } from './status.js';
import { registerTasks } from './tasks.js';

let client: LanguageClient | undefined;

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
    const next = createClient(context, output);
    client = next;
    try {
        await next.start();
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        output.appendLine(vscode.l10n.t('The Community language server failed to start: {0}', message));
        void vscode.window
            .showErrorMessage(vscode.l10n.t('The Community language server failed to start: {0}', message), vscode.l10n.t('Show Output'))
            .then((c) => {
                if (c) output.show(true);
            });
    }
}

async function restartClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<void> {
    const old = client;
    client = undefined;
    if (old) {
        try {
            await old.stop(5000);
        } catch (error) {
            output.appendLine(`[restart] ${error instanceof Error ? error.message : String(error)}`);
        }
        await old.dispose().catch(() => undefined);
    }
    await startClient(context, output);
}

export async function activate(context: vscode.ExtensionContext): Promise<{ getClient: () => LanguageClient | undefined; preview: ForecastPreview }> {
    const output = vscode.window.createOutputChannel(vscode.l10n.t('Community Language Server'), { log: true });
    context.subscriptions.push(output);
    const getClient = () => client;

    const preview = new ForecastPreview(context, getClient, output);
    const status = new PlanStatus(getClient, preview, messageLanguage);
    context.subscriptions.push(preview, status);

    const cli = { context, output };
    const previewFor = async (arg: unknown, toSide: boolean) => {
        const doc = arg instanceof vscode.Uri ? await vscode.workspace.openTextDocument(arg) : vscode.window.activeTextEditor?.document;
        if (!isPlan(doc)) return void vscode.window.showWarningMessage(vscode.l10n.t('Open a .community plan first.'));
        preview.open(doc, toSide);
    };
    context.subscriptions.push(
        vscode.commands.registerCommand('community.openPreviewToSide', (arg?: unknown) => previewFor(arg, true)),
        vscode.commands.registerCommand('community.openPreview', (arg?: unknown) => previewFor(arg, false)),
        vscode.commands.registerCommand('community.simulate', (arg?: unknown) => simulate(getClient, arg)),
        vscode.commands.registerCommand('community.solveKpi', (uri?: unknown, kpi?: unknown) => solveKpi(getClient, uri, kpi)),
        vscode.commands.registerCommand('community.compile', (arg?: unknown) => compile(cli, arg)),
        vscode.commands.registerCommand('community.diffHead', (arg?: unknown) => diffHead(cli, arg)),
        vscode.commands.registerCommand('community.exportReport', (arg?: unknown) => exportReport(cli, arg)),
        vscode.commands.registerCommand('community.convertKeywords', (arg?: unknown) => convertKeywords(cli, arg)),
        vscode.commands.registerCommand('community.restartServer', () => restartClient(context, output)),
        vscode.commands.registerCommand('community.showOutput', () => output.show(true)),
        vscode.commands.registerCommand('community.openExample', async () => {
            const doc = await openExample(context);
            if (doc) preview.open(doc, true);
        }),
        vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
            deserializeWebviewPanel: async (panel, state) => preview.restore(panel, state),
        }),
        registerTasks(context),
        vscode.workspace.onDidChangeConfiguration((e) => {
            // The server reads these at start-up: restart it so diagnostics follow the new choice.
            if (
                e.affectsConfiguration('community.language') ||
                e.affectsConfiguration('community.checks') ||
                e.affectsConfiguration('community.platformLimits')
            ) {
                void restartClient(context, output);
            }
        }),
        { dispose: () => void client?.stop() },
    );

    await startClient(context, output);
    status.track();
    return { getClient, preview };
}

export async function deactivate(): Promise<void> {
    const c = client;
    client = undefined;
    if (c) await c.stop();
}
