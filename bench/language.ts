// Benchmarks of the language core: parse + validate (every check) on generated plans, with the parse
// and parse+link parts (Langium's floor) and the raw Chevrotain lexing of the same text, and the heap
// held by a validated 20k-line plan.
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { createCommunityServices } from '../language/community-module.js';
import { generatePlan } from './generate.js';
import type { Figure } from './figure.js';

interface Timing {
    total: number;
    parse: number;
    link: number;
}

/** Parse (document creation), then build with every check; `parse + link` is Langium's floor. */
async function validateOnce(text: string, name: string): Promise<Timing> {
    const { shared } = createCommunityServices({ ...EmptyFileSystem });
    let linkedAt = 0;
    shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Linked, () => {
        linkedAt = performance.now();
    });
    const t0 = performance.now();
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:/${name}.community`));
    const parsed = performance.now();
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    const total = performance.now() - t0;
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1);
    if (errors.length > 0) throw new Error(`generated plan has errors: ${errors[0].message}`);
    return { total, parse: parsed - t0, link: linkedAt - t0 };
}

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

export async function benchLanguage(): Promise<Figure[]> {
    const figures: Figure[] = [];
    const { Community } = createCommunityServices({ ...EmptyFileSystem });
    const lexer = Community.parser.Lexer;
    for (const lines of [2000, 20000]) {
        const text = generatePlan(lines);
        const n = text.split('\n').length;
        await validateOnce(text, `warm${lines}`);
        const runs = lines <= 2000 ? 7 : 3;
        const times: Timing[] = [];
        for (let i = 0; i < runs; i++) times.push(await validateOnce(text, `p${lines}-${i}`));
        const ms = median(times.map((t) => t.total));
        figures.push({ name: `parse+validate ${n}-line plan (all checks)`, value: ms, unit: 'ms' });
        figures.push({ name: `parse+validate throughput (${n} lines)`, value: (n / ms) * 1000, unit: 'lines/s' });
        figures.push({ name: `of which parsing (${n} lines, Langium floor)`, value: median(times.map((t) => t.parse)), unit: 'ms' });
        figures.push({ name: `of which parse + index + scopes + link (${n} lines, Langium floor)`, value: median(times.map((t) => t.link)), unit: 'ms' });
        const lexTimes: number[] = [];
        for (let i = 0; i < runs; i++) {
            const t0 = performance.now();
            lexer.tokenize(text);
            lexTimes.push(performance.now() - t0);
        }
        figures.push({ name: `raw lexing throughput (${n} lines, floor)`, value: (n / median(lexTimes)) * 1000, unit: 'lines/s' });
    }
    globalThis.gc?.();
    const before = process.memoryUsage().heapUsed;
    const { shared } = createCommunityServices({ ...EmptyFileSystem });
    const doc = shared.workspace.LangiumDocumentFactory.fromString(generatePlan(20000), URI.parse('memory:/heap.community'));
    shared.workspace.LangiumDocuments.addDocument(doc);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    globalThis.gc?.();
    figures.push({ name: 'heap held by a validated 20k-line plan', value: (process.memoryUsage().heapUsed - before) / 1024 / 1024, unit: 'MB' });
    return figures;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    for (const f of await benchLanguage()) console.log(`${f.name}: ${f.value.toFixed(1)} ${f.unit}`);
}
