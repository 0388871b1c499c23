// "Did you mean" on hostile words: bounded by length difference and a word-length cap, so a
// 250,000- or 1,000,000-character unknown word costs microseconds, not seconds and gigabytes.
import { describe, expect, it } from 'vitest';
import { closest, editDistance, MAX_SUGGEST_CHARS } from '../../language/suggest.js';
import { validate, PLAN_HEADER } from '../helpers/language.js';

const KEYWORDS = ['community', 'content', 'activity', 'platform', 'audience', 'horizon', 'timezone', 'currency', 'scenario', 'referral'];

describe('bounded did-you-mean', () => {
    it('still suggests for real slips', () => {
        expect(closest('comunity', KEYWORDS)).toBe('community');
        expect(closest('horizno', KEYWORDS)).toBe('horizon');
        expect(editDistance('abcd', 'abdc')).toBe(1);
        expect(editDistance('kitten', 'sitting')).toBe(3);
    });

    it('takes ≤ 5 ms per unknown word, however long', () => {
        closest('warm-up', KEYWORDS);
        for (const length of [MAX_SUGGEST_CHARS, 250_000, 1_000_000]) {
            const word = 'w'.repeat(length);
            const t = process.cpuUsage();
            expect(closest(word, KEYWORDS)).toBeUndefined();
            const used = process.cpuUsage(t);
            expect((used.user + used.system) / 1000, `${length} characters`).toBeLessThan(5);
        }
        // 100 known names of the word's own length (the worst case the cap allows), on average.
        const names = Array.from({ length: 100 }, (_, i) => `name${i}`.padEnd(MAX_SUGGEST_CHARS, 'x'));
        closest('q'.repeat(MAX_SUGGEST_CHARS), names);
        // CPU time of this process, so other work on a shared machine does not count.
        const t = process.cpuUsage();
        for (let i = 0; i < 20; i++) closest(`${i}`.padEnd(MAX_SUGGEST_CHARS, 'q'), names);
        const used = process.cpuUsage(t);
        expect((used.user + used.system) / 1000 / 20).toBeLessThan(5);
    });

    it('a 90,000-character unknown word in a plan is checked in well under a second', async () => {
        const t = performance.now();
        const { diagnostics } = await validate(`${PLAN_HEADER}${'w'.repeat(90_000)}\n`);
        expect(performance.now() - t).toBeLessThan(1_000);
        expect(diagnostics.map((d) => d.code)).toContain('syntax-error');
        expect(diagnostics.map((d) => String(d.message)).join()).not.toContain('Did you mean');
    });
});
