// Compile benchmarks: schedule expansion, calendars and the full compile (schedules, calendars,
// forecast with sensitivity, HTML with SVG charts, Markdown) of every example plan.
// `bench/run.ts` calls benchCompile(); `node_modules/.bin/node --import tsx bench/compile.ts` runs it alone.
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPlans } from '../cli/workspace.js';
import { buildCalendars } from '../engine/ics.js';
import type { Plan } from '../engine/model.js';
import { compilePlan } from '../engine/report/outputs.js';
import { expandPlan } from '../engine/schedule.js';
import { lowerPlan } from '../language/lower.js';
import type { Figure } from './figure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

async function examplePlans(): Promise<Plan[]> {
    const files = readdirSync(join(ROOT, 'examples'))
        .filter((f) => f.endsWith('.community'))
        .sort()
        .map((f) => join(ROOT, 'examples', f));
    const ws = await loadPlans(files, { lang: 'en', root: ROOT, cwd: ROOT });
    return ws.requested.map((p) => lowerPlan(ws.services, p.document));
}

async function median(runs: number, fn: () => unknown | Promise<unknown>): Promise<number> {
    await fn(); // warm-up
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

export async function benchCompile(): Promise<Figure[]> {
    const plans = await examplePlans();
    const events = plans.reduce((n, p) => n + expandPlan(p).occurrences.length, 0);
    const expand = await median(9, () => plans.forEach((p) => expandPlan(p)));
    const ics = await median(9, () => plans.forEach((p) => buildCalendars(expandPlan(p), p.communities)));
    const full = await median(3, () =>
        Promise.all(plans.map((p) => compilePlan(p, { formats: ['ics', 'csv', 'json', 'html', 'md'], runs: 1000, seed: 42, scenario: null, lang: 'en' }))),
    );
    const noForecast = await median(5, () =>
        Promise.all(plans.map((p) => compilePlan(p, { formats: ['ics', 'csv', 'json'], runs: 1000, seed: 42, scenario: null, lang: 'en' }))),
    );
    return [
        { name: `schedule expansion: ${plans.length} examples (${events} events)`, value: expand, unit: 'ms' },
        { name: `schedule + .ics: ${plans.length} examples`, value: ics, unit: 'ms' },
        { name: `compile ics,csv,json: ${plans.length} examples`, value: noForecast, unit: 'ms' },
        { name: `compile all formats, 1000 runs + sensitivity: ${plans.length} examples`, value: full, unit: 'ms' },
    ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    for (const f of await benchCompile()) console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}`);
}
