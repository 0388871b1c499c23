// The language server's V8 startup snapshot (out/server/snapshot.blob, made by `npm run build`):
// `community-language-server --stdio` starts from it when it was made by the Node that runs it, the
// VS Code client passes it in execArgv, and either way an editor sees what the plain bundle gives —
// the same diagnostics for the opened plans, the same answers; a blob that does not fit (here: made
// by another Node) is not used and the plain bundle serves.
import { fork, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node';
import { snapshotRefusal, type SnapshotRecord } from '../../runtime/startup-snapshot.js';
import { ensureBuilt, ROOT } from '../helpers/cli.js';
import { startServer } from '../helpers/lsp-process.js';

beforeAll(ensureBuilt);

const TMP = mkdtempSync(join(tmpdir(), 'community-server-snapshot-'));
// Preloaded into the server (NODE_OPTIONS): at exit, writes the Node flags the process ran with.
const RECORDER = join(TMP, 'record-flags.cjs');
writeFileSync(RECORDER, "process.on('exit', () => require('fs').writeFileSync(process.env.FLAGS_FILE, JSON.stringify(process.execArgv)));\n");

const PLANS = [
    'examples/fitness-wechat.community',
    'examples/oss-discord.community',
    'examples/invalid/bad-date.community',
    'examples/invalid/import-cycle.community',
];

/** Polls `done` every 20 ms until it holds or `ms` have passed. */
async function until(done: () => boolean, ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
}

/** A session over stdio on examples/: opens the plans one by one, asks a hover and a completion, and returns what came back. */
async function session(env: Record<string, string | undefined>, main?: string) {
    const flagsFile = join(TMP, `flags-${Math.random().toString(36).slice(2)}.json`);
    const server = await startServer(join(ROOT, 'examples'), { main, env: { NODE_OPTIONS: `--require ${RECORDER}`, FLAGS_FILE: flagsFile, ...env } });
    const seen: Record<string, unknown> = {};
    const before = new Map(PLANS.map((plan) => [plan, server.diagnostics.get(pathToFileURL(join(ROOT, plan)).href)?.length ?? 0]));
    for (const plan of PLANS) {
        const uri = pathToFileURL(join(ROOT, plan)).href;
        await server.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri, languageId: 'community', version: 1, text: readFileSync(join(ROOT, plan), 'utf8') },
        });
    }
    // Settled: every opened plan has had diagnostics since it was opened, then the server has nothing
    // scheduled (community/settled: the slow checks that follow the fast ones after a pause have run).
    const answered = () => PLANS.every((plan) => (server.diagnostics.get(pathToFileURL(join(ROOT, plan)).href)?.length ?? 0) > before.get(plan)!);
    await until(answered, 90_000);
    await server.connection.sendRequest('community/settled');
    for (const plan of PLANS) seen[plan] = server.diagnostics.get(pathToFileURL(join(ROOT, plan)).href)?.at(-1);
    // Every workspace plan's last diagnostics (the server publishes them for the files it indexed too).
    seen.workspace = Object.fromEntries([...server.diagnostics].map(([uri, list]) => [uri, list.at(-1)]));
    const uri = pathToFileURL(join(ROOT, PLANS[0])).href;
    seen.hover = await server.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 4 } });
    seen.completion = await server.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 3, character: 0 } });
    await server.stop();
    const flags = JSON.parse(readFileSync(flagsFile, 'utf8')) as string[];
    return { seen, fromSnapshot: flags.includes('--snapshot-blob'), stderr: server.stderr() };
}

/** The plain bundle's session (COMMUNITY_SNAPSHOT=off), made once: two tests compare with it. */
let plainRun: ReturnType<typeof session> | undefined;
const plainSession = () => (plainRun ??= session({ COMMUNITY_SNAPSHOT: 'off' }));

/** The VS Code client's way: out/server/main.cjs forked over node IPC, with `execArgv` as given; the fitness example's settled diagnostics. */
async function forkedSession(execArgv: string[]) {
    const child = fork(join(ROOT, 'out/server/main.cjs'), ['--node-ipc', `--clientProcessId=${process.pid}`], {
        execArgv,
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    const published: unknown[] = [];
    const uri = pathToFileURL(join(ROOT, PLANS[0])).href;
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
        if (p.uri === uri) published.push(p.diagnostics);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.listen();
    const rootUri = pathToFileURL(join(ROOT, 'examples')).href;
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'examples' }],
        capabilities: { workspace: { configuration: true } },
    });
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'community', version: 1, text: readFileSync(join(ROOT, PLANS[0]), 'utf8') },
    });
    await until(() => published.length > 0, 60_000);
    await connection.sendRequest('community/settled');
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    const code = await new Promise<number | null>((r) => child.once('exit', r));
    connection.dispose();
    return { code, diagnostics: published.at(-1) };
}

describe('language server from the startup snapshot', () => {
    it('the build made the blob for this Node', () => {
        expect(snapshotRefusal(join(ROOT, 'out/server/snapshot.blob'), {})).toBeUndefined();
    });

    it('gives the diagnostics, hover and completion the plain bundle gives', async () => {
        // The two servers run at the same time: each is compared with the other only once both have settled.
        const [snap, plain] = await Promise.all([session({}), plainSession()]);
        expect(snap.fromSnapshot).toBe(true);
        expect(plain.fromSnapshot).toBe(false);
        for (const plan of PLANS) expect(snap.seen[plan], plan).toBeDefined();
        expect(snap.seen).toEqual(plain.seen);
        expect(snap.stderr).toBe(plain.stderr);
    }, 180_000);

    it('started with --snapshot-blob in execArgv (the VS Code client’s way) it answers --version and --help itself', () => {
        const blob = join(ROOT, 'out/server/snapshot.blob');
        const main = join(ROOT, 'out/server/main.cjs');
        const direct = (arg: string) => spawnSync(process.execPath, ['--snapshot-blob', blob, main, arg], { encoding: 'utf8' });
        const plain = (arg: string) => spawnSync(process.execPath, [main, arg], { encoding: 'utf8', env: { ...process.env, COMMUNITY_SNAPSHOT: 'off' } });
        for (const arg of ['--version', '--help']) {
            const d = direct(arg);
            expect(d.status).toBe(0);
            expect(d.stdout).toBe(plain(arg).stdout);
        }
    });

    it('forked over node IPC with --snapshot-blob in execArgv (the VS Code client’s way) it serves as the plain bundle does', async () => {
        const [snap, plain] = await Promise.all([forkedSession(['--snapshot-blob', join(ROOT, 'out/server/snapshot.blob')]), forkedSession([])]);
        expect(snap.code).toBe(0);
        expect((snap.diagnostics as unknown[]).length).toBeGreaterThan(0);
        expect(snap).toEqual(plain);
    }, 180_000);

    it('a blob made by another Node is not used: the plain bundle serves', async () => {
        const copy = join(TMP, 'install/out');
        for (const dir of ['server', 'runtime']) {
            mkdirSync(join(copy, dir), { recursive: true });
            cpSync(join(ROOT, 'out', dir), join(copy, dir), { recursive: true, preserveTimestamps: true });
        }
        const recordFile = join(copy, 'server/snapshot.json');
        const record = JSON.parse(readFileSync(recordFile, 'utf8')) as SnapshotRecord;
        writeFileSync(recordFile, JSON.stringify({ ...record, dir: join(copy, 'server'), node: 'v23.0.0' }));
        expect(snapshotRefusal(join(copy, 'server/snapshot.blob'), {})).toBe('made by Node v23.0.0');
        const [other, plain] = await Promise.all([session({}, join(copy, 'server/main.cjs')), plainSession()]);
        expect(other.fromSnapshot).toBe(false);
        expect(other.seen).toEqual(plain.seen);
    }, 180_000);
});
