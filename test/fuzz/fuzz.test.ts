// Fuzzing the pipeline (parse → validate → lower → forecast → compile) with mutated example plans, deep nesting and random text. In `npm test` a
// fixed seed and a CI-sized count; `npm run fuzz` runs 10,000 cases (FUZZ_RUNS) with a fresh seed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { planInputs } from './mutate.js';
import { forecastNumbers, runPipeline } from './pipeline.js';

const ROOT = resolve(__dirname, '../..');
// The shipped examples and a seed plan that uses every construct of forecast model v2 (model-v2.community).
const V2_SEED = readFileSync(join(__dirname, 'model-v2.community'), 'utf8');
const EXAMPLES = [
    ...readdirSync(join(ROOT, 'examples'))
        .filter((f) => f.endsWith('.community'))
        .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')),
    V2_SEED,
];
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20261124;

// One untimed pass first: the first report of a process loads the chart library's modules (seconds
// under tsx), a one-time cost the per-case CPU bound below is not about.
beforeAll(async () => {
    await runPipeline(EXAMPLES[0]);
}, 120_000);

let consoleErrors: unknown[][] = [];
beforeEach(() => {
    consoleErrors = [];
    // Langium catches exceptions inside validators and logs them; a logged crash is a failure here.
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void consoleErrors.push(args));
});
afterEach(() => vi.restoreAllMocks());

describe('fuzzing the plan pipeline', () => {
    it(
        `survives ${RUNS} mutated, nested and random plans (seed ${SEED})`,
        async () => {
            await fc.assert(
                fc.asyncProperty(planInputs(EXAMPLES), async (text) => {
                    // CPU time, not wall time: other test files share the machine's cores in parallel.
                    const t0 = process.cpuUsage();
                    const result = await runPipeline(text);
                    const used = process.cpuUsage(t0);
                    const ms = (used.user + used.system) / 1000;
                    expect(ms, 'one case took over 2 s of CPU').toBeLessThan(2000);
                    expect(consoleErrors.map((a) => a.map(String).join(' '))).toEqual([]);
                    for (const d of result.diagnostics) {
                        const { start, end } = d.range;
                        expect(start.line).toBeGreaterThanOrEqual(0);
                        expect(end.line).toBeLessThan(result.lineCount);
                        expect(start.character).toBeLessThanOrEqual(result.lastLineLength[start.line]);
                        expect(end.character).toBeLessThanOrEqual(result.lastLineLength[end.line]);
                        expect(start.line < end.line || start.character <= end.character).toBe(true);
                    }
                    if (result.compiled)
                        expect(result.compiled).toEqual(expect.arrayContaining(['plan.ics', 'report.html', 'report.md', 'schedule.csv', 'schedule.json']));
                    if (result.forecast) {
                        for (const [path, value] of forecastNumbers(result.forecast)) {
                            expect(Number.isFinite(value), `${path} = ${value}`).toBe(true);
                            // ROI, sensitivity swings and incremental revenue (revenue minus what the same people would
                            // have bought anyway: below zero when the baseline rate is above the community's) may be negative.
                            if (!/roi|sensitivity|delta|change|incrementalRevenue/i.test(path)) expect(value, path).toBeGreaterThanOrEqual(0);
                        }
                    }
                }),
                { numRuns: RUNS, seed: SEED, endOnFailure: true },
            );
        },
        Math.max(120_000, RUNS * 500),
    );

    it('mutates a seed plan that uses every model v2 construct and checks clean as written', async () => {
        const result = await runPipeline(V2_SEED);
        expect(result.diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
        expect(result.forecast).toBeDefined();
        for (const word of [
            'margin',
            'baseline buys',
            'kpi participation',
            'above 200',
            'platform Groups',
            'shares to group',
            'sent manually',
            'reach',
            'conversion',
            'into',
            'lift buys',
            'bilibili',
            'wechat-official-account',
        ]) {
            expect(V2_SEED, word).toContain(word);
        }
    });

    it('reports deep nesting as a syntax error instead of overflowing the stack', async () => {
        const depth = 20000;
        const result = await runPipeline(`community X {${' tier A {'.repeat(depth)}${'}'.repeat(depth)}`);
        expect(result.diagnostics.some((d) => d.code === 'syntax-error')).toBe(true);
        // Thousands of repeated errors are summarised after the first fifty.
        const syntax = result.diagnostics.filter((d) => d.code === 'syntax-error');
        expect(syntax.length).toBe(51);
        expect(syntax.at(-1)?.message).toMatch(/more syntax errors from here on are not listed/);
    }, 120_000);

    it('handles huge and degenerate numbers with diagnostics, never NaN in a forecast', async () => {
        const header = 'plan "N" { start 2027-01-04 horizon 8 weeks currency CNY }\naudience P { size 1000 }\n';
        const bad = await runPipeline(`${header}community C { audience P tier A { seed 1e9 members churn 100% per month } }`);
        expect(bad.diagnostics.filter((d) => d.severity === 1).map((d) => d.code)).toEqual([]);
        expect(bad.forecast).toBeDefined();
        for (const [path, value] of forecastNumbers(bad.forecast)) expect(Number.isFinite(value), path).toBe(true);
        for (const n of ['1e308', '1e400', '20000000000']) {
            const huge = await runPipeline(`${header}community C { audience P tier A { seed ${n} members } }`);
            expect(
                huge.diagnostics.map((d) => d.code),
                n,
            ).toContain('out-of-range');
        }
    });
});
