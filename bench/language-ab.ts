// Issue 13's promise: the grammar must not get slower to read. Parse + validate (every check) of the
// same generated plan by this tree's language services and by those of a baseline commit (the last
// commit before the Chinese-native lexer, full-width input and bilingual keywords; COMMUNITY_AB_BASE
// overrides it), both bundled by esbuild and loaded into this one process, timed in alternating
// pairs in CPU time. This machine's speed drifts by ~30 % from minute to minute, so only a ratio
// taken pair by pair in one process is a figure; the median pair ratio is what BENCHMARKS.md records.
// Both are bundled with the production parser, as the CLI and the server ship it.
// The plan is the baseline's own generated plan: every plan that checked then must check now.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import type { Figure } from './figure.js';
import * as shipped from '../language/parser-bundling.mjs';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');
export const AB_BASE = process.env.COMMUNITY_AB_BASE ?? '1198e21';

interface Phases {
    parse: number;
    link: number;
    total: number;
}
export interface Subject {
    /** Parse + validate with fresh services; `servicesReady`: their parser built before timing starts. */
    validate(text: string, options?: { servicesReady?: boolean }): Promise<Phases & { errors: number; wallMs: number }>;
    generatePlan(lines: number): string;
}

/** The entry bundled for each tree: fresh services per call, as an editor opening a file has. */
const ENTRY = `
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createCommunityServices } from './language/community-module.js';
export { generatePlan } from './bench/generate.js';
let n = 0;
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
export async function validate(text, options = {}) {
    const { shared, Community } = createCommunityServices({ ...EmptyFileSystem });
    // A running server built its services and parser when it started: with servicesReady the
    // parser (Chevrotain's grammar analysis, ~20 ms) is built before the clocks start.
    if (options.servicesReady) void Community.parser.LangiumParser;
    let linked = 0;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, () => { linked = cpu(); });
    const t0 = cpu();
    const w0 = performance.now();
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse('memory:/ab' + (n++) + '.community'));
    const parsed = cpu();
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    const end = cpu();
    const wallMs = performance.now() - w0;
    return { errors: (doc.diagnostics ?? []).filter((d) => d.severity === 1).length, parse: parsed - t0, link: linked - t0, total: end - t0, wallMs };
}
`;

/**
 * Both trees as users run them: the shipped bundles build the parser in Langium's production mode
 * (esbuild.mjs), which skips Chevrotain's grammar self-checks; unbundled runs (vitest, tsx) keep them.
 */
const productionParser: Plugin = {
    name: 'production-parser',
    setup(b) {
        b.onLoad({ filter: /language[\\/]generated[\\/]module\.ts$/ }, (args) => ({
            contents: readFileSync(args.path, 'utf8').replace("mode: 'development'", "mode: 'production'"),
            loader: 'ts',
        }));
    },
};

async function bundle(root: string, out: string, plugins: Plugin[] = [productionParser]): Promise<Subject> {
    const entry = join(root, `.ab-entry-${process.pid}.mjs`);
    writeFileSync(entry, ENTRY);
    try {
        await build({
            entryPoints: [entry],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            target: 'node20',
            outfile: out,
            logLevel: 'silent',
            nodePaths: [join(ROOT, 'node_modules')],
            plugins,
        });
    } finally {
        rmSync(entry, { force: true });
    }
    return createRequire(import.meta.url)(out) as Subject;
}

/** This tree bundled as the CLI and the server ship it (bench/server.ts times its 20,000-line validation). */
export function bundleThisTree(out: string): Promise<Subject> {
    return bundle(ROOT, out, shipped.shippedParserPlugins);
}

async function timed(subject: Subject, text: string): Promise<Phases> {
    const { errors, wallMs: _wall, ...phases } = await subject.validate(text);
    if (errors > 0) throw new Error(`the baseline's generated plan has ${errors} errors in one of the trees`);
    return phases;
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** The baseline tree, checked out beside this one (needs the repository's history). */
function checkoutBase(dir: string): boolean {
    const r = spawnSync('git', ['worktree', 'add', '--detach', '--force', dir, AB_BASE], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) return false;
    if (!existsSync(join(dir, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
    return true;
}

export async function benchLanguageAB(pairs = Number(process.env.COMMUNITY_AB_PAIRS ?? 15)): Promise<Figure[]> {
    const work = mkdtempSync(join(tmpdir(), 'community-ab-'));
    const baseDir = join(work, 'base');
    try {
        if (!checkoutBase(baseDir)) {
            console.error(`bench: language A/B skipped: commit ${AB_BASE} is not in this clone's history`);
            return [];
        }
        const base = await bundle(baseDir, join(work, 'base.cjs'));
        // This tree with the plugins its shipped bundles are built with (language/parser-bundling.mjs),
        // and, to show what the grammar and the checks cost by themselves, this tree with Langium's
        // parser builder as published (the baseline is bundled that way: it predates the change).
        const ours = await bundleThisTree(join(work, 'ours.cjs'));
        const published = await bundle(ROOT, join(work, 'ours-published.cjs'), [shipped.productionParser]);
        const figures: Figure[] = [];
        for (const lines of [2000, 20000]) {
            const text = base.generatePlan(lines);
            const n = lines <= 2000 ? pairs : Math.max(5, Math.ceil(pairs / 3));
            for (let i = 0; i < 2; i++) {
                await timed(base, text);
                await timed(ours, text);
                await timed(published, text);
            }
            // [baseline, this tree as shipped, this tree with Langium's builder as published]
            const samples: Array<[Phases, Phases, Phases]> = [];
            const subjects = [base, ours, published];
            for (let i = 0; i < n; i++) {
                // Rotate which goes first so none always gets the warmer caches.
                const run: Phases[] = [];
                for (let k = 0; k < 3; k++) {
                    const j = (i + k) % 3;
                    run[j] = await timed(subjects[j], text);
                }
                samples.push([run[0], run[1], run[2]]);
            }
            const count = text.split('\n').length;
            const phases: Array<[keyof Phases, string]> = [
                ['parse', 'parse (lex, parse, syntax tree)'],
                ['link', 'parse + index + scopes + link'],
                ['total', 'parse+validate (every check)'],
            ];
            for (const [key, label] of phases) {
                figures.push({
                    name: `${label}, ${count} lines: baseline ${AB_BASE} / this tree (CPU ms, medians of ${n})`,
                    value: median(samples.map(([b]) => b[key])),
                    unit: `/ ${median(samples.map(([, o]) => o[key])).toFixed(0)} ms`,
                });
                figures.push({
                    name: `${label}, ${count} lines: this tree ÷ baseline (median pair ratio)`,
                    value: median(samples.map(([b, o]) => o[key] / b[key])),
                    unit: '×',
                });
                figures.push({
                    name: `${label}, ${count} lines: this tree with Langium's parser builder as published ÷ baseline (median pair ratio)`,
                    value: median(samples.map(([b, , p]) => p[key] / b[key])),
                    unit: '×',
                });
            }
        }
        return figures;
    } finally {
        spawnSync('git', ['worktree', 'remove', '--force', baseDir], { cwd: ROOT });
        rmSync(work, { recursive: true, force: true });
    }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
    for (const f of await benchLanguageAB()) console.log(`${f.name}: ${f.value.toFixed(f.unit === '×' ? 3 : 1)} ${f.unit}`);
}
