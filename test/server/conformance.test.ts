// LSP conformance of the real server process (bin/community-language-server.cjs --stdio), driven by
// a client that writes raw frames. Each case is a reproducer from issue 17: errors answered as
// errors, the lifecycle (before initialize, a second initialize, after shutdown), registrations only
// for announced capabilities, broken streams and corrupt frames ending the process (never a hang or a
// stack trace), and code actions for never-opened files and for ranges in the wrong units.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { RawClient } from './raw-client.js';

const clients: RawClient[] = [];
afterEach(() => {
    for (const c of clients.splice(0)) c.kill();
});
function client(): RawClient {
    const c = new RawClient();
    clients.push(c);
    return c;
}

function workspace(files: Record<string, string> = {}): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-conformance-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

const fitness = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
const hoverAt = (uri: string) => ({ textDocument: { uri }, position: { line: 0, character: 0 } });
const noStackTrace = (stderr: string) => expect(stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);

describe('errors are error responses', () => {
    it('answers requests about unknown documents (untitled:, a bad URI, a missing file) with an error, not a result', async () => {
        const c = client();
        const ws = workspace({ 'a.community': fitness });
        await c.initialize(ws);
        for (const uri of ['untitled:Untitled-1', 'not a uri', pathToFileURL(join(ws, 'missing.community')).href]) {
            for (const method of ['textDocument/hover', 'textDocument/definition', 'textDocument/completion']) {
                const r = await c.call(method, hoverAt(uri));
                expect(r.result, `${method} ${uri}`).toBeUndefined();
                expect(r.error?.code, `${method} ${uri}`).toBeTypeOf('number');
                expect(r.error?.message).toMatch(/No document found/);
            }
        }
    });
});

describe('lifecycle', () => {
    it('rejects requests before initialize with -32002 and drops notifications', async () => {
        const c = client();
        const r = await c.call('textDocument/hover', hoverAt('file:///x.community'));
        expect(r.error?.code).toBe(-32002);
        c.notify('textDocument/didOpen', { textDocument: { uri: 'file:///x.community', languageId: 'community', version: 1, text: 'plan' } });
        const init = await c.initialize(workspace());
        expect((init.result as { capabilities: object }).capabilities).toBeTruthy();
        // The dropped didOpen left no document behind.
        const after = await c.call('textDocument/hover', hoverAt('file:///x.community'));
        expect(after.error?.message).toMatch(/No document found/);
    });

    it('rejects a second initialize', async () => {
        const c = client();
        await c.initialize(workspace());
        const again = await c.call('initialize', { processId: null, rootUri: null, capabilities: {} });
        expect(again.error?.code).toBe(-32600);
        expect(again.result).toBeUndefined();
    });

    it('rejects requests after shutdown, then exits 0 on exit', async () => {
        const c = client();
        const ws = workspace({ 'a.community': fitness });
        await c.initialize(ws);
        expect((await c.call('shutdown')).result).toBeNull();
        const late = await c.call('textDocument/hover', hoverAt(pathToFileURL(join(ws, 'a.community')).href));
        expect(late.error?.code).toBe(-32600);
        c.notify('exit');
        expect(await c.exit()).toBe(0);
    });

    it('exits 1 on exit without shutdown', async () => {
        const c = client();
        await c.initialize(workspace());
        c.notify('exit');
        expect(await c.exit()).toBe(1);
    });
});

describe('registrations', () => {
    const registered = (c: RawClient) =>
        c.frames
            .filter((f) => f.method === 'client/registerCapability')
            .flatMap((f) => (f.params as { registrations: Array<{ method: string }> }).registrations.map((r) => r.method));

    it('registers nothing the client did not announce (eglot: configuration, no dynamic registration)', async () => {
        const c = client();
        await c.initialize(workspace({ 'a.community': fitness }), {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
        });
        // A request after initialized: by its answer every registration of the initialized phase is out.
        await c.call('textDocument/hover', hoverAt(pathToFileURL(join(ROOT, 'nowhere.community')).href));
        await new Promise((r) => setTimeout(r, 300));
        expect(registered(c)).toEqual([]);
        // The configuration is still pulled.
        expect(c.frames.some((f) => f.method === 'workspace/configuration')).toBe(true);
    });

    it('registers what the client announced (VS Code: dynamic didChangeConfiguration and file watching)', async () => {
        const c = client();
        await c.initialize(workspace(), {
            workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
        });
        await c.call('textDocument/hover', hoverAt('file:///nowhere.community'));
        await new Promise((r) => setTimeout(r, 300));
        expect(registered(c).sort()).toEqual(['workspace/didChangeConfiguration', 'workspace/didChangeWatchedFiles']);
    });
});

describe('broken streams', () => {
    it('ends quietly with exit code 1 when stdout is closed', async () => {
        const c = client();
        await c.initialize(workspace({ 'a.community': fitness }));
        c.child.stdout!.destroy();
        // Something to answer, so the server writes to the closed pipe.
        for (let i = 0; i < 5; i++) c.request('textDocument/hover', hoverAt('file:///x.community'));
        expect(await c.exit(10_000)).toBe(1);
        noStackTrace(c.stderr);
    });

    it('ends with exit code 1 when stdin closes without shutdown, and 0 after shutdown', async () => {
        const a = client();
        await a.initialize(workspace());
        a.child.stdin!.end();
        expect(await a.exit()).toBe(1);
        const b = client();
        await b.initialize(workspace());
        await b.call('shutdown');
        b.child.stdin!.end();
        expect(await b.exit()).toBe(0);
        noStackTrace(a.stderr + b.stderr);
    });

    const body = (o: object) => JSON.stringify({ jsonrpc: '2.0', ...o });
    const hover = body({ id: 99, method: 'textDocument/hover', params: hoverAt('file:///x.community') });
    const shutdown = body({ id: 100, method: 'shutdown' });
    const frames: Record<string, string> = {
        'a Content-Length a few bytes short': `Content-Length: ${Buffer.byteLength(hover) - 3}\r\n\r\n${hover}Content-Length: ${Buffer.byteLength(shutdown)}\r\n\r\n${shutdown}`,
        'a Content-Length a few bytes long': `Content-Length: ${Buffer.byteLength(hover) + 3}\r\n\r\n${hover}Content-Length: ${Buffer.byteLength(shutdown)}\r\n\r\n${shutdown}`,
        'a Content-Length counted in UTF-16 units': (() => {
            const zh = body({
                method: 'textDocument/didOpen',
                params: { textDocument: { uri: 'file:///zh.community', languageId: 'community', version: 1, text: '// 健身打卡社群运营计划\n' } },
            });
            return `Content-Length: ${zh.length}\r\n\r\n${zh}Content-Length: ${Buffer.byteLength(shutdown)}\r\n\r\n${shutdown}`;
        })(),
        'a non-numeric Content-Length': `Content-Length: twelve\r\n\r\n${hover}`,
        'no Content-Length at all': `Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${hover}`,
    };
    for (const [what, bytes] of Object.entries(frames)) {
        it(`logs ${what} to stderr and exits 1 (the client restarts it) instead of going deaf`, async () => {
            const c = client();
            await c.initialize(workspace());
            c.raw(bytes);
            expect(await c.exit(10_000)).toBe(1);
            expect(c.stderr).toMatch(/community-language-server: cannot read a message from the editor/);
            noStackTrace(c.stderr);
        });
    }
});

describe('code actions', () => {
    // A misspelt platform after Chinese text on the same line: the quick fix is "Change to …".
    const plan = [
        'plan "健身打卡计划" {',
        '  start 2027-01-04',
        '  horizon 8 weeks',
        '  timezone "Asia/Shanghai"',
        '  currency CNY',
        '}',
        'platform WeChatGroups "微信群" { kind wechat-group }',
        'community C { theme "健身打卡社群，每天一练" platform WeChatGrups',
        '  tier Members { churn 5% per month }',
        '}',
        '',
    ].join('\n');
    const line = 7;
    const utf16 = plan.split('\n')[line].indexOf('WeChatGrups');
    const bytes = Buffer.byteLength(plan.split('\n')[line].slice(0, utf16));

    it('answers a code action for a workspace file never opened, sent right after initialize', async () => {
        const c = client();
        const ws = workspace({ 'plan.community': plan });
        const uri = pathToFileURL(join(ws, 'plan.community')).href;
        await c.initialize(ws);
        const r = await c.call(
            'textDocument/codeAction',
            { textDocument: { uri }, range: { start: { line, character: utf16 }, end: { line, character: utf16 } }, context: { diagnostics: [] } },
            15_000,
        );
        expect(r.error).toBeUndefined();
        expect((r.result as Array<{ title: string }>).map((a) => a.title)).toContain('Change to "WeChatGroups"');
    });

    it('answers for the diagnostic on the line when the client sends ranges in bytes (Neovim 0.7 after Chinese text)', async () => {
        expect(bytes).toBeGreaterThan(utf16);
        const c = client();
        const ws = workspace();
        const uri = pathToFileURL(join(ws, 'plan.community')).href;
        await c.initialize(ws);
        c.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 1, text: plan } });
        const end = Date.now() + 15_000;
        let published:
            | Array<{ code?: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }>
            | undefined;
        while (!published && Date.now() < end) {
            const f = c.frames.find(
                (m) =>
                    m.method === 'textDocument/publishDiagnostics' &&
                    (m.params as { uri: string; diagnostics: unknown[] }).uri === uri &&
                    (m.params as { diagnostics: unknown[] }).diagnostics.length > 0,
            );
            published = (f?.params as { diagnostics: typeof published })?.diagnostics;
            await new Promise((r) => setTimeout(r, 25));
        }
        const diagnostic = published!.find((d) => d.code === 'unresolved-reference')!;
        expect(diagnostic.range.start).toEqual({ line, character: utf16 });
        // What Neovim 0.7 sends back: the same diagnostic with its columns counted in bytes.
        const inBytes = { ...diagnostic, range: { start: { line, character: bytes }, end: { line, character: bytes + 'WeChatGrups'.length } } };
        const r = await c.call('textDocument/codeAction', { textDocument: { uri }, range: inBytes.range, context: { diagnostics: [inBytes] } });
        const actions = r.result as Array<{
            title: string;
            edit: { changes: Record<string, Array<{ range: { start: { character: number } }; newText: string }>> };
        }>;
        const fix = actions.find((a) => a.title === 'Change to "WeChatGroups"')!;
        expect(fix.edit.changes[uri][0]).toMatchObject({ range: { start: { character: utf16 } }, newText: 'WeChatGroups' });
        // And with no diagnostics in the context at all (a client that sends none).
        const bare = await c.call('textDocument/codeAction', {
            textDocument: { uri },
            range: { start: { line, character: 0 }, end: { line, character: 0 } },
            context: { diagnostics: [] },
        });
        expect((bare.result as Array<{ title: string }>).map((a) => a.title)).toContain('Change to "WeChatGroups"');
    });
});

describe('node IPC (how the VS Code client starts the server)', () => {
    it('initializes over --node-ipc, answers a request and ends with exit code 0 after shutdown and exit', async () => {
        const { fork } = await import('node:child_process');
        const { createMessageConnection, IPCMessageReader, IPCMessageWriter } = await import('vscode-jsonrpc/node');
        const child = fork(join(ROOT, 'out/server/main.cjs'), ['--node-ipc', `--clientProcessId=${process.pid}`], { silent: true });
        const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
        connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
        connection.onRequest('client/registerCapability', () => null);
        connection.listen();
        const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
        try {
            const ws = workspace({ 'a.community': fitness });
            const rootUri = pathToFileURL(ws).href;
            const init = (await connection.sendRequest('initialize', {
                processId: process.pid,
                rootUri,
                workspaceFolders: [{ uri: rootUri, name: 'ws' }],
                capabilities: {},
            })) as { capabilities: { hoverProvider?: boolean } };
            expect(init.capabilities.hoverProvider).toBe(true);
            await connection.sendNotification('initialized', {});
            const uri = pathToFileURL(join(ws, 'a.community')).href;
            await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 1, text: fitness } });
            const hover = (await connection.sendRequest('textDocument/hover', {
                textDocument: { uri },
                position: {
                    line: fitness.split('\n').findIndex((l) => l.includes('churn 12%')),
                    character:
                        fitness
                            .split('\n')
                            .find((l) => l.includes('churn 12%'))!
                            .indexOf('churn') + 1,
                },
            })) as { contents: { value: string } };
            expect(hover.contents.value).toMatch(/leaving per period/);
            await connection.sendRequest('shutdown');
            await connection.sendNotification('exit');
            expect(await exited).toBe(0);
        } finally {
            connection.dispose();
            if (child.exitCode === null) child.kill();
        }
    });
});
