// An edit inside one block re-parses only that block (language/incremental-parse.ts): the result must
// equal a full parse of the new text in every AST property, CST node and error, whatever the edit,
// and every edit it cannot prove equal is parsed in full.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { EmptyFileSystem, type AstNode, type ParseResult } from 'langium';
import { describe, expect, it } from 'vitest';
import { generatePlan, generatePlanOfSize } from '../../bench/generate.js';
import { createCommunityServices } from '../../language/community-module.js';
import { MIN_INCREMENTAL_CHARS, reparseBlock, type Fallback, type Reparse } from '../../language/incremental-parse.js';
import type { CommunityLexer } from '../../language/lexer.js';
import type { CommunityParser } from '../../language/parser.js';
import { parseDifference } from './incremental-compare.js';

const ROOT = resolve(import.meta.dirname, '../..');
const { Community } = createCommunityServices({ ...EmptyFileSystem });
const parser = Community.parser.LangiumParser as CommunityParser;
const lexer = Community.parser.Lexer as CommunityLexer;

const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => readFileSync(join(ROOT, 'examples', f), 'utf8'));
const generated = generatePlan(400);
// CRLF line ends (the lexer counts CRLF, CR and LF) and tab indentation, as some editors save.
const texts = [...examples, generated, examples[0].replaceAll('\n', '\r\n'), generated.replaceAll('\n  ', '\n\t')];

function full(text: string): ParseResult {
    return parser.parse(text);
}

/** Re-parses `newText` from a full parse of `oldText` (any size: the size limit is tested on its own). */
function reparse(oldText: string, newText: string, old: ParseResult = full(oldText)): Reparse {
    return reparseBlock(parser, lexer, old, oldText, newText, 0);
}

function expectEqual(oldText: string, newText: string, old?: ParseResult): Reparse {
    const r = reparse(oldText, newText, old);
    if ('result' in r) expect(parseDifference(r.result, full(newText))).toBeUndefined();
    return r;
}

function fallbackOf(oldText: string, newText: string): Fallback | undefined {
    const r = expectEqual(oldText, newText);
    return 'fallback' in r ? r.fallback : undefined;
}

const WORDS = [
    'x',
    '7',
    ' ',
    '\n',
    '\r\n',
    '\t',
    '{',
    '}',
    '"',
    ',',
    ':',
    '%',
    '~',
    '..',
    '//',
    '/*',
    '*/',
    ' // note\n',
    '/* c */',
    '每',
    '每 周四 20:00',
    '周四',
    '元',
    '社区',
    '层级',
    '500元 每 月',
    '20:00～22:00',
    '5月29日',
    'start 2027-02-01',
    '\n  theme "edited"\n',
    '\n  rules "a", "b"\n',
    ' 12% per month',
    'tier',
    'community',
    '}\ncommunity Z {\n',
    ' }\n  // ',
    '\n  rules "r" }\n  /* ',
    ' */',
    '\n}\n',
];

/** An edit: at a place in the text (near a brace or a line start one time in three), delete some, insert some. */
const edit = (text: string) =>
    fc
        .record({
            place: fc.oneof(
                fc.nat({ max: text.length }),
                fc.nat({ max: 10_000 }).map((n) => {
                    const braces = [...text.matchAll(/[{}]|\n/g)].map((m) => m.index);
                    return braces.length > 0 ? braces[n % braces.length] + ((n >> 4) % 3) - 1 : 0;
                }),
            ),
            remove: fc.oneof(fc.constant(0), fc.nat({ max: 3 }), fc.nat({ max: 40 })),
            insert: fc.oneof(
                fc.constant(''),
                fc.constantFrom(...WORDS),
                fc.array(fc.constantFrom(...WORDS), { maxLength: 4 }).map((w) => w.join('')),
            ),
            digit: fc.boolean(),
            // A piece of the text itself pasted in (lines, braces, comments as the plan has them).
            paste: fc.option(fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: 120 })), { freq: 2 }),
        })
        .map(({ place, remove, insert, digit, paste }) => {
            const at = Math.max(0, Math.min(text.length, place));
            if (paste) insert = text.slice(paste[0], paste[0] + paste[1]);
            // One time in two, a digit of a number is changed instead: an edit that keeps the plan valid.
            if (digit) {
                const digits = [...text.matchAll(/[0-9]/g)].map((m) => m.index);
                const d = digits[at % Math.max(1, digits.length)] ?? 0;
                return text.slice(0, d) + String((Number(text[d]) + 1) % 10) + text.slice(d + 1);
            }
            return text.slice(0, at) + insert + text.slice(Math.min(text.length, at + remove));
        });

describe('an edit re-parsed in its block equals a full parse', () => {
    it('random edits of the examples and a generated plan', () => {
        let incremental = 0;
        let total = 0;
        fc.assert(
            fc.property(
                fc.constantFrom(...texts).chain((text) => fc.tuple(fc.constant(text), edit(text))),
                ([oldText, newText]) => {
                    total++;
                    if ('result' in expectEqual(oldText, newText)) incremental++;
                },
            ),
            { numRuns: 600 },
        );
        // The edits reach the splice often, not only the fallbacks.
        expect(incremental).toBeGreaterThan(total / 5);
    });

    it('edits in a row, each on the tree the previous one made', () => {
        fc.assert(
            fc.property(fc.constantFrom(...texts), fc.array(fc.nat(), { minLength: 2, maxLength: 8 }), (start, seeds) => {
                let text = start;
                let tree = full(text);
                for (const seed of seeds) {
                    const next = fc.sample(edit(text), { numRuns: 1, seed })[0];
                    const r = reparse(text, next, tree);
                    const fresh = full(next);
                    if ('result' in r) expect(parseDifference(r.result, fresh)).toBeUndefined();
                    tree = 'result' in r ? r.result : fresh;
                    text = next;
                }
            }),
            { numRuns: 60 },
        );
    });

    it('Chinese plans: a word that needs the words around it, inside a block', () => {
        const zh = examples.find((t) => /[\u4e00-\u9fff]/.test(t) && t.includes('每'))!;
        const at = zh.indexOf('每');
        for (const word of ['每', '每 周四 20:00', '500元 每 月', '20:00～22:00', '5月29日', '社区']) {
            expectEqual(zh, zh.slice(0, at) + word + ' ' + zh.slice(at));
        }
    });

    it('an ASCII block in a file with Chinese text reads ~ as the file does', () => {
        const text = `plan "P" { start 2027-01-04 }\naudience A "中文" {\n  size 10\n}\naudience B {\n  size 20\n  active 07:00-09:00\n}\n`;
        const next = text.replace('07:00-09:00', '07:00~09:00');
        expect('result' in expectEqual(text, next)).toBe(true);
    });
});

describe('what is parsed in full', () => {
    const text = generated;
    const at = text.indexOf('theme "') + 'theme "'.length;
    const inside = text.slice(0, at) + 'x' + text.slice(at);

    it('an edit inside one block is re-parsed in it, and the other blocks keep their nodes', () => {
        const old = full(text);
        const r = reparse(text, inside, old);
        expect('result' in r).toBe(true);
        const before = (old.value as unknown as { elements: AstNode[] }).elements;
        const after = ((r as { result: ParseResult }).result.value as unknown as { elements: AstNode[] }).elements;
        expect(after.length).toBe(before.length);
        expect(after.filter((e, i) => e === before[i]).length).toBe(before.length - 1);
    });

    it('a small file', () => {
        expect(text.length).toBeLessThan(MIN_INCREMENTAL_CHARS);
        expect(reparseBlock(parser, lexer, full(text), text, inside)).toEqual({ fallback: 'small' });
        const big = generatePlanOfSize(MIN_INCREMENTAL_CHARS + 2000);
        const place = big.indexOf('theme "') + 'theme "'.length;
        expect('result' in reparseBlock(parser, lexer, full(big), big, big.slice(0, place) + 'x' + big.slice(place))).toBe(true);
    });

    it('a file with an error anywhere', () => {
        const broken = text.replace('horizon', 'horizn');
        expect(fallbackOf(broken, broken.slice(0, at) + 'x' + broken.slice(at))).toBe('errors');
    });

    it('an edit that makes an error in the block', () => {
        expect(fallbackOf(text, text.slice(0, at - 2) + 'q' + text.slice(at - 2))).toBe('block-parser-errors');
        expect(fallbackOf(text, text.slice(0, at) + '"' + text.slice(at))).toBe('block-lexer-errors');
        // An unclosed comment would take in the rest of the file.
        expect(fallbackOf(text, text.slice(0, at - 8) + '/*' + text.slice(at - 8))).toBe('block-lexer-errors');
    });

    it('an edit across two blocks, at a block edge, or outside any block', () => {
        const second = text.indexOf('\ncommunity ', text.indexOf('\ncommunity ') + 1) + 1;
        expect(fallbackOf(text, text.slice(0, second - 3) + 'x' + text.slice(second + 3))).toBe('outside-element');
        expect(fallbackOf(text, text.slice(0, second) + 'x' + text.slice(second))).toBe('outside-element');
        expect(fallbackOf(text, text.slice(0, second - 2) + text.slice(second - 1))).toBe('outside-element');
        expect(fallbackOf(text, text.slice(0, second - 1) + '\n// note\n' + text.slice(second - 1))).toBe('outside-element');
        // Two changes in two blocks are one range across them.
        const two = inside.slice(0, second + 20) + 'y' + inside.slice(second + 20);
        expect(fallbackOf(text, two)).toBe('outside-element');
    });

    it('two changes in one block are one range inside it: re-parsed in the block', () => {
        const both = inside.replace(/seed (\d)/, 'seed 9$1');
        expect(both.indexOf('seed 9')).toBeLessThan(text.indexOf('\ncommunity ', at));
        expect(fallbackOf(text, both)).toBeUndefined();
    });

    it('a comment that takes in the closing brace, after a brace of its own', () => {
        const plan = `plan "P" {\n  horizon 8 weeks\n}\n\ncommunity A {\n  theme "t"\n}\n\ncommunity B {\n  theme "u"\n}\n`;
        const at = plan.indexOf('"t"\n}') + 4;
        expect(fallbackOf(plan, plan.slice(0, at) + 'rules "r" }\n  // ' + plan.slice(at))).toBe('edges');
    });

    it('an import', () => {
        const withImport = `import "other.community"\n${text}`;
        expect(fallbackOf(withImport, withImport.replace('other', 'others'))).toBe('outside-element');
    });

    it('a block that shares a line with the text around it', () => {
        const second = text.indexOf('\ncommunity ', text.indexOf('\ncommunity ') + 1);
        const close = text.lastIndexOf('}', second) + 1;
        const joined = text.slice(0, close) + ' // ends here' + text.slice(close);
        // A space before the closing brace of the block that the comment follows.
        const line = joined.lastIndexOf('\n', close - 1) + 1;
        expect(fallbackOf(joined, joined.slice(0, line) + ' ' + joined.slice(line))).toBe('edges');
        // The same edit where the block ends its line is re-parsed in it.
        expect(fallbackOf(text, text.slice(0, line) + ' ' + text.slice(line))).toBeUndefined();
    });

    it('an edit that changes the plan start written first in the text (dates without a year read it)', () => {
        const zh = `plan "P" {\n  start 2027-01-04\n}\nplatform G { kind wechat-group }\ncommunity C {\n  platform G\n  activity A {\n    online challenge\n    every week on Monday from 2月1日 until 3月1日\n  }\n}\n`;
        expect(fallbackOf(zh, zh.replace('start 2027-01-04', 'start 2028-01-04'))).toBe('plan-start');
        expect(fallbackOf(zh, zh.replace('until 3月1日', 'until 3月2日'))).toBeUndefined();
        // The search is of the text: a comment that reads "start …" in a plan without a start counts.
        const noStart = zh.replace('  start 2027-01-04\n', '  horizon 8 weeks\n');
        const themed = noStart.replace('  platform G\n  activity', '  platform G\n  // start 2026-01-01\n  activity');
        expect(fallbackOf(noStart, themed)).toBe('plan-start');
        // Where the first start stays the plan's, the same edit is re-parsed in its block.
        expect(fallbackOf(zh, zh.replace('  platform G\n  activity', '  platform G\n  // start 2026-01-01\n  activity'))).toBeUndefined();
    });
});
