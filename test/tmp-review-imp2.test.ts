import { describe, it } from 'vitest';
import { validate, PLAN_HEADER, makeServices } from './helpers/language.js';
import { lowerPlan } from '../language/lower.js';
import { forecast } from '../engine/forecast.js';

describe('review impossible2', () => {
  it('participation', async () => {
    const text = PLAN_HEADER + `community C {
  tier Free { seed 100..1000 members  churn 5% per month }
  activity Run { online challenge  every week on Monday at 07:00  reach 80%  capacity 50 }
  kpi Part: participation >= 20% by week 8
}
`;
    const { doc, diagnostics } = await validate(text);
    console.log(diagnostics.map((d) => `${d.code}:${d.message}`));
    const p = lowerPlan(makeServices().Community as any, doc as any);
    const f: any = forecast(p, { runs: 1000, seed: 1 });
    console.log(JSON.stringify(f.forecasts[0].communities[0].kpis.map((k: any) => ({ n: k.name, p: k.probability, p90: k.p90, p50: k.p50 }))));
  });
});
