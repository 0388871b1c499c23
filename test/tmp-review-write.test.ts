import { writeFileSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { validate, PLAN_HEADER, makeServices } from './helpers/language.js';
import { writeScenario } from '../cli/commands/solve.js';
import { lowerPlan } from '../language/lower.js';
import { applyScenario } from '../engine/scenario.js';
import { currentValue } from '../engine/solve.js';

const body = `community C {
  order value 100 CNY
  margin 40%
  tier Free { seed 100  churn 4%..8% per month  active 30% weekly  buys 2% per month }
  tier Core { from Free 5% per month ± 2%  churn 2% per month }
  activity Run { online challenge  every week on Monday at 07:00  lift retention 2 points  reach 30%..50% }
  channel Ads { paid 3000 CNY per week  cost per join 15 CNY ± 5 CNY }
}
`;
const cases: [string, string, number][] = [
  ['Free', 'churn', 0.09],
  ['Core', 'Free', 0.08],
  ['Run', 'retention', 0.03],
  ['Run', 'reach', 0.6],
  ['C', 'margin', 0.5],
  ['Ads', 'paid', 4500],
  ['Ads', 'cost', 20],
  ['Free', 'active', 0.5],
  ['Free', 'seed', 250],
];
describe('review write', () => {
  it('writes', async () => {
    for (const [t, p, v] of cases) {
      const text = `${PLAN_HEADER}${body}`;
      const { doc, diagnostics } = await validate(text);
      const path = `/tmp/rv/${t}-${p}.community`;
      writeFileSync(path, text);
      writeScenario(path, doc, 'S', { levers: [{ target: t, property: p, min: 0, max: 1 }], best: { values: [v], probabilities: [1], cost: 0, feasible: true }, reached: true, evaluations: 1 } as any);
      const after = readFileSync(path, 'utf8');
      const line = after.split('\n').filter((l) => l.includes(' = ')).pop();
      const r = await validate(after);
      const errs = r.diagnostics.filter((d) => d.severity === 1 || d.severity === 2).map((d) => `${d.code}:${d.message}`);
      let applied: any = '';
      try {
        const s = makeServices();
        const plan = lowerPlan(s.Community as any, r.doc as any);
        const sp = applyScenario(plan, 'S');
        applied = currentValue(sp, { target: t, property: p, min: 0, max: 1 });
      } catch (e) { applied = 'ERR ' + (e as Error).message; }
      console.log(`${t}.${p} want ${v} | ${line} | applied centre ${applied} | pre-diags ${diagnostics.filter(d=>d.severity===1).length} | ${errs.join(' ; ')}`);
    }
  });
});
