import { describe, it } from 'vitest';
import { validate, PLAN_HEADER, makeServices } from './helpers/language.js';
import { lowerPlan } from '../language/lower.js';
import { applyScenario } from '../engine/scenario.js';
import { forecast } from '../engine/forecast.js';
import { compileCommunity } from '../engine/compile.js';
import { Assumptions } from '../engine/assumptions.js';
import { simulateCommunity, rawValue } from '../engine/simulate.js';
import { Random } from '../engine/random.js';
import { plan, community, tier, rate, fixed } from './engine/helpers.js';

describe('review engine', () => {
  it('lift override units', async () => {
    const body = `community C {
  tier Free { seed 100  churn 5% per month }
  activity Run { online challenge  every week on Monday at 07:00  lift retention 2 points }
}
scenario P { Run.retention = 3 points }
scenario Q { Run.retention = 3% }
`;
    const { doc, diagnostics } = await validate(PLAN_HEADER + body);
    console.log('diags', diagnostics.map((d) => d.code + ':' + d.message));
    const s = makeServices();
    const p = lowerPlan(s.Community as any, doc as any);
    console.log('plan lift', JSON.stringify(p.communities[0].activities[0].lifts));
    for (const n of ['P', 'Q']) console.log(n, JSON.stringify(applyScenario(p, n).communities[0].activities[0].lifts));
  });
  it('capacity property', () => {
    const rnd = Random.fromSeed(7);
    let worst = 0; let worstDesc = '';
    for (let trial = 0; trial < 300; trial++) {
      const u = () => rnd.sample({ kind: 'uniform', min: 0, max: 1 }, 0);
      const names = ['A', 'B', 'C'];
      const tiers = names.map((n) => tier(n, { seed: fixed(Math.floor(u() * 60)), capacity: Math.floor(20 + u() * 60), churn: rate(0.0, 'week') }));
      const desc: string[] = [];
      for (let i = 0; i < 3; i++) for (let k = 0; k < 3; k++) if (i !== k && u() < 0.6) {
        const r = 0.1 + u() * 0.8;
        if (u() < 0.5) { tiers[k].flowsFrom.push({ tier: names[i], rate: rate(r, 'week') }); desc.push(`${names[i]}->${names[k]} ${r.toFixed(2)}`); }
        else { tiers[i].demotionsTo.push({ tier: names[k], rate: rate(r, 'week') }); desc.push(`${names[i]}=>${names[k]} ${r.toFixed(2)}`); }
      }
      const pl = plan([community({ tiers, channels: [{ name: 'Ads', spend: { value: fixed(1000), per: 'week' }, spendPer: 'week', costPerJoin: fixed(10) } as any] })], { horizonWeeks: 12 });
      const c = compileCommunity(pl, pl.communities[0], new Assumptions({}));
      const raw = simulateCommunity(c, Random.fromSeed(trial), { runs: 50 });
      for (let t = 0; t < 3; t++) for (let w = 0; w < 12; w++) for (let r = 0; r < 50; r++) {
        const v = rawValue(raw, c.tierSeries0 + t, w, r) - c.tierCapacity[t];
        if (v > worst) { worst = v; worstDesc = `trial ${trial} tier ${names[t]} w${w} r${r} over by ${v}; caps ${tiers.map(x=>x.capacity)} seeds ${tiers.map(x=>(x.seed as any).value)} flows ${desc.join(', ')}`; }
      }
    }
    console.log('worst overflow', worst, worstDesc);
  });
  it('determinism', async () => {
    const { readFileSync } = await import('node:fs');
    const { loadPlans } = await import('../cli/workspace.js');
    const ws = await loadPlans(['examples/fitness-wechat.community'], { lang: 'en', root: '.', cwd: process.cwd() });
    const p = lowerPlan(ws.services, ws.requested[0].document);
    const a = JSON.stringify(forecast(p, { runs: 300, seed: 5 }));
    const b = JSON.stringify(forecast(p, { runs: 300, seed: 5 }));
    console.log('deterministic', a === b, a.includes('NaN'), a.includes('Infinity'));
  });
});
