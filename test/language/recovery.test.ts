// One error per mistake: a misspelt keyword, a bad value, a date in another format or a forgotten
// brace draws one syntax error where it is, not errors on the next block, "Unknown item" in the
// scenarios or "The plan needs horizon" for a plan that has one (language/parser.ts repairs and
// re-parses; document-validator.ts drops what only restates a syntax error). Suggestions are words
// valid at the error's position only.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PLAN_HEADER, validate } from '../helpers/language.js';
import { examples, mistakesOf, type Mistake } from './mistakes.js';

const errors = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === 1);
const shown = (diagnostics: Diagnostic[]) => errors(diagnostics).map((d) => `${d.range.start.line + 1}: ${d.code} ${d.message}`);

const PLATFORM = 'platform Groups { kind wechat-group }\n';
const COMMUNITY = `community C {
  platform Groups
  tier Prospect {
    seed 300 members
    churn 12% per month
  }
  tier Core {
    from Prospect 6% per month
    churn 4% per month
  }
  content Tips { kind educational  every day at 20:00 }
  activity Run { online challenge  every week on Monday  lift retention 2 points }
}
scenario NoTips { drop Tips }
scenario Faster { Core.churn = 3% per month }
`;

describe('syntax error recovery: reproducers', () => {
    it('a misspelt block keyword draws one error, and no "Unknown item" in the scenarios', async () => {
        const { diagnostics } = await validate(PLAN_HEADER + PLATFORM + COMMUNITY.replace('tier Core {', 'tir Core {'));
        expect(shown(diagnostics)).toEqual([`14: syntax-error Syntax error: expected '}' but found 'tir' — did you mean 'tier'?`]);
    });

    it('a misspelt platform keyword at the top level loses no references to that platform', async () => {
        const { diagnostics } = await validate(PLAN_HEADER + PLATFORM.replace('platform', 'pltform') + COMMUNITY);
        expect(shown(diagnostics)).toEqual([`7: syntax-error Syntax error: expected the end of the file but found 'pltform' — did you mean 'platform'?`]);
    });

    it('a date in another format in the plan block is one error: the plan still has its horizon and currency', async () => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('start 2027-01-04', 'start 04/01/2027') + PLATFORM + COMMUNITY);
        expect(shown(diagnostics)).toEqual([`2: syntax-error Syntax error: expected a date (YYYY-MM-DD) but found '04'`]);
    });

    it('start 2027/4/5 is a date, not a cascade of missing properties', async () => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('start 2027-01-04', 'start 2027/4/5') + PLATFORM + COMMUNITY);
        expect(shown(diagnostics)).toEqual([]);
    });

    it('a bad value keeps the rest of its block', async () => {
        const { diagnostics } = await validate(PLAN_HEADER.replace('horizon 8 weeks', 'horizon lots weeks') + PLATFORM + COMMUNITY);
        expect(shown(diagnostics)).toEqual([`3: syntax-error Syntax error: expected one of: ¥, a number but found 'lots'`]);
    });

    it('a forgotten closing brace is one error that says so', async () => {
        const text = PLAN_HEADER + PLATFORM + COMMUNITY.replace('    churn 4% per month\n  }', '    churn 4% per month\n');
        expect(shown((await validate(text)).diagnostics)).toEqual([
            `18: syntax-error Syntax error: expected '}' but found 'content' — 'content' belongs to the enclosing community block: is a '}' missing before it?`,
        ]);
    });

    it('two mistakes, two errors', async () => {
        const text =
            PLAN_HEADER +
            PLATFORM +
            COMMUNITY.replace('    churn 12% per month', '    chrun 12% per month').replace('tier Core {', 'tier Core {\n    sed 3 members');
        expect(shown((await validate(text)).diagnostics)).toEqual([
            `12: syntax-error Syntax error: expected '}' but found 'chrun' — did you mean 'churn'?`,
            `15: syntax-error Syntax error: expected '}' but found 'sed' — did you mean 'seed'?`,
        ]);
    });
});

describe('suggestions are words valid where the error is', () => {
    it.each([
        [
            'retention in an activity is `lift retention`, not "redemption"',
            COMMUNITY.replace('lift retention 2 points', 'retention 2 points'),
            "did you mean 'lift retention'?",
            'redemption',
        ],
        [
            'content after a tier without its brace is not "consent"',
            COMMUNITY.replace('    churn 4% per month\n  }', '    churn 4% per month\n'),
            "'content' belongs to the enclosing community block",
            'consent',
        ],
        ['content at the top level goes inside a community', `${COMMUNITY}content X { kind news }\n`, "'content' goes inside a community block", 'consent'],
        [
            'buys in a community is `baseline buys`',
            COMMUNITY.replace('  platform Groups\n', '  platform Groups\n  buys 1% per month\n'),
            "did you mean 'baseline buys'?",
            'bias',
        ],
        ['a misspelt lift metric', COMMUNITY.replace('lift retention', 'lift retenton'), "did you mean 'retention'?", 'redemption'],
        [
            'a misspelt word in a data block',
            COMMUNITY.replace('  platform Groups\n', '  platform Groups\n  data { collects "phone"  consnt explicit }\n'),
            "did you mean 'consent'?",
            'content',
        ],
    ])('%s', async (_what, community, expected, never) => {
        const { diagnostics } = await validate(PLAN_HEADER + PLATFORM + community);
        const messages = shown(diagnostics);
        expect(messages).toHaveLength(1);
        expect(messages[0]).toContain(expected);
        expect(messages[0]).not.toContain(never);
    });

    it('in Chinese too', async () => {
        const { diagnostics } = await validate(PLAN_HEADER + PLATFORM + COMMUNITY.replace('lift retention 2 points', 'retention 2 points'), 'zh-CN');
        expect(shown(diagnostics)).toEqual([expect.stringContaining('是否应为“lift retention”？')]);
    });
});

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
