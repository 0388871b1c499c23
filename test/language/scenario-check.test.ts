// community check validates scenario overrides with the engine code that applies them.
import { describe, expect, it } from 'vitest';
import { codes, PLAN_HEADER, validate } from '../helpers/language.js';

const body = `community C {
  tier Free { seed 100  churn 5% per month }
  activity Run { online challenge  every week on Monday at 07:00  lift retention 2 points }
}
`;

describe('scenario overrides in check', () => {
    it('accepts overrides of activity lifts (retention, activity, promotion, buys) and of margin', async () => {
        const { diagnostics } = await validate(
            `${PLAN_HEADER}${body}scenario S { Run.retention = 3 points  Run.activity = 5 points  Run.buys = 1 points  C.margin = 40% }\n`,
        );
        expect(codes(diagnostics)).toEqual([]);
    });

    it('reports an unknown property with what can be overridden, in English and Chinese', async () => {
        const en = await validate(`${PLAN_HEADER}${body}scenario S { Free.colour = 3 }\n`);
        const d = en.diagnostics.find((x) => x.code === 'override-unknown-property');
        expect(d?.message).toMatch(/Cannot override "colour" of tier "Free"; overridable: churn, active, buys/);
        expect(d?.severity).toBe(1);
        const zh = await validate(`${PLAN_HEADER}${body}scenario S { Free.colour = 3 }\n`, 'zh-CN');
        expect(zh.diagnostics.find((x) => x.code === 'override-unknown-property')?.message).toMatch(/无法在情景中修改层级“Free”的“colour”/);
    });

    it('reports a target that is both an audience and a tier', async () => {
        const { diagnostics } = await validate(`${PLAN_HEADER}audience Free { size 1000 }\n${body}scenario S { Free.churn = 4% per month }\n`);
        expect(codes(diagnostics)).toContain('override-ambiguous');
    });
});

describe('scenario lifts in points', () => {
    it('reads "3 points" in an override as three percentage points, like a lift in the plan body', async () => {
        const { mkdtempSync, writeFileSync } = await import('node:fs');
        const { tmpdir } = await import('node:os');
        const { join } = await import('node:path');
        const { loadPlans } = await import('../../cli/workspace.js');
        const { lowerPlan } = await import('../../language/lower.js');
        const { applyScenario } = await import('../../engine/scenario.js');
        const dir = mkdtempSync(join(tmpdir(), 'pts-'));
        writeFileSync(join(dir, 'p.community'), `${PLAN_HEADER}${body}scenario S { Run.retention = 3 points  Run.activity = 4% }\n`);
        const ws = await loadPlans([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir });
        const applied = applyScenario(lowerPlan(ws.services, ws.requested[0].document), 'S');
        expect(applied.communities[0].activities[0].lifts.retention).toEqual({ kind: 'fixed', value: 0.03 });
        expect(applied.communities[0].activities[0].lifts.activity).toEqual({ kind: 'fixed', value: 0.04 });
    });
});

describe('a scenario that drops an item twice (found by the fuzz suite)', () => {
    it('is a check error at the second drop, so simulate never meets it', async () => {
        const text = `${PLAN_HEADER}community C {\n  tier A { seed 100  churn 5% per month }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }\n}\nscenario NoAds { drop Ads  drop Ads }\n`;
        const { diagnostics } = await validate(text);
        const found = diagnostics.filter((d) => d.code === 'drop-twice');
        expect(found.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.message])).toEqual([
            [11, 33, 'Scenario "NoAds" drops "Ads" twice: remove the second drop.'],
        ]);
        const zh = await validate(text, 'zh-CN');
        expect(zh.diagnostics.find((d) => d.code === 'drop-twice')?.message).toBe('情景“NoAds”两次移除“Ads”：请删去第二个 drop。');
    });
});
