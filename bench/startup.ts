// Start-up where the user waits (issue 14): the whole `community` process for `--version` and for
// `check` of one example, as ratios to `node -e 0` measured in the same rounds (the floor of any
// Node command on this machine), and the language server from process start to the first
// publishDiagnostics of an opened example. Run alone with
//   node_modules/.bin/node --import tsx bench/startup.ts
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
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

/** The installed server's way in (bin/community-language-server.cjs, as Neovim and Emacs start it): spawn → first diagnostics of `file`. */
async function serverStart(file: string): Promise<{ wall: number; cpu: number }> {
    const uri = pathToFileURL(resolve(ROOT, file)).href;
    const workspace = pathToFileURL(resolve(ROOT, 'examples')).href;
    const t0 = performance.now();
    const child = spawn(NODE, [resolve(ROOT, 'bin/community-language-server.cjs'), '--stdio'], { stdio: ['pipe', 'pipe', 'ignore'] });
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
    const [floor, version, check, checkUncached] = interleaved(
        [
            { command: NODE, args: ['-e', '0'] },
            { command: NODE, args: [bin, '--version'] },
            { command: NODE, args: [bin, 'check', EXAMPLE] },
            { command: NODE, args: [bin, 'check', EXAMPLE], env: { NODE_DISABLE_COMPILE_CACHE: '1' } },
        ],
        { cwd: ROOT, samples: 15, warmup: 2 },
    );
    const starts: Array<{ wall: number; cpu: number }> = [];
    for (let i = 0; i < 9; i++) {
        const s = await serverStart(EXAMPLE);
        if (i >= 2) starts.push(s); // the first two fill Node's compile cache
    }
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
        { name: 'community check, compile cache off (first run ever): CPU', value: checkUncached.cpu, unit: 'ms' },
        {
            name: 'language server: start → first publishDiagnostics of the fitness example, wall, median of 7 (goal ≤ 250)',
            value: median(starts.map((s) => s.wall)),
            unit: 'ms',
        },
        { name: 'language server: CPU until then (user+sys, /proc), median of 7', value: median(starts.map((s) => s.cpu)), unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    benchStartup().then((figures) => {
        for (const f of figures) console.log(`${f.name.padEnd(100)} ${String(Math.round(f.value * 100) / 100).padStart(9)} ${f.unit}`);
    });
}
