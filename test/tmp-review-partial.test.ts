import { readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { validate, PLAN_HEADER } from './helpers/language.js';

const snippets = [
  `community C { tier T { seed 100 churn 5% per month } kpi participation >= 70% by week }`,
  `community C { margin }`,
  `community C { margin 140% tier T { seed 10 } }`,
  `community C { baseline buys 3% tier T { seed 10 buys 1% per month } order value 100 CNY }`,
  `community C { tier T { seed 10 capacity 0 } channel A { paid 100 CNY per week cost per join 0 CNY } }`,
  `community C { tier T { seed 10 platform Nope } }`,
  `platform X { kind xiaohongshu } community C { platform X tier T { seed 10 } content N { kind tips every day at 20:00 via X reach 0..  } }`,
  `platform X { kind xiaohongshu } community C { platform X tier T { seed 10 } content N { kind tips every day at 20:00 via X reach 1e308 conversion 100% into T } }`,
  `community C { tier T { seed 1e300 churn 5% per month } kpi members >= 10 by week 4 }`,
  `community C { tier T { seed 10 } tier T { seed 20 } kpi members >= 10 by week 4 }`,
  `community C { tier T { seed 10 } activity R { offline meetup every week on Monday at 19:00 capacity 0 staff 1e9 lasts 9999 hours } }`,
  `community C { tier T { seed 10 from T 5% per month } }`,
  `community C { tier T { seed 10 } } community C { tier U { seed 3 } kpi members >= 1 by week 2 }`,
  `community C { tier T { seed 10 } } scenario S { T.T = 5% per month C.margin = 40 T.churn = 5 }`,
  `community C { tier T { seed 10 } kpi participation >= 70% by week 100 }`,
];
describe('review partial', () => {
  it('snippets', async () => {
    for (const s of snippets) {
      try {
        const { diagnostics } = await validate(PLAN_HEADER + s);
        const bad = diagnostics.filter((d) => /error occurred|Cannot read|undefined|NaN|Infinity/i.test(d.message));
        console.log('OK', s.slice(0, 60), '|', diagnostics.filter(d=>d.severity!==4).map((d) => `${d.code}:${d.message.slice(0, 90)}`).join(' ; ').slice(0, 600), bad.length ? 'BAD ' + bad.map(d=>d.message).join('|') : '');
      } catch (e) { console.log('THROW', s, (e as Error).stack?.slice(0, 400)); }
    }
  });
  it('truncations', async () => {
    let n = 0;
    for (const f of ['examples/fitness-wechat.community', 'examples/beauty-multiplatform.community', 'examples/education-ab.community']) {
      const text = readFileSync(f, 'utf8').replace(/import[^\n]*\n/g, '');
      for (let i = 200; i < text.length; i += Math.floor(text.length / 40)) {
        try {
          const { diagnostics } = await validate(text.slice(0, i));
          const bad = diagnostics.filter((d) => /error occurred|Cannot read|is not a function|NaN|Infinity/i.test(d.message));
          if (bad.length) { n++; console.log('BAD', f, i, bad.map((d) => d.message.slice(0, 300))); }
        } catch (e) { n++; console.log('THROW', f, i, (e as Error).message); }
      }
    }
    console.log('bad count', n);
  }, 200000);
});
