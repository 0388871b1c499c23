// The forecast preview panel: one webview beside the editor that follows the active .community
// editor and re-runs the forecast on every edit. Strict CSP: only the extension's own bundled
// script (with a nonce) and stylesheet; no remote loads; no inline script.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Forecaster } from './forecaster.js';
import type { ForecastResult, HostMessage, SourceRef, WebviewMessage } from '../../../protocol/forecast.js';
import { acceptedReveal, restorableUri, sourceUris } from './reveal-guard.js';
import { escapeHtml } from './shape.js';
import { webviewStrings } from './strings.js';

export const PREVIEW_VIEW_TYPE = 'community.forecastPreview';

export function isPlan(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
    return doc !== undefined && doc.languageId === 'community';
}

export class ForecastPreview implements vscode.Disposable {
    private panel: vscode.WebviewPanel | undefined;
    private document: vscode.TextDocument | undefined;
    private ready = false;
    private pending: HostMessage | undefined;
    private scenario: string | null = null;
    private compare: string | null = null;
    private readonly forecaster: Forecaster;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly resultListeners = new Set<(uri: vscode.Uri, result: ForecastResult) => void>();
    private lastResult: { uri: string; result: ForecastResult } | undefined;

    constructor(
        private readonly context: vscode.ExtensionContext,
        getClient: () => LanguageClient | undefined,
        private readonly output: vscode.OutputChannel,
    ) {
        this.forecaster = new Forecaster(getClient);
        this.disposables.push(
            this.forecaster,
            vscode.workspace.onDidChangeTextDocument((e) => {
                if (this.panel && this.document && e.document === this.document && e.contentChanges.length > 0) this.refresh();
            }),
            vscode.window.onDidChangeActiveTextEditor((editor) => {
                if (this.panel && isPlan(editor?.document) && editor.document !== this.document) this.show(editor.document);
            }),
            vscode.workspace.onDidChangeConfiguration((e) => {
                if (this.panel && e.affectsConfiguration('community')) this.refresh(0);
            }),
        );
    }

    get visibleDocument(): vscode.TextDocument | undefined {
        return this.panel ? this.document : undefined;
    }

    /** The preview's latest result for `uri`, if it is the plan the preview shows. */
    resultFor(uri: vscode.Uri): ForecastResult | undefined {
        return this.panel && this.lastResult?.uri === uri.toString() ? this.lastResult.result : undefined;
    }

    onResult(listener: (uri: vscode.Uri, result: ForecastResult) => void): vscode.Disposable {
        this.resultListeners.add(listener);
        return new vscode.Disposable(() => this.resultListeners.delete(listener));
    }

    /** Opens (or reveals) the preview for `doc`, beside the editor or in the active column. */
    open(doc: vscode.TextDocument, toSide: boolean): void {
        if (!this.panel) {
            const column = toSide ? vscode.ViewColumn.Beside : (vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.Active);
            const panel = vscode.window.createWebviewPanel(
                PREVIEW_VIEW_TYPE,
                this.title(doc),
                { viewColumn: column, preserveFocus: toSide },
                this.webviewOptions(),
            );
            this.attach(panel);
        } else {
            this.panel.reveal(undefined, toSide);
        }
        this.show(doc);
    }

    /** Restores a panel VS Code kept across a reload. */
    restore(panel: vscode.WebviewPanel, state: unknown): void {
        panel.webview.options = this.webviewOptions();
        this.attach(panel);
        // Only a .community file of this workspace (reveal-guard.ts): the state comes from the webview.
        const uri = restorableUri(
            state,
            (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.toString()),
        );
        const doc = vscode.window.activeTextEditor?.document;
        if (isPlan(doc)) this.show(doc);
        else if (uri)
            void vscode.workspace.openTextDocument(vscode.Uri.parse(uri)).then(
                (d) => this.show(d),
                () => undefined,
            );
    }

    private webviewOptions(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
        return {
            enableScripts: true,
            retainContextWhenHidden: false,
            enableFindWidget: true,
            localResourceRoots: [
                vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview'),
                vscode.Uri.joinPath(this.context.extensionUri, 'extension', 'media'),
            ],
        };
    }

    private attach(panel: vscode.WebviewPanel): void {
        this.panel = panel;
        this.ready = false;
        panel.iconPath = vscode.Uri.joinPath(this.context.extensionUri, 'extension', 'media', 'icon.png');
        panel.webview.html = this.html(panel.webview);
        panel.onDidDispose(
            () => {
                this.panel = undefined;
                this.document = undefined;
                this.forecaster.dispose();
            },
            null,
            this.disposables,
        );
        panel.webview.onDidReceiveMessage((m: WebviewMessage) => this.onMessage(m), null, this.disposables);
    }

    private title(doc: vscode.TextDocument): string {
        const name = doc.uri.path.split('/').pop() ?? '';
        return vscode.l10n.t('Forecast: {0}', name);
    }

    private show(doc: vscode.TextDocument): void {
        const switched = this.document !== doc;
        this.document = doc;
        if (this.panel) this.panel.title = this.title(doc);
        if (switched) {
            this.scenario = null;
            this.compare = null;
        }
        this.refresh(0);
    }

    /** Re-runs the forecast for the current document (debounced unless `delayMs` is given). */
    refresh(delayMs?: number): void {
        const doc = this.document;
        if (!doc || !this.panel) return;
        const fileName = doc.uri.path.split('/').pop() ?? '';
        this.forecaster.schedule(
            doc.uri,
            { scenario: this.scenario, compareScenario: this.compare },
            {
                onStart: () => this.post({ type: 'busy', fileName }),
                onResult: (result) => {
                    this.post({ type: 'forecast', result, fileName });
                    this.lastResult = { uri: doc.uri.toString(), result };
                    for (const l of this.resultListeners) l(doc.uri, result);
                    if (result.status === 'unavailable') this.output.appendLine(`[preview] ${result.message}`);
                },
                onSensitivity: (result) => this.post({ type: 'forecast', result, fileName }),
                onError: (message) => {
                    this.output.appendLine(`[preview] ${message}`);
                    this.post({ type: 'failed', message, fileName });
                },
            },
            delayMs,
        );
    }

    private post(message: HostMessage): void {
        if (!this.panel) return;
        if (!this.ready) {
            this.pending = message;
            return;
        }
        void this.panel.webview.postMessage(message);
    }

    private onMessage(message: WebviewMessage): void {
        switch (message.type) {
            case 'ready':
                this.ready = true;
                if (this.pending) {
                    void this.panel?.webview.postMessage(this.pending);
                    this.pending = undefined;
                }
                break;
            case 'reveal': {
                // Only the previewed plan and the files its forecast points into, at a valid position.
                const current = this.document?.uri.toString();
                const allowed = sourceUris(this.lastResult && this.lastResult.uri === current ? this.lastResult.result : undefined);
                if (this.document) allowed.add(this.document.uri.toString());
                const source = acceptedReveal(message.source, allowed);
                if (source) void this.reveal(source);
                break;
            }
            case 'selectScenario':
                this.scenario = message.scenario;
                this.compare = message.compareScenario;
                this.refresh(0);
                break;
        }
    }

    /** Shows `source` in an editor: the column the plan is open in, never the preview's own. */
    async reveal(source: SourceRef): Promise<void> {
        const uri = vscode.Uri.parse(source.uri);
        const existing = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
        const column = existing?.viewColumn ?? vscode.window.visibleTextEditors.find((e) => isPlan(e.document))?.viewColumn ?? vscode.ViewColumn.One;
        const doc = await vscode.workspace.openTextDocument(uri);
        const pos = new vscode.Position(source.line, source.character);
        const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, preserveFocus: false });
        editor.selection = new vscode.Selection(pos, pos);
        editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }

    private html(webview: vscode.Webview): string {
        const nonce = randomBytes(16).toString('base64');
        const script = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview', 'preview.js'));
        const style = webview.asWebviewUri(vscode.Uri.joinPath(this.context.extensionUri, 'out', 'webview', 'preview.css'));
        const csp = [
            "default-src 'none'",
            `img-src ${webview.cspSource} data:`,
            `style-src ${webview.cspSource}`,
            `script-src 'nonce-${nonce}'`,
            `font-src ${webview.cspSource}`,
            "connect-src 'none'",
            "frame-src 'none'",
            "form-action 'none'",
            "base-uri 'none'",
        ].join('; ');
        const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
        const strings = escapeHtml(JSON.stringify(webviewStrings()));
        return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(style.toString())}">
<title>${escapeHtml(vscode.l10n.t('Forecast'))}</title>
</head>
<body data-lang="${lang}" data-strings="${strings}">
<main id="app" aria-live="polite"></main>
<script nonce="${nonce}" src="${escapeHtml(script.toString())}"></script>
</body>
</html>`;
    }

    dispose(): void {
        this.panel?.dispose();
        for (const d of this.disposables) d.dispose();
    }
}
