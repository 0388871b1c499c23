// One block of runs of the Monte Carlo core, and the phases of one simulated week over it: this module
// gathers them; each phase lives in its own file under engine/week/ (named below).
//
// The state of a block lives in typed arrays indexed [item * B + run] (structure of arrays), so every
// inner loop is a tight loop over runs and nothing is allocated per run or per week. Each phase is its
// own small function: V8 optimises small functions called every week far better than one long
// function that could only be optimised on the fly (on-stack replacement) and kept falling back.
//
// The block's state is week/block.ts, its start (samples, per-run rates, seeds) week/start.ts, the
// shared numbers (ceilings, rate conversion, Bass hazard) week/numbers.ts.
//
// Phases of a week, from the start-of-week state (`simulateCommunity` calls them in this order, which
// is the order of the random draws):
//  1. weekRates (week/engagement.ts): effective weekly rates per tier (base + content effects +
//     activity lifts for the share of targeted members taking part, capped by capacity) and the
//     week's content/activity costs;
//  2. weekOutflows (week/flows.ts): outflows per tier as a multinomial by sequential binomials
//     (churn, then promotions/demotions); weekCapacity: promotions into a full tier stay put;
//  3. weekMoves (week/flows.ts; buyers move with them, week/purchases.ts): apply churn and tier
//     moves; referral pressure of the week;
//  4. weekHazards, weekJoins (week/acquisition.ts; purchases and repurchase in week/purchases.ts):
//     inflows from the not-yet-reached pool (Bass organic diffusion, paid channels with diminishing
//     returns, referral campaigns: one binomial over the pool, split among the sources only as far
//     as the split matters), then active members, buyers and money;
//  5. weekRecord, weekCohorts, weekRetention (week/record.ts), weekKpis (week/kpis.ts): stored
//     series, cohorts and KPI windows.
//
// Robustness: every sampled count (seeds, audience sizes) and amount of money is clamped to
// [0, COUNT_LIMIT] / [0, MONEY_LIMIT], rates to [0, 1], Bass coefficients and referral growth to
// finite ceilings, so no plan the schema accepts can produce NaN or Infinity (see
// docs/forecast-model.md, "Limits").
export { RUN_BLOCK, COUNT_LIMIT, MONEY_LIMIT, clamp01, clampTo, bassHazard, roiOf } from './week/numbers.js';
export { Block, peopleBound, storedSlots } from './week/block.js';
export { startBlock } from './week/start.js';
export { weekRates } from './week/engagement.js';
export { weekOutflows, weekCapacity, weekMoves } from './week/flows.js';
export { weekHazards, weekJoins } from './week/acquisition.js';
export { weekRecord, weekCohorts, weekRetention } from './week/record.js';
export { weekKpis } from './week/kpis.js';
