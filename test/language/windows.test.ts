// One rule for windows: `from … until …` on a line of its own works the same in an activity, a
// referral and a channel, in English and Chinese keywords; the formatter keeps it; lowering bounds the
// activity's recurring runs by it. And a time written another way (9pm, 21, 9.30) says what a time
// looks like.
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadPlansAgain } from '../helpers/workspace.js';
import { lowerPlan } from '../../language/lower.js';
import { codes, PLAN_HEADER, validate } from '../helpers/language.js';
import { lspServices } from './lsp-helpers.js';

const wrap = (body: string) => `${PLAN_HEADER}community C {\n  tier A { seed 100  churn 5% per month }\n${body}\n}\n`;

const ACTIVITY = `  activity Run {
    online challenge
    every week on Monday
    lasts 2 hours
    from 2027-01-11 until 2027-02-01
  }`;

async function lowered(body: string) {
    const dir = mkdtempSync(join(tmpdir(), 'window-'));
    writeFileSync(join(dir, 'p.community'), wrap(body));
    const ws = await loadPlansAgain([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir });
    return lowerPlan(ws.services, ws.requested[0].document);
}

describe('windows: from … until on a line of its own', () => {
    it.each([
        ['an activity', ACTIVITY],
        ['an activity, one line', '  activity Run { online challenge  every week on Monday  lasts 2 hours  from 2027-01-11  until 2027-02-01 }'],
        [
            'a referral',
            '  referral R {\n    mechanic invite-code\n    invites 1 per member per month\n    conversion 10%\n    from 2027-01-11 until 2027-02-01\n  }',
        ],
        ['a channel', '  channel Ads {\n    paid 1000 CNY per week\n    cost per join 10 CNY\n    from 2027-01-11 until 2027-02-01\n  }'],
        ['an activity in Chinese keywords', '  活动 Run {\n    线上 challenge\n    每周一\n    持续 2 小时\n    从 2027-01-11 直到 2027-02-01\n  }'],
    ])('checks clean in %s', async (_where, body) => {
        const { diagnostics } = await validate(wrap(body));
        expect(diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
    });

    it("bounds the activity's recurring runs; a schedule's own window narrows it", async () => {
        const plan = await lowered(
            `${ACTIVITY}\n  activity Narrow { online qa  every week on Friday from 2027-01-18  lasts 1 hours\n    from 2027-01-11 until 2027-02-01 }`,
        );
        const [run, narrow] = plan.communities[0].activities;
        expect(run.schedules[0]).toMatchObject({ frequency: 'weekly', from: '2027-01-11', until: '2027-02-01' });
        expect(narrow.schedules[0]).toMatchObject({ from: '2027-01-18', until: '2027-02-01' });
    });

    it('checks the window like every other: until before from, and dates outside the plan', async () => {
        const { diagnostics } = await validate(wrap(ACTIVITY.replace('from 2027-01-11 until 2027-02-01', 'from 2027-02-01 until 2027-01-11')));
        expect(codes(diagnostics)).toContain('until-before-from');
        const outside = await validate(wrap(ACTIVITY.replace('until 2027-02-01', 'until 2028-02-01')));
        expect(codes(outside.diagnostics)).toContain('date-outside-horizon');
    });

    it("the formatter indents the window as a property of the activity, like a referral's, and is idempotent", async () => {
        const { Community } = lspServices();
        const parse = parseHelper(Community);
        const text = wrap(
            '  activity Run {\n    online challenge\n    every week on Monday\n    lasts 2 hours\n          from 2027-01-11   until 2027-02-01\n  }',
        );
        const format = async (t: string) => {
            const doc = await parse(t);
            const edits = await Community.lsp.Formatter!.formatDocument(doc, {
                textDocument: { uri: doc.uri.toString() },
                options: { tabSize: 2, insertSpaces: true },
            });
            return TextDocument.applyEdits(doc.textDocument as TextDocument, edits);
        };
        const once = await format(text);
        expect(once).toContain('    lasts 2 hours\n    from 2027-01-11  until 2027-02-01\n  }');
        expect(await format(once)).toBe(once);
    });
});

describe('a time written another way says what a time looks like', () => {
    it.each([
        ['every day at 9pm', '9pm'],
        ['every day at 9 pm', '9 pm'],
        ['every day at 21', '21'],
        ['every day at 9:30 pm', '9:30 pm'],
        ['every week on Monday at 9.30', '9.30'],
    ])('%s', async (schedule, written) => {
        const { diagnostics } = await validate(wrap(`  content T {\n    kind news\n    ${schedule}\n  }`));
        const errors = diagnostics.filter((d) => d.severity === 1);
        expect(errors.map((d) => d.code)).toEqual(['time-format']);
        expect(errors[0].message).toBe(`"${written}" is not written as a time: a time looks like 21:00 or 9:30 (24-hour clock).`);
        expect(errors[0].range.start).toEqual({ line: 10, character: 4 + schedule.indexOf(written) });
    });

    it('in Chinese', async () => {
        const { diagnostics } = await validate(wrap('  content T { kind news  every day at 9pm }'), 'zh-CN');
        expect(diagnostics.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([
            '“9pm”不是时刻的写法：时刻写作 21:00 或 9:30（24 小时制），也可写 晚上9点。',
        ]);
    });

    it('a real time and 晚上9点 stay fine', async () => {
        const { diagnostics } = await validate(wrap('  content T { kind news  every day at 21:00 }\n  content U { kind news  every day at 晚上9点 }'));
        expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    });
});
