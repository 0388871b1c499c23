// The validator finds a diagnostic's place on a property with its own early-exit walk
// (language/validation/diagnostic-range.ts); it must be the node Langium's findNodeForProperty names,
// for every node, property and index, in plans that parse cleanly and in ones the parser repaired.
import { readdirSync, readFileSync } from 'node:fs';
import { AstUtils, GrammarUtils, type AstNode } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { propertyNode } from '../../language/validation/diagnostic-range.js';
import { makeServices } from '../helpers/language.js';

const services = makeServices();
const parse = parseHelper(services.Community);
const examples = readdirSync('examples')
    .filter((f) => f.endsWith('.community'))
    .map((f) => [f, readFileSync(`examples/${f}`, 'utf8')] as const);

async function mismatches(text: string): Promise<{ checked: number; wrong: string[] }> {
    const doc = await parse(text);
    const wrong: string[] = [];
    let checked = 0;
    for (const node of AstUtils.streamAst(doc.parseResult.value) as Iterable<AstNode>) {
        const properties = [...Object.keys(node).filter((k) => !k.startsWith('$')), 'noSuchProperty'];
        for (const property of properties) {
            for (const index of [undefined, -1, 0, 1, 2, 7, 0.5, Number.NaN, Infinity]) {
                checked++;
                const ours = propertyNode(node.$cstNode, property, index);
                const langium = GrammarUtils.findNodeForProperty(node.$cstNode, property, index);
                if (ours !== langium) wrong.push(`${node.$type}.${property}[${index}] at ${node.$cstNode?.range.start.line}: ${ours?.text} ≠ ${langium?.text}`);
            }
        }
    }
    return { checked, wrong };
}

describe('a diagnostic on a property points where Langium would point it', () => {
    it.each(examples)('%s', async (_name, text) => {
        const { checked, wrong } = await mismatches(text);
        expect(checked).toBeGreaterThan(1000);
        expect(wrong).toEqual([]);
    });

    it('in plans the parser repaired (each example cut at a third and with a stray brace)', async () => {
        const wrong: string[] = [];
        for (const [name, text] of examples) {
            const cut = text.slice(0, Math.floor(text.length / 3));
            const stray = text.replace(/\{/, '{ }}');
            for (const broken of [cut, stray]) for (const w of (await mismatches(broken)).wrong) wrong.push(`${name}: ${w}`);
        }
        expect(wrong).toEqual([]);
    });
});
