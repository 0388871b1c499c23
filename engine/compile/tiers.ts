// Tiers: seeds, churn, active, purchase and repurchase rates, capacity and fees per tier as slots of
// the distribution table, and the promotion and demotion flows between tiers.
import type { Period } from '../model.js';
import { WEEKS_PER } from '../periods.js';
import { parsePeriod } from '../rates.js';
import { periodOf, type CompileContext } from './context.js';

export interface CompiledFlow {
    from: number;
    to: number;
    demotion: boolean;
    rate: number; // dist slot
    weeksPer: number;
}

export interface CompiledTiers {
    tierSeed: Int32Array;
    tierChurn: Int32Array;
    tierChurnWeeksPer: Float64Array;
    tierActive: Int32Array;
    tierActiveWeeksPer: Float64Array;
    tierBuys: Int32Array;
    tierBuysWeeksPer: Float64Array;
    tierRepurchase: Int32Array;
    tierRepurchaseWeeksPer: Float64Array;
    tierCapacity: Float64Array;
    tierFee: Int32Array;
    tierFeeWeekly: Float64Array;
    tierFeeOnce: Float64Array;
    flows: CompiledFlow[];
    flowsOut: number[][];
}

export function compileTiers(ctx: CompileContext): CompiledTiers {
    const { tiers, T, tierNames, tierIndex, table, notes } = ctx;
    const tierSeed = new Int32Array(T);
    const tierChurn = new Int32Array(T);
    const tierChurnWeeksPer = new Float64Array(T).fill(1);
    const tierActive = new Int32Array(T);
    const tierActiveWeeksPer = new Float64Array(T).fill(1);
    const tierBuys = new Int32Array(T);
    const tierBuysWeeksPer = new Float64Array(T).fill(1);
    const tierRepurchase = new Int32Array(T);
    const tierRepurchaseWeeksPer = new Float64Array(T).fill(1);
    const tierCapacity = new Float64Array(T).fill(Infinity);
    const tierFee = new Int32Array(T);
    const tierFeeWeekly = new Float64Array(T);
    const tierFeeOnce = new Float64Array(T);
    const flows: CompiledFlow[] = [];
    tiers.forEach((tier, t) => {
        tierSeed[t] = table.add(tier.seed, 1);
        tierChurn[t] = table.add(tier.churn?.value, -1);
        if (tier.churn) tierChurnWeeksPer[t] = periodOf(tier.churn);
        tierActive[t] = table.add(tier.active?.value, 1);
        if (tier.active) tierActiveWeeksPer[t] = periodOf(tier.active);
        tierBuys[t] = table.add(tier.buys?.value, 1);
        if (tier.buys) tierBuysWeeksPer[t] = periodOf(tier.buys);
        tierRepurchase[t] = table.add(tier.repurchase?.value, 1);
        if (tier.repurchase) tierRepurchaseWeeksPer[t] = periodOf(tier.repurchase);
        if (tier.capacity !== undefined && tier.capacity >= 0) tierCapacity[t] = tier.capacity;
        const fee = tier.entry?.fee;
        tierFee[t] = table.add(fee?.value);
        if (fee) {
            const per: Period | undefined = tier.entry?.feePer ?? parsePeriod(fee.per);
            if (per) tierFeeWeekly[t] = 1 / WEEKS_PER[per];
            else tierFeeOnce[t] = 1;
        }
        for (const f of tier.flowsFrom) {
            const from = tierIndex.get(f.tier);
            if (from === undefined || from === t) {
                notes.push(`Flow into "${tier.name}" from unknown tier "${f.tier}" is ignored.`);
                continue;
            }
            flows.push({ from, to: t, demotion: false, rate: table.add(f.rate.value, 1), weeksPer: periodOf(f.rate) });
        }
        for (const f of tier.demotionsTo) {
            const to = tierIndex.get(f.tier);
            if (to === undefined || to === t) {
                notes.push(`Demotion from "${tier.name}" to unknown tier "${f.tier}" is ignored.`);
                continue;
            }
            flows.push({ from: t, to, demotion: true, rate: table.add(f.rate.value, -1), weeksPer: periodOf(f.rate) });
        }
    });
    const flowsOut: number[][] = tierNames.map(() => []);
    flows.forEach((f, i) => flowsOut[f.from].push(i));
    return {
        tierSeed,
        tierChurn,
        tierChurnWeeksPer,
        tierActive,
        tierActiveWeeksPer,
        tierBuys,
        tierBuysWeeksPer,
        tierRepurchase,
        tierRepurchaseWeeksPer,
        tierCapacity,
        tierFee,
        tierFeeWeekly,
        tierFeeOnce,
        flows,
        flowsOut,
    };
}
