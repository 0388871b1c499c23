// One error per mistake: a misspelt keyword, a bad value, a date in another format or a forgotten
// brace draws one syntax error where it is, not errors on the next block, "Unknown item" in the
// scenarios or "The plan needs horizon" for a plan that has one (language/parser.ts repairs and
// re-parses; document-validator.ts drops what only restates a syntax error). Suggestions are words
// valid at the error's position only. The same over every example's single mistakes: recovery-sweep.test.ts.
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver-types';
import { PLAN_HEADER, validate } from '../helpers/language.js';

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
