// "Find the spend that reaches this at 80 %" (the KPI CodeLens): asks the language server for the
// goal seek (`community/solve`, protocol/solve.ts) with a cancellable progress notification, then
// offers the solved scenario — the same text `community solve --write NAME` appends — as a
// workspace edit. Once inserted, the forecast preview can compare it with the base plan.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { SOLVE_DEFAULT_PROBABILITY, SOLVE_PROGRESS_NOTIFICATION, SOLVE_REQUEST, type SolveProgress, type SolveResponse } from '../../protocol/solve.js';

let nextId = 1;

export async function solveKpi(getClient: () => LanguageClient | undefined, uriArg: unknown, kpiArg: unknown): Promise<void> {
    const client = getClient();
    if (!client) return void vscode.window.showErrorMessage(vscode.l10n.t('The Community language server is not running.'));
    if (typeof uriArg !== 'string' || typeof kpiArg !== 'string') return;
    const uri = vscode.Uri.parse(uriArg);
    const doc = await vscode.workspace.openTextDocument(uri);
    const progressId = `solve-${nextId++}`;
    let answer: SolveResponse | undefined;
    try {
        answer = await vscode.window.withProgress(
            {
                location: vscode.ProgressLocation.Notification,
                title: vscode.l10n.t('Finding the spend that reaches {0} at {1} %…', kpiArg, SOLVE_DEFAULT_PROBABILITY * 100),
                cancellable: true,
            },
            async (progress, token) => {
                let reported = 0;
                const listener = client.onNotification(SOLVE_PROGRESS_NOTIFICATION, (p: SolveProgress) => {
                    if (p.progressId !== progressId) return;
                    const share = Math.min(100, (100 * p.done) / Math.max(1, p.total));
                    progress.report({ increment: share - reported, message: vscode.l10n.t('{0} of about {1} candidates', p.done, p.total) });
                    reported = share;
                });
                try {
                    return await client.sendRequest<SolveResponse>(
                        SOLVE_REQUEST,
                        { uri: client.code2ProtocolConverter.asUri(doc.uri), kpi: kpiArg, progressId },
                        token,
                    );
                } finally {
                    listener.dispose();
                }
            },
        );
    } catch (error) {
        // Cancelled by the user: nothing to say.
        if ((error as { code?: number }).code === -32800) return;
        return void vscode.window.showErrorMessage(vscode.l10n.t('Solve failed: {0}', error instanceof Error ? error.message : String(error)));
    }
    if (!answer) return;
    if (answer.status !== 'ok') return void vscode.window.showWarningMessage(answer.message);
    if (doc.version !== answer.version) return void vscode.window.showWarningMessage(vscode.l10n.t('The plan changed while solving; run it again.'));
    const insert = vscode.l10n.t('Insert scenario {0}', answer.scenario);
    const pick = await (answer.reached ? vscode.window.showInformationMessage : vscode.window.showWarningMessage)(answer.summary, insert);
    if (pick !== insert) return;
    const edit = new vscode.WorkspaceEdit();
    const r = answer.edit.range;
    edit.replace(doc.uri, new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), answer.edit.newText);
    if (!(await vscode.workspace.applyEdit(edit))) return void vscode.window.showWarningMessage(vscode.l10n.t('The plan changed while solving; run it again.'));
    const editor = await vscode.window.showTextDocument(doc);
    const end = doc.positionAt(doc.getText().length);
    editor.revealRange(new vscode.Range(end, end));
}
