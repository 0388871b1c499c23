// `community simulate --runs 10000 --format json` of the 52-week FitHome plan as a whole process,
// against the same model in vectorised NumPy (bench/peers/forecast_numpy.py) as a whole process:
// wall and CPU time of each, and their ratio. Before timing, the peer's mean members (total and per
// tier) must agree with the engine's in every week within MEAN_TOLERANCE, or the figure is not
// comparing the same model and the bench fails. Skipped, with the reason printed, where python3 or
// NumPy is missing. Run alone with
//   node_modules/.bin/node --import tsx bench/peers.ts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../test/helpers/cli.js';
import type { Figure } from './figure.js';
import { interleaved } from './process-cost.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
const PEER = join(ROOT, 'bench/peers/forecast_numpy.py');
const RUNS = '10000';
/** Largest relative difference of the weekly mean members allowed between the peer and the engine (their draws differ: 10,000 runs each). */
export const MEAN_TOLERANCE = 0.02;

interface Series {
    key: string;
    mean: Array<number | null>;
}

/** The fitness example with a 52-week horizon, and the shared file it imports, in a temporary folder. */
function fitness52(): { dir: string; file: string } {
    const dir = mkdtempSync(join(tmpdir(), 'community-bench-peer-'));
    mkdirSync(join(dir, 'shared'));
    writeFileSync(join(dir, 'shared/platforms.community'), readFileSync(join(ROOT, 'examples/shared/platforms.community')));
    const text = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
    if (!text.includes('horizon 26 weeks'))
        throw new Error('examples/fitness-wechat.community no longer says "horizon 26 weeks"; update bench/peers.ts and the peer');
    writeFileSync(join(dir, 'fitness-52.community'), text.replace('horizon 26 weeks', 'horizon 52 weeks'));
    return { dir, file: 'fitness-52.community' };
}

/** Why the peer cannot run here, or undefined when python3 with NumPy is available. */
export function peerMissing(): string | undefined {
    const r = spawnSync('python3', ['-c', 'import numpy; print(numpy.__version__)'], { encoding: 'utf8' });
    if (r.error) return `python3 is not installed (${r.error.message})`;
    if (r.status !== 0) return `python3 has no NumPy (${r.stderr.trim().split('\n').pop()})`;
    return undefined;
}

/** Worst relative difference of the weekly mean members (total and per tier) between peer and engine, and where. */
export function compareMeans(engine: Series[], peer: Series[]): { worst: number; where: string } {
    let worst = 0;
    let where = '';
    for (const p of peer) {
        if (p.key !== 'members' && !p.key.startsWith('members:')) continue;
        const e = engine.find((s) => s.key === p.key);
        if (!e) throw new Error(`the engine has no series ${p.key}`);
        p.mean.forEach((x, w) => {
            const y = e.mean[w];
            if (x === null || y === null || y < 50) return; // tiny counts (Ambassador's first weeks) are noise, not model
            const d = Math.abs(x - y) / y;
            if (d > worst) {
                worst = d;
                where = `${p.key} week ${w + 1}: peer ${x.toFixed(1)}, engine ${y.toFixed(1)}`;
            }
        });
    }
    return { worst, where };
}

export async function benchPeers(): Promise<Figure[]> {
    const missing = peerMissing();
    if (missing) {
        console.error(`bench: peers: skipped, ${missing}`);
        return [];
    }
    ensureBuilt();
    const { dir, file } = fitness52();
    const ours = { command: process.execPath, args: [join(ROOT, 'bin/community.cjs'), 'simulate', file, '--runs', RUNS, '--format', 'json'] };
    const peer = { command: 'python3', args: [PEER, '--runs', RUNS, '--weeks', '52'] };

    const engineOut = spawnSync(ours.command, ours.args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    const peerOut = spawnSync(peer.command, peer.args, { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (engineOut.status !== 0) throw new Error(`community simulate failed: ${engineOut.stderr}`);
    if (peerOut.status !== 0) throw new Error(`the NumPy peer failed: ${peerOut.stderr}`);
    const engineSeries = (JSON.parse(engineOut.stdout) as { forecasts: Array<{ communities: Array<{ series: Series[] }> }> }).forecasts[0].communities[0]
        .series;
    const peerSeries = (JSON.parse(peerOut.stdout) as { series: Series[] }).series;
    const { worst, where } = compareMeans(engineSeries, peerSeries);
    if (worst > MEAN_TOLERANCE)
        throw new Error(
            `the NumPy peer's mean members differ from the engine's by ${(worst * 100).toFixed(1)} % (> ${MEAN_TOLERANCE * 100} %) at ${where}: it no longer models the same plan`,
        );

    const [floor, engine, numpy] = interleaved([{ command: process.execPath, args: ['-e', '0'] }, ours, peer], { cwd: dir, samples: 5, warmup: 1 });
    const r2 = (x: number) => Math.round(x * 100) / 100;
    return [
        {
            name: `NumPy peer: largest weekly difference of mean members from the engine (tolerance ${MEAN_TOLERANCE * 100} %)`,
            value: r2(worst * 100),
            unit: '%',
        },
        { name: 'community simulate --runs 10000 --format json, fitness 52 weeks, whole process: wall, median of 5', value: engine.wall, unit: 'ms' },
        { name: 'the same, CPU (user+sys of the process, all threads)', value: engine.cpu, unit: 'ms' },
        { name: 'NumPy peer, same model, 10,000 × 52, whole process: wall, median of 5', value: numpy.wall, unit: 'ms' },
        { name: 'NumPy peer: CPU (user+sys)', value: numpy.cpu, unit: 'ms' },
        { name: 'community simulate / NumPy peer, wall (goal < 1)', value: r2(engine.wall / numpy.wall), unit: '×' },
        { name: 'community simulate / NumPy peer, CPU (goal < 1)', value: r2(engine.cpu / numpy.cpu), unit: '×' },
        { name: 'node -e 0 in the same rounds: CPU', value: floor.cpu, unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    benchPeers().then((figures) => {
        for (const f of figures) console.log(`${f.name.padEnd(100)} ${String(Math.round(f.value * 100) / 100).padStart(9)} ${f.unit}`);
    });
}
