// The shipped bundles build the parser in production mode with its callbacks built once and link
// the parsed tree in one walk (language/parser-bundling.mjs); vitest runs Langium as published. An edit re-parsed in its block
// must equal a full parse there too: the same comparison, bundled as the server ships.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled } from '../helpers/bundle.js';
import { shippedParserPlugins } from '../../language/parser-bundling.mjs';
import { generatePlan } from '../../bench/generate.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = `
import { EmptyFileSystem } from 'langium';
import { createCommunityServices } from './language/community-module.js';
import { reparseBlock } from './language/incremental-parse.js';
import { parseDifference } from './test/language/incremental-compare.js';
const { Community } = createCommunityServices({ ...EmptyFileSystem });
const parser = Community.parser.LangiumParser;
export function compare(oldText, newText) {
    const r = reparseBlock(parser, Community.parser.Lexer, parser.parse(oldText), oldText, newText, 0);
    return 'result' in r ? { difference: parseDifference(r.result, parser.parse(newText)) ?? null } : { fallback: r.fallback };
}`;

type Bundle = { compare(oldText: string, newText: string): { difference?: string | null; fallback?: string } };
let work: string;
let shipped: Bundle;

beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'community-incremental-bundle-'));
    shipped = await bundled<Bundle>(ENTRY, join(work, 'shipped.cjs'), shippedParserPlugins, 'ts');
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const texts = [
    ...readdirSync(join(ROOT, 'examples'))
        .filter((f) => f.endsWith('.community'))
        .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8')),
    generatePlan(300),
];

describe('the shipped parser: an edit re-parsed in its block equals a full parse', () => {
    it('the bundle carries the production parser, its callbacks and the container walk', () => {
        const text = readFileSync(join(work, 'shipped.cjs'), 'utf8');
        expect(text).toContain('ctx.parser.alternatives(idx, alts)');
        expect(text).toContain('linkParsedTree(result);');
        expect(text).toMatch(/mode: "production"/);
    });

    it('digits changed and lines added or removed inside blocks', () => {
        let reparsed = 0;
        fc.assert(
            fc.property(fc.constantFrom(...texts), fc.nat(), fc.constantFrom('digit', 'line', 'drop'), (text, n, kind) => {
                let next: string;
                if (kind === 'digit') {
                    const digits = [...text.matchAll(/[0-9]/g)].map((m) => m.index);
                    const d = digits[n % digits.length];
                    next = text.slice(0, d) + String((Number(text[d]) + 3) % 10) + text.slice(d + 1);
                } else {
                    const lines = text.split('\n');
                    const i = 1 + (n % (lines.length - 2));
                    if (kind === 'line') lines.splice(i, 0, lines[i]);
                    else lines.splice(i, 1);
                    next = lines.join('\n');
                }
                const r = shipped.compare(text, next);
                if (r.difference !== undefined) {
                    reparsed++;
                    expect(r.difference).toBeNull();
                }
            }),
            { numRuns: 300 },
        );
        expect(reparsed).toBeGreaterThan(100);
    });
});
