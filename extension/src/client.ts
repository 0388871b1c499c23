// Starts the bundled language server over node IPC and keeps it running: restarts after a crash,
// and after repeated crashes stops with a clear message instead of looping.
import * as vscode from 'vscode';
import {
    CloseAction,
    ErrorAction,
    LanguageClient,
    State,
    TransportKind,
    type CloseHandlerResult,
    type ErrorHandler,
    type ErrorHandlerResult,
    type LanguageClientOptions,
    type ServerOptions,
} from 'vscode-languageclient/node';
import { usableSnapshot } from '../../runtime/startup-snapshot.js';

/** At most this many crashes within CRASH_WINDOW_MS are restarted. */
export const MAX_RESTARTS = 4;
const CRASH_WINDOW_MS = 3 * 60 * 1000;

export type MessageLang = 'en' | 'zh-CN';

/** The message language for the server: the setting, or the VS Code display language when `auto`. */
export function messageLanguage(): MessageLang {
    const setting = vscode.workspace.getConfiguration('community').get<string>('language', 'auto');
    if (setting === 'en' || setting === 'zh-CN') return setting;
    return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

class RestartingErrorHandler implements ErrorHandler {
    private crashes: number[] = [];
    constructor(private readonly output: vscode.OutputChannel) {}

    error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
        if (count !== undefined && count <= 3) return { action: ErrorAction.Continue, handled: true };
        return { action: ErrorAction.Shutdown, handled: true };
    }

    closed(): CloseHandlerResult {
        const now = Date.now();
        this.crashes = this.crashes.filter((t) => now - t < CRASH_WINDOW_MS);
        this.crashes.push(now);
        if (this.crashes.length > MAX_RESTARTS) {
            const message = vscode.l10n.t(
                'The Community language server crashed {0} times in the last 3 minutes and will not be restarted. See the "Community Language Server" output for details, then run "Community: Restart Language Server".',
                this.crashes.length,
            );
            this.output.appendLine(message);
            void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Output')).then((choice) => {
                if (choice) this.output.show(true);
            });
            return { action: CloseAction.DoNotRestart, handled: true };
        }
        this.output.appendLine(vscode.l10n.t('The Community language server stopped unexpectedly; restarting ({0}/{1}).', this.crashes.length, MAX_RESTARTS));
        return { action: CloseAction.Restart, handled: true };
    }
}

export function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
    const serverModule = context.asAbsolutePath('out/server/main.cjs');
    // The server's startup snapshot (server/snapshot-entry.ts), when `npm run build` made it with the
    // very Node the extension host runs (runtime/startup-snapshot.ts). VS Code's own runtime is
    // Electron's, which never made one, and the .vsix carries no blob: there the plain bundle starts.
    const snapshot = usableSnapshot(context.asAbsolutePath('out/server/snapshot.blob'));
    const serverOptions: ServerOptions = {
        run: { module: serverModule, transport: TransportKind.ipc, ...(snapshot ? { options: { execArgv: ['--snapshot-blob', snapshot] } } : {}) },
        debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
    };
    const config = vscode.workspace.getConfiguration('community');
    const clientOptions: LanguageClientOptions = {
        documentSelector: [{ language: 'community' }],
        outputChannel: output,
        // Trace goes to the same channel; `community.trace.server` is read by the client itself.
        traceOutputChannel: output,
        initializationOptions: {
            lang: messageLanguage(),
            checks: config.get('checks'),
            platformLimits: config.get<string>('platformLimits', '') || undefined,
        },
        synchronize: { configurationSection: 'community' },
        errorHandler: new RestartingErrorHandler(output),
    };
    return new LanguageClient('community', vscode.l10n.t('Community Language Server'), serverOptions, clientOptions);
}

export function isRunning(client: LanguageClient | undefined): client is LanguageClient {
    return client !== undefined && client.state === State.Running;
}
