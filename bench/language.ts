// Benchmarks of the language core: parse + validate throughput on generated plans next to the raw
// Chevrotain lexing of the same text (the floor), the `check` path, and heap after a 20k-line plan.
import { EmptyFileSystem, URI } from 'langium';
import { createCommunityServices } from '../language/community-module.js';
import { generatePlan } from './generate.js';
import type { Figure } from './figure.js';

async function validateOnce(text: string, name: string): Promise<number> {
    const { shared } = createCommunityServices({ ...EmptyFileSystem });
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, URI.parse(`memory:/${name}.community`));
    shared.workspace.LangiumDocuments.addDocument(doc);
    const t0 = performance.now();
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    const ms = performance.now() - t0;
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1);
    if (errors.length > 0) throw new Error(`generated plan has errors: ${errors[0].message}`);
    return ms;
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
        const times: number[] = [];
        for (let i = 0; i < runs; i++) times.push(await validateOnce(text, `p${lines}-${i}`));
        const ms = median(times);
        figures.push({ name: `parse+validate ${n}-line plan`, value: ms, unit: 'ms' });
        figures.push({ name: `parse+validate throughput (${n} lines)`, value: (n / ms) * 1000, unit: 'lines/s' });
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
