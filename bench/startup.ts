// Start-up where the user waits (issue 14): the whole `community` process for `--version` and for
// `check` of one example, as ratios to `node -e 0` measured in the same rounds (the floor of any
// Node command on this machine), and the language server from process start to the first
// publishDiagnostics of an opened example. The goal rows are the shipped way in (bin/, which
// re-execs from the startup snapshot when the build made one for this Node); beside them the plain
// bundle (COMMUNITY_SNAPSHOT=off) and the snapshot started directly (`node --snapshot-blob …`, one
// process: the VS Code client's way for the server, a hand-made launcher's for the CLI). Run alone with
//   node_modules/.bin/node --import tsx bench/startup.ts
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { snapshotRefusal } from '../runtime/startup-snapshot.js';
import { ensureBuilt } from '../test/helpers/cli.js';
import type { Figure } from './figure.js';
import { interleaved, median } from './process-cost.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const NODE = process.execPath;
const EXAMPLE = 'examples/fitness-wechat.community';

/** CPU time (user + system) of a running process so far, in ms, from /proc (Linux); NaN elsewhere. */
function cpuSoFar(pid: number): number {
    try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
            .replace(/^.*\) /, '')
            .split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks (USER_HZ 100)
    } catch {
        return NaN;
    }
}

/** Spawn → first diagnostics of `file`, by one way in (by default the installed server's, bin/community-language-server.cjs, as Neovim and Emacs start it). */
async function serverStart(
    file: string,
    way: { args: string[]; env?: Record<string, string> } = { args: [resolve(ROOT, 'bin/community-language-server.cjs'), '--stdio'] },
): Promise<{ wall: number; cpu: number }> {
    const uri = pathToFileURL(resolve(ROOT, file)).href;
    const workspace = pathToFileURL(resolve(ROOT, 'examples')).href;
    const t0 = performance.now();
    const child = spawn(NODE, way.args, { stdio: ['pipe', 'pipe', 'ignore'], env: { ...process.env, ...way.env } });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    const first = new Promise<{ wall: number; cpu: number }>((done) => {
        connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string }) => {
            if (p.uri === uri) done({ wall: performance.now() - t0, cpu: cpuSoFar(child.pid!) });
        });
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map((): null => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    // What an editor sends at once: initialize, initialized and the file it opens, without waiting.
    void connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: workspace,
        workspaceFolders: [{ uri: workspace, name: 'examples' }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    void connection.sendNotification('initialized', {});
    void connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri, languageId: 'community', version: 1, text: readFileSync(resolve(ROOT, file), 'utf8') },
    });
    const result = await first;
    child.kill();
    connection.dispose();
    await new Promise((r) => child.once('exit', r));
    return result;
}

export async function benchStartup(): Promise<Figure[]> {
    ensureBuilt();
    const bin = resolve(ROOT, 'bin/community.cjs');
    const cliBlob = resolve(ROOT, 'out/snapshot/cli.blob');
    const serverBlob = resolve(ROOT, 'out/server/snapshot.blob');
    const refused = [cliBlob, serverBlob].map((b) => [b, snapshotRefusal(b)] as const).filter(([, why]) => why !== undefined);
    for (const [b, why] of refused) console.warn(`bench/startup.ts: ${b} is not used (${why}): the snapshot rows measure the plain bundle`);
    const plainEnv = { COMMUNITY_SNAPSHOT: 'off' };
    const [floor, version, check, checkPlain, checkDirect, checkUncached] = interleaved(
        [
            { command: NODE, args: ['-e', '0'] },
            { command: NODE, args: [bin, '--version'] },
            { command: NODE, args: [bin, 'check', EXAMPLE] },
            { command: NODE, args: [bin, 'check', EXAMPLE], env: plainEnv },
            { command: NODE, args: ['--snapshot-blob', cliBlob, bin, 'check', EXAMPLE] },
            { command: NODE, args: [bin, 'check', EXAMPLE], env: { ...plainEnv, NODE_DISABLE_COMPILE_CACHE: '1' } },
        ],
        { cwd: ROOT, samples: 15, warmup: 2 },
    );
    const serverBin = resolve(ROOT, 'bin/community-language-server.cjs');
    const ways = {
        shipped: { args: [serverBin, '--stdio'] },
        plain: { args: [serverBin, '--stdio'], env: plainEnv },
        direct: { args: ['--snapshot-blob', serverBlob, resolve(ROOT, 'out/server/main.cjs'), '--stdio'] },
    };
    const starts: Record<keyof typeof ways, Array<{ wall: number; cpu: number }>> = { shipped: [], plain: [], direct: [] };
    for (let i = 0; i < 9; i++) {
        // Interleaved like the CLI rows; the first two rounds fill Node's compile cache.
        for (const [name, way] of Object.entries(ways) as Array<[keyof typeof ways, (typeof ways)['shipped']]>) {
            const s = await serverStart(EXAMPLE, way);
            if (i >= 2) starts[name].push(s);
        }
    }
    const wall = (name: keyof typeof ways) => median(starts[name].map((s) => s.wall));
    const cpu = (name: keyof typeof ways) => median(starts[name].map((s) => s.cpu));
    const ratio = (x: number, floorValue: number) => Math.round((x / floorValue) * 100) / 100;
    return [
        { name: 'node -e 0: CPU (user+sys), median of 15', value: floor.cpu, unit: 'ms' },
        { name: 'node -e 0: wall, median of 15', value: floor.wall, unit: 'ms' },
        { name: 'community --version: CPU', value: version.cpu, unit: 'ms' },
        { name: 'community --version: wall', value: version.wall, unit: 'ms' },
        { name: 'community --version: CPU / node -e 0 CPU (goal ≤ 2)', value: ratio(version.cpu, floor.cpu), unit: '×' },
        { name: 'community check fitness example: CPU', value: check.cpu, unit: 'ms' },
        { name: 'community check fitness example: wall', value: check.wall, unit: 'ms' },
        { name: 'community check fitness example: CPU / node -e 0 CPU (goal ≤ 3)', value: ratio(check.cpu, floor.cpu), unit: '×' },
        { name: 'community check fitness example: wall / node -e 0 wall', value: ratio(check.wall, floor.wall), unit: '×' },
        { name: 'community check, plain bundle (COMMUNITY_SNAPSHOT=off): CPU', value: checkPlain.cpu, unit: 'ms' },
        { name: 'community check, plain bundle: CPU / node -e 0 CPU', value: ratio(checkPlain.cpu, floor.cpu), unit: '×' },
        { name: 'community check, started by hand from the snapshot (node --snapshot-blob, one process): CPU', value: checkDirect.cpu, unit: 'ms' },
        { name: 'community check, started by hand from the snapshot: CPU / node -e 0 CPU', value: ratio(checkDirect.cpu, floor.cpu), unit: '×' },
        { name: 'community check, plain bundle, compile cache off (first run ever): CPU', value: checkUncached.cpu, unit: 'ms' },
        {
            name: 'language server: start → first publishDiagnostics of the fitness example, wall, median of 7 (goal ≤ 250)',
            value: wall('shipped'),
            unit: 'ms',
        },
        { name: 'language server: CPU until then (user+sys, /proc), median of 7', value: cpu('shipped'), unit: 'ms' },
        { name: 'language server, plain bundle (COMMUNITY_SNAPSHOT=off): start → first diagnostics, wall', value: wall('plain'), unit: 'ms' },
        { name: 'language server, plain bundle: CPU until then', value: cpu('plain'), unit: 'ms' },
        {
            name: 'language server, --snapshot-blob in execArgv (the VS Code client’s way, one process): start → first diagnostics, wall',
            value: wall('direct'),
            unit: 'ms',
        },
        { name: 'language server, --snapshot-blob in execArgv: CPU until then', value: cpu('direct'), unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    benchStartup().then((figures) => {
        for (const f of figures) console.log(`${f.name.padEnd(100)} ${String(Math.round(f.value * 100) / 100).padStart(9)} ${f.unit}`);
    });
}
