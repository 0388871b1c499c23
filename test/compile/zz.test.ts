import { it } from 'vitest';
import { join } from 'node:path';
import { planFromFile, ROOT } from './helpers.js';
import { forecast } from '../../engine/forecast.js';
import { expandPlan } from '../../engine/schedule.js';
import { reportCharts } from '../../engine/report/common.js';
import { renderChart } from '../../engine/report/charts.js';
it('x', async () => {
    const plan = await planFromFile(join(ROOT, 'examples/fitness-wechat.community'));
    const report = forecast(plan, { runs: 200, seed: 1, scenarios: [null], sensitivity: { runs: 50 } });
    const defs = reportCharts({ plan, schedule: expandPlan(plan), forecast: report, lang: 'en' }, report.forecasts[0].communities[0]);
    let t = performance.now();
    await renderChart(defs[0], 'a');
    console.log('cold first chart (loads echarts)', (performance.now() - t).toFixed(0), 'ms');
    const per: Record<string, number[]> = {};
    for (let i = 0; i < 15; i++) for (const d of defs) { t = performance.now(); await renderChart(d, 'a'); (per[d.id] ??= []).push(performance.now() - t); }
    for (const [k, v] of Object.entries(per)) { v.sort((a, b) => a - b); console.log(k, 'median', v[7].toFixed(1), 'ms'); }
}, 120000);
