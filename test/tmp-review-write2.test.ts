import { writeFileSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { validate, PLAN_HEADER } from './helpers/language.js';
import { writeScenario } from '../cli/commands/solve.js';

const body = `community C {
  tier Free { seed 100  churn 5% per month }
  tier Core { from Free 5% per month  churn 2% per month }
  channel Ads { paid 3000 CNY per week  cost per join 15 CNY }
  kpi Big: members >= 500 by week 8
}
`;
describe('review write2', () => {
  it('multi', async () => {
    const text = `${PLAN_HEADER}${body}`;
    const { doc } = await validate(text);
    const path = `/tmp/rv/multi.community`;
    writeFileSync(path, text);
    writeScenario(path, doc, 'S', { levers: [{ target: 'Free', property: 'seed', min: 0, max: 1 }, { target: 'Core', property: 'Free', min: 0, max: 1 }, { target: 'Ads', property: 'paid', min: 0, max: 1 }], best: { values: [250, 0.08, 4500], probabilities: [1], cost: 0, feasible: true }, reached: true, evaluations: 1 } as any);
    const after = readFileSync(path, 'utf8');
    console.log(after.slice(after.indexOf('scenario')));
    const r = await validate(after);
    console.log(r.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.code}:${d.message}`));
  });
});
