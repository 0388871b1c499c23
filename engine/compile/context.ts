// What every part of compiling one community shares: the table of distributions sampled once per
// run (slots are handed out in compile order, which is part of the draw order), the notes, and the
// community's tiers by name.
import type { Assumptions } from '../assumptions.js';
import type { Community, Dist, Plan, Rate } from '../model.js';
import { WEEKS_PER } from '../periods.js';

/**
 * Which way a sampled number pushes the forecast, for the checker's cases (engine/projection.ts):
 * +1 more of it means more members, activity or money (seeds, audience, conversion, spend, lifts),
 * −1 less of it does (churn, demotions, cost per join), 0 neither (prices of posts and runs, fees).
 */
export type Favour = 1 | -1 | 0;

/** A table of distributions sampled once per run into a Float64Array of parameters. */
export class DistTable {
    readonly dists: Dist[] = [];
    readonly favour: Favour[] = [];
    add(dist: Dist | undefined, favour: Favour = 0): number {
        if (!dist) return -1;
        this.dists.push(dist);
        this.favour.push(favour);
        return this.dists.length - 1;
    }
    constant(value: number): number {
        return this.add({ kind: 'fixed', value });
    }
}

/** A rate's period in weeks. */
export function periodOf(rate: Rate): number {
    return WEEKS_PER[rate.per];
}

export interface CompileContext {
    plan: Plan;
    community: Community;
    assumptions: Assumptions;
    /** Weeks of the horizon. */
    H: number;
    table: DistTable;
    notes: string[];
    /** The community's tiers (one tier `members` when it declares none). */
    tiers: Community['tiers'];
    T: number;
    tierNames: string[];
    tierIndex: Map<string, number>;
    /** The tier new members land in. */
    entry: number;
    /** Index of tier `name`; `fallback` (with a note) when the community has no such tier. */
    idx(name: string | undefined, fallback: number, what: string): number;
}

export function compileContext(plan: Plan, community: Community, assumptions: Assumptions): CompileContext {
    const notes: string[] = [];
    const tiers =
        community.tiers.length > 0
            ? community.tiers
            : [{ name: 'members', flowsFrom: [], demotionsTo: [], benefits: [] } as unknown as Community['tiers'][number]];
    const tierNames = tiers.map((t) => t.name);
    const tierIndex = new Map(tierNames.map((n, i) => [n, i]));
    const idx = (name: string | undefined, fallback: number, what: string): number => {
        if (name === undefined) return fallback;
        const i = tierIndex.get(name);
        if (i === undefined) {
            notes.push(`${what} names unknown tier "${name}"; using "${tierNames[fallback]}".`);
            return fallback;
        }
        return i;
    };
    let entry = community.entryTier !== undefined ? (tierIndex.get(community.entryTier) ?? -1) : -1;
    if (entry < 0) {
        entry = tiers.findIndex((t) => t.flowsFrom.length === 0);
        if (entry < 0) entry = 0;
    }
    return { plan, community, assumptions, H: plan.horizonWeeks, table: new DistTable(), notes, tiers, T: tiers.length, tierNames, tierIndex, entry, idx };
}

/** 1 for each tier an item targets (every tier when it names none); unknown names are left out. */
export function tierMaskOf(ctx: CompileContext, names: string[]): Uint8Array {
    const mask = new Uint8Array(ctx.T);
    if (names.length === 0) mask.fill(1);
    for (const name of names) {
        const i = ctx.tierIndex.get(name);
        if (i !== undefined) mask[i] = 1;
    }
    return mask;
}
