// `npm run bench`: every benchmark of the project in one table, with the machine and Node version.
// Each area exports a bench function; figures are medians after warm-up. Goals are from the issues.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Figure } from './figure.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

function coldStart(args: string[], runs = 5): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const r = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' });
        if (r.status !== 0 && args[0] !== '-e') throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
        times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

async function benchCli(): Promise<Figure[]> {
    return [
        { name: 'node -e 0 (process start floor)', value: coldStart(['-e', '0']), unit: 'ms' },
        {
            name: 'CLI cold start: community check fitness example',
            value: coldStart(['bin/community.cjs', 'check', 'examples/fitness-wechat.community']),
            unit: 'ms',
        },
    ];
}

type Bench = () => Promise<Figure[]>;

/** Areas and the export each bench module provides; a module that is missing is reported, not skipped silently. */
const AREAS: Array<[string, string, string]> = [
    ['language', './language.ts', 'benchLanguage'],
    // Issue 13: parse, link and parse+validate against the tree before the Chinese-native grammar, in one process.
    ['language A/B', './language-ab.ts', 'benchLanguageAB'],
    ['forecast', './simulate.ts', 'benchSimulate'],
    ['solve', './solve.ts', 'benchSolve'],
    ['server', './server.ts', 'benchServer'],
    ['compile', './compile.ts', 'benchCompile'],
    ['preview', './preview.ts', 'benchPreview'],
    ['calibrate', './calibrate.ts', 'benchCalibrate'],
    // Issue 14: whole processes as ratios to `node -e 0` and to the NumPy peer, measured in the same rounds.
    ['startup', './startup.ts', 'benchStartup'],
    ['peers', './peers.ts', 'benchPeers'],
    // Issue 14: a 5 MB plan (validate, peak RSS, an edit) and the 200 edits/s storm's p99.
    ['scale', './scale.ts', 'benchScale'],
    ['storm', './storm.ts', 'benchStorm'],
];

/**
 * Issue 14's goals, read off the figures above by name, so a quiet-machine run says at once which
 * hold. Each figure is printed with the 1-minute load average while its area ran: on this 2-core
 * machine a load above ~1.5 means the wall-clock figures measure the neighbours too.
 */
const GOALS: Array<{ goal: string; figure: RegExp; atMost: number }> = [
    { goal: '`community --version` CPU ≤ 2× `node -e 0`', figure: /^community --version: CPU \/ node -e 0 CPU/, atMost: 2 },
    { goal: '`community check` CPU ≤ 3× `node -e 0`', figure: /^community check fitness example: CPU \/ node -e 0 CPU/, atMost: 3 },
    { goal: 'server start → first diagnostics ≤ 250 ms wall', figure: /^language server: start → first publishDiagnostics/, atMost: 250 },
    { goal: '`simulate --runs 10000` faster than the NumPy peer (whole processes, CPU)', figure: /^community simulate \/ NumPy peer, CPU/, atMost: 0.999 },
    { goal: '`simulate --runs 10000` faster than the NumPy peer (whole processes, wall)', figure: /^community simulate \/ NumPy peer, wall/, atMost: 0.999 },
    { goal: '2,000-line edit → publishDiagnostics p95 ≤ 40 ms', figure: /^edit→publishDiagnostics p95 \(2,000 lines, stdio, typing/, atMost: 40 },
    // Until the tenth session this read the tsx figure (development-mode parser, unbundled Langium);
    // since then the shipped bundle's, as a user runs it; since the twelfth session with the services'
    // parser built before the clock starts, as in a running server (the figure with fresh services,
    // parser built inside it, is printed beside it). bench/server.ts reports all three.
    { goal: '20,000 lines validate ≤ 500 ms', figure: /^validate 20,000 lines \(all checks, as shipped/, atMost: 500 },
    {
        goal: '2,000 queued edits → last diagnostics ≤ 1 s (server part, 2,000 lines)',
        figure: /^of which after the client had written the last edit \(2,000 lines\)/,
        atMost: 1000,
    },
    { goal: 'edit storm p99 ≤ 500 ms', figure: /^storm: .*p99/, atMost: 500 },
    { goal: '5 MB plan validates ≤ 4 s', figure: /^validate a 5\.\d MB plan/, atMost: 4000 },
    { goal: '5 MB plan peak RSS ≤ 800 MB', figure: /^peak RSS after validating it/, atMost: 800 },
    { goal: '5 MB plan: an edit answers ≤ 1.5 s', figure: /^one-character edit in it/, atMost: 1500 },
    { goal: 'Monte Carlo on the pool ≤ 0.6× one thread (wall)', figure: /^pool \/ one thread, wall \(median/, atMost: 0.6 },
];

const only = process.env.BENCH_ONLY?.split(',');
/** The 1-minute load average while an area ran: the larger of its value before and after. */
const load = (before: number) => Math.max(before, loadavg()[0]);
const rows: Array<[string, Figure, number]> = [];
const startedLoad = loadavg();
for (const [area, file, fn] of AREAS) {
    if (only && !only.includes(area)) continue;
    if (!existsSync(resolve(ROOT, 'bench', file))) {
        console.error(`bench: ${area}: ${file} is missing`);
        process.exitCode = 1;
        continue;
    }
    const mod = (await import(file)) as Record<string, Bench>;
    const before = loadavg()[0];
    const figures = await mod[fn]();
    const during = load(before);
    for (const figure of figures) rows.push([area, figure, during]);
    console.error(`bench: ${area} done (load average ${during.toFixed(2)})`);
}
if (!only || only.includes('cli')) {
    const before = loadavg()[0];
    const figures = await benchCli();
    for (const figure of figures) rows.push(['cli', figure, load(before)]);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${startedLoad.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end`;
const shown = (f: Figure) => `${f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(f.value >= 10 ? 1 : 2)} ${f.unit}`;
console.log(`# Benchmarks — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}\n`);
console.log('| area | figure | value | load |');
console.log('| --- | --- | ---: | ---: |');
for (const [area, f, during] of rows) console.log(`| ${area} | ${f.name} | ${shown(f)} | ${during.toFixed(2)} |`);
console.log('\n## Issue 14 goals\n');
console.log('| goal | figure | load | status |');
console.log('| --- | ---: | ---: | --- |');
for (const g of GOALS) {
    const row = rows.find(([, f]) => g.figure.test(f.name));
    if (!row) {
        console.log(`| ${g.goal} | not measured | | |`);
        continue;
    }
    const [, f, during] = row;
    const status = f.value <= g.atMost ? 'met' : 'missed';
    console.log(`| ${g.goal} | ${shown(f)} | ${during.toFixed(2)} | ${status}${during > 1.5 ? ' (machine not quiet)' : ''} |`);
}
