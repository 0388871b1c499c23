// One-at-a-time sensitivity: every uncertain or tunable number of a community (and the model
// coefficients it uses) is scaled to 80 % and 120 % of its planned value — the whole distribution,
// so its spread scales too — and the community is re-simulated with the same seed (common random
// numbers: the same block streams as the forecast of that community, so differences come from the
// parameter, not from noise). Parameters are ranked by how far
// the chosen KPI's P50 at its deadline moves: data for a tornado chart.
import { assumptionDef, Assumptions, FATIGUE_THRESHOLD_PREFIX } from './assumptions.js';
import type { SensitivityReport } from './forecast-schema.js';
import type { Community, Dist, Plan, Rate } from './model.js';
import { runSimulations, type SimulationJob, type Simulations } from './forecast.js';
import { distCentre, scaleDist } from './random.js';
import { applyScenario } from './scenario.js';
import { PROPERTIES, type ItemKind, type ItemOf, type PropertyDef } from './properties/registry.js';
import { kpiHits, kpiTargetsOf } from './kpi-targets.js';
import type { ObservedWeeks } from './observed-start.js';
import { type RawResult } from './simulate.js';
import { summarise } from './stats.js';

export const SENSITIVITY_FACTORS = [0.8, 1.2] as const;

export interface TunableParameter {
    id: string;
    label: string;
    /** Centre of the planned value. */
    base: number;
    /** Scales the parameter by `factor` in `plan` (a copy), within community `community`. */
    apply(plan: Plan, community: Community, factor: number): void;
}

const scaleRate = (r: Rate, k: number): Rate => ({ ...r, value: scaleDist(r.value, k) });

/** The parameters of one community the analysis varies, in plan order. */
export function tunableParameters(plan: Plan, community: Community): TunableParameter[] {
    const out: TunableParameter[] = [];
    const c = community.name;
    const add = (id: string, label: string, dist: Dist | undefined, apply: (plan: Plan, com: Community, k: number) => void) => {
        if (!dist) return;
        const base = distCentre(dist);
        if (base === 0 && dist.kind === 'fixed') return; // scaling zero changes nothing
        out.push({ id: `${c}.${id}`, label, base, apply });
    };
    // Every property the registry marks `tune`, item by item (engine/properties/registry.ts).
    const tuned = <K extends ItemKind>(kind: K, name: string, find: (p: Plan, com: Community) => ItemOf<K> | undefined, item: ItemOf<K>) => {
        for (const def of PROPERTIES[kind] as readonly PropertyDef<ItemOf<K>>[]) {
            if (!def.tune || !def.override) continue;
            const access = def.override.access;
            const id = def.tune.whole ? def.tune.id : `${name}.${def.tune.id}`;
            const label = def.tune.whole ? def.tune.label : `${name} ${def.tune.label}`;
            add(id, label, access.read(item, plan).dist, (p, com, k) => {
                const x = find(p, com);
                if (x) access.scale!(x, k);
            });
        }
    };
    for (const name of community.audiences) {
        const a = plan.audiences.find((x) => x.name === name);
        if (a) tuned('Audience', name, (p) => p.audiences.find((y) => y.name === name), a);
    }
    const tier = (com: Community, name: string) => com.tiers.find((t) => t.name === name)!;
    for (const t of community.tiers) {
        tuned('Tier', t.name, (_p, com) => tier(com, t.name), t);
        t.flowsFrom.forEach((f, i) =>
            add(`${t.name}.from.${f.tier}`, `Promotion ${f.tier} → ${t.name}`, f.rate.value, (_p, com, k) => {
                const flow = tier(com, t.name).flowsFrom[i];
                flow.rate = scaleRate(flow.rate, k);
            }),
        );
        t.demotionsTo.forEach((f, i) =>
            add(`${t.name}.down.${f.tier}`, `Demotion ${t.name} → ${f.tier}`, f.rate.value, (_p, com, k) => {
                const flow = tier(com, t.name).demotionsTo[i];
                flow.rate = scaleRate(flow.rate, k);
            }),
        );
    }
    tuned('Community', c, (_p, com) => com, community);
    const find = <T extends { name: string }>(items: T[], name: string) => items.find((x) => x.name === name);
    for (const ch of community.channels) tuned('Channel', ch.name, (_p, com) => find(com.channels, ch.name), ch);
    for (const r of community.referrals) tuned('Referral', r.name, (_p, com) => find(com.referrals, r.name), r);
    for (const a of community.activities) tuned('Activity', a.name, (_p, com) => find(com.activities, a.name), a);
    for (const ct of community.contents) tuned('Content', ct.name, (_p, com) => find(com.contents, ct.name), ct);
    // Model coefficients this community can feel.
    const assumptions = new Assumptions(plan.assumptions);
    const keys = ['promo-share-threshold', 'promo-churn-uplift', 'fatigue-churn', 'content-activity-lift', 'post-reach-decay'];
    if (community.channels.length > 0) keys.push('paid-saturation');
    if (community.activities.some((a) => !a.reach)) keys.push('activity-reach');
    if (assumptions.get('staff-hour-cost') > 0) keys.push('staff-hour-cost');
    const kinds = new Set(community.platforms.map((n) => plan.platforms.find((p) => p.name === n)?.kind).filter((k): k is string => !!k));
    for (const kind of kinds) keys.push(assumptions.has(FATIGUE_THRESHOLD_PREFIX + kind) ? FATIGUE_THRESHOLD_PREFIX + kind : 'fatigue-threshold');
    for (const key of [...new Set(keys)]) {
        const value = assumptions.get(key);
        const def = assumptionDef(key);
        if (value === 0 || !def) continue;
        out.push({
            id: `assume.${key}`,
            label: `Assumption ${key}`,
            base: value,
            apply: (p, _com, k) => void (p.assumptions = { ...p.assumptions, [key]: Math.min(def.max, Math.max(def.min, value * k)) }),
        });
    }
    return out;
}

export interface SensitivityOptions {
    kpi?: string;
    runs: number;
    seed: number;
    scenario: string | null;
    onProgress?: (done: number) => void;
    /** Observed weeks per community: the analysed community is simulated from its last one, as the forecast is. */
    observed?: ReadonlyMap<string, ObservedWeeks>;
}

export class SensitivityError extends Error {}

/** The community and KPI index a sensitivity analysis is about. */
export function sensitivityTarget(plan: Plan, kpiName?: string): { community: number; kpi: number } | undefined {
    for (let c = 0; c < plan.communities.length; c++) {
        const k = plan.communities[c].kpis.findIndex((x) => !kpiName || x.name === kpiName);
        if (k >= 0) return { community: c, kpi: k };
    }
    return undefined;
}

/** Runs needed by a sensitivity analysis (for progress bars). */
export function sensitivityRuns(plan: Plan, options: Pick<SensitivityOptions, 'kpi' | 'runs' | 'scenario'>): number {
    const applied = applyScenario(plan, options.scenario);
    const target = sensitivityTarget(applied, options.kpi);
    if (!target) return 0;
    return options.runs * (1 + SENSITIVITY_FACTORS.length * tunableParameters(applied, applied.communities[target.community]).length);
}

/**
 * The simulations of a sensitivity analysis — the community as planned, then each parameter at 80 %
 * and 120 %, all from the forecast's stream of that community (common random numbers) — and the
 * ranking made from their results; undefined when the plan has no KPI.
 */
export function sensitivitySimulations(plan: Plan, options: Omit<SensitivityOptions, 'onProgress'>): Simulations<SensitivityReport | undefined> {
    const applied = applyScenario(plan, options.scenario);
    const target = sensitivityTarget(applied, options.kpi);
    if (!target) {
        if (options.kpi)
            throw new SensitivityError(
                `No KPI named "${options.kpi}"; the plan has: ${applied.communities.flatMap((c) => c.kpis.map((k) => k.name)).join(', ') || 'none'}.`,
            );
        return { jobs: [], finish: () => undefined };
    }
    const community = applied.communities[target.community];
    const kpi = community.kpis[target.kpi];
    const observed = options.observed?.get(community.name);
    const job = (variant: Plan): SimulationJob =>
        observed
            ? { plan: variant, community: target.community, seed: options.seed, runs: options.runs, observed }
            : { plan: variant, community: target.community, seed: options.seed, runs: options.runs };
    const params = tunableParameters(applied, community);
    const jobs = [job(applied)];
    for (const param of params) {
        for (const factor of SENSITIVITY_FACTORS) {
            const variant = structuredClone(applied);
            param.apply(variant, variant.communities[target.community], factor);
            jobs.push(job(variant));
        }
    }
    const outcome = (raw: RawResult): { value: number | null; probability: number } => {
        const k = raw.compiled.kpis.findIndex((x) => x.kpi.name === kpi.name);
        const values = raw.kpiValues.slice(k * raw.runs, (k + 1) * raw.runs);
        const hits = kpiHits(raw, k, kpiTargetsOf(plan, options.runs, options.seed).targets(target.community, kpi));
        const s = summarise(values, raw.runs);
        return { value: s.p50, probability: hits / raw.runs };
    };
    const r4 = (x: number | null) => (x === null ? null : Math.round(x * 1e4) / 1e4);
    return {
        jobs,
        finish(raws) {
            const baseline = outcome(raws[0]);
            const parameters = params.map((param, i) => {
                const [low, high] = SENSITIVITY_FACTORS.map((factor, f) => {
                    const result = outcome(raws[1 + i * SENSITIVITY_FACTORS.length + f]);
                    return { factor, value: r4(result.value), probability: r4(result.probability) ?? 0 };
                });
                const swing = low.value !== null && high.value !== null ? Math.abs(high.value - low.value) : 0;
                return { id: param.id, label: param.label, base: param.base, low, high, swing: r4(swing) ?? 0 };
            });
            parameters.sort(
                (a, b) =>
                    b.swing - a.swing ||
                    Math.abs(b.high.probability - b.low.probability) - Math.abs(a.high.probability - a.low.probability) ||
                    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
            );
            return {
                scenario: options.scenario,
                community: community.name,
                kpi: kpi.name,
                metric: kpi.metric,
                runs: options.runs,
                baseline: { value: r4(baseline.value), probability: r4(baseline.probability) ?? 0 },
                parameters,
            };
        },
    };
}

/** A sensitivity analysis in this thread. */
export function sensitivity(plan: Plan, options: SensitivityOptions): SensitivityReport | undefined {
    return runSimulations(sensitivitySimulations(plan, options), { onProgress: options.onProgress });
}
