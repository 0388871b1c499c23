// Terminal and Markdown output of user text: ESC/OSC/CSI sequences from titles and strings never
// reach the terminal (check text and github formats, simulate), step-summary Markdown escapes link,
// image and emphasis punctuation, and fileSafe refuses every Windows device name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSafe } from '../../engine/ics.js';
import { cell, stepSummary } from '../../cli/format-github.js';
import { oneLine, terminalSafe, type FlatDiagnostic } from '../../cli/report.js';
import { tempFolder } from '../compile/helpers.js';
import { community, ensureBuilt } from '../helpers/cli.js';

const ESC = '\u001b';
const HOSTILE_TZ = `Asia/X${ESC}]52;c;aGk=${ESC}\\\\${ESC}[2J${ESC}]8;;https://evil.example${ESC}\\\\link\u009b31m`;
const PLAN = `plan "Title ${ESC}[2J${ESC}]0;pwned\u0007 \u009b31mred" {
  start 2027-01-04
  horizon 4 weeks
  timezone "${HOSTILE_TZ}"
  currency CNY
}
`;
const GOOD = `plan "Title ${ESC}[2J${ESC}]0;pwned\u0007 \u009b31mred" {
  start 2027-01-04
  horizon 4 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community C "Club ${ESC}[31mred${ESC}[0m" {
  tier A { seed 10 members }
}
`;

const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;

beforeAll(() => ensureBuilt());

describe('terminal output strips C0/C1 controls from user text', () => {
    it('terminalSafe and oneLine remove ESC, BEL, CSI and keep the text', () => {
        expect(terminalSafe(`a${ESC}[2Jb\u0007c\u009bd\te`)).toBe('a[2Jbcd e');
        expect(oneLine(`x\r\ny${ESC}]52;c;aGk=\u0007`)).toBe('x y]52;c;aGk=');
    });

    it('check (text and github) prints no control character from the plan', () => {
        const dir = tempFolder({ 'plan.community': PLAN });
        for (const format of ['text', 'github']) {
            const r = community(['check', 'plan.community', '--format', format], { cwd: dir });
            expect(r.code).toBe(1);
            expect(r.stdout).toContain('bad-timezone');
            expect(r.stdout.replace(/\n/g, '')).not.toMatch(CONTROLS);
        }
    });

    it('simulate prints no control character from titles', () => {
        const dir = tempFolder({ 'plan.community': GOOD });
        const r = community(['simulate', 'plan.community', '--runs', '50'], { cwd: dir });
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Club [31mred[0m');
        expect(r.stdout.replace(/\n/g, '')).not.toMatch(CONTROLS);
    });
});

describe('step-summary Markdown escapes user text', () => {
    it('cannot make an image, a link or emphasis', () => {
        expect(cell('![x](https://evil.example/p.png) *bold* [a](b) _i_ `c`')).toBe(
            '\\!\\[x\\]\\(https://evil.example/p.png\\) \\*bold\\* \\[a\\]\\(b\\) \\_i\\_ \\`c\\`',
        );
        const d: FlatDiagnostic = {
            path: 'plan.community',
            line: 1,
            column: 1,
            endLine: 1,
            endColumn: 2,
            severity: 'error',
            code: 'bad-timezone',
            message: '"![x](https://evil.example/p.png)" is not an IANA time zone',
        };
        const md = stepSummary([d], new Set([d]), '1 error');
        expect(md).not.toContain('![x](');
        expect(md).toContain('\\!\\[x\\]\\(https://evil.example/p.png\\)');
    });

    it('in a real run with GITHUB_STEP_SUMMARY', () => {
        const dir = tempFolder({ 'plan.community': PLAN.replace(HOSTILE_TZ, '![x](https://evil.example/p.png)') });
        const summary = join(dir, 'summary.md');
        const r = community(['check', 'plan.community', '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
        expect(r.code).toBe(1);
        const md = readFileSync(summary, 'utf8');
        expect(md).toContain('bad-timezone');
        expect(md).not.toMatch(/!\[x\]\(/);
    });
});

describe('fileSafe', () => {
    it('suffixes every Windows device name, COM0, LPT0 and superscript digits included', () => {
        for (const name of ['COM0', 'LPT0', 'COM¹', 'com²', 'LPT³', 'CON', 'nul', 'COM9']) expect(fileSafe(name)).toBe(`${name}_`);
        expect(fileSafe('COM0.notes')).toBe('COM0_.notes');
        expect(fileSafe('COM10')).toBe('COM10');
    });
});
