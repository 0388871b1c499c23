// The `community` task type: `community check|simulate|compile` run through the CLI, with the
// `$community` problem matcher turning `path:line:col - error CODE: message` lines into Problems.
import * as vscode from 'vscode';
import { nodeCommand, resolveCli } from './cli.js';
import { messageLanguage } from './client.js';

interface CommunityTaskDefinition extends vscode.TaskDefinition {
    command: 'check' | 'simulate' | 'compile';
    files?: string[];
    args?: string[];
}

function execution(
    context: vscode.ExtensionContext,
    folder: vscode.WorkspaceFolder | undefined,
    def: CommunityTaskDefinition,
): vscode.ProcessExecution | undefined {
    const cli = resolveCli(context, folder);
    if (!cli) return undefined;
    const { command, env } = nodeCommand();
    const files = def.files && def.files.length > 0 ? def.files : ['.'];
    const args = [cli, def.command, ...files, '--lang', messageLanguage(), ...(def.args ?? [])];
    const stringEnv: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (v !== undefined) stringEnv[k] = v;
    stringEnv.NO_COLOR = '1';
    return new vscode.ProcessExecution(command, args, { cwd: folder?.uri.fsPath, env: stringEnv });
}

export function registerTasks(context: vscode.ExtensionContext): vscode.Disposable {
    return vscode.tasks.registerTaskProvider('community', {
        provideTasks() {
            const tasks: vscode.Task[] = [];
            for (const folder of vscode.workspace.workspaceFolders ?? []) {
                const def: CommunityTaskDefinition = { type: 'community', command: 'check' };
                const exec = execution(context, folder, def);
                if (!exec) continue;
                const task = new vscode.Task(def, folder, vscode.l10n.t('check plans'), 'community', exec, '$community');
                task.group = vscode.TaskGroup.Build;
                tasks.push(task);
            }
            return tasks;
        },
        resolveTask(task) {
            const def = task.definition as CommunityTaskDefinition;
            const folder = typeof task.scope === 'object' ? (task.scope as vscode.WorkspaceFolder) : vscode.workspace.workspaceFolders?.[0];
            const exec = execution(context, folder, def);
            if (!exec) return undefined;
            return new vscode.Task(
                def,
                task.scope ?? vscode.TaskScope.Workspace,
                task.name,
                'community',
                exec,
                task.problemMatchers.length ? task.problemMatchers : '$community',
            );
        },
    });
}
