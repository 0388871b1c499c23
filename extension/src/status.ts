// The status bar item: the active plan's headline ("P50 18.4k members · 3/5 KPIs likely"); a click
// opens the preview. It reuses the preview's results when the preview shows the same plan and
// otherwise runs its own (debounced) forecast.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { Forecaster } from './preview/forecaster.js';
import { isPlan, type ForecastPreview } from './preview/panel.js';
import type { ForecastResult } from '../../protocol/forecast.js';
import { headline, headlineMembers } from './preview/shape.js';

export class PlanStatus implements vscode.Disposable {
    private readonly item: vscode.StatusBarItem;
    private readonly forecaster: Forecaster;
    private readonly disposables: vscode.Disposable[] = [];
    private current: vscode.TextDocument | undefined;

    constructor(
        getClient: () => LanguageClient | undefined,
        private readonly preview: ForecastPreview,
        private readonly lang: () => 'en' | 'zh-CN',
    ) {
        this.item = vscode.window.createStatusBarItem('community.headline', vscode.StatusBarAlignment.Left, 50);
        this.item.name = vscode.l10n.t('Community Plan Forecast');
        this.item.command = 'community.openPreviewToSide';
        this.forecaster = new Forecaster(getClient);
        this.disposables.push(
            this.item,
            this.forecaster,
            vscode.window.onDidChangeActiveTextEditor(() => this.track()),
            vscode.workspace.onDidChangeTextDocument((e) => {
                if (e.document === this.current && e.contentChanges.length > 0) this.update(false);
            }),
            preview.onResult((uri, result) => {
                if (this.current && uri.toString() === this.current.uri.toString()) this.show(result);
            }),
        );
    }

    /** Starts following the active editor (call once the client is running). */
    track(): void {
        const doc = vscode.window.activeTextEditor?.document;
        if (!isPlan(doc)) {
            this.current = undefined;
            this.item.hide();
            return;
        }
        if (doc !== this.current) {
            this.current = doc;
            this.item.text = `$(graph-line) ${vscode.l10n.t('Forecast…')}`;
            this.item.tooltip = vscode.l10n.t('Open Forecast Preview to the Side');
            this.item.show();
            this.update(true);
        }
    }

    private update(immediately: boolean): void {
        const doc = this.current;
        if (!doc) return;
        // The preview already forecasts this plan; its results arrive through onResult.
        if (this.preview.visibleDocument === doc) {
            const last = this.preview.resultFor(doc.uri);
            if (last && immediately) this.show(last);
            return;
        }
        this.forecaster.schedule(
            doc.uri,
            {},
            { onResult: (r) => this.show(r), onError: () => undefined },
            immediately ? 0 : Math.max(600, vscode.workspace.getConfiguration('community').get<number>('preview.debounceMs', 150) * 4),
        );
    }

    private show(result: ForecastResult): void {
        if (result.status === 'ok' && result.forecasts[0]) {
            const h = headline(result.forecasts[0]);
            this.item.text = `$(graph-line) ${vscode.l10n.t('P50 {0} members · {1}/{2} KPIs likely', headlineMembers(h, this.lang()), h.likely, h.total)}`;
            this.item.tooltip = vscode.l10n.t('{0}: forecast of {1} runs (seed {2}). Click to open the preview.', result.plan.name, result.runs, result.seed);
            this.item.backgroundColor = undefined;
        } else if (result.status === 'errors') {
            this.item.text = `$(warning) ${vscode.l10n.t('Plan has {0} error(s)', result.errorCount)}`;
            this.item.tooltip = vscode.l10n.t('Fix the errors to update the forecast.');
        } else {
            this.item.text = `$(graph-line) ${vscode.l10n.t('Forecast unavailable')}`;
            this.item.tooltip = result.status === 'unavailable' ? result.message : undefined;
        }
        this.item.show();
    }

    dispose(): void {
        for (const d of this.disposables) d.dispose();
    }
}
