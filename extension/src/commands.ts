// The extension's commands besides the preview: Simulate (through the language server), and
// Compile / Diff against HEAD / Export report (through the `community` CLI as a child process).
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { errorSummary, planArg, resolveCli, runCli, type CliResult } from './cli.js';
import { messageLanguage } from './client.js';
import { forecastSettings, requestForecast } from './preview/forecaster.js';
import { isPlan } from './preview/panel.js';
import type { ForecastResult } from '../../protocol/forecast.js';
import { simulationTable } from './simulation-table.js';

/** The plan a command acts on: an explicit URI (explorer), else the active .community editor. */
async function targetPlan(arg: unknown): Promise<vscode.TextDocument | undefined> {
    if (arg instanceof vscode.Uri) return vscode.workspace.openTextDocument(arg);
    const doc = vscode.window.activeTextEditor?.document;
    if (isPlan(doc)) return doc;
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a .community plan first.'));
    return undefined;
}

function askInteger(title: string, value: number, min: number, max: number): Thenable<string | undefined> {
    return vscode.window.showInputBox({
        title,
        value: String(value),
        validateInput: (text) => {
            const n = Number(text);
            return Number.isInteger(n) && n >= min && n <= max ? undefined : vscode.l10n.t('Enter a whole number from {0} to {1}.', min, max);
        },
    });
}

export async function simulate(getClient: () => LanguageClient | undefined, arg: unknown): Promise<void> {
    const doc = await targetPlan(arg);
    if (!doc) return;
    const client = getClient();
    if (!client) return void vscode.window.showErrorMessage(vscode.l10n.t('The Community language server is not running.'));
    const settings = forecastSettings();
    const runs = await askInteger(vscode.l10n.t('Number of Monte Carlo runs'), Math.max(settings.runs, 1000), 1, 1_000_000);
    if (runs === undefined) return;
    const seed = await askInteger(vscode.l10n.t('Random seed'), settings.seed, -2147483648, 2147483647);
    if (seed === undefined) return;
    const format = await vscode.window.showQuickPick(
        [
            { label: vscode.l10n.t('Table'), id: 'table' as const },
            { label: 'JSON', id: 'json' as const },
        ],
        { title: vscode.l10n.t('Output format') },
    );
    if (!format) return;
    const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Simulating {0} runs…', runs), cancellable: true },
        (_progress, token) => requestForecast(client, doc.uri, { runs: Number(runs), seed: Number(seed) }, token),
    );
    if (!reportNotOk(result)) return;
    const content = format.id === 'json' ? JSON.stringify(result, null, 2) : simulationTable(result, messageLanguage(), vscode.l10n.t);
    const out = await vscode.workspace.openTextDocument({ language: format.id === 'json' ? 'json' : 'markdown', content });
    await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside });
}

function reportNotOk(result: ForecastResult): result is Extract<ForecastResult, { status: 'ok' }> {
    if (result.status === 'errors') {
        void vscode.window.showErrorMessage(vscode.l10n.t('The plan has {0} error(s); fix them before simulating.', result.errorCount));
        return false;
    }
    if (result.status === 'unavailable') {
        void vscode.window.showErrorMessage(vscode.l10n.t('Forecast unavailable: {0}', result.message));
        return false;
    }
    return true;
}

interface CliContext {
    context: vscode.ExtensionContext;
    output: vscode.OutputChannel;
}

async function cliFor(ctx: CliContext, doc: vscode.TextDocument): Promise<{ cli: string; cwd: string } | undefined> {
    if (doc.isDirty) await doc.save();
    const folder = vscode.workspace.getWorkspaceFolder(doc.uri);
    const cli = resolveCli(ctx.context, folder);
    if (!cli) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Cannot find the community command line. Set "community.cliPath".'));
        return undefined;
    }
    return { cli, cwd: folder?.uri.fsPath ?? path.dirname(doc.uri.fsPath) };
}

/** Runs the CLI with progress, logs the call, and shows its own error output when it fails. */
async function runLogged(ctx: CliContext, title: string, cli: string, args: string[], cwd: string): Promise<CliResult | undefined> {
    ctx.output.appendLine(`$ community ${args.join(' ')}   (${cli}, cwd ${cwd})`);
    const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_p, token) =>
        runCli(cli, args, cwd, token),
    );
    if (result.stdout) ctx.output.appendLine(result.stdout.trimEnd());
    if (result.stderr) ctx.output.appendLine(result.stderr.trimEnd());
    ctx.output.appendLine(`[exit ${result.code}]`);
    if (result.code !== 0) {
        const choice = await vscode.window.showErrorMessage(
            vscode.l10n.t('community {0} failed: {1}', args[0], errorSummary(result)),
            vscode.l10n.t('Show Output'),
        );
        if (choice) ctx.output.show(true);
        return undefined;
    }
    return result;
}

function commonArgs(): string[] {
    const s = forecastSettings();
    return ['--runs', String(s.runs), '--seed', String(s.seed), '--lang', messageLanguage()];
}

export async function compile(ctx: CliContext, arg: unknown): Promise<void> {
    const doc = await targetPlan(arg);
    if (!doc) return;
    const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Compile here'),
        title: vscode.l10n.t('Folder for the compiled schedules and reports'),
        defaultUri: vscode.workspace.getWorkspaceFolder(doc.uri)?.uri,
    });
    if (!picked?.[0]) return;
    const c = await cliFor(ctx, doc);
    if (!c) return;
    const ok = await runLogged(
        ctx,
        vscode.l10n.t('Compiling {0}…', path.basename(doc.uri.fsPath)),
        c.cli,
        ['compile', planArg(doc.uri.fsPath, c.cwd), '--out', picked[0].fsPath, ...commonArgs()],
        c.cwd,
    );
    if (!ok) return;
    const reveal = vscode.l10n.t('Reveal Folder');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Compiled {0} to {1}.', path.basename(doc.uri.fsPath), picked[0].fsPath), reveal);
    if (choice === reveal) await vscode.commands.executeCommand('revealFileInOS', picked[0]);
}

export async function diffHead(ctx: CliContext, arg: unknown): Promise<void> {
    const doc = await targetPlan(arg);
    if (!doc) return;
    const c = await cliFor(ctx, doc);
    if (!c) return;
    const ok = await runLogged(
        ctx,
        vscode.l10n.t('Comparing with git HEAD…'),
        c.cli,
        ['diff', planArg(doc.uri.fsPath, c.cwd), '--base', 'HEAD', ...commonArgs()],
        c.cwd,
    );
    if (!ok) return;
    const out = await vscode.workspace.openTextDocument({ language: 'markdown', content: ok.stdout });
    await vscode.window.showTextDocument(out, { viewColumn: vscode.ViewColumn.Beside });
}

/** What "Export report" can write: each entry is one `compile --formats` value and the files it gives. */
export const EXPORT_CHOICES = [
    { format: 'html', files: ['report.html', 'report.md'], picked: true },
    { format: 'pdf', files: ['report.pdf'], picked: false },
    { format: 'xlsx', files: ['plan.xlsx'], picked: false },
    { format: 'sop', files: ['sop.xlsx', 'sop.csv'], picked: false },
] as const;

function exportLabel(format: (typeof EXPORT_CHOICES)[number]['format']): { label: string; description: string } {
    switch (format) {
        case 'html':
            return {
                label: vscode.l10n.t('HTML report'),
                description: vscode.l10n.t('report.html and report.md: summary, KPIs, scenarios, money, calendar, run-sheet'),
            };
        case 'pdf':
            return { label: vscode.l10n.t('PDF report'), description: vscode.l10n.t('report.pdf on A4, printed by Chromium when it is installed') };
        case 'xlsx':
            return { label: vscode.l10n.t('Excel workbook'), description: vscode.l10n.t('plan.xlsx: schedule, weekly forecast, KPIs, costs') };
        case 'sop':
            return {
                label: vscode.l10n.t('Community SOP sheet (社群SOP)'),
                description: vscode.l10n.t('sop.xlsx and sop.csv: what to post in which group, when'),
            };
    }
}

export async function exportReport(ctx: CliContext, arg: unknown): Promise<void> {
    const doc = await targetPlan(arg);
    if (!doc) return;
    const items = EXPORT_CHOICES.map((c) => ({ ...exportLabel(c.format), format: c.format, picked: c.picked }));
    const chosen = await vscode.window.showQuickPick(items, {
        canPickMany: true,
        title: vscode.l10n.t('Export report'),
        placeHolder: vscode.l10n.t('What to export'),
    });
    if (!chosen || chosen.length === 0) return;
    const formats = chosen.flatMap((c) => (c.format === 'html' ? ['html', 'md'] : [c.format]));
    const picked = await vscode.window.showOpenDialog({
        canSelectFolders: true,
        canSelectFiles: false,
        canSelectMany: false,
        openLabel: vscode.l10n.t('Export here'),
        title: vscode.l10n.t('Folder for the report'),
        defaultUri: vscode.workspace.getWorkspaceFolder(doc.uri)?.uri,
    });
    if (!picked?.[0]) return;
    const c = await cliFor(ctx, doc);
    if (!c) return;
    const result = await runLogged(
        ctx,
        vscode.l10n.t('Exporting the report…'),
        c.cli,
        ['compile', planArg(doc.uri.fsPath, c.cwd), '--out', picked[0].fsPath, '--formats', formats.join(','), ...commonArgs()],
        c.cwd,
    );
    if (!result) return;
    // The CLI skips the PDF with one line on stderr when there is no Chromium; say so.
    const skipped = result.stderr.split(/\r?\n/).find((l) => /report\.pdf/.test(l));
    if (skipped) void vscode.window.showWarningMessage(skipped);
    const open = vscode.l10n.t('Open Report');
    const reveal = vscode.l10n.t('Show Folder');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Exported the report to {0}.', picked[0].fsPath), open, reveal);
    if (choice === open) {
        const wanted = formats.includes('html')
            ? '**/report.html'
            : formats.includes('pdf')
              ? '**/report.pdf'
              : formats.includes('xlsx')
                ? '**/plan.xlsx'
                : '**/sop.xlsx';
        const found = await vscode.workspace.findFiles(new vscode.RelativePattern(picked[0], wanted), undefined, 1);
        if (found[0]) await vscode.env.openExternal(found[0]);
    } else if (choice === reveal) {
        await vscode.commands.executeCommand('revealFileInOS', picked[0]);
    }
}

/** Opens the FitHome example: the workspace's copy if it has one, else the copy shipped in the extension. */
export async function openExample(context: vscode.ExtensionContext): Promise<vscode.TextDocument | undefined> {
    const inWorkspace = await vscode.workspace.findFiles('**/examples/fitness-wechat.community', '**/node_modules/**', 1);
    let uri = inWorkspace[0];
    if (!uri) {
        const dest = vscode.Uri.joinPath(context.globalStorageUri, 'examples');
        const files = ['fitness-wechat.community', path.join('shared', 'platforms.community')];
        for (const f of files) {
            const from = context.asAbsolutePath(path.join('examples', f));
            const to = path.join(dest.fsPath, f);
            if (!existsSync(from)) continue;
            mkdirSync(path.dirname(to), { recursive: true });
            if (!existsSync(to)) copyFileSync(from, to);
        }
        uri = vscode.Uri.joinPath(dest, 'fitness-wechat.community');
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    return doc;
}

/** Rewrites the plan with English or Chinese keywords (`community format --keywords`), as one undoable edit. */
export async function convertKeywords(ctx: CliContext, arg: unknown): Promise<void> {
    const doc = await targetPlan(arg);
    if (!doc) return;
    const style = await vscode.window.showQuickPick(
        [
            { label: vscode.l10n.t('Chinese keywords'), description: '社群 层级 流失 每周四 …', id: 'zh' },
            { label: vscode.l10n.t('English keywords'), description: 'community tier churn every Thursday …', id: 'en' },
        ],
        { title: vscode.l10n.t('Write the plan with') },
    );
    if (!style) return;
    const c = await cliFor(ctx, doc);
    if (!c) return;
    const result = await runLogged(
        ctx,
        vscode.l10n.t('Converting keywords…'),
        c.cli,
        ['format', '--keywords', style.id, planArg(doc.uri.fsPath, c.cwd), '--lang', messageLanguage()],
        c.cwd,
    );
    if (!result || result.stdout === doc.getText()) return;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), result.stdout);
    await vscode.workspace.applyEdit(edit);
}
