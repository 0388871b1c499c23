#!/usr/bin/env python3
"""The forecast of the FitHome plan (examples/fitness-wechat.community, horizon 52 weeks) in NumPy,
vectorised over runs: the peer `npm run bench` times `community simulate --runs 10000 --format json`
against, each as a whole process (bench/peers.ts).

Written from docs/forecast-model.md, not from the engine's code, for the mechanisms this plan uses:
- runs sample every uncertain number once (x ± y: triangular(x − y, x, x + y));
- rates per period → weekly with the same survival, p_w = 1 − (1 − p)^(1/weeksPer);
- counts drawn binomially (NumPy's exact binomial; the engine's normal approximation above 12 has
  the same mean and variance), tier outflows as sequential conditional binomials (churn, then the
  promotion), promotions applied at once;
- organic Bass diffusion solved exactly over the week, imitation q raised by word of mouth of the
  week's content; the paid channel with diminishing returns (γ = 1); the compounding referral
  (K = invitations per cycle × conversion, weekly growth (1 + K)^(7/cycle) − 1, × pool / M) with its
  reward paid each side; the sources compete for one pool: one binomial over the pool, split by
  sequential binomials between the draw classes (organic + paid into the entry tier; the rewarded
  referral its own class);
- content effects per tier (educational and promotional kinds: activity, buys and word-of-mouth
  lifts with diminishing returns D(n) = (1 − dⁿ)/(1 − d), promotional-share churn with its volume
  floor; fatigue stays below its threshold here);
- activities: the share of targeted members taking part (reach, capped by capacity), lifts in points
  of the tier's rates in their declared period, the salon's default lifts, the trace decaying with a
  2-week half-life, costs per run; engagement → retention: churn × (r·a + 1 − a)/(r·a₀ + 1 − a₀);
- money: posts, runs, spend and rewards (cash: cost 1 per unit); the challenge's incentive (100 points
  per participant, cost point-value × points-redemption each, in the week a run starts); revenue from
  buyers × order value and the weekly fee; ROI on margin;
- first purchase and repurchase (复购): each tier's members split in expectation into never bought,
  bought once and bought at least twice; the drawn buyers are split over tiers and classes in
  proportion to their expected purchases (no repurchase rate in this plan: repeat buyers buy at the
  tier's rate); churn and moves take each class in proportion; the repurchase rate = ever bought at
  least twice ÷ ever bought, members or not;
- outputs: per week P10 / P50 / P90 (nearest rank, index round(q·(n − 1))) and mean of members
  (total and per tier), new, active, churned, promotions, cost, revenue, cumulative cost and revenue,
  ROI, participation, repurchase rate, and retention at 7/30/90 days from weekly cohorts; the KPIs' probabilities.
Left out (this plan does not use them): capacity of tiers, demotions, public content, fees on entry,
unbounded pools, groups needed and staff hours (deterministic), attribution by source.

The plan is transcribed below (PLAN), as the engine reads it after lowering. Its draws come from
NumPy's generator, so the runs differ from the engine's; their means agree within the tolerance
bench/peers.ts states and checks.

Usage: python3 bench/peers/forecast_numpy.py [--runs N] [--seed S] [--weeks H]  → JSON on stdout.
"""
import argparse
import json
import math
import sys

import numpy as np

MONTH = 52 / 12  # weeks per month
DAY = 1 / 7

# FitHome, as examples/fitness-wechat.community and examples/shared/platforms.community write it.
PLAN = {
    "audience": 200_000,
    "tiers": ["Prospect", "Core", "Ambassador"],
    "seed": [300, 0, 0],
    # churn per month: Prospect 12% ± 4%, Core 4%, Ambassador 1%
    "churn": [("tri", 0.08, 0.12, 0.16), 0.04, 0.01],
    "active": [0.25, 0.60, 0.80],  # weekly
    "buys": [0.01, 0.05, 0.0],  # per month
    "fee_weekly": [0.0, 1 / DAY, 0.0],  # Core: 1 CNY per day, charged weekly
    # flows (from, to, rate per month)
    "flows": [(0, 1, ("tri", 0.04, 0.06, 0.08)), (1, 2, 0.02)],
    "order_value": ("tri", 159, 199, 239),
    "margin": 0.45,
    "baseline_buys": 0.005,  # per month
    "bass_p": 0.01 / MONTH,
    "bass_q": 0.3 / MONTH,
    "paid_spend": 3000.0,  # per week
    "cost_per_join": ("tri", 10, 15, 20),
    "referral": {"invites_per_month": 0.8, "conversion": 0.25, "cycle_days": 7, "reward": 20.0, "sides": 2, "tiers": [1, 2]},
    # content: posts per week, kind weights (activity, buys, word of mouth), promotional, tiers, cost per post
    "contents": [
        {"posts": 7, "activity": 1.0, "buys": 0.0, "wom": 0.5, "promotional": False, "tiers": [0, 1], "cost": 300.0},  # WorkoutTips, educational
        {"posts": 1, "activity": 0.2, "buys": 1.0, "wom": 0.1, "promotional": True, "tiers": [0, 1, 2], "cost": 0.0},  # FlashSale, promotional
    ],
    # activities: weeks of runs (0-based), tiers, reach, capacity, lifts (points in the rate's period), cost per run
    "activities": [
        # MorningChallenge: every Monday 2027-01-11 .. 2027-03-29, 7 days each; declared lift: retention 2 points
        # incentive points 100: each participant costs 100 × point-value 0.01 × points-redemption 0.5
        {"runs": set(range(1, 13)), "tiers": [1], "reach": ("tri", 0.3, 0.4, 0.5), "capacity": math.inf, "retention": 0.02, "activity": 0.0, "promotion": 0.0, "cost": 2000.0, "incentive": 100 * 0.01 * 0.5},
        # SpringSalon: 2027-03-20 (week 11), capacity 60; an offline salon's default lifts: retention 2, activity 10, promotion 1
        {"runs": {10}, "tiers": [1, 2], "reach": 0.2, "capacity": 60.0, "retention": 0.02, "activity": 0.10, "promotion": 0.01, "cost": 15000.0, "incentive": 0.0},
    ],
    # KPIs: (name, metric, target, deadline week 1-based or None for the horizon)
    "kpis": [("Growth", "members", 20000, 26), ("active-rate", "active-rate", 0.2, None), ("retention-30d", "retention-30", 0.45, None), ("conversion-Prospect-Core", "conversion", 0.06, None), ("roi", "roi", 1.5, None)],
}

# Coefficients (docs/forecast-model.md defaults)
ACTIVE_CHURN_RATIO = 0.4
CONTENT_ACTIVITY_LIFT = 0.02
CONTENT_BUY_LIFT = 0.003
CONTENT_WOM_LIFT = 0.05
POST_REACH_DECAY = 0.6
PROMO_SHARE_THRESHOLD = 0.3
PROMO_CHURN_UPLIFT = 0.03
PROMO_SHARE_FLOOR = 3
ACTIVITY_CARRY = 0.5 ** (1 / 2)  # half-life 2 weeks
KPI_RATE_WINDOW = 4
RETENTION_DAYS = [7, 30, 90]


def weekly(p, weeks_per):
    p = np.clip(p, 0.0, 1.0)
    return p if weeks_per == 1 else 1 - np.power(1 - p, 1 / weeks_per)


def saturating(n):
    return 0.0 if n <= 0 else (1 - POST_REACH_DECAY**n) / (1 - POST_REACH_DECAY)


def sample(spec, rng, runs):
    if isinstance(spec, tuple):
        _, lo, mode, hi = spec
        return rng.triangular(lo, mode, hi, runs)
    return np.full(runs, float(spec))


def binomial(rng, n, p):
    return rng.binomial(n.astype(np.int64), np.clip(p, 0.0, 1.0)).astype(np.float64)


def simulate(runs, seed, weeks):
    rng = np.random.default_rng(seed)
    P = PLAN
    T = len(P["tiers"])
    R = runs
    # ---- per-run parameters ----
    churn_m = np.stack([sample(c, rng, R) for c in P["churn"]])
    churn_w = weekly(churn_m, MONTH)
    active_w = np.array(P["active"])[:, None] * np.ones(R)
    buys_w = weekly(np.array(P["buys"])[:, None] * np.ones(R), MONTH)
    fee_w = np.array(P["fee_weekly"])[:, None]
    flow_m = [sample(rate, rng, R) for _, _, rate in P["flows"]]
    flow_w = [weekly(f, MONTH) for f in flow_m]
    order_value = sample(P["order_value"], rng, R)
    cpj = sample(P["cost_per_join"], rng, R)
    margin = P["margin"]
    baseline_w = weekly(P["baseline_buys"], MONTH)
    ref = P["referral"]
    invites_per_cycle = ref["invites_per_month"] / MONTH * (ref["cycle_days"] / 7)
    growth = (1 + invites_per_cycle * ref["conversion"]) ** (7 / ref["cycle_days"]) - 1
    reward = ref["reward"] * ref["sides"]
    acts = []
    for a in P["activities"]:
        reach = np.clip(sample(a["reach"], rng, R), 0, 1)
        d_churn = np.zeros((T, R))
        d_active = np.zeros((T, R))
        for t in a["tiers"]:
            if a["retention"]:
                d_churn[t] = weekly(np.maximum(0, churn_m[t] - a["retention"]), MONTH) - churn_w[t]
            if a["activity"]:
                d_active[t] = weekly(np.clip(active_w[t] + a["activity"], 0, 1), 1) - active_w[t]
        d_flow = [weekly(np.clip(flow_m[f] + a["promotion"], 0, 1), MONTH) - flow_w[f] if a["promotion"] and P["flows"][f][0] in a["tiers"] else np.zeros(R) for f in range(len(P["flows"]))]
        acts.append((a, reach, d_churn, d_active, d_flow))

    # ---- content effects (the same every week: the schedules post the same each week) ----
    all_posts = np.zeros(T)
    promo_posts = np.zeros(T)
    activity_posts = np.zeros(T)
    buy_posts = np.zeros(T)
    wom_posts = 0.0
    content_cost = 0.0
    for c in P["contents"]:
        wom_posts += c["posts"] * c["wom"]
        content_cost += c["posts"] * c["cost"]
        for t in c["tiers"]:
            all_posts[t] += c["posts"]
            if c["promotional"]:
                promo_posts[t] += c["posts"]
            activity_posts[t] += c["posts"] * c["activity"]
            buy_posts[t] += c["posts"] * c["buys"]
    content_churn = np.zeros(T)
    for t in range(T):
        share = promo_posts[t] / all_posts[t] if all_posts[t] > 0 else 0
        volume = min(1, promo_posts[t] / PROMO_SHARE_FLOOR)
        if share > PROMO_SHARE_THRESHOLD:
            content_churn[t] = volume * PROMO_CHURN_UPLIFT * (share - PROMO_SHARE_THRESHOLD) / (1 - PROMO_SHARE_THRESHOLD)
    content_active = np.array([CONTENT_ACTIVITY_LIFT * saturating(x) for x in activity_posts])[:, None]
    content_buys = np.array([CONTENT_BUY_LIFT * saturating(x) for x in buy_posts])[:, None]
    wom = 1 + CONTENT_WOM_LIFT * saturating(wom_posts)
    pW, qW = P["bass_p"], P["bass_q"] * wom
    E = math.exp(-(pW + qW))

    # ---- state ----
    M = float(P["audience"])
    m = np.array(P["seed"], dtype=np.float64)[:, None] * np.ones(R)
    reached = m.sum(axis=0)
    trace = [np.zeros(R) for _ in acts]
    cum_cost = np.zeros(R)
    cum_rev = np.zeros(R)
    H = weeks
    out = {k: np.zeros((H, R)) for k in ["members", "new-members", "active-members", "active-rate", "churned", "promotions", "cost", "revenue", "cumulative-cost", "cumulative-revenue", "roi", "participation", "repurchase-rate"] + [f"members:{n}" for n in P["tiers"]] + [f"retention-{d}d" for d in RETENTION_DAYS]}
    max_age = max(math.ceil(d / 7) for d in RETENTION_DAYS)
    cohorts = np.zeros((H, T, R))  # cohort joined in week w: its members per tier
    cohort_size = np.zeros((H, R))
    survival = np.full((H, max_age + 1, R), np.nan)
    # buyers by class per tier (expected): never bought = m − once − twice
    once = np.zeros((T, R))
    twice = np.zeros((T, R))
    ever_once = np.zeros(R)
    ever_twice = np.zeros(R)
    conv_moved = np.zeros(R)
    conv_base = np.zeros(R)
    kpi_deadline = {name: (week - 1 if week else H - 1) for name, _, _, week in P["kpis"]}
    kpi_values = {}

    for w in range(H):
        # 1. rates of the week
        churn_eff = churn_w.copy()
        active_eff = active_w + content_active
        buys_eff = buys_w + content_buys
        flow_eff = [f.copy() for f in flow_w]
        cost_w = np.full(R, content_cost)
        participants = np.zeros(R)
        for i, (a, reach, d_churn, d_active, d_flow) in enumerate(acts):
            runs_now = 1 if w in a["runs"] else 0
            share = np.zeros(R)
            if runs_now:
                cost_w += a["cost"]
                eligible = m[a["tiers"]].sum(axis=0)
                part = np.minimum(reach * eligible, a["capacity"] * runs_now)
                participants += np.where(eligible > 0, part, 0)
                cost_w += a["incentive"] * np.where(eligible > 0, part, 0)
                share = np.divide(part, eligible, out=np.zeros(R), where=eligible > 0)
            share = np.maximum(share, ACTIVITY_CARRY * trace[i])
            trace[i] = share
            churn_eff += share * d_churn
            active_eff += share * d_active
            for f in range(len(flow_eff)):
                flow_eff[f] += share * d_flow[f]
        members0 = m.sum(axis=0)
        out["participation"][w] = np.where(members0 > 0, np.minimum(1, np.divide(participants, members0, out=np.zeros(R), where=members0 > 0)), np.nan)
        a1 = np.clip(active_eff, 0, 1)
        den = ACTIVE_CHURN_RATIO * active_w + 1 - active_w
        churn_eff = churn_eff * (ACTIVE_CHURN_RATIO * a1 + 1 - a1) / den + content_churn[:, None]

        # 2. outflows: churn, then the tier's promotion, as sequential binomials
        start = m.copy()
        churned = np.zeros((T, R))
        moved = [np.zeros(R) for _ in P["flows"]]
        for t in range(T):
            pc = np.clip(churn_eff[t], 0, 1)
            outs = [f for f, (src, _, _) in enumerate(P["flows"]) if src == t]
            pf = [np.clip(flow_eff[f], 0, 1) for f in outs]
            total = pc + sum(pf) if pf else pc
            scale = np.where(total > 1, 1 / np.maximum(total, 1e-300), 1)
            churned[t] = binomial(rng, m[t], pc * scale)
            rem = m[t] - churned[t]
            rem_p = 1 - pc * scale
            for f, p in zip(outs, pf):
                x = np.where(rem_p > 1e-12, binomial(rng, rem, np.divide(p * scale, rem_p, out=np.zeros(R), where=rem_p > 1e-12)), 0)
                moved[f] = x
                rem = rem - x
                rem_p = rem_p - p * scale
        # 3. moves; churn and moves take each buyer class in proportion to its share of the tier at the start
        share_once = np.divide(once, start, out=np.zeros((T, R)), where=start > 0)
        share_twice = np.divide(twice, start, out=np.zeros((T, R)), where=start > 0)
        once -= churned * share_once
        twice -= churned * share_twice
        for f, (src, dst, _) in enumerate(P["flows"]):
            once[src] -= moved[f] * share_once[src]
            once[dst] += moved[f] * share_once[src]
            twice[src] -= moved[f] * share_twice[src]
            twice[dst] += moved[f] * share_twice[src]
        m -= churned
        promotions = np.zeros(R)
        for f, (src, dst, _) in enumerate(P["flows"]):
            m[src] -= moved[f]
            m[dst] += moved[f]
            promotions += moved[f]
        push = start[ref["tiers"]].sum(axis=0) * growth * wom
        # 4. hazards and joins from the pool
        pool = M - reached
        F0 = reached / M
        rate = pW + qW * F0
        h_org = np.where((F0 < 1) & (rate > 0), np.clip((1 - E) * rate / (rate + E * qW * (1 - F0)), 0, 1), 0)
        share_left = np.where(pool > 0, pool / M, 0)
        mean_paid = P["paid_spend"] / cpj * share_left
        h_paid = np.where(pool > 0, np.minimum(1, np.divide(mean_paid, pool, out=np.zeros(R), where=pool > 0)), 0)
        mean_ref = push * share_left
        h_ref = np.where(pool > 0, np.minimum(1, np.divide(mean_ref, pool, out=np.zeros(R), where=pool > 0)), 0)
        stay = (1 - h_org) * (1 - h_paid) * (1 - h_ref)
        w0 = h_org + h_paid
        w1 = h_ref
        joins = binomial(rng, np.maximum(pool, 0), 1 - stay)
        sum_w = w0 + w1
        into_entry = binomial(rng, joins, np.divide(w0, sum_w, out=np.zeros(R), where=sum_w > 0))
        referred = joins - into_entry
        m[0] += joins
        reached += joins
        # active members, buyers, money
        members = m.sum(axis=0)
        active = sum(binomial(rng, m[t], a1[t]) for t in range(T))
        buy_p = np.clip(buys_eff, 0, 1)
        buyers = sum(binomial(rng, m[t], buy_p[t]) for t in range(T))
        # the drawn buyers split over tiers and classes in proportion to their expected purchases
        expected = (m * buy_p).sum(axis=0)
        scale = np.divide(buyers, expected, out=np.zeros(R), where=expected > 0)
        never = np.maximum(m - once - twice, 0)
        first = never * buy_p * scale
        again = once * buy_p * scale
        once += first - again
        twice += again
        ever_once += first.sum(axis=0)
        ever_twice += again.sum(axis=0)
        revenue = (m * fee_w).sum(axis=0) + buyers * order_value
        cost = cost_w + P["paid_spend"] + referred * reward
        cum_cost += cost
        cum_rev += revenue
        # 5. record
        out["members"][w] = members
        out["new-members"][w] = joins
        out["active-members"][w] = active
        out["active-rate"][w] = np.divide(active, members, out=np.full(R, np.nan), where=members > 0)
        out["churned"][w] = churned.sum(axis=0)
        out["promotions"][w] = promotions
        out["cost"][w] = cost
        out["revenue"][w] = revenue
        out["cumulative-cost"][w] = cum_cost
        out["cumulative-revenue"][w] = cum_rev
        out["roi"][w] = (cum_rev * margin - cum_cost) / np.maximum(cum_cost, 1)
        out["repurchase-rate"][w] = np.divide(ever_twice, ever_once, out=np.full(R, np.nan), where=ever_once > 0)
        for t, name in enumerate(P["tiers"]):
            out[f"members:{name}"][w] = m[t]
        # cohorts: every earlier cohort moves through this week's realised fractions, then the new one
        keep = np.divide(start - churned, start, out=np.zeros((T, R)), where=start > 0)
        frac = [np.divide(moved[f], start[src], out=np.zeros(R), where=start[src] > 0) for f, (src, _, _) in enumerate(P["flows"])]
        stay_frac = keep.copy()
        for f, (src, _, _) in enumerate(P["flows"]):
            stay_frac[src] -= frac[f]
        lo = max(0, w - max_age)
        if w > lo:
            live = cohorts[lo:w]
            nxt = live * stay_frac[None]
            for f, (src, dst, _) in enumerate(P["flows"]):
                nxt[:, dst] += live[:, src] * frac[f][None]
            cohorts[lo:w] = nxt
            ages = w - np.arange(lo, w)
            size = cohort_size[lo:w]
            survival[np.arange(lo, w), ages] = np.where(size > 0, nxt.sum(axis=1) / np.where(size > 0, size, 1), np.nan)
        cohorts[w, 0] = joins
        cohort_size[w] = joins
        survival[w, 0] = np.where(joins > 0, 1.0, np.nan)
        for d in RETENTION_DAYS:
            age = d / 7
            a_lo, a_hi = math.floor(age), math.ceil(age)
            co = w - a_hi
            if co < 0:
                out[f"retention-{d}d"][w] = np.nan
            else:
                s_lo = survival[co, a_lo]
                out[f"retention-{d}d"][w] = s_lo + (age - a_lo) * (survival[co, a_hi] - s_lo)
        # KPIs
        deadline = kpi_deadline["conversion-Prospect-Core"]
        if deadline - KPI_RATE_WINDOW < w <= deadline:
            conv_moved += moved[0]
            conv_base += start[0]
        for name, metric, _, _ in P["kpis"]:
            if w != kpi_deadline[name]:
                continue
            if metric == "members":
                kpi_values[name] = members.copy()
            elif metric == "active-rate":
                kpi_values[name] = out["active-rate"][w].copy()
            elif metric == "retention-30":
                kpi_values[name] = out["retention-30d"][w].copy()
            elif metric == "conversion":
                pw = np.divide(conv_moved, conv_base, out=np.full(R, np.nan), where=conv_base > 0)
                kpi_values[name] = 1 - np.power(1 - np.clip(pw, 0, 1), MONTH)
            elif metric == "roi":
                kpi_values[name] = out["roi"][w].copy()
    return out, kpi_values


def summarise(values):
    """P10/P50/P90 (nearest rank) and mean over runs, per week; NaN runs left out."""
    H, R = values.shape
    ordered = np.sort(values, axis=1)  # NaN sorts last
    valid = np.sum(~np.isnan(values), axis=1)
    res = {}
    for q in (0.1, 0.5, 0.9):
        idx = np.clip(np.round(q * (valid - 1)).astype(np.int64), 0, R - 1)
        v = ordered[np.arange(H), idx]
        res[f"p{int(q * 100)}"] = [None if n == 0 else round(float(x), 4) for x, n in zip(v, valid)]
    with np.errstate(invalid="ignore"):
        mean = np.nansum(values, axis=1) / np.maximum(valid, 1)
    res["mean"] = [None if n == 0 else round(float(x), 4) for x, n in zip(mean, valid)]
    return res


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--weeks", type=int, default=52)
    args = ap.parse_args()
    out, kpis = simulate(args.runs, args.seed, args.weeks)
    report = {
        "runs": args.runs,
        "seed": args.seed,
        "horizonWeeks": args.weeks,
        "series": [{"key": k, **summarise(v)} for k, v in out.items()],
        "kpis": [
            {"name": name, "target": target, "probability": round(float(np.mean(np.nan_to_num(kpis[name], nan=-np.inf) >= target)), 4), **{k: v[0] for k, v in summarise(kpis[name][None]).items()}}
            for name, _, target, _ in PLAN["kpis"]
        ],
    }
    json.dump(report, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
