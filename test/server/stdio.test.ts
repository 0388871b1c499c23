// The bundled language server as a real process over --stdio, driven with vscode-jsonrpc:
// initialize, didOpen → diagnostics (fast, then slow checks), completion, hover, definition, rename,
// formatting, shutdown and exit.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/cli.js';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';

const root = resolve(__dirname, '../..');

let child: ChildProcess;
let connection: MessageConnection;
const diagnostics = new Map<string, Array<{ code?: string; message: string }>[]>();
let workspace: string;
let mainUri: string;
let text: string;

beforeAll(async () => {
    ensureBuilt();
    workspace = mkdtempSync(join(tmpdir(), 'community-ls-'));
    mkdirSync(join(workspace, 'shared'));
    writeFileSync(join(workspace, 'shared/platforms.community'), readFileSync(join(root, 'examples/shared/platforms.community'), 'utf8'));
    text = readFileSync(join(root, 'examples/fitness-wechat.community'), 'utf8');
    writeFileSync(join(workspace, 'fitness.community'), text);
    mainUri = pathToFileURL(join(workspace, 'fitness.community')).href;

    child = spawn(process.execPath, [join(root, 'bin/community-language-server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: Array<{ code?: string; message: string }> }) => {
        const list = diagnostics.get(p.uri) ?? [];
        list.push(p.diagnostics);
        diagnostics.set(p.uri, list);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
});

afterAll(() => {
    connection?.dispose();
    if (child && child.exitCode === null) child.kill();
});

async function until<T>(probe: () => T | undefined, ms = 15_000): Promise<T> {
    const end = Date.now() + ms;
    for (;;) {
        const v = probe();
        if (v !== undefined) return v;
        if (Date.now() > end) throw new Error('timed out');
        await new Promise((r) => setTimeout(r, 25));
    }
}

const pos = (needle: string, delta = 0) => {
    const offset = text.indexOf(needle) + delta;
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
};

describe('community-language-server --stdio', () => {
    it('initializes with the editor capabilities', async () => {
        const rootUri = pathToFileURL(workspace).href;
        const result = (await connection.sendRequest('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'ws' }],
            capabilities: { workspace: { configuration: true, codeLens: { refreshSupport: true } }, textDocument: { publishDiagnostics: {} } },
        })) as { capabilities: Record<string, unknown> };
        for (const c of [
            'completionProvider',
            'hoverProvider',
            'definitionProvider',
            'renameProvider',
            'documentFormattingProvider',
            'codeActionProvider',
            'inlayHintProvider',
            'codeLensProvider',
            'semanticTokensProvider',
            'documentSymbolProvider',
            'foldingRangeProvider',
        ]) {
            expect(result.capabilities[c], c).toBeTruthy();
        }
        await connection.sendNotification('initialized', {});
    });

    it('publishes diagnostics on didOpen, then the slow domain checks', async () => {
        await connection.sendNotification('textDocument/didOpen', { textDocument: { uri: mainUri, languageId: 'community', version: 1, text } });
        const all = await until(() => diagnostics.get(mainUri)?.find((list) => list.some((d) => d.code === 'over-budget')));
        expect(all.some((d) => d.code === 'ab-low-pool-idle')).toBe(true);
        expect(all.filter((d) => d.code === 'unresolved-reference')).toEqual([]);
    });

    it('completes tier names', async () => {
        const result = (await connection.sendRequest('textDocument/completion', { textDocument: { uri: mainUri }, position: pos('from Prospect', 5) })) as {
            items: Array<{ label: string }>;
        };
        expect(result.items.map((i) => i.label)).toContain('Prospect');
    });

    it('hovers a keyword', async () => {
        const result = (await connection.sendRequest('textDocument/hover', { textDocument: { uri: mainUri }, position: pos('churn 12%', 1) })) as {
            contents: { value: string };
        };
        expect(result.contents.value).toMatch(/leaving per period/);
    });

    it('goes to the definition of an imported platform', async () => {
        const result = (await connection.sendRequest('textDocument/definition', {
            textDocument: { uri: mainUri },
            position: pos('platform WeChatGroups', 10),
        })) as Array<{ targetUri: string }>;
        expect(result[0].targetUri).toMatch(/shared\/platforms\.community$/);
    });

    it('renames a tier everywhere it is used', async () => {
        const result = (await connection.sendRequest('textDocument/rename', {
            textDocument: { uri: mainUri },
            position: pos('tier Core', 6),
            newName: 'Member',
        })) as { changes: Record<string, unknown[]> };
        expect(result.changes[mainUri].length).toBeGreaterThanOrEqual(5);
    });

    it('formats the document', async () => {
        // The shipped example is formatted already (its one-line groups stay as written).
        const none = (await connection.sendRequest('textDocument/formatting', {
            textDocument: { uri: mainUri },
            options: { tabSize: 2, insertSpaces: true },
        })) as unknown[];
        expect(none).toEqual([]);
        const messy = text.replace('timezone "', 'timezone     "');
        await connection.sendNotification('textDocument/didChange', { textDocument: { uri: mainUri, version: 2 }, contentChanges: [{ text: messy }] });
        const edits = (await connection.sendRequest('textDocument/formatting', {
            textDocument: { uri: mainUri },
            options: { tabSize: 2, insertSpaces: true },
        })) as Array<{ newText: string }>;
        expect(edits).toEqual([expect.objectContaining({ newText: ' ' })]);
    });

    it('shuts down and exits cleanly', async () => {
        await connection.sendRequest('shutdown');
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        await connection.sendNotification('exit');
        expect(await exited).toBe(0);
    });
});
