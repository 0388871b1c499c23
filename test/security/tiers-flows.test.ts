// Tiers × flows: a community with more tiers or flows than any real plan (the reproducer was 200
// tiers with 39,800 flows: simulate 47 s, 4 GB) is not modelled; `too-many-tiers` says why, with the
// numbers and the limits, in both languages, and `simulate` refuses it at once instead of running.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadPlans } from '../../cli/workspace.js';
import { MAX_FLOWS_PER_COMMUNITY, MAX_TIERS_PER_COMMUNITY } from '../../language/limits.js';
import { lowerPlanTolerant } from '../../language/lower.js';
import { tempFolder } from '../compile/helpers.js';
import { community, ensureBuilt } from '../helpers/cli.js';
import { makeServices, validate } from '../helpers/language.js';

const HEAD = 'plan "T" {\n  start 2027-01-04\n  horizon 8 weeks\n  timezone "Asia/Shanghai"\n  currency CNY\n}\n';

/** A community of `tiers` tiers, tier i promoted from each of the `fanIn` tiers before it. */
function planOf(tiers: number, fanIn: number): string {
    const out = [HEAD, 'community C {\n'];
    for (let i = 0; i < tiers; i++) {
        out.push(`  tier T${i} {\n    seed 10 members\n    churn 1% per month\n`);
        for (let j = Math.max(0, i - fanIn); j < i; j++) out.push(`    from T${j} 0.1% per month\n`);
        out.push('  }\n');
    }
    out.push('}\n');
    return out.join('');
}

beforeAll(() => ensureBuilt());

describe('tiers × flows limit', () => {
    it('200 tiers with 19,900 flows: one too-many-tiers error on the community, en and zh-CN, and the community is not lowered', async () => {
        const text = planOf(200, 200);
        const dir = tempFolder({ 'many.community': text });
        for (const lang of ['en', 'zh-CN'] as const) {
            const ws = await loadPlans([join(dir, 'many.community')], { lang, root: dir });
            const found = ws.plans[0].diagnostics.filter((d) => d.code === 'too-many-tiers');
            expect(found).toHaveLength(1);
            expect(found[0].range.start.line + 1).toBe(7);
            expect(found[0].message).toBe(
                lang === 'en'
                    ? `Community "C" has 200 tiers with 19,900 flows between them, above the limit of ${MAX_TIERS_PER_COMMUNITY} tiers and ${MAX_FLOWS_PER_COMMUNITY} flows per community, so it is not forecast: merge tiers members pass through alike.`
                    : `社群“C”有 200 个层级、19,900 条层级间流转，超过每个社群 ${MAX_TIERS_PER_COMMUNITY} 个层级、${MAX_FLOWS_PER_COMMUNITY} 条流转的上限，因此不做预测：请合并成员经历相同的层级。`,
            );
        }
        const { doc } = await validate(text);
        const lowered = lowerPlanTolerant(makeServices().Community, doc);
        expect(lowered.plan?.communities).toEqual([]);
        expect(lowered.problems.join('\n')).toContain('Community "C" is left out');
    });

    it('at the limits (50 tiers, 500 flows) the plan checks without it', async () => {
        const { diagnostics } = await validate(planOf(MAX_TIERS_PER_COMMUNITY, 11).replace(HEAD, ''));
        const flows = planOf(MAX_TIERS_PER_COMMUNITY, 11)
            .split('\n')
            .filter((l) => l.trim().startsWith('from ')).length;
        expect(flows).toBeLessThanOrEqual(MAX_FLOWS_PER_COMMUNITY);
        expect(diagnostics.map((d) => d.code)).not.toContain('too-many-tiers');
        const over = await validate(planOf(MAX_TIERS_PER_COMMUNITY + 1, 1).replace(HEAD, ''));
        expect(over.diagnostics.map((d) => d.code)).toContain('too-many-tiers');
    });

    it('community simulate refuses the plan with the code and exit 1, writing nothing to stdout', () => {
        const dir = tempFolder({ 'many.community': planOf(120, 120) });
        const result = community(['simulate', join(dir, 'many.community')]);
        expect(result.code).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/many\.community:7:11 - error too-many-tiers: Community "C" has 120 tiers/);
        expect(result.stderr).toContain('has errors');
    });
});
