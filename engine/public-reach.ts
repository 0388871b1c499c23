// Public platforms acquire members (种草, domain brief §6): a post on Xiaohongshu, Douyin, Weibo,
// Bilibili, a WeChat official account or a public forum is seen by people outside the community, and
// some of them join. Per post: views ~ the kind's reach distribution, joins = views × join rate (both
// sampled once per run, like every uncertain number). The numbers are orders of magnitude for a small
// brand account without paid promotion — weak, hence wide triangular ranges. A plan replaces them per
// content item (`reach 3000 ± 1000 per post`, `conversion 0.5%`) or per platform kind with
// `assume reach-per-post-<kind> N` / `assume join-rate-<kind> X%`, which move the distribution's mode
// to N and keep its relative spread. docs/forecast-model.md, "Public content".
import type { Dist } from './model.js';

export interface PublicReachDef {
    /** Views per post. */
    readonly reach: { readonly min: number; readonly mode: number; readonly max: number };
    /** Share of viewers who join the community. */
    readonly joinRate: { readonly min: number; readonly mode: number; readonly max: number };
    readonly basis: string;
}

const WEAK =
    'Modelling choice: order of magnitude for a small brand account without paid promotion; weak — set `reach` and `conversion` on the content item, or calibrate.';

export const PUBLIC_REACH: Readonly<Record<string, PublicReachDef>> = Object.freeze({
    xiaohongshu: { reach: { min: 200, mode: 1500, max: 10000 }, joinRate: { min: 0.001, mode: 0.004, max: 0.015 }, basis: WEAK },
    douyin: { reach: { min: 300, mode: 2000, max: 20000 }, joinRate: { min: 0.0005, mode: 0.002, max: 0.01 }, basis: WEAK },
    weibo: { reach: { min: 100, mode: 800, max: 5000 }, joinRate: { min: 0.0005, mode: 0.0015, max: 0.005 }, basis: WEAK },
    bilibili: { reach: { min: 200, mode: 1500, max: 10000 }, joinRate: { min: 0.001, mode: 0.003, max: 0.01 }, basis: WEAK },
    'wechat-official-account': { reach: { min: 100, mode: 800, max: 5000 }, joinRate: { min: 0.002, mode: 0.008, max: 0.03 }, basis: WEAK },
    douban: { reach: { min: 50, mode: 400, max: 3000 }, joinRate: { min: 0.001, mode: 0.005, max: 0.02 }, basis: WEAK },
    discourse: {
        reach: { min: 20, mode: 200, max: 2000 },
        joinRate: { min: 0.001, mode: 0.005, max: 0.02 },
        basis: 'Modelling choice: public topics found through search; weak.',
    },
});

export const REACH_PER_POST_PREFIX = 'reach-per-post-';
export const JOIN_RATE_PREFIX = 'join-rate-';

export function isPublicPlatformKind(kind: string | undefined): boolean {
    return kind !== undefined && kind in PUBLIC_REACH;
}

function triangular(t: { min: number; mode: number; max: number }, mode?: number): Dist {
    const scale = mode !== undefined && t.mode > 0 ? mode / t.mode : 1;
    return { kind: 'triangular', min: t.min * scale, mode: t.mode * scale, max: t.max * scale };
}

/** Views per post and join rate of a public platform kind, with the plan's `assume` overrides of their modes. */
export function publicReachOf(kind: string, assumed: (key: string) => number | undefined): { reach: Dist; joinRate: Dist } | undefined {
    const def = PUBLIC_REACH[kind];
    if (!def) return undefined;
    return { reach: triangular(def.reach, assumed(REACH_PER_POST_PREFIX + kind)), joinRate: triangular(def.joinRate, assumed(JOIN_RATE_PREFIX + kind)) };
}
