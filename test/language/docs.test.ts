// Every plan snippet in the README and the language reference parses: the docs cannot drift
// from the grammar. Fragments (a tier, a KPI line …) are parsed inside a community.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validate } from '../helpers/language.js';

const ROOT = resolve(__dirname, '../..');

function snippets(file: string): string[] {
    const text = readFileSync(resolve(ROOT, file), 'utf8');
    return [...text.matchAll(/```community\n([\s\S]*?)```/g)].map((m) => m[1]);
}

const TOP = /^\s*(plan|platform|audience|community|scenario|import)\b/;

describe.each(['README.md', 'docs/language.md'])('%s', (file) => {
    const blocks = snippets(file);

    it('has plan snippets', () => expect(blocks.length).toBeGreaterThan(0));

    it.each(blocks.map((b, i) => [i + 1, b] as const))('snippet %i parses', async (_i, block) => {
        const firstLine = block.split('\n').find((l) => l.trim() && !l.trim().startsWith('//')) ?? '';
        const text = TOP.test(firstLine) ? block : `community Snippet {\n${block}\n}\n`;
        const { doc } = await validate(text);
        expect(doc.parseResult.lexerErrors.map((e) => e.message)).toEqual([]);
        expect(doc.parseResult.parserErrors.map((e) => `${e.token.startLine}: ${e.message}`)).toEqual([]);
    });
});

describe('docs/diagnostics.md', () => {
    it('lists every code of the diagnostics table as written by docs/write-diagnostics.ts', async () => {
        const { diagnosticsPage } = await import('../../docs/write-diagnostics.js');
        expect(readFileSync(resolve(ROOT, 'docs/diagnostics.md'), 'utf8'), 'run: node --import tsx docs/write-diagnostics.ts').toBe(diagnosticsPage());
    });
});
