// The preview webview may only make the extension open the previewed plan (or a file its forecast
// points into) at a valid position, and a restored panel only reopens a .community file of the workspace.
import { describe, expect, it } from 'vitest';
import { acceptedReveal, restorableUri, sourceUris } from '../../extension/src/preview/reveal-guard.js';

const PLAN = 'file:///ws/plans/main.community';
const IMPORTED = 'file:///ws/plans/shared.community';
const RESULT = {
    communities: [
        { series: [{ key: 'total', source: { uri: PLAN, line: 3, character: 2 } }], kpis: [{ name: 'k', source: { uri: IMPORTED, line: 1, character: 0 } }] },
    ],
};

describe('reveal', () => {
    const allowed = sourceUris(RESULT);

    it('collects the plan and imported files the forecast points into', () => {
        expect([...allowed].sort()).toEqual([PLAN, IMPORTED]);
    });

    it('accepts those URIs at valid positions', () => {
        expect(acceptedReveal({ uri: PLAN, line: 3, character: 2 }, allowed)).toEqual({ uri: PLAN, line: 3, character: 2 });
        expect(acceptedReveal({ uri: IMPORTED, line: 0, character: 0 }, allowed)).toEqual({ uri: IMPORTED, line: 0, character: 0 });
    });

    it('refuses any other URI and bad positions', () => {
        for (const uri of [
            'file:///etc/passwd',
            'command:workbench.action.terminal.new',
            'https://evil.example/x.community',
            `${PLAN}?x`,
            'file:///ws/plans/other.community',
        ]) {
            expect(acceptedReveal({ uri, line: 0, character: 0 }, allowed)).toBeUndefined();
        }
        for (const [line, character] of [
            [-1, 0],
            [0, -1],
            [1.5, 0],
            [Number.NaN, 0],
            [1e12, 0],
            ['3', 0],
        ]) {
            expect(acceptedReveal({ uri: PLAN, line, character }, allowed)).toBeUndefined();
        }
        expect(acceptedReveal(null, allowed)).toBeUndefined();
        expect(acceptedReveal('file:///ws/plans/main.community', allowed)).toBeUndefined();
    });
});

describe('restored state', () => {
    const folders = ['file:///ws'];
    it('reopens only a .community file inside a workspace folder', () => {
        expect(restorableUri({ uri: PLAN }, folders)).toBe(PLAN);
        expect(restorableUri({ uri: 'untitled:Untitled-1.community' }, folders)).toBe('untitled:Untitled-1.community');
        for (const uri of [
            'file:///etc/passwd',
            'file:///wsx/a.community',
            'file:///ws/../etc/a.community',
            'file:///ws/%2e%2e/a.community',
            'command:x.community',
            'https://evil.example/a.community',
            'file:///ws/a.community?x',
            42,
        ]) {
            expect(restorableUri({ uri }, folders)).toBeUndefined();
        }
        expect(restorableUri(undefined, folders)).toBeUndefined();
    });
});
