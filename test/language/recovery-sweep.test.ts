// One error per mistake over every shipped example: each single mistake a strategist makes (a
// misspelt keyword, a bad value, a date in another format, a forgotten brace; test/language/mistakes.ts)
// draws one syntax error where it is, and a misspelt keyword is answered with the intended word. The
// reproducers of test/language/recovery.test.ts, swept over the corpus: hundreds of checks of whole
// examples, so `npm test` runs this suite and `npm run test:unit` leaves it out (vitest.unit.config.ts).
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { validate } from '../helpers/language.js';
import { examples, mistakesOf, type Mistake } from './mistakes.js';

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);
const shown = (diagnostics: Diagnostic[]) => errors(diagnostics).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);

/** The first line with code at or after `line` (a forgotten `}` is noticed at the next block). */
function nextCodeLine(text: string, line: number): number {
    const lines = text.split('\n');
    let k = line;
    while (k < lines.length && lines[k].replace(/\/\/.*$/, '').trim() === '') k++;
    return k;
}

interface Outcome {
    mistake: Mistake;
    file: string;
    errors: Diagnostic[];
}

/** Errors each example has on its own, by its text (both mutation tests read them). */
const ownErrors = new Map<string, Set<Diagnostic['message']>>();

async function outcomes(filter: (m: Mistake, i: number) => boolean): Promise<Outcome[]> {
    const out: Outcome[] = [];
    for (const ex of examples()) {
        // Errors the example has on its own in memory (an actuals file beside it) are not the mistake's.
        let own = ownErrors.get(ex.text);
        if (!own) ownErrors.set(ex.text, (own = new Set(errors((await validate(ex.text)).diagnostics).map((d) => d.message))));
        const mistakes = mistakesOf(ex.text).filter(filter);
        for (const mistake of mistakes) {
            const found = errors((await validate(mistake.text)).diagnostics).filter((d) => !own.has(d.message));
            out.push({ mistake, file: ex.file, errors: found });
        }
    }
    return out;
}

/** Share of single mistakes that must draw exactly one error, on the mistake's line (or, for a dropped `}`, where the next block starts). */
const PASS_BOUND = 0.98;

describe('one error per mistake, over single-mistake mutations of every example', () => {
    it(`at least ${PASS_BOUND * 100}% draw exactly one error where the mistake is, none more than two`, async () => {
        // Every date, value and brace mistake; every fourth keyword typo (the next test takes others).
        let typo = 0;
        const all = await outcomes((m) => m.kind !== 'keyword-typo' || typo++ % 4 === 0);
        const byKind = new Map<string, { n: number; one: number }>();
        const failures: string[] = [];
        for (const { mistake, file, errors: found } of all) {
            const k = byKind.get(mistake.kind) ?? { n: 0, one: 0 };
            k.n++;
            const line = found[0]?.range.start.line ?? -1;
            const ok = found.length === 1 && line >= mistake.line - 1 && line <= nextCodeLine(mistake.text, mistake.line + 1);
            if (ok) k.one++;
            else failures.push(`${file}:${mistake.line + 1} ${mistake.what}: ${shown(found).join(' | ') || 'no error'}`);
            byKind.set(mistake.kind, k);
            expect(found.length, `${file}:${mistake.line + 1} ${mistake.what}: ${shown(found).join(' | ')}`).toBeLessThanOrEqual(2);
        }
        expect([...byKind.keys()].sort()).toEqual(['bad-value', 'date-format', 'keyword-typo', 'missing-brace']);
        expect(all.length).toBeGreaterThan(300);
        const passed = all.length - failures.length;
        expect(passed / all.length, `${passed}/${all.length} passed; failures:\n${failures.join('\n')}`).toBeGreaterThanOrEqual(PASS_BOUND);
    }, 300_000);

    it('a misspelt keyword is never answered with a word the block does not take: the suggestion is the intended word', async () => {
        let typo = 0;
        const all = await outcomes((m) => m.kind === 'keyword-typo' && typo++ % 4 === 1);
        const wrong: string[] = [];
        let suggested = 0;
        for (const { mistake, file, errors: found } of all) {
            const suggestion = (found[0]?.data as { suggestion?: string } | undefined)?.suggestion;
            if (suggestion === undefined) continue;
            suggested++;
            if (suggestion !== mistake.intended) wrong.push(`${file}:${mistake.line + 1} ${mistake.what}: suggested '${suggestion}'`);
        }
        expect(suggested / all.length, 'share of keyword typos with a suggestion').toBeGreaterThanOrEqual(0.95);
        expect(wrong).toEqual([]);
    }, 300_000);
});
