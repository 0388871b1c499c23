// A plan with more communities than the checker projects (language/validation/domain-scale.ts):
// the projection checks are skipped and one info diagnostic says so; the other checks still run.
// At the limit itself everything is checked as before.
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { PROJECTED_COMMUNITIES_MAX } from '../../language/validation/domain-calc.js';
import { makeServices } from '../helpers/language.js';

/** A plan of n communities; each pays far over the plan's budget, outgrows a WeChat group and posts three times a day (cadence-fatigue). */
function planOf(n: number): string {
    const parts = [
        `plan "Many groups" {
  start 2027-01-04
  horizon 8 weeks
  currency CNY
  budget 1000 CNY
}
platform Groups "微信群" { kind wechat-group }
`,
    ];
    for (let i = 0; i < n; i++) {
        parts.push(`community C${i} {
  platform Groups
  tier A { seed 10 members }
  channel Ads { paid 20000 CNY per week  cost per join 10 CNY }
  content T { kind educational  every day at 07:30, 12:00, 20:00 }
}
`);
    }
    return parts.join('');
}

async function diagnosticsOf(text: string): Promise<Diagnostic[]> {
    const { Community } = makeServices();
    const doc = await parseHelper(Community)(text, { validation: true });
    return doc.diagnostics ?? [];
}

describe('plans too large for the checker’s projections', () => {
    it(`above ${PROJECTED_COMMUNITIES_MAX} communities: one info diagnostic on the plan, no projection check, the calendar checks still run`, async () => {
        const diagnostics = await diagnosticsOf(planOf(PROJECTED_COMMUNITIES_MAX + 1));
        const skipped = diagnostics.filter((d) => d.code === 'projections-skipped');
        expect(skipped).toHaveLength(1);
        expect(skipped[0].severity).toBe(3);
        expect(skipped[0].range.start.line).toBe(0);
        expect(skipped[0].message).toBe(
            `This plan has 1,001 communities: above 1,000 the checker does not project them, so the checks that need projected numbers (budget, staff hours, group sizes, activity capacity, full tiers, impossible KPIs) are skipped. \`community simulate\` forecasts the whole plan.`,
        );
        expect(diagnostics.filter((d) => d.code === 'over-budget' || d.code === 'group-outgrown')).toEqual([]);
        expect(diagnostics.filter((d) => d.code === 'cadence-fatigue')).toHaveLength(PROJECTED_COMMUNITIES_MAX + 1);
        expect(diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    }, 120_000);

    it(`at ${PROJECTED_COMMUNITIES_MAX} communities every check runs, the budget check included`, async () => {
        const diagnostics = await diagnosticsOf(planOf(PROJECTED_COMMUNITIES_MAX));
        expect(diagnostics.filter((d) => d.code === 'projections-skipped')).toEqual([]);
        expect(diagnostics.filter((d) => d.code === 'over-budget')).toHaveLength(1);
        // Each community outgrows one group (a projection check) and posts too often (a calendar
        // check): more than the 2,000 problems a file lists, so only their presence is counted.
        expect(diagnostics.some((d) => d.code === 'group-outgrown')).toBe(true);
        expect(diagnostics.some((d) => d.code === 'cadence-fatigue')).toBe(true);
    }, 120_000);
});
