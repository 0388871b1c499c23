// Where new members come from: the addressable audience, organic word of mouth (Bass p and q), paid
// channels (spend per week over their window) and referral campaigns.
import { rewardConversionScale, rewardCostFactor } from '../rewards.js';
import { windowFractionPerWeek } from '../cadence.js';
import type { Period } from '../model.js';
import { WEEKS_PER } from '../periods.js';
import { parsePeriod } from '../rates.js';
import type { CompiledCommunity } from '../compile.js';
import { periodOf, tierMaskOf, type CompileContext } from './context.js';

export interface CompiledChannel {
    name: string;
    into: number;
    spend: number; // slot or -1
    /** Multiplies the sampled spend to give the spend in each week (period conversion × window share). */
    spendFactor: Float64Array;
    costPerJoin: number; // slot or -1
    /** The most joins a week (`capacity 300 per week`); Infinity when unlimited. */
    capacity: number;
}

export interface CompiledReferral {
    name: string;
    into: number;
    tierMask: Uint8Array;
    invites: number; // slot
    invitesWeeksPer: number;
    conversion: number; // slot
    cycleDays: number;
    reward: number; // slot or -1
    /** Sides rewarded × what one unit of the written reward costs (engine/rewards.ts; cash: 1). */
    rewardSides: number;
    /** Factor on the conversion when the reward differs from the one the plan states (1 otherwise). */
    conversionScale: number;
    window: Float64Array;
}

/** Audience size slots; empty = no addressable audience (unbounded). */
export function compileAudiences(ctx: CompileContext): number[] {
    const { plan, community, table, notes } = ctx;
    const audiences: number[] = [];
    for (const name of community.audiences) {
        const a = plan.audiences.find((x) => x.name === name);
        if (a) audiences.push(table.add(a.size, 1));
        else notes.push(`Audience "${name}" is not defined; it is left out of the addressable pool.`);
    }
    if (audiences.length === 0)
        notes.push('No audience: the addressable pool is unbounded, so organic diffusion is off and paid and referral joins are not capped.');
    return audiences;
}

export function compileOrganic(ctx: CompileContext): CompiledCommunity['organic'] {
    const { community, table, idx, entry } = ctx;
    let organic: CompiledCommunity['organic'];
    if (community.organic) {
        const o = community.organic;
        organic = {
            p: table.add(o.innovation.value, 1),
            pWeeksPer: periodOf(o.innovation),
            q: table.add(o.imitation.value, 1),
            qWeeksPer: periodOf(o.imitation),
            into: idx(o.into, entry, 'Organic growth'),
        };
    }
    return organic;
}

export function compileChannels(ctx: CompileContext): CompiledChannel[] {
    const { plan, community, H, table, notes, idx, entry } = ctx;
    return community.channels.map((c) => {
        const window = windowFractionPerWeek(plan.start, H, c.from, c.until);
        const per: Period | undefined = c.spendPer ?? parsePeriod(c.spend?.per);
        const spendFactor = new Float64Array(H);
        if (per) {
            for (let w = 0; w < H; w++) spendFactor[w] = window[w] / WEEKS_PER[per];
        } else if (c.spend) {
            // A spend without a period is a total, spread evenly over the channel's weeks.
            let weeks = 0;
            for (let w = 0; w < H; w++) weeks += window[w];
            for (let w = 0; w < H; w++) spendFactor[w] = weeks > 0 ? window[w] / weeks : 0;
        }
        if (c.spend && !c.costPerJoin) notes.push(`Channel "${c.name}" has spend but no cost per join; it costs money but brings no members.`);
        return {
            name: c.name,
            into: idx(c.into, entry, `Channel "${c.name}"`),
            spend: table.add(c.spend?.value, 1),
            spendFactor,
            costPerJoin: table.add(c.costPerJoin, -1),
            capacity: c.capacityPerWeek ?? Infinity,
        };
    });
}

export function compileReferrals(ctx: CompileContext): CompiledReferral[] {
    const { plan, community, H, table, idx, entry, assumptions } = ctx;
    return community.referrals.map((r) => {
        const tierMask = tierMaskOf(ctx, r.tiers);
        return {
            name: r.name,
            into: idx(r.into, entry, `Referral "${r.name}"`),
            tierMask,
            invites: table.add(r.invites.value, 1),
            invitesWeeksPer: periodOf(r.invites),
            conversion: table.add(r.conversion, 1),
            cycleDays: r.cycleDays,
            reward: table.add(r.reward),
            rewardSides: (r.rewardEachSide ? 2 : 1) * rewardCostFactor(r.rewardKind, assumptions),
            conversionScale: r.rewardAsWritten ? rewardConversionScale(r.rewardKind, r.reward, r.rewardAsWritten, assumptions) : 1,
            window: windowFractionPerWeek(plan.start, H, r.from, r.until),
        };
    });
}
