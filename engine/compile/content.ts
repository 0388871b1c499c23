// Content: posts per week of every content item, and their deterministic effects worked out per week
// and tier in advance (engine/content-effects.ts: promotional share and fatigue churn, activity and
// purchase lifts, word of mouth), the posting hours, and the posts on public platforms that bring
// members in.
import { contentEffect } from '../content-effects.js';
import { publicReachOf } from '../public-reach.js';
import { HOURS_PER_POST } from '../staff.js';
import { cadenceSpan, occurrencesPerWeek } from '../cadence.js';
// A content's posts per week as its schedules give them: with schedule arithmetic, read by the property registry too.
export { cadenceOf } from '../cadence.js';
import { tierMaskOf, type CompileContext } from './context.js';

/** Content on a public platform: people outside the community see its posts, and some join. */
export interface CompiledPublicContent {
    name: string;
    into: number;
    /** Posts per week, [w]. */
    posts: Float64Array;
    reach: number; // slot: views per post
    joinRate: number; // slot
}

/**
 * A cadence set by a scenario or `solve` (`Tips.posts = 5 per week`): the schedule keeps its shape and
 * is scaled so that it averages that many posts a week from its first posting week to its last
 * (fractions of a post are expected posts). A content that never posts within the horizon posts that
 * many every week.
 */
export function rescaleCadence(posts: Float64Array, perWeek: number): void {
    const target = Math.max(0, perWeek);
    const { weeks, total } = cadenceSpan(posts);
    if (weeks === 0) posts.fill(target);
    else for (let w = 0; w < posts.length; w++) posts[w] *= (target * weeks) / total;
}

export interface CompiledContent {
    contentPosts: Float64Array;
    contentCost: Int32Array;
    contentChurn: Float64Array;
    contentActive: Float64Array;
    contentBuys: Float64Array;
    wordOfMouth: Float64Array;
    publicContents: CompiledPublicContent[];
    contentHours: Float64Array;
}

export function compileContent(ctx: CompileContext): CompiledContent {
    const { plan, community, H, T, table, assumptions, idx, entry } = ctx;
    const C = community.contents.length;
    const contentPosts = new Float64Array(C * H);
    const contentCost = new Int32Array(C);
    const platformKind = new Map(plan.platforms.map((p) => [p.name, p.kind]));
    const promoThreshold = assumptions.get('promo-share-threshold');
    const promoUplift = assumptions.get('promo-churn-uplift');
    const promoFloor = assumptions.get('promo-share-floor');
    const fatigueBeta = assumptions.get('fatigue-churn');
    const activityLift = assumptions.get('content-activity-lift');
    const buyLift = assumptions.get('content-buy-lift');
    const womLift = assumptions.get('content-wom-lift');
    const decay = assumptions.get('post-reach-decay');
    /** Diminishing returns of n (weighted) posts in a week: the k-th counts decay^(k−1) of the first. */
    const saturating = (n: number) => (n <= 0 ? 0 : decay < 1 ? (1 - Math.pow(decay, n)) / (1 - decay) : n);
    const allPosts = new Float64Array(H * T);
    const promoPosts = new Float64Array(H * T);
    const activityPosts = new Float64Array(H * T);
    const buyPosts = new Float64Array(H * T);
    const womPosts = new Float64Array(H);
    const contentHours = new Float64Array(H);
    const platformNames = [...new Set(community.contents.map((c) => c.platform ?? community.platforms[0] ?? ''))];
    const platformPosts = new Float64Array(platformNames.length * H * T);
    const publicContents: CompiledPublicContent[] = [];
    community.contents.forEach((content, c) => {
        contentCost[c] = table.add(content.costPerPost);
        for (const s of content.schedules) {
            const n = occurrencesPerWeek(s, plan.start, H);
            for (let w = 0; w < H; w++) contentPosts[c * H + w] += n[w];
        }
        if (content.postsPerWeek !== undefined) rescaleCadence(contentPosts.subarray(c * H, (c + 1) * H), content.postsPerWeek);
        const mask = tierMaskOf(ctx, content.tiers);
        const effect = contentEffect(content.kind);
        const platformName = content.platform ?? community.platforms[0] ?? '';
        const p = platformNames.indexOf(platformName);
        const posts = contentPosts.subarray(c * H, (c + 1) * H);
        for (let w = 0; w < H; w++) {
            const n = posts[w];
            if (n === 0) continue;
            womPosts[w] += n * effect.wom;
            contentHours[w] += n * HOURS_PER_POST;
            for (let t = 0; t < T; t++) {
                if (!mask[t]) continue;
                allPosts[w * T + t] += n;
                if (effect.promotional) promoPosts[w * T + t] += n;
                activityPosts[w * T + t] += n * effect.activity;
                buyPosts[w * T + t] += n * effect.buys;
                platformPosts[(p * H + w) * T + t] += n;
            }
        }
        // Public platforms: the posts are seen outside the community and bring members in.
        const kind = platformKind.get(platformName);
        const reach = kind !== undefined ? publicReachOf(kind, (key) => assumptions.overriddenValue(key)) : undefined;
        if (reach || content.reachPerPost || content.joinRate) {
            publicContents.push({
                name: content.name,
                into: idx(content.into, entry, `Content "${content.name}"`),
                posts: Float64Array.from(posts),
                reach: table.add(content.reachPerPost ?? reach?.reach ?? { kind: 'fixed', value: 0 }, 1),
                joinRate: table.add(content.joinRate ?? reach?.joinRate ?? { kind: 'fixed', value: 0 }, 1),
            });
        }
    });
    const contentChurn = new Float64Array(H * T);
    const contentActive = new Float64Array(H * T);
    const contentBuys = new Float64Array(H * T);
    const wordOfMouth = new Float64Array(H).fill(1);
    const thresholds = platformNames.map((name) => assumptions.fatigueThreshold(platformKind.get(name)));
    for (let w = 0; w < H; w++) {
        if (womPosts[w] > 0) wordOfMouth[w] = 1 + womLift * saturating(womPosts[w]);
        for (let t = 0; t < T; t++) {
            const i = w * T + t;
            let extra = 0;
            if (allPosts[i] > 0) {
                const share = promoPosts[i] / allPosts[i];
                // Below the volume floor the uplift is scaled down: one promotion a week is not a promotions-only group.
                const volume = promoFloor > 0 ? Math.min(1, promoPosts[i] / promoFloor) : 1;
                if (share > promoThreshold) extra += promoThreshold < 1 ? (volume * promoUplift * (share - promoThreshold)) / (1 - promoThreshold) : 0;
            }
            for (let p = 0; p < platformNames.length; p++) {
                const over = platformPosts[(p * H + w) * T + t] - thresholds[p];
                if (over > 0) extra += fatigueBeta * over;
            }
            contentChurn[i] = extra;
            contentActive[i] = activityLift * saturating(activityPosts[i]);
            contentBuys[i] = buyLift * saturating(buyPosts[i]);
        }
    }
    return { contentPosts, contentCost, contentChurn, contentActive, contentBuys, wordOfMouth, publicContents, contentHours };
}
