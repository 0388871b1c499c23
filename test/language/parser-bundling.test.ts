// The shipped bundles build Langium's parser callbacks once and link the nodes to their containers in
// one walk (language/parser-bundling.mjs); vitest runs Langium as published. Both must read every plan
// into the same tree, with the same containers and errors: each example, and the same examples broken
// in ways that send the parser into error recovery.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Plugin } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled } from '../helpers/bundle.js';
import { productionParser, shippedParserPlugins } from '../../language/parser-bundling.mjs';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRY = `
import { AstUtils, EmptyFileSystem } from 'langium';
export { createParser } from 'langium';
import { createCommunityServices } from './language/community-module.js';
import { allNodes } from './language/ast-list.js';
const { Community } = createCommunityServices({ ...EmptyFileSystem });
// Every property of every node, where each node's text starts and ends, references as written.
const plain = (key, value) => {
    if (key === '$container' || key === '$containerProperty' || key === '$containerIndex' || key === '$document') return undefined;
    if (key === '$cstNode') return value && [value.offset, value.end];
    if (value && typeof value === 'object' && '$refText' in value) return { ref: value.$refText, at: value.$refNode && [value.$refNode.offset, value.$refNode.end] };
    return value;
};
export function read(text) {
    const r = Community.parser.LangiumParser.parse(text);
    // Each node's container (by its place in Langium's own walk), property and index, and the node
    // list the build phases use.
    const walk = AstUtils.streamAst(r.value).toArray();
    const place = new Map(walk.map((n, i) => [n, i]));
    const listed = allNodes(r.value);
    return JSON.stringify({
        tree: JSON.stringify(r.value, plain),
        containers: walk.map((n) => [n.$type, n.$container ? place.get(n.$container) : null, n.$containerProperty ?? null, n.$containerIndex ?? null]),
        listed: listed.length === walk.length && listed.every((n, i) => n === walk[i]),
        lexer: r.lexerErrors.map((e) => e.offset + ' ' + e.message),
        parser: r.parserErrors.map((e) => e.token.startOffset + ' ' + e.message),
    });
}`;

type Reader = { read(text: string): string; createParser(grammar: unknown, parser: unknown, tokens: unknown): unknown };
let work: string;
let published: Reader;
let shipped: Reader;

function bundle(name: string, plugins: Plugin[]): Promise<Reader> {
    return bundled<Reader>(ENTRY, join(work, `${name}.cjs`), plugins);
}

beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'community-parser-bundling-'));
    [published, shipped] = await Promise.all([bundle('published', [productionParser]), bundle('shipped', shippedParserPlugins)]);
}, 60_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => [f, readFileSync(join(ROOT, 'examples', f), 'utf8')] as const);

describe('the shipped parser reads plans as Langium does', () => {
    it('the bundle carries the change', () => {
        const text = readFileSync(join(work, 'shipped.cjs'), 'utf8');
        expect(text).toContain('ctx.parser.alternatives(idx, alts)');
        expect(text).toContain('linkParsedTree(result);');
        const asPublished = readFileSync(join(work, 'published.cjs'), 'utf8');
        expect(asPublished).not.toContain('ctx.parser.alternatives(idx, alts)');
        expect(asPublished).toContain('linkContentToContainer(result, { deep: true });');
    });

    it.each(examples)('%s, whole and broken', (_name, text) => {
        const lines = text.split('\n');
        const variants = [
            text,
            text.slice(0, Math.floor(text.length / 3)),
            text.replace(/\{/, '{ }}'),
            lines.filter((_, i) => i % 7 !== 3).join('\n'),
            text.replace(/(\d)\s/g, '$1，'),
            text.replaceAll('"', ''),
        ];
        for (const v of variants) expect(shipped.read(v)).toBe(published.read(v));
        const whole = JSON.parse(published.read(text));
        expect(whole.tree.length).toBeGreaterThan(text.length);
        // Every node but the root has a container, and the list the build phases walk is Langium's walk.
        expect(whole.containers.filter(([, container]: unknown[]) => container === null)).toHaveLength(1);
        expect(whole.listed).toBe(true);
        expect(JSON.parse(shipped.read(text)).listed).toBe(true);
        // The broken variants do reach error recovery.
        expect(JSON.parse(shipped.read(variants[2])).parser.length).toBeGreaterThan(0);
    });
});

describe('the change needs a grammar without rule parameters', () => {
    it('the shipped parser builder refuses a grammar with one', () => {
        const grammar = {
            rules: [
                { name: 'Item', parameters: [] },
                { name: 'Expression', parameters: [{ name: 'In' }] },
            ],
        };
        expect(() => shipped.createParser(grammar, {}, {})).toThrow("rule Expression has parameters: the bundle's parser callbacks assume none");
    });
});
