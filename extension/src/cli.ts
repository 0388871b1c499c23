// Runs the `community` command line as a child process (compile, diff, export report, check tasks).
// Which CLI: the `community.cliPath` setting, else the workspace's own (bin/community.cjs or
// node_modules/.bin/community), else the one bundled with the extension (out/cli/main.cjs).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export interface CliResult {
    code: number;
    stdout: string;
    stderr: string;
}

export function resolveCli(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder | undefined): string | undefined {
    const configured = vscode.workspace.getConfiguration('community', folder?.uri).get<string>('cliPath', '');
    if (configured) return path.isAbsolute(configured) || !folder ? configured : path.join(folder.uri.fsPath, configured);
    const candidates = [
        ...(folder
            ? [path.join(folder.uri.fsPath, 'bin', 'community.cjs'), path.join(folder.uri.fsPath, 'node_modules', 'community-plans', 'bin', 'community.cjs')]
            : []),
        context.asAbsolutePath(path.join('out', 'cli', 'main.cjs')),
    ];
    return candidates.find((p) => existsSync(p));
}

/** The CLI's bundle uses Node 22 APIs (Object.groupBy, …). */
export const MIN_NODE_MAJOR = 22;

/**
 * The Node to run the CLI with: the extension host's own runtime (Electron in VS Code desktop, run
 * as Node through ELECTRON_RUN_AS_NODE; code-server's Node in the browser build). Never `node` from
 * PATH, which may be an older Node than the CLI needs.
 */
export function nodeCommand(): { command: string; env: NodeJS.ProcessEnv; major: number } {
    return { command: process.execPath, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, major: Number(process.versions.node.split('.')[0]) };
}

/** The plan's path as the CLI gets it: relative to the working folder when inside it (tidier headings). */
export function planArg(file: string, cwd: string): string {
    const rel = path.relative(cwd, file);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

export function runCli(cli: string, args: string[], cwd: string, token?: vscode.CancellationToken): Promise<CliResult> {
    const { command, env, major } = nodeCommand();
    if (!(major >= MIN_NODE_MAJOR)) {
        return Promise.resolve({
            code: 1,
            stdout: '',
            stderr: `The community command line needs Node ${MIN_NODE_MAJOR} or later; this editor runs Node ${process.versions.node} (${command}).`,
        });
    }
    return new Promise((resolve) => {
        const child = execFile(command, [cli, ...args], { cwd, env, maxBuffer: 64 * 1024 * 1024, windowsHide: true }, (error, stdout, stderr) => {
            const code = error ? (typeof (error as { code?: unknown }).code === 'number' ? (error as { code: number }).code : 1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) || (error && !stderr ? error.message : '') });
        });
        token?.onCancellationRequested(() => child.kill());
    });
}

/** The first lines of the CLI's error output, for a notification. */
export function errorSummary(result: CliResult): string {
    const text = (result.stderr || result.stdout).trim();
    const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
    return lines.slice(0, 3).join(' ') || `exit code ${result.code}`;
}
