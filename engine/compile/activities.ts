// Activities: the weeks each one runs (runs starting, runs under way, weeks covered), who it targets,
// its reach, capacity, lifts (declared, or the kind's defaults), cost, staff hours and incentives.
import { rewardCostFactor } from '../rewards.js';
import { defaultActivityLifts } from '../activity-effects.js';
import { staffHoursPerRun } from '../staff.js';
import { coveragePerWeek, occurrencesPerWeek } from '../cadence.js';
import { tierMaskOf, type CompileContext } from './context.js';

export interface CompiledActivity {
    name: string;
    tierMask: Uint8Array;
    tiers: number[];
    /** 1 in weeks when a run is under way. */
    cover: Float64Array;
    /** Runs starting in each week (costs, staff hours). */
    runs: Float64Array;
    /** Runs under way in each week (capacity × this is the most who can take part): the runs starting, or those still going. */
    runsUnderWay: Float64Array;
    reach: number; // slot
    capacity: number; // Infinity when unlimited
    liftRetention: number; // slot or -1
    liftActivity: number;
    liftPromotion: number;
    liftBuys: number;
    costPerRun: number; // slot or -1
    staffHoursPerRun: number;
    /** Cost of the incentives handed to each participant of a run (engine/rewards.ts), paid in the week the run starts. */
    incentivePerParticipant: number;
}

// Runs of an activity over the horizon: with schedule arithmetic, read by the property registry too.
export { runsOf } from '../cadence.js';

export function compileActivities(ctx: CompileContext): CompiledActivity[] {
    const { plan, community, H, table, assumptions } = ctx;
    const defaultReach = assumptions.get('activity-reach');
    const liftScale = assumptions.get('activity-default-lift-scale');
    return community.activities.map((a) => {
        const tierMask = tierMaskOf(ctx, a.tiers);
        const cover = new Float64Array(H);
        const runs = new Float64Array(H);
        for (const s of a.schedules) {
            const c = coveragePerWeek(s, plan.start, H, a.durationMinutes);
            const n = occurrencesPerWeek(s, plan.start, H);
            for (let w = 0; w < H; w++) {
                cover[w] = Math.max(cover[w], c[w]);
                runs[w] += n[w];
            }
        }
        // No lift declared: the kind's defaults (engine/activity-effects.ts), scaled by activity-default-lift-scale.
        const declared = a.lifts.retention || a.lifts.activity || a.lifts.promotion || a.lifts.buys;
        const defaults = defaultActivityLifts(a.kind, a.mode);
        const point = (x: number) => (x > 0 && liftScale > 0 ? { kind: 'fixed' as const, value: (x * liftScale) / 100 } : undefined);
        const lifts = declared
            ? a.lifts
            : { retention: point(defaults.retention), activity: point(defaults.activity), promotion: point(defaults.promotion), buys: point(defaults.buys) };
        // A covered week without a new run belongs to runs that started earlier and are still going.
        const runsUnderWay = new Float64Array(H);
        for (let w = 0; w < H; w++) runsUnderWay[w] = runs[w] > 0 ? runs[w] : cover[w] > 0 ? (w > 0 && runsUnderWay[w - 1] > 0 ? runsUnderWay[w - 1] : 1) : 0;
        // Runs set by a scenario or solve (`Salon.runs = 6`): every run date holds proportionally more
        // (or fewer) sessions, so cost, staff hours and seats (capacity × runs) follow; the weeks covered do not change.
        if (a.runsTotal !== undefined) {
            const total = runs.reduce((s, x) => s + x, 0);
            const k = total > 0 ? Math.max(0, a.runsTotal) / total : 0;
            for (let w = 0; w < H; w++) {
                runs[w] *= k;
                runsUnderWay[w] *= k;
            }
        }
        return {
            name: a.name,
            tierMask,
            tiers: [...tierMask.keys()].filter((t) => tierMask[t] === 1),
            cover,
            runs,
            runsUnderWay,
            reach: a.reach ? table.add(a.reach, 1) : table.constant(defaultReach),
            capacity: a.capacity !== undefined && a.capacity >= 0 ? a.capacity : Infinity,
            liftRetention: table.add(lifts.retention, 1),
            liftActivity: table.add(lifts.activity, 1),
            liftPromotion: table.add(lifts.promotion, 1),
            liftBuys: table.add(lifts.buys, 1),
            costPerRun: table.add(a.costPerRun),
            staffHoursPerRun: staffHoursPerRun(a.mode, a.staff, a.durationMinutes),
            incentivePerParticipant: a.incentives.reduce((sum, i) => sum + (i.amount ?? 0) * rewardCostFactor(i.kind, assumptions), 0),
        };
    });
}
