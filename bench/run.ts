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
        { name: 'CLI cold start: community check fitness example', value: coldStart(['bin/community.cjs', 'check', 'examples/fitness-wechat.community']), unit: 'ms' },
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
];

const rows: Array<[string, Figure]> = [];
for (const [area, file, fn] of AREAS) {
    if (!existsSync(resolve(ROOT, 'bench', file))) {
        console.error(`bench: ${area}: ${file} is missing`);
        process.exitCode = 1;
        continue;
    }
    const mod = (await import(file)) as Record<string, Bench>;
    for (const figure of await mod[fn]()) rows.push([area, figure]);
}
for (const figure of await benchCli()) rows.push(['cli', figure]);

const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at the end`;
console.log(`# Benchmarks — ${new Date().toISOString().slice(0, 10)} — ${machine}\n`);
console.log('| area | figure | value |');
console.log('| --- | --- | ---: |');
for (const [area, f] of rows) {
    const value = f.value >= 100 ? Math.round(f.value).toLocaleString('en-US') : f.value.toFixed(f.value >= 10 ? 1 : 2);
    console.log(`| ${area} | ${f.name} | ${value} ${f.unit} |`);
}
