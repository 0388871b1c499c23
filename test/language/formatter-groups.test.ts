// The formatter keeps what the author grouped on one line, collapses runs of spaces, and is
// idempotent: on every shipped example (which it leaves unchanged) and on fuzzed whitespace.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHelper } from 'langium/test';
import { afterEach, describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ROOT } from '../helpers/cli.js';
import { lspServices } from './lsp-helpers.js';

const { Community } = lspServices();
const parse = parseHelper(Community);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const options = { tabSize: 2, insertSpaces: true };
const names = readdirSync(join(ROOT, 'examples')).filter((f) => f.endsWith('.community'));

async function format(text: string): Promise<string> {
    const doc = await parse(text);
    expect(doc.parseResult.parserErrors.map((e) => e.message)).toEqual([]);
    const edits = await Community.lsp.Formatter!.formatDocument(doc, { textDocument: { uri: doc.uri.toString() }, options });
    return TextDocument.applyEdits(doc.textDocument as TextDocument, edits);
}

afterEach(() => {
    Community.community.Settings.expandOneLineGroups = false;
});

describe('formatter', () => {
    for (const name of names) {
        it(`leaves ${name} as written (its one-line groups included)`, async () => {
            const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
            expect(await format(text)).toBe(text);
        });
    }

    it("keeps one-line blocks and same-line properties, with the author's one or two spaces", async () => {
        const text =
            'community C {\n  platform G\n  tier A { entry open  churn 5% per month }\n  activity M {\n    offline salon at "Shanghai"\n    on 2027-03-20 at 14:00\n    capacity 60  staff 3  cost 15000 CNY\n    lasts 2 hours\n  }\n  organic {   innovation 0.01 per month    imitation 0.3 per month }\n}\n';
        expect(await format(text)).toBe(
            'community C {\n  platform G\n  tier A { entry open  churn 5% per month }\n  activity M {\n    offline salon at "Shanghai"\n    on 2027-03-20 at 14:00\n    capacity 60  staff 3  cost 15000 CNY\n    lasts 2 hours\n  }\n  organic { innovation 0.01 per month  imitation 0.3 per month }\n}\n',
        );
    });

    it('expands every block with community.format.expandOneLineGroups', async () => {
        Community.community.Settings.expandOneLineGroups = true;
        expect(await format('community C {\n  tier A { entry open  churn 5% per month }\n}\n')).toBe(
            'community C {\n  tier A {\n    entry open\n    churn 5% per month\n  }\n}\n',
        );
    });

    it('collapses runs of spaces between tokens, keeping those before a trailing comment', async () => {
        const text =
            'plan "T" {\n  start 2027-01-04\n  timezone    "Asia/Shanghai"\n  currency CNY\n}\ncommunity C {\n  tier A {\n    churn   5%   per month   // keep me\n  }\n  kpi   members   >=   100\n}\n';
        expect(await format(text)).toBe(
            'plan "T" {\n  start 2027-01-04\n  timezone "Asia/Shanghai"\n  currency CNY\n}\ncommunity C {\n  tier A {\n    churn 5% per month   // keep me\n  }\n  kpi members >= 100\n}\n',
        );
    });

    it('is idempotent on fuzzed whitespace around every token of the examples (property)', async () => {
        const texts = names.map((n) => readFileSync(join(ROOT, 'examples', n), 'utf8'));
        const gaps = fc.array(fc.constantFrom(' ', '  ', '    ', '\t', '\n', '\n\n', ' \n  '), { minLength: 1, maxLength: 400 });
        await fc.assert(
            fc.asyncProperty(fc.nat({ max: texts.length - 1 }), gaps, async (i, ws) => {
                // Replace the whitespace between tokens (outside strings and comments) with fuzzed whitespace.
                let k = 0;
                const fuzzed = texts[i].replace(/("(?:[^"\\]|\\.)*"|\/\/[^\n]*)|[ \t]+/g, (m, keep: string | undefined) =>
                    keep !== undefined ? m : ws[k++ % ws.length],
                );
                const once = await format(fuzzed);
                expect(await format(once)).toBe(once);
            }),
            { numRuns: RUNS, seed: 19 },
        );
    });
});
