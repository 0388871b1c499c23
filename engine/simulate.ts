// The Monte Carlo core: runs a compiled community week by week, `runs` times, from one seeded
// generator. All state lives in typed arrays allocated once per call; a run allocates nothing.
//
// One week, from the start-of-week state:
//  1. effective weekly rates per tier: base rates (converted exactly per run) + content effects +
//     activity lifts for the share of targeted members taking part (capped by capacity);
//  2. outflows per tier as a multinomial by sequential binomials: churn, then promotions/demotions;
//  3. inflows from the not-yet-reached pool: Bass organic diffusion, paid channels with diminishing
//     returns, referral campaigns (compounding reading) — one binomial over the pool, split by source;
//     tier capacities cap promotions and joins;
//  4. apply all flows at once; then active members and buyers by binomial draws, money, cohorts.
import { WEEKS_PER } from './model.js';
import type { Random } from './random.js';
import { S, type CompiledCommunity } from './compile.js';

export interface RawResult {
    compiled: CompiledCommunity;
    runs: number;
    /** Series values, run-major: [(r * seriesCount + s) * horizon + w]; NaN = undefined that week. */
    series: Float64Array;
    /** KPI values at their deadlines: [k * runs + r]; NaN = undefined. */
    kpiValues: Float64Array;
}

export interface SimulateOptions {
    runs: number;
    /** Called every few runs with the number of runs done. */
    onProgress?: (done: number) => void;
}

/** A sampled parameter, or 0 when the plan leaves it out (slot −1). */
function slot(params: Float64Array, index: number): number {
    return index < 0 ? 0 : params[index];
}

function clamp01(x: number): number {
    return x < 0 ? 0 : x > 1 ? 1 : x;
}

function weekly(p: number, weeksPer: number): number {
    if (!(p > 0)) return 0;
    if (p >= 1) return 1;
    return weeksPer === 1 ? p : 1 - Math.pow(1 - p, 1 / weeksPer);
}

/** Probability that a not-yet-reached person adopts during one week under the Bass model (exact for the ODE). */
export function bassWeeklyHazard(p: number, q: number, F0: number): number {
    if (F0 >= 1) return 0;
    const rate = p + q * F0;
    if (!(rate > 0)) return 0;
    const E = Math.exp(-(p + q));
    const A = (p * (1 - F0)) / rate;
    const B = (q * (1 - F0)) / rate;
    const F1 = (1 - A * E) / (1 + B * E);
    const h = (F1 - F0) / (1 - F0);
    return h < 0 ? 0 : h > 1 ? 1 : h;
}

export function simulateCommunity(c: CompiledCommunity, rng: Random, options: SimulateOptions): RawResult {
    const R = Math.max(1, Math.floor(options.runs));
    const H = c.horizon;
    const T = c.T;
    const F = c.flows.length;
    const A = c.activities.length;
    const SC = c.series.length;
    const K = c.kpis.length;
    const CH = c.channels.length;
    const RF = c.referrals.length;
    const NC = c.contentCost.length;
    const SRC = (c.organic ? 1 : 0) + CH + RF; // inflow sources: organic, channels, referrals

    const series = new Float64Array(R * SC * H);
    const kpiValues = new Float64Array(K * R);

    // ---- per-run parameters and rates ----
    const params = new Float64Array(c.dists.length);
    const churnW = new Float64Array(T);
    const activeW = new Float64Array(T);
    const buysW = new Float64Array(T);
    const feeWeekly = new Float64Array(T);
    const feeOnce = new Float64Array(T);
    const flowW = new Float64Array(F);
    const dChurn = new Float64Array(A * T);
    const dActive = new Float64Array(A * T);
    const dFlow = new Float64Array(A * F);
    const reach = new Float64Array(A);
    const runCost = new Float64Array(A);
    const contentCostW = new Float64Array(H);
    const spend = new Float64Array(CH);
    const cpj = new Float64Array(CH);
    const growth = new Float64Array(RF);
    const reward = new Float64Array(RF);
    // ---- per-week state ----
    const m = new Float64Array(T);
    const startM = new Float64Array(T);
    const churnEff = new Float64Array(T);
    const activeEff = new Float64Array(T);
    const flowEff = new Float64Array(F);
    const churned = new Float64Array(T);
    const moved = new Float64Array(F);
    const room = new Float64Array(T);
    const joinsTo = new Float64Array(T);
    const entrants = new Float64Array(T);
    const srcH = new Float64Array(SRC);
    const srcMean = new Float64Array(SRC);
    const srcInto = new Int32Array(SRC);
    const srcJoins = new Float64Array(SRC);
    // ---- per-run history for KPIs ----
    const histStart = new Float64Array(H * T);
    const histChurned = new Float64Array(H * T);
    const histEntrants = new Float64Array(H * T);
    const histFlow = new Float64Array(H * F);
    // ---- cohorts: ring of survival vectors and the survival table [cohort * (AGE+1) + age] ----
    const AGE = c.maxCohortAge;
    const ring = new Float64Array((AGE + 1) * T);
    const cohortSize = new Float64Array(H);
    const survival = new Float64Array(H * (AGE + 1));
    const stayFrac = new Float64Array(T);
    const flowFrac = new Float64Array(F);
    const tmpVec = new Float64Array(T);

    let s = 0;
    if (c.organic) srcInto[s++] = c.organic.into;
    for (const ch of c.channels) srcInto[s++] = ch.into;
    for (const rf of c.referrals) srcInto[s++] = rf.into;

    const tierPos = c.tierSeries0;
    const retPos = c.retentionSeries0;
    const groupPos = c.groupSeries0;
    const progressEvery = Math.max(1, Math.floor(R / 100));

    for (let r = 0; r < R; r++) {
        // ---- sample every distribution once ----
        for (let i = 0; i < params.length; i++) params[i] = rng.sample(c.dists[i]);

        for (let t = 0; t < T; t++) {
            churnW[t] = weekly(slot(params, c.tierChurn[t]), c.tierChurnWeeksPer[t]);
            activeW[t] = weekly(slot(params, c.tierActive[t]), c.tierActiveWeeksPer[t]);
            buysW[t] = weekly(slot(params, c.tierBuys[t]), c.tierBuysWeeksPer[t]);
            const fee = slot(params, c.tierFee[t]);
            feeWeekly[t] = fee * c.tierFeeWeekly[t];
            feeOnce[t] = fee * c.tierFeeOnce[t];
        }
        for (let f = 0; f < F; f++) flowW[f] = weekly(params[c.flows[f].rate], c.flows[f].weeksPer);
        for (let a = 0; a < A; a++) {
            const act = c.activities[a];
            reach[a] = clamp01(params[act.reach]);
            runCost[a] = slot(params, act.costPerRun) + act.staffHoursPerRun * c.staffHourCost;
            const lr = slot(params, act.liftRetention);
            const la = slot(params, act.liftActivity);
            const lp = slot(params, act.liftPromotion);
            for (let t = 0; t < T; t++) {
                const i = a * T + t;
                dChurn[i] = 0;
                dActive[i] = 0;
                if (!act.tierMask[t]) continue;
                if (lr !== 0 && c.tierChurn[t] >= 0) dChurn[i] = weekly(Math.max(0, params[c.tierChurn[t]] - lr), c.tierChurnWeeksPer[t]) - churnW[t];
                if (la !== 0) dActive[i] = weekly(clamp01(slot(params, c.tierActive[t]) + la), c.tierActiveWeeksPer[t]) - activeW[t];
            }
            for (let f = 0; f < F; f++) {
                const fl = c.flows[f];
                dFlow[a * F + f] = lp !== 0 && !fl.demotion && act.tierMask[fl.from] ? weekly(clamp01(params[fl.rate] + lp), fl.weeksPer) - flowW[f] : 0;
            }
        }
        for (let w = 0; w < H; w++) {
            let cost = 0;
            for (let k = 0; k < NC; k++) {
                const slot = c.contentCost[k];
                if (slot >= 0) cost += c.contentPosts[k * H + w] * params[slot];
            }
            contentCostW[w] = cost;
        }
        for (let j = 0; j < CH; j++) {
            spend[j] = Math.max(0, slot(params, c.channels[j].spend));
            cpj[j] = slot(params, c.channels[j].costPerJoin);
        }
        for (let j = 0; j < RF; j++) {
            const rf = c.referrals[j];
            const invitesPerCycle = (Math.max(0, params[rf.invites]) / rf.invitesWeeksPer) * (rf.cycleDays / 7);
            const k = invitesPerCycle * clamp01(params[rf.conversion]);
            growth[j] = Math.pow(1 + k, 7 / rf.cycleDays) - 1;
            reward[j] = Math.max(0, slot(params, rf.reward)) * rf.rewardSides;
        }
        const orderValue = Math.max(0, slot(params, c.orderValue));
        let pW = 0;
        let qW = 0;
        if (c.organic) {
            pW = Math.max(0, params[c.organic.p]) / c.organic.pWeeksPer;
            qW = Math.max(0, params[c.organic.q]) / c.organic.qWeeksPer;
        }

        // ---- initial state ----
        let seeds = 0;
        for (let t = 0; t < T; t++) {
            m[t] = Math.max(0, Math.round(slot(params, c.tierSeed[t])));
            if (m[t] > c.tierCapacity[t]) m[t] = Math.floor(c.tierCapacity[t]);
            seeds += m[t];
        }
        let M = Infinity;
        if (c.audiences.length > 0) {
            M = 0;
            for (const slot of c.audiences) M += Math.max(0, Math.round(params[slot]));
            if (M < seeds) M = seeds;
        }
        let reached = seeds;
        let cumCost = 0;
        let cumRev = 0;
        ring.fill(0);
        survival.fill(NaN);
        cohortSize.fill(0);
        const base = r * SC * H;

        for (let w = 0; w < H; w++) {
            // ---- 1. effective rates ----
            for (let t = 0; t < T; t++) {
                churnEff[t] = churnW[t] + c.contentChurn[w * T + t];
                activeEff[t] = activeW[t] + c.contentActive[w * T + t];
            }
            for (let f = 0; f < F; f++) flowEff[f] = flowW[f];
            let staffHours = 0;
            let activityCost = 0;
            for (let a = 0; a < A; a++) {
                const act = c.activities[a];
                const runs = act.runs[w];
                if (runs > 0) {
                    activityCost += runs * runCost[a];
                    staffHours += runs * act.staffHoursPerRun;
                }
                if (act.cover[w] === 0) continue;
                let eligible = 0;
                for (const t of act.tiers) eligible += m[t];
                if (eligible <= 0) continue;
                let part = reach[a] * eligible;
                const cap = act.capacity * Math.max(1, runs);
                if (part > cap) part = cap;
                const share = part / eligible;
                for (const t of act.tiers) {
                    churnEff[t] += share * dChurn[a * T + t];
                    activeEff[t] += share * dActive[a * T + t];
                }
                for (let f = 0; f < F; f++) flowEff[f] += share * dFlow[a * F + f];
            }

            // ---- 2. outflows ----
            let churnedTotal = 0;
            for (let t = 0; t < T; t++) {
                const n = m[t];
                startM[t] = n;
                const pc = clamp01(churnEff[t]);
                let total = pc;
                const outs = c.flowsOut[t];
                for (let i = 0; i < outs.length; i++) {
                    const f = outs[i];
                    flowEff[f] = clamp01(flowEff[f]);
                    total += flowEff[f];
                }
                const scale = total > 1 ? 1 / total : 1;
                const k = rng.binomial(n, pc * scale);
                churned[t] = k;
                churnedTotal += k;
                let rem = n - k;
                let remP = 1 - pc * scale;
                for (let i = 0; i < outs.length; i++) {
                    const f = outs[i];
                    const pf = flowEff[f] * scale;
                    const x = remP > 1e-12 ? rng.binomial(rem, pf / remP) : 0;
                    moved[f] = x;
                    rem -= x;
                    remP -= pf;
                }
            }
            // Capacity: room left in each tier after its own outflows; promotions into a full tier stay put.
            for (let t = 0; t < T; t++) {
                let out = churned[t];
                for (const f of c.flowsOut[t]) out += moved[f];
                room[t] = c.tierCapacity[t] - (m[t] - out);
            }
            for (let f = 0; f < F; f++) {
                const to = c.flows[f].to;
                if (moved[f] > room[to]) moved[f] = Math.max(0, Math.floor(room[to]));
                room[to] -= moved[f];
            }

            // ---- 3. inflows ----
            const pool = M - reached;
            let si = 0;
            if (c.organic) {
                srcH[si] = M === Infinity ? 0 : bassWeeklyHazard(pW, qW, reached / M);
                srcMean[si] = 0;
                si++;
            }
            const sat = M === Infinity ? 1 : Math.pow(pool / M, c.paidSaturation);
            let paidSpend = 0;
            for (let j = 0; j < CH; j++) {
                const weekSpend = spend[j] * c.channels[j].spendFactor[w];
                paidSpend += weekSpend;
                const mean = cpj[j] > 0 ? (weekSpend / cpj[j]) * sat : 0;
                srcMean[si] = mean;
                srcH[si] = pool > 0 ? Math.min(1, mean / pool) : 0;
                si++;
            }
            for (let j = 0; j < RF; j++) {
                const rf = c.referrals[j];
                let inviters = 0;
                for (let t = 0; t < T; t++) if (rf.tierMask[t]) inviters += startM[t];
                const mean = inviters * growth[j] * rf.window[w] * (M === Infinity ? 1 : pool / M);
                srcMean[si] = mean;
                srcH[si] = pool > 0 ? Math.min(1, mean / pool) : 0;
                si++;
            }
            let joins = 0;
            if (SRC > 0) {
                if (M === Infinity) {
                    for (let i = 0; i < SRC; i++) {
                        srcJoins[i] = rng.poisson(srcMean[i]);
                        joins += srcJoins[i];
                    }
                } else if (pool > 0) {
                    let stay = 1;
                    let sumH = 0;
                    for (let i = 0; i < SRC; i++) {
                        stay *= 1 - srcH[i];
                        sumH += srcH[i];
                    }
                    joins = rng.binomial(pool, 1 - stay);
                    let left = joins;
                    for (let i = 0; i < SRC; i++) {
                        const x = i === SRC - 1 || sumH <= 0 ? left : rng.binomial(left, srcH[i] / sumH);
                        srcJoins[i] = x;
                        left -= x;
                        sumH -= srcH[i];
                    }
                } else {
                    srcJoins.fill(0);
                }
                // Capacity of the receiving tiers: people who cannot get in stay in the pool.
                joins = 0;
                for (let i = 0; i < SRC; i++) {
                    const into = srcInto[i];
                    if (srcJoins[i] > room[into]) srcJoins[i] = Math.max(0, Math.floor(room[into]));
                    room[into] -= srcJoins[i];
                    joins += srcJoins[i];
                }
            }

            // ---- 4. apply ----
            let promotions = 0;
            let demotions = 0;
            for (let t = 0; t < T; t++) {
                m[t] -= churned[t];
                joinsTo[t] = 0;
                entrants[t] = 0;
            }
            for (let f = 0; f < F; f++) {
                const fl = c.flows[f];
                const x = moved[f];
                m[fl.from] -= x;
                m[fl.to] += x;
                if (fl.demotion) demotions += x;
                else {
                    promotions += x;
                    entrants[fl.to] += x;
                }
            }
            let referralCost = 0;
            for (let i = 0; i < SRC; i++) {
                m[srcInto[i]] += srcJoins[i];
                joinsTo[srcInto[i]] += srcJoins[i];
                entrants[srcInto[i]] += srcJoins[i];
            }
            for (let j = 0; j < RF; j++) referralCost += srcJoins[SRC - RF + j] * reward[j];
            reached += joins;

            // ---- active members, buyers, money ----
            let members = 0;
            let active = 0;
            let revenue = 0;
            for (let t = 0; t < T; t++) {
                const n = m[t];
                members += n;
                active += rng.binomial(n, clamp01(activeEff[t]));
                if (buysW[t] > 0 && orderValue > 0) revenue += rng.binomial(n, buysW[t]) * orderValue;
                revenue += n * feeWeekly[t] + entrants[t] * feeOnce[t];
            }
            const cost = contentCostW[w] + activityCost + paidSpend + referralCost;
            cumCost += cost;
            cumRev += revenue;

            // ---- cohorts ----
            for (let t = 0; t < T; t++) {
                const n = startM[t];
                stayFrac[t] = n > 0 ? 1 - churned[t] / n : 0;
            }
            for (let f = 0; f < F; f++) {
                const n = startM[c.flows[f].from];
                flowFrac[f] = n > 0 ? moved[f] / n : 0;
                if (n > 0) stayFrac[c.flows[f].from] -= flowFrac[f];
            }
            const oldest = Math.max(0, w - AGE);
            for (let co = oldest; co < w; co++) {
                if (cohortSize[co] <= 0) continue;
                const off = (co % (AGE + 1)) * T;
                for (let t = 0; t < T; t++) tmpVec[t] = ring[off + t] * stayFrac[t];
                for (let f = 0; f < F; f++) {
                    const fl = c.flows[f];
                    tmpVec[fl.to] += ring[off + fl.from] * flowFrac[f];
                }
                let alive = 0;
                for (let t = 0; t < T; t++) {
                    ring[off + t] = tmpVec[t];
                    alive += tmpVec[t];
                }
                survival[co * (AGE + 1) + (w - co)] = alive / cohortSize[co];
            }
            cohortSize[w] = joins;
            if (joins > 0) {
                const off = (w % (AGE + 1)) * T;
                for (let t = 0; t < T; t++) ring[off + t] = joinsTo[t];
                survival[w * (AGE + 1)] = 1;
            }

            // ---- record ----
            for (let t = 0; t < T; t++) {
                histStart[w * T + t] = startM[t];
                histChurned[w * T + t] = churned[t];
                histEntrants[w * T + t] = entrants[t];
                series[base + (tierPos + t) * H + w] = m[t];
            }
            for (let f = 0; f < F; f++) histFlow[w * F + f] = moved[f];
            series[base + S.members * H + w] = members;
            series[base + S.newMembers * H + w] = joins;
            series[base + S.activeMembers * H + w] = active;
            series[base + S.activeRate * H + w] = members > 0 ? active / members : NaN;
            series[base + S.churned * H + w] = churnedTotal;
            series[base + S.promotions * H + w] = promotions;
            series[base + S.demotions * H + w] = demotions;
            series[base + S.cost * H + w] = cost;
            series[base + S.revenue * H + w] = revenue;
            series[base + S.cumulativeCost * H + w] = cumCost;
            series[base + S.cumulativeRevenue * H + w] = cumRev;
            series[base + S.roi * H + w] = cumCost > 0 ? (cumRev - cumCost) / cumCost : NaN;
            series[base + S.staffHours * H + w] = staffHours;
            for (let g = 0; g < c.groupCapacities.length; g++) series[base + (groupPos + g) * H + w] = Math.ceil(members / c.groupCapacities[g]);
        }

        // ---- retention series: row w shows the cohort that joined ceil(D/7) weeks earlier ----
        for (let d = 0; d < c.retentionDays.length; d++) {
            const age = c.retentionDays[d] / 7;
            const lo = Math.floor(age);
            const hi = Math.ceil(age);
            const frac = age - lo;
            const pos = base + (retPos + d) * H;
            for (let w = 0; w < H; w++) {
                const co = w - hi;
                if (co < 0) {
                    series[pos + w] = NaN;
                    continue;
                }
                const sLo = survival[co * (AGE + 1) + lo];
                const sHi = survival[co * (AGE + 1) + hi];
                series[pos + w] = sLo + frac * (sHi - sLo);
            }
        }

        // ---- KPIs ----
        for (let k = 0; k < K; k++) kpiValues[k * R + r] = kpiValue(c, k, series, base, histStart, histChurned, histEntrants, histFlow);

        if (options.onProgress && (r + 1) % progressEvery === 0) options.onProgress(r + 1);
    }
    if (options.onProgress && R % progressEvery !== 0) options.onProgress(R);
    return { compiled: c, runs: R, series, kpiValues };
}

function kpiValue(
    c: CompiledCommunity,
    k: number,
    series: Float64Array,
    base: number,
    histStart: Float64Array,
    histChurned: Float64Array,
    histEntrants: Float64Array,
    histFlow: Float64Array,
): number {
    const H = c.horizon;
    const T = c.T;
    const ck = c.kpis[k];
    const w = ck.week;
    const perWeeks = ck.kpi.targetPer ? WEEKS_PER[ck.kpi.targetPer] : 1;
    const w0 = Math.max(0, w - c.kpiRateWindow + 1);
    switch (ck.kpi.metric) {
        case 'members':
            return ck.tier >= 0 ? series[base + (c.tierSeries0 + ck.tier) * H + w] : series[base + S.members * H + w];
        case 'new-members': {
            let sum = 0;
            for (let x = 0; x <= w; x++) sum += ck.tier >= 0 ? histEntrants[x * T + ck.tier] : series[base + S.newMembers * H + x];
            return sum;
        }
        case 'active-rate':
            return series[base + S.activeRate * H + w];
        case 'active-members':
            return series[base + S.activeMembers * H + w];
        case 'retention':
            return ck.retentionSeries >= c.retentionSeries0 ? series[base + ck.retentionSeries * H + w] : NaN;
        case 'churn': {
            let lost = 0;
            let exposed = 0;
            for (let x = w0; x <= w; x++) {
                for (let t = 0; t < T; t++) {
                    if (ck.tier >= 0 && t !== ck.tier) continue;
                    lost += histChurned[x * T + t];
                    exposed += histStart[x * T + t];
                }
            }
            return exposed > 0 ? ratePer(lost / exposed, perWeeks) : NaN;
        }
        case 'conversion': {
            if (ck.from < 0 || ck.to < 0) return NaN;
            let moved = 0;
            let exposed = 0;
            const F = c.flows.length;
            for (let x = w0; x <= w; x++) {
                exposed += histStart[x * T + ck.from];
                for (let f = 0; f < F; f++) if (c.flows[f].from === ck.from && c.flows[f].to === ck.to) moved += histFlow[x * F + f];
            }
            return exposed > 0 ? ratePer(moved / exposed, perWeeks) : NaN;
        }
        case 'revenue':
            return series[base + S.cumulativeRevenue * H + w];
        case 'cost':
            return series[base + S.cumulativeCost * H + w];
        case 'roi':
            return series[base + S.roi * H + w];
    }
}

/** A weekly rate expressed over a period of `weeksPer` weeks. */
function ratePer(pw: number, weeksPer: number): number {
    if (pw >= 1) return 1;
    if (pw <= 0) return 0;
    return weeksPer === 1 ? pw : 1 - Math.pow(1 - pw, weeksPer);
}

/** True when `value op target` holds. */
export function meetsTarget(value: number, op: '>=' | '<=' | '>' | '<', target: number): boolean {
    if (Number.isNaN(value)) return false;
    switch (op) {
        case '>=':
            return value >= target - 1e-12;
        case '<=':
            return value <= target + 1e-12;
        case '>':
            return value > target;
        case '<':
            return value < target;
    }
}

