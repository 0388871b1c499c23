// `community.format.punctuation`: half-width, full-width (where Chinese prose writes it) or as
// written. On every example: converting changes only punctuation tokens, the converted plan checks
// clean and forecasts byte-identically, and half(full(plan)) gives the plan back.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { loadPlansAgain } from '../helpers/workspace.js';
import { forecast } from '../../engine/forecast.js';
import { convertKeywords } from '../../language/keyword-style.js';
import { lowerPlan } from '../../language/lower.js';
import { convertPunctuation, type PunctuationStyle } from '../../language/punctuation.js';
import { ROOT } from '../helpers/cli.js';
import { makeServices } from '../helpers/language.js';
import { lspServices } from './lsp-helpers.js';

const { Community } = makeServices();
const names = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .sort();

/** Checks `text` as examples/<name> (imports and actuals beside it) and forecasts it. */
async function checkAndForecast(name: string, text: string): Promise<{ errors: string[]; forecast: string }> {
    const dir = mkdtempSync(join(tmpdir(), 'punctuation-'));
    cpSync(join(ROOT, 'examples'), dir, { recursive: true });
    writeFileSync(join(dir, name), text);
    const ws = await loadPlansAgain([join(dir, name)], { lang: 'en', root: dir, cwd: dir });
    const doc = ws.requested[0].document;
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`);
    if (errors.length > 0) return { errors, forecast: '' };
    return { errors, forecast: JSON.stringify(forecast(lowerPlan(ws.services, doc), { runs: 200, seed: 11 })) };
}

describe('canonical punctuation', () => {
    it.each(names)(
        '%s: full-width and back, checks clean and forecasts byte-identically',
        async (name) => {
            const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
            const full = convertPunctuation(text, 'full', Community);
            const half = convertPunctuation(full, 'half', Community);
            expect(full).not.toBe(text);
            expect(full).toMatch(/“|，|：|～/);
            expect(half).toBe(convertPunctuation(text, 'half', Community));
            expect(convertPunctuation(text, 'keep', Community)).toBe(text);
            // Comments keep their characters, line by line.
            // (A `//` inside quoted text, as in a link, is not a comment: comments follow a space or start the line.)
            const comments = (t: string) => t.split('\n').map((l) => /(?:^|\s)\/\/.*$/.exec(l)?.[0] ?? '');
            expect(comments(full)).toEqual(comments(text));
            const original = await checkAndForecast(name, text);
            for (const variant of [full, half]) {
                const converted = await checkAndForecast(name, variant);
                expect(converted.errors).toEqual([]);
                expect(converted.forecast).toBe(original.forecast);
            }
        },
        120_000,
    );

    it('writes each mark in the chosen form', () => {
        const text =
            'plan "P" { start 2027-01-04  horizon 8 weeks  currency CNY  team 3 people, 40 hours per week each }\n' +
            'audience A { size 1000  age 22..35  active 20:00-22:00 }\n' +
            'community C {\n  tier T { seed 100  churn 5% per month ± 1%  benefits "a", "b" }\n  kpi Growth: members >= 200\n  channel Ads { paid ¥500/week  cost per join 10 CNY }\n}\n';
        const full = convertPunctuation(text, 'full', Community);
        expect(full).toBe(
            'plan “P” { start 2027-01-04  horizon 8 weeks  currency CNY  team 3 people， 40 hours per week each }\n' +
                'audience A { size 1000  age 22～35  active 20：00-22：00 }\n' +
                'community C {\n  tier T { seed 100  churn 5% per month ± 1%  benefits “a”， “b” }\n  kpi Growth： members >= 200\n  channel Ads { paid ￥500/week  cost per join 10 CNY }\n}\n',
        );
        expect(convertPunctuation(full, 'half', Community)).toBe(text);
        // What an IME typed, made half-width: full-width digits, braces, percent, comparators, quotes.
        const ime =
            'plan 「P」 ｛ start ２０２７－０１－０４ horizon ８ weeks currency CNY ｝\ncommunity C ｛ tier T ｛ churn ５％ per month ｝ kpi members ＞＝ ２００ ｝\n';
        expect(convertPunctuation(ime, 'half', Community)).toBe(
            'plan "P" { start 2027-01-04 horizon 8 weeks currency CNY }\ncommunity C { tier T { churn 5% per month } kpi members >= 200 }\n',
        );
    });

    it('leaves Chinese keywords, names, quoted text with quotes inside and comments alone', () => {
        const text =
            'plan "P" { 开始 2027-01-04  周期 8 周  币种 CNY }\n// 注释，保持原样: 1,2\n社群 C { 层级 T { 流失 5% 每月  权益 "say \\"hi\\"", “会员，价” } }\n';
        const full = convertPunctuation(text, 'full', Community);
        expect(full).toBe(
            'plan “P” { 开始 2027-01-04  周期 8 周  币种 CNY }\n// 注释，保持原样: 1,2\n社群 C { 层级 T { 流失 5% 每月  权益 "say \\"hi\\""， “会员，价” } }\n',
        );
    });

    it('a plan in Chinese keywords and full-width punctuation checks clean and forecasts like the English one', async () => {
        const name = 'fitness-wechat.community';
        const text = readFileSync(join(ROOT, 'examples', name), 'utf8');
        const zh = convertKeywords(text, 'zh', Community);
        expect(zh.errors).toEqual([]);
        const both = await checkAndForecast(name, convertPunctuation(zh.text, 'full', Community));
        expect(both.errors).toEqual([]);
        expect(both.forecast).toBe((await checkAndForecast(name, text)).forecast);
    }, 120_000);

    it.each<PunctuationStyle>(['half', 'full'])('the editor formatter applies community.format.punctuation = %s', async (style) => {
        const services = lspServices();
        services.Community.community.Settings.punctuation = style;
        const text = readFileSync(join(ROOT, 'examples', 'education-ab.community'), 'utf8');
        const doc = await parseHelper(services.Community)(text);
        const edits = await services.Community.lsp.Formatter!.formatDocument(doc, {
            textDocument: { uri: doc.uri.toString() },
            options: { tabSize: 2, insertSpaces: true },
        });
        expect(TextDocument.applyEdits(doc.textDocument as TextDocument, edits)).toBe(convertPunctuation(text, style, services.Community));
    });
});
