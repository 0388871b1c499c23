// Range requests answer exactly what the whole-document request answers, cut to the range:
// semantic tokens for any range equal the full tokens that overlap it, and range formatting edits
// only inside the range. Property tests (fast-check) over the shipped examples and random ranges.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Range, TextEdit } from 'vscode-languageserver';
import { ROOT } from '../helpers/cli.js';
import { lspServices } from './lsp-helpers.js';

const { Community } = lspServices();
const parse = parseHelper(Community);
/** Each text parsed once: a property's runs draw the same few examples again and again. */
const parsed = new Map<string, ReturnType<typeof parse>>();
const parseOnce = (text: string) => {
    let doc = parsed.get(text);
    if (!doc) parsed.set(text, (doc = parse(text)));
    return doc;
};
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));

interface Token {
    line: number;
    char: number;
    length: number;
    type: number;
    modifiers: number;
}
function decode(data: number[]): Token[] {
    const tokens: Token[] = [];
    let line = 0;
    let char = 0;
    for (let i = 0; i < data.length; i += 5) {
        if (data[i] > 0) char = 0;
        line += data[i];
        char += data[i + 1];
        tokens.push({ line, char, length: data[i + 2], type: data[i + 3], modifiers: data[i + 4] });
    }
    return tokens;
}
const before = (a: { line: number; character: number }, b: { line: number; character: number }) =>
    a.line < b.line || (a.line === b.line && a.character <= b.character);
const overlaps = (t: Token, r: Range) =>
    before(r.start, { line: t.line, character: t.char + t.length - 1 }) && !before(r.end, { line: t.line, character: t.char });

/** A range inside `text`: two positions, ordered. */
function rangeIn(text: string): fc.Arbitrary<Range> {
    const lines = text.split('\n');
    const position = fc.nat({ max: lines.length - 1 }).chain((line) => fc.nat({ max: lines[line].length }).map((character) => ({ line, character })));
    return fc.tuple(position, position).map(([a, b]) => (before(a, b) ? { start: a, end: b } : { start: b, end: a }));
}

const exampleAndRange = fc.nat({ max: examples.length - 1 }).chain((i) => rangeIn(examples[i]).map((range) => ({ text: examples[i], range })));

describe('semantic tokens for a range', () => {
    const provider = Community.lsp.SemanticTokenProvider!;
    it("a range that starts inside a block (the issue's lines 20–27) has the tokens of the full result there", async () => {
        const text = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
        const doc = await parse(text);
        const range = { start: { line: 19, character: 0 }, end: { line: 27, character: 0 } };
        const full = decode((await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } })).data).filter((t) => overlaps(t, range));
        const part = decode((await provider.semanticHighlightRange(doc, { textDocument: { uri: doc.uri.toString() }, range })).data);
        expect(full.length).toBeGreaterThan(5);
        expect(part).toEqual(full);
    });

    it('equals the full result restricted to any range (property)', async () => {
        await fc.assert(
            fc.asyncProperty(exampleAndRange, async ({ text, range }) => {
                const doc = await parseOnce(text);
                const full = decode((await provider.semanticHighlight(doc, { textDocument: { uri: doc.uri.toString() } })).data);
                const part = decode((await provider.semanticHighlightRange(doc, { textDocument: { uri: doc.uri.toString() }, range })).data);
                expect(part).toEqual(full.filter((t) => overlaps(t, range)));
            }),
            { numRuns: RUNS, seed: 17 },
        );
    });
});

describe('range formatting', () => {
    const formatter = Community.lsp.Formatter!;
    const options = { tabSize: 2, insertSpaces: true };
    // Messy text: every property gap widened, blocks joined, so there is something to format everywhere.
    const messy = (text: string) =>
        text
            .replace(/ {2}(?=[a-z])/g, '     ')
            .replace(/\n\s*\n/g, '\n')
            .replace(/\{\n/g, '{ ');

    it('edits only inside the range (property)', async () => {
        await fc.assert(
            fc.asyncProperty(
                fc.nat({ max: examples.length - 1 }).chain((i) => rangeIn(messy(examples[i])).map((range) => ({ text: messy(examples[i]), range }))),
                async ({ text, range }) => {
                    const doc = await parseOnce(text);
                    const edits = (await formatter.formatDocumentRange(doc, { textDocument: { uri: doc.uri.toString() }, range, options })) as TextEdit[];
                    for (const e of edits)
                        expect(
                            before(range.start, e.range.start) && before(e.range.end, range.end),
                            `${JSON.stringify(e.range)} outside ${JSON.stringify(range)}`,
                        ).toBe(true);
                },
            ),
            { numRuns: RUNS, seed: 18 },
        );
    });

    it('formats what is inside the range the way the whole-document formatting does', async () => {
        const text = 'plan "T" {\n  start 2027-01-04\n  timezone    "Asia/Shanghai"\n  currency    CNY\n}\n';
        const doc = await parse(text);
        const edits = (await formatter.formatDocumentRange(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: { start: { line: 2, character: 0 }, end: { line: 2, character: 30 } },
            options,
        })) as TextEdit[];
        expect(edits).toEqual([{ range: { start: { line: 2, character: 10 }, end: { line: 2, character: 14 } }, newText: ' ' }]);
    });
});
