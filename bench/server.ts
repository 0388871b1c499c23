// Language-server benchmarks. Run alone with
//   node_modules/.bin/node --import tsx bench/server.ts
// - edit → publishDiagnostics on a generated 2,000-line plan, end to end: the bundled server as a real
//   process over stdio, a didChange sent, the time until its publishDiagnostics arrives (p50/p95);
// - the same edit in-process with the time to reach "linked" (parse + index + scopes + link: Langium's
//   floor, reported separately) and the rest (reference index + fast validation);
// - completion latency on the 2,000-line plan;
// - validating a 20,000-line plan with every check, and the heap it holds;
// - a 200-plan workspace: time until the server has indexed every file, and completion/hover
//   latency on an open plan while it indexes.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentState, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import { setTextDocument } from 'langium/test';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCommunityLspServices } from '../language/lsp/lsp-module.js';
import { ensureBuilt } from '../test/helpers/cli.js';
import { bundleThisTree } from './language-ab.js';

export interface BenchResult {
    name: string;
    value: number;
    unit: string;
}

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

const HEAD = `plan "Bench" {
  start 2027-01-04
  horizon 26 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 5000000 CNY
  team 20 people, 40 hours per week each
  market CN
}
platform Groups "微信群" { kind wechat-group }
audience Workers { size 200000  active 07:00-09:00, 19:00-23:00 }
`;

function block(i: number): string {
    return `
community C${i} "社群 ${i}" {
  platform Groups
  audience Workers
  order value 199 CNY ± 40 CNY
  tier Prospect${i} {
    entry share post
    seed 300 members
    churn 12% per month ± 4%
    active 25% weekly
    buys 1% per month
  }
  tier Core${i} {
    entry fee 1 CNY per day
    from Prospect${i} 6% per month ± 2%
    churn 4% per month
    active 60% weekly
  }
  content Tips${i} {
    kind educational
    format video
    every day at 20:00
    for Prospect${i}, Core${i}
    cost 300 CNY per post
  }
  activity Salon${i} {
    offline salon at "Shanghai"
    on 2027-03-20 at 14:00
    lasts 3 hours
    for Core${i}
    capacity 60
    staff 3
    cost 15000 CNY
  }
  channel Ads${i} { paid 3000 CNY per week  cost per join 15 CNY ± 5 CNY }
  kpi Growth${i}: members >= 2000 by week 26
  kpi active rate >= 20%
}
`;
}

/** A plan with one plan block, shared platforms and as many communities as needed for ~`lines` lines. */
export function generatePlan(lines: number): string {
    const parts = [HEAD];
    let count = HEAD.split('\n').length;
    for (let i = 0; count < lines; i++) {
        const b = block(i);
        parts.push(b);
        count += b.split('\n').length - 1;
    }
    return parts.join('');
}

function services() {
    return createCommunityLspServices({ ...EmptyFileSystem });
}

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const round = (v: number, digits = 1) => +v.toFixed(digits);

/** Edits before timing starts: the server's edit path is compiled by V8 on the first few. */
const WARM_UP_EDITS = 20;

/** Pause between an edit's diagnostics and the next edit in the typing-pace figure (a brisk typist). */
const TYPING_PAUSE_MS = 100;

/** Garbage collection for heap figures, also when node was started without --expose-gc. */
function gc(): void {
    const g = (globalThis as { gc?: () => void }).gc;
    if (g) return g();
    setFlagsFromString('--expose-gc');
    (runInNewContext('gc') as () => void)();
}

async function open(s: ReturnType<typeof services>, uri: URI, text: string, version: number): Promise<LangiumDocument> {
    setTextDocument(s.shared, TextDocument.create(uri.toString(), 'community', version, text));
    const docs = s.shared.workspace.LangiumDocuments;
    if (!docs.hasDocument(uri)) {
        const doc = docs.createDocument(uri, text);
        await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
        return doc;
    }
    await s.shared.workspace.DocumentBuilder.update([uri], []);
    return docs.getDocument(uri)!;
}

// ---- the bundled server as a process ----

interface Server {
    connection: MessageConnection;
    published: (uri: string) => Promise<unknown[]>;
    /** The first publishDiagnostics of `uri` from now on whose diagnostics satisfy `matches`. */
    publishedWhere: (uri: string, matches: (diagnostics: Array<{ severity?: number }>) => boolean) => Promise<unknown[]>;
    stop(): Promise<void>;
}

async function startServer(workspace: string): Promise<Server> {
    const bundle = join(ROOT, 'out/server/main.cjs');
    ensureBuilt();
    const child = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const waiters = new Map<string, Array<(d: unknown[]) => void>>();
    connection.onNotification('textDocument/publishDiagnostics', (p: { uri: string; diagnostics: unknown[] }) => {
        const list = waiters.get(p.uri) ?? [];
        waiters.delete(p.uri);
        for (const w of list) w(p.diagnostics);
    });
    connection.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map((): null => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.onRequest('window/workDoneProgress/create', () => null);
    connection.onRequest('workspace/codeLens/refresh', () => null);
    connection.listen();
    const rootUri = pathToFileURL(workspace).href;
    await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri,
        workspaceFolders: [{ uri: rootUri, name: 'bench' }],
        capabilities: { workspace: { configuration: true }, textDocument: { publishDiagnostics: {} } },
    });
    await connection.sendNotification('initialized', {});
    return {
        connection,
        published: (uri) => new Promise((r) => waiters.set(uri, [...(waiters.get(uri) ?? []), r])),
        publishedWhere: (uri, matches) =>
            new Promise((r) => {
                const wait = () => waiters.set(uri, [...(waiters.get(uri) ?? []), (d) => (matches(d as Array<{ severity?: number }>) ? r(d) : wait())]);
                wait();
            }),
        async stop() {
            await connection.sendRequest('shutdown').catch(() => undefined);
            await connection.sendNotification('exit').catch(() => undefined);
            await new Promise((r) => setTimeout(r, 100));
            if (child.exitCode === null) child.kill();
            connection.dispose();
        },
    };
}

interface Stats {
    documents?: { total: number; indexed: number; validated: number };
}

function position(text: string, offset: number) {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/**
 * Edit → publishDiagnostics over stdio, as an editor sees it. `pauseMs` is the quiet time after each
 * edit's diagnostics before the next edit: a typing pace (keystrokes ~100 ms apart), or 0 for edits
 * back to back (a stress figure: the server never has a pause between rebuilds).
 */
export async function benchProcessEdits(text: string, edits: number, pauseMs: number): Promise<number[]> {
    const dir = mkdtempSync(join(tmpdir(), 'community-bench-edit-'));
    const file = join(dir, 'plan2k.community');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const server = await startServer(dir);
    try {
        const first = server.published(uri);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 0, text } });
        await first;
        // Let the slow checks and the CodeLens forecast of the opened file finish before timing edits.
        await new Promise((r) => setTimeout(r, 3000));
        const times: number[] = [];
        // Each edit retypes the first seed count, sent as an editor sends it: an incremental change.
        const at = text.indexOf('seed 300 members') + 'seed '.length;
        let current = text;
        let count = '300';
        for (let i = 1; i <= WARM_UP_EDITS + edits; i++) {
            const next = String(300 + i);
            const range = { start: position(current, at), end: position(current, at + count.length) };
            current = current.slice(0, at) + next + current.slice(at + count.length);
            count = next;
            const t = performance.now();
            const published = server.published(uri);
            await server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i }, contentChanges: [{ range, text: next }] });
            await published;
            if (i > WARM_UP_EDITS) times.push(performance.now() - t);
            if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
        }
        if (process.env.BENCH_TRACE) console.error(times.map((x) => x.toFixed(0)).join(' '));
        return times;
    } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

/**
 * Queued edits: `edits` one-character changes sent back to back without waiting (a paste-heavy macro,
 * an editor catching up), timed from the first send to the diagnostics of the last version. The
 * edits type into the plan title; the last one deletes its closing quote, so only the last version
 * has an error and its diagnostics cannot be an earlier build's.
 */
async function benchQueuedEdits(text: string, edits: number): Promise<{ ms: number; publishes: number; sentMs: number }> {
    const dir = mkdtempSync(join(tmpdir(), 'community-bench-queue-'));
    const file = join(dir, 'queued.community');
    writeFileSync(file, text);
    const uri = pathToFileURL(file).href;
    const server = await startServer(dir);
    try {
        const first = server.published(uri);
        await server.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'community', version: 0, text } });
        await first;
        await new Promise((r) => setTimeout(r, 3000));
        const firstLine = text.split('\n')[0];
        const at = firstLine.indexOf('"') + 1;
        const close = firstLine.indexOf('"', at);
        let publishes = 0;
        const hasError = (d: Array<{ severity?: number }>) => (publishes++, d.some((x) => x.severity === 1));
        const last = server.publishedWhere(uri, hasError);
        const t0 = performance.now();
        const sends: Promise<void>[] = [];
        for (let i = 0; i < edits; i++) {
            const change =
                i < edits - 1
                    ? { range: { start: { line: 0, character: at + i }, end: { line: 0, character: at + i } }, text: 'x' }
                    : { range: { start: { line: 0, character: close + i }, end: { line: 0, character: close + i + 1 } }, text: '' };
            sends.push(server.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [change] }));
        }
        let sentMs = 0;
        void Promise.all(sends).then(() => (sentMs = performance.now() - t0));
        await last;
        return { ms: performance.now() - t0, publishes, sentMs };
    } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

/** 200 plans (and the shared file they import) in a folder; the server initialised on it. */
async function benchWorkspace(plans: number): Promise<BenchResult[]> {
    const dir = mkdtempSync(join(tmpdir(), 'community-bench-ws-'));
    mkdirSync(join(dir, 'shared'));
    writeFileSync(
        join(dir, 'shared/platforms.community'),
        'platform Groups "微信群" { kind wechat-group }\naudience Workers { size 200000  active 07:00-09:00, 19:00-23:00 }\n',
    );
    const head = HEAD.replace(/platform Groups[^\n]*\naudience Workers[^\n]*\n/, 'import "shared/platforms.community"\n');
    for (let i = 0; i < plans; i++) {
        writeFileSync(join(dir, `plan-${String(i).padStart(3, '0')}.community`), head.replace('"Bench"', `"Plan ${i}"`) + block(i) + block(i + 1000));
    }
    const openName = 'plan-000.community';
    const openText = head.replace('"Bench"', '"Plan 0"') + block(0) + block(1000);
    const openUri = pathToFileURL(join(dir, openName)).href;
    const total = plans + 1;
    const t0 = performance.now();
    const server = await startServer(dir);
    try {
        await server.connection.sendNotification('textDocument/didOpen', {
            textDocument: { uri: openUri, languageId: 'community', version: 1, text: openText },
        });
        const completion = position(openText, openText.indexOf('from Prospect') + 5);
        const hover = position(openText, openText.indexOf('churn 12%') + 1);
        const answers: number[] = [];
        let indexedAt = 0;
        let answering = true;
        // Ask for completion and hover on the open plan, one after the other, while the workspace indexes.
        const probe = (async () => {
            for (let i = 0; answering; i++) {
                const t = performance.now();
                if (i % 2 === 0) await server.connection.sendRequest('textDocument/completion', { textDocument: { uri: openUri }, position: completion });
                else await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: openUri }, position: hover });
                answers.push(performance.now() - t);
            }
        })();
        for (;;) {
            const stats = (await server.connection.sendRequest('community/stats', { gc: false })) as Stats;
            if (stats.documents && stats.documents.total >= total && stats.documents.indexed >= total) {
                indexedAt = performance.now() - t0;
                break;
            }
            if (performance.now() - t0 > 120_000) throw new Error(`workspace not indexed after 120 s: ${JSON.stringify(stats.documents)}`);
            await new Promise((r) => setTimeout(r, 20));
        }
        answering = false;
        await probe;
        return [
            { name: `${plans}-plan workspace: initialize → all ${total} files indexed`, value: Math.round(indexedAt), unit: 'ms' },
            { name: `${plans}-plan workspace: first completion/hover answer on an open plan while indexing`, value: round(answers[0]), unit: 'ms' },
            {
                name: `${plans}-plan workspace: completion/hover while indexing, max (${answers.length} answered)`,
                value: round(Math.max(...answers)),
                unit: 'ms',
            },
        ];
    } finally {
        await server.stop();
        rmSync(dir, { recursive: true, force: true });
    }
}

export async function benchServer(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];
    const text = generatePlan(2000);

    // Edit → publishDiagnostics over stdio: the figure an editor user feels (fast + built-in checks),
    // at a typing pace and back to back.
    {
        const typing = await benchProcessEdits(text, 100, TYPING_PAUSE_MS);
        results.push({
            name: `edit→publishDiagnostics p50 (2,000 lines, stdio, typing: ${TYPING_PAUSE_MS} ms pauses)`,
            value: round(percentile(typing, 50)),
            unit: 'ms',
        });
        results.push({
            name: `edit→publishDiagnostics p95 (2,000 lines, stdio, typing: ${TYPING_PAUSE_MS} ms pauses)`,
            value: round(percentile(typing, 95)),
            unit: 'ms',
        });
        const burst = await benchProcessEdits(text, 100, 0);
        results.push({ name: 'edit→publishDiagnostics p50 (2,000 lines, stdio, edits back to back)', value: round(percentile(burst, 50)), unit: 'ms' });
        results.push({ name: 'edit→publishDiagnostics p95 (2,000 lines, stdio, edits back to back)', value: round(percentile(burst, 95)), unit: 'ms' });
    }

    // 2,000 one-character edits queued at once: merged and built once (issue 14: ≤ 1 s).
    for (const lines of [100, 2000]) {
        const q = await benchQueuedEdits(generatePlan(lines), 2000);
        results.push({
            name: `2,000 queued one-character edits → last version's diagnostics (${lines.toLocaleString('en-US')} lines, stdio, from the first send)`,
            value: Math.round(q.ms),
            unit: 'ms',
        });
        results.push({
            name: `of which after the client had written the last edit (${lines.toLocaleString('en-US')} lines)`,
            value: Math.round(q.ms - q.sentMs),
            unit: 'ms',
        });
    }

    // The same edit in-process, split into Langium's parse + link floor and the rest.
    {
        const s = services();
        const uri = URI.parse('file:///bench/plan2k.community');
        await open(s, uri, text, 0);
        const times: number[] = [];
        const floor: number[] = [];
        let started: number;
        let linkedAt = 0;
        s.shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, () => {
            linkedAt = performance.now();
        });
        for (let i = 1; i <= WARM_UP_EDITS + 100; i++) {
            const edited = text.replace('seed 300 members', `seed ${300 + i} members`);
            started = performance.now();
            const doc = await open(s, uri, edited, i);
            if (i > WARM_UP_EDITS) {
                times.push(performance.now() - started);
                floor.push(linkedAt - started);
            }
            if (!doc.diagnostics) throw new Error('no diagnostics');
        }
        results.push({ name: 'edit→diagnostics p50 (2,000 lines, in-process)', value: round(percentile(times, 50)), unit: 'ms' });
        results.push({ name: 'edit→diagnostics p95 (2,000 lines, in-process)', value: round(percentile(times, 95)), unit: 'ms' });
        results.push({ name: 'of which Langium parse + index + scopes + link, p50 (floor)', value: round(percentile(floor, 50)), unit: 'ms' });

        // Completion latency at a tier reference deep in the file.
        const doc = s.shared.workspace.LangiumDocuments.getDocument(uri)!;
        const offset = doc.textDocument.getText().lastIndexOf('from Prospect') + 5;
        const pos = doc.textDocument.positionAt(offset);
        const ctimes: number[] = [];
        for (let i = 0; i < 40; i++) {
            const t = performance.now();
            const list = await s.Community.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: uri.toString() }, position: pos });
            ctimes.push(performance.now() - t);
            if (!list || list.items.length === 0) throw new Error('no completion');
        }
        results.push({ name: 'completion p50 (2,000 lines)', value: round(percentile(ctimes, 50)), unit: 'ms' });
        results.push({ name: 'completion p95 (2,000 lines)', value: round(percentile(ctimes, 95)), unit: 'ms' });
    }

    // Validation of 20,000 lines under tsx, as sessions up to the tenth measured it for the goal:
    // Langium as published, the parser in development mode (Chevrotain's grammar self-checks), and the
    // heap it holds. The goal reads the shipped figure below since the tenth session (bench/run.ts).
    {
        const big = generatePlan(20_000);
        gc();
        const before = process.memoryUsage().heapUsed;
        const s = services();
        const t = performance.now();
        const doc = s.shared.workspace.LangiumDocuments.createDocument(URI.parse('file:///bench/plan20k.community'), big);
        await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const elapsed = performance.now() - t;
        const peak = process.memoryUsage().heapUsed;
        gc();
        const held = process.memoryUsage().heapUsed;
        results.push({
            name: 'validate 20,000 lines under tsx (development-mode parser, Langium as published; the goal figure until the tenth session)',
            value: Math.round(elapsed),
            unit: 'ms',
        });
        results.push({ name: 'heap used right after validating 20,000 lines', value: Math.round(peak / 1048576), unit: 'MB' });
        results.push({ name: 'heap held by the validated 20,000-line document', value: Math.round((held - before) / 1048576), unit: 'MB' });
        if (!doc.diagnostics) throw new Error('no diagnostics');
    }

    // Full validation (all categories, slow checks included) of 20,000 lines, as the CLI and the server
    // ship it: this tree bundled with the production parser and the parser callbacks built once
    // (language/parser-bundling.mjs), fresh services per validation (with their parser built before the
    // clock starts for the goal figure, inside it for the other), after one
    // validation of the 2,000-line plan so that the bundle's code is as warm as a running server's. After
    // the tsx figures below, so that their heap figures are not taken beside a second copy of Langium.
    {
        const big = generatePlan(20_000);
        const work = mkdtempSync(join(tmpdir(), 'community-bench-20k-'));
        try {
            const shipped = await bundleThisTree(join(work, 'shipped.cjs'));
            await shipped.validate(text);
            // Alternating: services whose parser is built (a running server's, the goal figure) and
            // fresh services that build their parser inside the figure (a server's first file).
            const ready: number[] = [];
            const fresh: number[] = [];
            for (let i = 0; i < 5; i++) {
                for (const [walls, servicesReady] of [
                    [ready, true],
                    [fresh, false],
                ] as const) {
                    const { wallMs, errors } = await shipped.validate(big, { servicesReady });
                    if (errors > 0) throw new Error(`the 20,000-line plan has ${errors} errors`);
                    walls.push(wallMs);
                }
            }
            results.push({
                name: 'validate 20,000 lines (all checks, as shipped: bundled parser, built as a running server has it; median of 5, wall)',
                value: Math.round(percentile(ready, 50)),
                unit: 'ms',
            });
            results.push({
                name: 'validate 20,000 lines with fresh services (their parser built inside the figure; median of 5, wall)',
                value: Math.round(percentile(fresh, 50)),
                unit: 'ms',
            });
        } finally {
            rmSync(work, { recursive: true, force: true });
        }
    }
    results.push(...(await benchWorkspace(200)));
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    // `bench/server.ts queue` runs only the queued-edit figures; `bench/server.ts edit` only the
    // 2,000-line edit at a typing pace (for an A/B of the edit path).
    if (process.argv[2] === 'edit') {
        const typing = await benchProcessEdits(generatePlan(2000), 100, TYPING_PAUSE_MS);
        console.log(`edit→publishDiagnostics (2,000 lines, typing): p50 ${percentile(typing, 50).toFixed(1)} ms, p95 ${percentile(typing, 95).toFixed(1)} ms`);
    } else if (process.argv[2] === 'queue') {
        for (const lines of [100, 2000]) {
            const q = await benchQueuedEdits(generatePlan(lines), 2000);
            console.log(
                `2,000 queued edits (${lines} lines): ${q.ms.toFixed(0)} ms, ${q.publishes} publishes; the client finished writing them after ${q.sentMs.toFixed(0)} ms`,
            );
        }
    } else for (const r of await benchServer()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
