// `npm run bench`: every benchmark of the project in one table, with the machine and Node version.
// Each area exports a bench function and runs in a process of its own (below); figures are medians
// after warm-up. Goals are from the issues. BENCH_ONLY=area,area runs some of them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
 * hold. Each figure is printed with the 1-minute load average while its area ran and the share of
 * the machine's CPU other processes used meanwhile: above QUIET_OTHERS (or, where /proc/stat cannot
 * be read, a load above ¾ of the cores) the wall-clock figures measure the neighbours too.
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
const areaNames = [...AREAS.map(([area]) => area), 'cli'];
for (const name of only ?? []) {
    if (!areaNames.includes(name)) {
        console.error(`bench: BENCH_ONLY names no area "${name}" (areas: ${areaNames.join(', ')})`);
        process.exit(2);
    }
}
/** The 1-minute load average while an area ran: the larger of its value before and after. */
const load = (before: number) => Math.max(before, loadavg()[0]);

/** The machine's CPU so far (Linux /proc/stat, clock ticks): busy (steal included: a neighbour on the host) and all. */
function machineTicks(): { busy: number; all: number } | undefined {
    try {
        const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8')
            .split('\n')[0]
            .trim()
            .split(/\s+/)
            .slice(1)
            .map(Number);
        const busy = user + nice + system + irq + softirq + (steal || 0);
        return { busy, all: busy + idle + iowait };
    } catch {
        return undefined;
    }
}

/** CPU of this process's finished children and their reaped descendants so far (/proc/self/stat cutime + cstime, clock ticks). */
function childrenTicks(): number {
    try {
        const fields = readFileSync('/proc/self/stat', 'utf8')
            .replace(/^.*\) /, '')
            .split(' ');
        return Number(fields[13]) + Number(fields[14]);
    } catch {
        return NaN;
    }
}

/**
 * CPU of this process's children that it has not waited for (clock ticks). esbuild's service (the
 * areas that bundle: language A/B, server, scale) is an unref'd child still alive, idle, when the
 * area ends; it quits when this process exits and is reaped by init, so its time never reaches this
 * process's cutime, and without this an area's own bundling counted as another process's CPU.
 */
function unreapedChildrenTicks(): number {
    let ticks = 0;
    try {
        for (const pid of readdirSync('/proc')) {
            if (!/^\d+$/.test(pid)) continue;
            try {
                const fields = readFileSync(`/proc/${pid}/stat`, 'utf8')
                    .replace(/^.*\) /, '')
                    .split(' ');
                // Fields after the name: state, ppid, …, utime (11), stime (12), cutime (13), cstime (14).
                if (Number(fields[1]) === process.pid) ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
            } catch {
                // Gone between the listing and the read: it was reaped, and counted in cutime.
            }
        }
    } catch {
        return 0;
    }
    return ticks;
}

/** Runs one area in this process; its figures. */
async function runArea(area: string): Promise<Figure[]> {
    if (area === 'cli') return benchCli();
    const [, file, fn] = AREAS.find(([name]) => name === area)!;
    if (!existsSync(resolve(ROOT, 'bench', file))) throw new Error(`${file} is missing`);
    const mod = (await import(file)) as Record<string, Bench>;
    return mod[fn]();
}

// A child started by the loop below: one area, its figures as JSON on the file it was given.
const childArea = process.env.BENCH_AREA;
if (childArea !== undefined) {
    const out = process.env.BENCH_OUT;
    if (!out) {
        console.error('bench: BENCH_AREA is set without BENCH_OUT; unset BENCH_AREA to run the whole bench.');
        process.exit(2);
    }
    const figures = await runArea(childArea);
    // Scanned just before exiting: no event-loop turn can reap a child after it was counted here.
    writeFileSync(out, JSON.stringify({ figures, unreapedTicks: unreapedChildrenTicks() }));
    process.exit();
}

/**
 * Each area runs in a process of its own (this script again, with this Node's flags), after a
 * pause for the last one's threads and children to be gone: a figure read off the process (peak
 * RSS, the heap the next area's GC walks, JIT state, a pool's threads) then belongs to its own
 * area, the same figure whether the area runs alone (BENCH_ONLY) or in the whole run.
 */
function runAreaInChild(area: string): { figures: Figure[]; unreapedTicks: number } {
    const out = join(mkdtempSync(join(tmpdir(), 'community-bench-')), 'figures.json');
    try {
        const r = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
            cwd: ROOT,
            env: { ...process.env, BENCH_AREA: area, BENCH_OUT: out },
            stdio: ['ignore', 'inherit', 'inherit'],
        });
        if (r.error) throw new Error(`could not start: ${r.error.message}`);
        if (r.status !== 0 || !existsSync(out)) throw new Error(`exit ${r.status ?? r.signal}`);
        const got = JSON.parse(readFileSync(out, 'utf8')) as { figures: Array<Omit<Figure, 'value'> & { value: number | null }>; unreapedTicks: number };
        // JSON writes NaN (a figure not measurable here, e.g. CPU off Linux) as null: NaN again, never a number.
        return { figures: got.figures.map((f) => ({ ...f, value: typeof f.value === 'number' ? f.value : NaN })), unreapedTicks: got.unreapedTicks };
    } finally {
        rmSync(dirname(out), { recursive: true, force: true });
    }
}

const SETTLE_MS = 3000;
/** Per area: the load average and the share of the machine's CPU that others used while it ran (NaN off Linux). */
interface Quiet {
    load: number;
    others: number;
}
const rows: Array<[string, Figure, Quiet]> = [];
const startedLoad = loadavg();
let first = true;
for (const area of areaNames) {
    if (only && !only.includes(area)) continue;
    if (!first) await new Promise((r) => setTimeout(r, SETTLE_MS));
    first = false;
    const before = loadavg()[0];
    const ticks0 = machineTicks();
    const own0 = childrenTicks();
    let figures: Figure[];
    let unreaped: number;
    try {
        ({ figures, unreapedTicks: unreaped } = runAreaInChild(area));
    } catch (error) {
        console.error(`bench: ${area} failed: ${(error as Error).message}`);
        process.exitCode = 1;
        continue;
    }
    const ticks1 = machineTicks();
    // Busy ticks of the machine that were not this area's (its process, its threads, the processes it ran).
    const others = ticks0 && ticks1 ? Math.max(0, ticks1.busy - ticks0.busy - (childrenTicks() - own0) - unreaped) / (ticks1.all - ticks0.all) : NaN;
    const during: Quiet = { load: load(before), others };
    for (const figure of figures) rows.push([area, figure, during]);
    console.error(`bench: ${area} done (load average ${during.load.toFixed(2)}, others' CPU ${percent(others)})`);
}

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${startedLoad.map((x) => x.toFixed(2)).join(' ')} at the start, ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')} at the end`;
function percent(x: number): string {
    return Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`;
}
/** Quiet enough for a wall-clock figure: others used at most this share of the machine while the area ran. */
const QUIET_OTHERS = 0.05;
const shown = (f: Figure) =>
    Number.isNaN(f.value) ? 'n/a' : `${f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(f.value >= 10 ? 1 : 2)} ${f.unit}`;
console.log(`# Benchmarks — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC — ${machine}\n`);
console.log(
    `Load: the 1-minute load average while the area ran (its own threads count). Others: the share of the machine's CPU (all ${cpus().length} cores, steal included) that processes other than the area's used meanwhile.\n`,
);
console.log('| area | figure | value | load | others |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const [area, f, during] of rows) console.log(`| ${area} | ${f.name} | ${shown(f)} | ${during.load.toFixed(2)} | ${percent(during.others)} |`);
console.log('\n## Issue 14 goals\n');
console.log('| goal | figure | load | others | status |');
console.log('| --- | ---: | ---: | ---: | --- |');
for (const g of GOALS) {
    const row = rows.find(([, f]) => g.figure.test(f.name));
    if (!row) {
        console.log(`| ${g.goal} | not measured | | | |`);
        continue;
    }
    const [, f, during] = row;
    const status = Number.isFinite(f.value) && f.value <= g.atMost ? 'met' : 'missed';
    const notQuiet = Number.isNaN(during.others) ? during.load > 0.75 * cpus().length : during.others > QUIET_OTHERS;
    console.log(`| ${g.goal} | ${shown(f)} | ${during.load.toFixed(2)} | ${percent(during.others)} | ${status}${notQuiet ? ' (machine not quiet)' : ''} |`);
}
