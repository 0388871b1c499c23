// The CST's leaves keep no line or column (language/lean-cst.ts): each one's range, computed from its
// offset and the root's text, is the one Langium's leaf takes from its token (cst-node-builder.js:
// line and column from Chevrotain, 1-based, minus one; the end column as it is).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CstUtils, type CstNode, type LeafCstNode } from 'langium';
import type { IToken } from 'chevrotain';
import { describe, expect, it } from 'vitest';
import { generatePlan } from '../../bench/generate.js';
import { parseHelper } from 'langium/test';
import { LeanLeafCstNode, startOf } from '../../language/lean-cst.js';
import { lowerPlanTolerant } from '../../language/lower.js';
import { plainServices } from './lsp-helpers.js';

function examples(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? examples(join(dir, e.name)) : e.name.endsWith('.community') ? [join(dir, e.name)] : [],
    );
}

/** Langium's range of a leaf made from `token`. */
function tokenRange(t: IToken) {
    return { start: { line: t.startLine! - 1, character: t.startColumn! - 1 }, end: { line: t.endLine! - 1, character: t.endColumn! } };
}

function check(text: string): number {
    const { Community } = plainServices();
    const lexed = Community.parser.Lexer.tokenize(text);
    const byOffset = new Map<number, IToken>();
    for (const t of [...lexed.tokens, ...lexed.hidden]) byOffset.set(t.startOffset, t);
    const root = Community.parser.LangiumParser.parse(text).value.$cstNode!;
    let leaves = 0;
    for (const node of CstUtils.streamCst(root)) {
        if (!('tokenType' in node)) continue;
        const leaf = node as LeafCstNode;
        expect(leaf).toBeInstanceOf(LeanLeafCstNode);
        expect(Object.keys(leaf).some((k) => /Line|Column/.test(k))).toBe(false);
        const token = byOffset.get(leaf.offset);
        expect(token, `a token at ${leaf.offset}`).toBeDefined();
        expect(leaf.range).toEqual(tokenRange(token!));
        leaves++;
    }
    return leaves;
}

describe('lean CST leaves', () => {
    it('have the ranges of their tokens in every example', () => {
        let leaves = 0;
        for (const file of examples('examples')) leaves += check(readFileSync(file, 'utf8'));
        expect(leaves).toBeGreaterThan(2_000);
    });

    it('have the ranges of their tokens in a generated plan, with LF, CRLF and CR line ends', () => {
        const text = generatePlan(600);
        for (const ends of ['\n', '\r\n', '\r']) expect(check(text.replace(/\n/g, ends))).toBeGreaterThan(2_000);
    });

    it('have the ranges of their tokens around comments, tabs, Chinese and mixed line ends', () => {
        const text = [
            '// 注释 at the top\r\n',
            'plan "P" {\r',
            '\tstart 2027-01-04 /* a\r\n block\n comment */ horizon 12 weeks\n',
            '  currency CNY\n',
            '}\r\n',
            '社群 "增长" {\n',
            '  主题 "健身 🏋️ 打卡" // trailing\n',
            '}\n',
        ].join('');
        expect(check(text)).toBeGreaterThan(10);
    });
});

/** Composites of a tree whose range Langium's getter has cached. */
function cachedRanges(root: CstNode): number {
    let n = 0;
    for (const node of CstUtils.streamCst(root)) if ((node as { _rangeCache?: unknown })._rangeCache !== undefined) n++;
    return n;
}

describe('startOf', () => {
    it("is every CST node's range start, in every example and a generated plan", () => {
        const { Community } = plainServices();
        let nodes = 0;
        for (const text of [...examples('examples').map((f) => readFileSync(f, 'utf8')), generatePlan(600)]) {
            const root = Community.parser.LangiumParser.parse(text).value.$cstNode!;
            const all = CstUtils.streamCst(root).toArray();
            // Every start first, on a tree whose ranges nothing has read yet, then Langium's ranges.
            const starts = all.map(startOf);
            expect(cachedRanges(root)).toBe(0);
            expect(starts).toEqual(all.map((n) => n.range.start));
            // And once Langium's caches are filled, it reads them.
            expect(all.map(startOf)).toEqual(starts);
            nodes += all.length;
        }
        expect(nodes).toBeGreaterThan(5_000);
    });

    it("lets lowering read its items' places without filling the composites' range caches", async () => {
        const { Community } = plainServices();
        const doc = await parseHelper(Community)(generatePlan(300));
        const root = doc.parseResult.value.$cstNode!;
        const before = cachedRanges(root);
        const plan = lowerPlanTolerant(Community, doc).plan!;
        expect(plan.communities.length).toBeGreaterThan(3);
        expect(plan.communities[0].tiers[0].source).toBeDefined();
        expect(cachedRanges(root)).toBe(before);
    });
});
