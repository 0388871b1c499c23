// Goal-seeking benchmark (issue: one-lever solve of the fitness example ≤ 3 s, a 3-lever allocation
// ≤ 30 s on this 2-core machine): wall time of engine/solve.ts at the CLI's default 1,000 runs.
// `bench/run.ts` calls benchSolve(); `node --import tsx bench/solve.ts` runs it alone.
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { solve } from '../engine/solve.js';
import { loadFitnessPlan, type BenchFigure } from './simulate.js';

export async function benchSolve(): Promise<BenchFigure[]> {
    const plan = await loadFitnessPlan();
    const base = { kpis: ['conversion-Prospect-Core'], probability: 0.8, objective: 'minimise-cost' as const, runs: 1000, seed: 42 };
    const t0 = performance.now();
    const one = solve(plan, { ...base, levers: [{ target: 'Core', property: 'Prospect', min: 0.03, max: 0.12 }] });
    const t1 = performance.now();
    const three = solve(plan, {
        ...base,
        budget: 300000,
        levers: [
            { target: 'Core', property: 'Prospect', min: 0.03, max: 0.12 },
            { target: 'MorningChallenge', property: 'promotion', min: 0, max: 0.06 },
            { target: 'DouyinAds', property: 'paid', min: 0, max: 6000 },
        ],
    });
    const t2 = performance.now();
    return [
        { name: `solve fitness, one lever (${one.evaluations} candidates × 1,000 runs)`, value: Math.round(t1 - t0), unit: 'ms' },
        { name: `solve fitness, 3-lever allocation with a budget (${three.evaluations} candidates × 1,000 runs)`, value: Math.round(t2 - t1), unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    benchSolve().then((figures) => {
        for (const f of figures) console.log(`${f.name.padEnd(80)} ${String(f.value).padStart(9)} ${f.unit}`);
    });
}
