// Chinese and full-width input under fast-check: words of the Chinese keyword table, compact forms,
// full-width marks, digits and dates in random order never crash validation, and the lexer's tokens
// (split or retyped) always cover exactly the text they claim.
import fc from 'fast-check';
import { EmptyFileSystem } from 'langium';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCommunityServices } from '../../language/community-module.js';
import { ZH_KEYWORDS } from '../../language/keywords-zh.js';
import { validate } from '../helpers/language.js';

const WORDS = [
    ...ZH_KEYWORDS.flatMap((k) => k.zh),
    '每周四',
    '每两周',
    '每2周',
    '每个工作日',
    '每个月',
    '元每月',
    '人每周',
    '30万人',
    '2.5千元',
    '¥500',
    '５％',
    '2027年5月29日',
    '5月29日',
    '2027/5/29',
    '2027-4-5',
    '21：30',
    '晚上9点',
    '上午10点半',
    '，',
    '、',
    '：',
    '～',
    '（',
    '）',
    '【',
    '】',
    '；',
    '“会员”',
    '{',
    '}',
    '｛',
    '｝',
    '12%',
    '3',
    '.',
    '．',
    '=',
    '会员',
    '潜客',
    '^流失',
    '\n',
    ' ',
    '  ',
    '// 注释\n',
    '/',
    '／',
    '1e3万',
];

let errors: unknown[][] = [];
beforeEach(() => {
    errors = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
});
afterEach(() => vi.restoreAllMocks());

describe('Chinese input under fuzzing', () => {
    const { Community } = createCommunityServices({ ...EmptyFileSystem });
    const text = fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((w) => w.join(' '));

    it('tokens cover exactly their text, in order', () => {
        fc.assert(
            fc.property(text, (t) => {
                const { tokens } = Community.parser.Lexer.tokenize(t);
                let last = -1;
                for (const tok of tokens) {
                    expect(t.slice(tok.startOffset, tok.endOffset! + 1)).toBe(tok.image);
                    expect(tok.startOffset).toBeGreaterThan(last);
                    last = tok.endOffset!;
                }
            }),
            { numRuns: 300, seed: 20261201 },
        );
    });

    it('validation never throws or logs an error', async () => {
        await fc.assert(
            fc.asyncProperty(text, async (t) => {
                await validate(`计划 "x" { 开始 2027-01-04  规划期 8 周  币种 CNY }\n社群 C { 层级 会员 { ${t} } }\n${t}`);
                expect(errors).toEqual([]);
            }),
            { numRuns: 150, seed: 20261201 },
        );
    });
});
