// What each kind of content does to the members who get it (docs/forecast-model.md, "Content").
// Every kind the grammar accepts has an effect; a kind the table does not name gets `other`.
// The weights scale four coefficients a plan can override with `assume`:
//  - activity: × content-activity-lift (points of weekly active rate from the first post of the week);
//  - buys:     × content-buy-lift (points of weekly purchase probability: promotions, product posts and
//              livestreams convert in the week they are posted);
//  - wom:      × content-wom-lift (relative increase of word of mouth: Bass imitation and referral
//              invitations, from posts members want to share);
//  - promotional: counts towards the promotional share that raises churn (promo-share-threshold).
// All posts count towards posting fatigue. The weights are modelling choices after the domain brief
// §6 (valuable and interactive content → activity → retention; promotions convert but tire), weak:
// override the coefficients with `assume`, or calibrate them on the community's own data.

export interface ContentEffect {
    readonly activity: number;
    readonly buys: number;
    readonly wom: number;
    readonly promotional: boolean;
    readonly en: string;
    readonly zh: string;
}

export const CONTENT_EFFECTS: Readonly<Record<string, ContentEffect>> = Object.freeze({
    educational: { activity: 1, buys: 0, wom: 0.5, promotional: false, en: 'activity, some word of mouth', zh: '提升活跃，带来一些口碑传播' },
    tips: { activity: 1, buys: 0, wom: 0.5, promotional: false, en: 'activity, some word of mouth', zh: '提升活跃，带来一些口碑传播' },
    'case-study': { activity: 1, buys: 0.2, wom: 0.5, promotional: false, en: 'activity, a few purchases, word of mouth', zh: '提升活跃，带来少量购买与口碑' },
    story: { activity: 1, buys: 0, wom: 0.7, promotional: false, en: 'activity, word of mouth', zh: '提升活跃与口碑传播' },
    ugc: { activity: 1.2, buys: 0, wom: 1, promotional: false, en: 'the most activity and word of mouth', zh: '对活跃与口碑的提升最大' },
    interaction: { activity: 1.2, buys: 0, wom: 0.8, promotional: false, en: 'activity, word of mouth', zh: '提升活跃与口碑传播' },
    news: { activity: 0.5, buys: 0, wom: 0.3, promotional: false, en: 'a little activity and word of mouth', zh: '少量提升活跃与口碑' },
    promotional: {
        activity: 0.2,
        buys: 1,
        wom: 0.1,
        promotional: true,
        en: 'purchases in the week; a large share raises churn',
        zh: '当周带来购买；占比过高会增加流失',
    },
    product: {
        activity: 0.3,
        buys: 0.8,
        wom: 0.1,
        promotional: true,
        en: 'purchases in the week; a large share raises churn',
        zh: '当周带来购买；占比过高会增加流失',
    },
    livestream: { activity: 1.5, buys: 1.5, wom: 0.5, promotional: false, en: 'activity and purchases in the week', zh: '当周提升活跃并带来购买' },
    other: { activity: 0.5, buys: 0, wom: 0.2, promotional: false, en: 'a little activity and word of mouth', zh: '少量提升活跃与口碑' },
});

/** The effect of a content kind (case-insensitive); unknown kinds get `other`. */
export function contentEffect(kind: string): ContentEffect {
    return CONTENT_EFFECTS[kind.toLowerCase()] ?? CONTENT_EFFECTS.other;
}
