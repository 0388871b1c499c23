import { describe, expect, it } from 'vitest';
import { ASSUMPTION_KEYS, ASSUMPTIONS, Assumptions, checkAssumption, FATIGUE_THRESHOLD_PREFIX, isKnownAssumption } from '../../engine/assumptions.js';
import { PLATFORM_KINDS } from '../../engine/platforms.js';

describe('assumptions', () => {
    it('documents every coefficient with a default inside its range', () => {
        expect(ASSUMPTION_KEYS.length).toBeGreaterThan(10);
        for (const key of ASSUMPTION_KEYS) {
            const d = ASSUMPTIONS[key];
            expect(d.description.length).toBeGreaterThan(10);
            expect(d.default).toBeGreaterThanOrEqual(d.min);
            expect(d.default).toBeLessThanOrEqual(d.max);
        }
    });
    it('applies plan overrides and reports unusable ones', () => {
        const a = new Assumptions({ 'promo-share-threshold': 0.5, 'fatigue-threshold-discord': 50, nonsense: 1, 'post-reach-decay': 3 });
        expect(a.get('promo-share-threshold')).toBe(0.5);
        expect(a.fatigueThreshold('discord')).toBe(50);
        expect(a.fatigueThreshold('wechat-group')).toBe(14);
        expect(a.fatigueThreshold('some-new-kind')).toBe(a.get('fatigue-threshold'));
        expect(a.get('post-reach-decay')).toBe(0.6);
        expect(a.problems).toHaveLength(2);
        expect(isKnownAssumption('fatigue-threshold-anything')).toBe(true);
        expect(checkAssumption('fatigue-churn', -1)).toMatch(/between/);
    });
    it('takes every per-kind fatigue threshold from the platform table, overridable per plan', () => {
        const defaults = new Assumptions();
        const kinds = Object.keys(PLATFORM_KINDS) as (keyof typeof PLATFORM_KINDS)[];
        for (const kind of kinds) {
            const key = FATIGUE_THRESHOLD_PREFIX + kind;
            expect(ASSUMPTIONS[key].default, key).toBe(PLATFORM_KINDS[kind].fatiguePostsPerWeek);
            expect(ASSUMPTIONS[key].basis).toBe(PLATFORM_KINDS[kind].fatigueBasis);
            expect(defaults.fatigueThreshold(kind)).toBe(PLATFORM_KINDS[kind].fatiguePostsPerWeek);
        }
        // No per-kind key without a platform kind behind it.
        const perKind = ASSUMPTION_KEYS.filter((k) => k.startsWith(FATIGUE_THRESHOLD_PREFIX));
        expect(perKind.sort()).toEqual(kinds.map((k) => FATIGUE_THRESHOLD_PREFIX + k).sort());
        expect(new Assumptions({ 'fatigue-threshold-wecom-group': 3 }).fatigueThreshold('wecom-group')).toBe(3);
    });
});
