// Platform limits, versioned, with sources and confidence (domain brief §3). A plan overrides any
// entry with `limit KEY VALUE` (or `group capacity N`) in its platform block. Weak numbers are
// defaults that draw warnings or info, never hard errors.

export const PLATFORM_LIMITS_VERSION = '2026-11-01';

export type Confidence = 'official' | 'secondary' | 'weak';

export interface LimitDef {
    readonly value: number;
    readonly en: string;
    readonly zh: string;
    readonly confidence: Confidence;
    readonly source: string;
}

export interface PlatformKindDef {
    readonly label: string;
    readonly region: 'CN' | 'West';
    /**
     * Posts per week above which members tire (posting-fatigue threshold, brief §2). The single source
     * of the forecast's `fatigue-threshold-<kind>` defaults (engine/assumptions.ts); plans override
     * them with `assume fatigue-threshold-<kind> N`.
     */
    readonly fatiguePostsPerWeek: number;
    /** Where the fatigue threshold comes from and how much to trust it. */
    readonly fatigueBasis: string;
    readonly limits: Readonly<Record<string, LimitDef>>;
}

const wechatGroupCapacity: LimitDef = {
    value: 500,
    en: 'members per WeChat group',
    zh: '每个微信群人数上限',
    confidence: 'secondary',
    source: 'WeChat help centre; practitioner reports',
};

export const PLATFORM_KINDS = {
    'wechat-group': {
        label: 'WeChat group 微信群',
        region: 'CN',
        fatiguePostsPerWeek: 14,
        fatigueBasis: '~2 posts a day (practitioner advice for chat groups); weak.',
        limits: {
            'group-capacity': wechatGroupCapacity,
            'invite-accept-above': {
                value: 40,
                en: 'members above which invitees must accept',
                zh: '超过此人数需被邀请人同意',
                confidence: 'weak',
                source: 'practitioner reports',
            },
            'real-name-above': {
                value: 100,
                en: 'members above which inviters need real-name verification',
                zh: '超过此人数需实名验证',
                confidence: 'weak',
                source: 'practitioner reports',
            },
            'qr-join': {
                value: 200,
                en: 'members above which joining by group QR code stops',
                zh: '超过此人数无法扫码入群',
                confidence: 'weak',
                source: 'practitioner reports',
            },
            'qr-valid-days': { value: 7, en: 'days a group QR code stays valid', zh: '群二维码有效天数', confidence: 'secondary', source: 'WeChat client' },
        },
    },
    'wecom-group': {
        label: 'WeCom customer group 企业微信客户群',
        region: 'CN',
        fatiguePostsPerWeek: 7,
        fatigueBasis: 'WeCom mass-message limits (about one broadcast a day); official limit, fatigue reading weak.',
        limits: {
            'group-capacity': {
                value: 500,
                en: 'members per customer group created by a WeCom member',
                zh: '企业成员创建的客户群人数上限',
                confidence: 'weak',
                source: 'WeCom help centre',
            },
            'mass-messages-per-month': {
                value: 30,
                en: 'company broadcasts each customer or group may receive per month (as many as the month has days)',
                zh: '每位客户/每个群每月可接收的群发次数（与当月天数相同）',
                confidence: 'official',
                source: 'WeCom admin docs: customer broadcast rules',
            },
            'join-way-groups': {
                value: 5,
                en: 'groups one join-way QR code links (auto-creates a new group when full)',
                zh: '一个入群方式二维码可关联的群数',
                confidence: 'official',
                source: 'WeCom API add_join_way',
            },
        },
    },
    'wecom-internal': {
        label: 'WeCom internal group 企业微信内部群',
        region: 'CN',
        fatiguePostsPerWeek: 20,
        fatigueBasis: 'Modelling choice (colleagues tolerate more than customers); weak.',
        limits: { 'group-capacity': { value: 2000, en: 'members per internal group', zh: '内部群人数上限', confidence: 'weak', source: 'WeCom help centre' } },
    },
    'qq-group': {
        label: 'QQ group QQ群',
        region: 'CN',
        fatiguePostsPerWeek: 14,
        fatigueBasis: 'As WeChat groups; weak.',
        limits: {
            'group-capacity': {
                value: 500,
                en: 'members per ordinary QQ group (1,000–3,000 with paid tiers)',
                zh: '普通QQ群人数上限（付费可达1000–3000）',
                confidence: 'weak',
                source: 'QQ help centre',
            },
        },
    },
    'douyin-fan-group': {
        label: 'Douyin fan group 抖音粉丝群',
        region: 'CN',
        fatiguePostsPerWeek: 7,
        fatigueBasis: 'Modelling choice; weak.',
        limits: {
            'group-capacity': {
                value: 500,
                en: 'members per fan group (varies by follower band)',
                zh: '粉丝群人数上限（随粉丝量级变化）',
                confidence: 'weak',
                source: 'practitioner reports only; varies by follower band (weak)',
            },
        },
    },
    douyin: { label: 'Douyin account 抖音', region: 'CN', fatiguePostsPerWeek: 14, fatigueBasis: 'Modelling choice; weak.', limits: {} },
    xiaohongshu: { label: 'Xiaohongshu 小红书', region: 'CN', fatiguePostsPerWeek: 7, fatigueBasis: 'Modelling choice; weak.', limits: {} },
    weibo: { label: 'Weibo 微博', region: 'CN', fatiguePostsPerWeek: 21, fatigueBasis: 'Modelling choice (a feed, not a chat); weak.', limits: {} },
    douban: { label: 'Douban group 豆瓣小组', region: 'CN', fatiguePostsPerWeek: 10, fatigueBasis: 'Modelling choice; weak.', limits: {} },
    bilibili: {
        label: 'Bilibili account 哔哩哔哩',
        region: 'CN',
        fatiguePostsPerWeek: 7,
        fatigueBasis: 'Modelling choice (videos, not chat); weak.',
        limits: {},
    },
    'wechat-official-account': {
        label: 'WeChat official account 微信公众号',
        region: 'CN',
        fatiguePostsPerWeek: 7,
        fatigueBasis: 'Subscription accounts send one batch a day; fatigue reading weak.',
        limits: {},
    },
    discord: {
        label: 'Discord server',
        region: 'West',
        fatiguePostsPerWeek: 35,
        fatigueBasis: 'Modelling choice (posts spread over channels members can mute); weak.',
        limits: {
            roles: { value: 250, en: 'roles per server', zh: '每个服务器的角色数', confidence: 'official', source: 'Discord developer docs' },
            channels: { value: 500, en: 'channels per server', zh: '每个服务器的频道数', confidence: 'official', source: 'Discord developer docs' },
            'channels-per-category': {
                value: 50,
                en: 'channels per category',
                zh: '每个分类的频道数',
                confidence: 'official',
                source: 'Discord developer docs',
            },
            'scheduled-events': {
                value: 100,
                en: 'scheduled events per server',
                zh: '每个服务器的预定活动数',
                confidence: 'official',
                source: 'Discord developer docs',
            },
            'members-without-approval': {
                value: 500000,
                en: 'members before Discord approval is needed',
                zh: '无需审批的成员上限',
                confidence: 'official',
                source: 'Discord support',
            },
        },
    },
    slack: {
        label: 'Slack workspace (free)',
        region: 'West',
        fatiguePostsPerWeek: 35,
        fatigueBasis: 'Modelling choice (channels members can mute); weak.',
        limits: {
            'history-days': {
                value: 90,
                en: 'days of visible history on the free plan',
                zh: '免费版可见历史天数',
                confidence: 'official',
                source: 'Slack pricing page',
            },
            apps: { value: 10, en: 'apps on the free plan', zh: '免费版应用数', confidence: 'official', source: 'Slack pricing page' },
        },
    },
    discourse: {
        label: 'Discourse forum',
        region: 'West',
        fatiguePostsPerWeek: 21,
        fatigueBasis: 'Modelling choice (digest e-mails batch posts); weak.',
        limits: {},
    },
    telegram: {
        label: 'Telegram group',
        region: 'West',
        fatiguePostsPerWeek: 14,
        fatigueBasis: 'Modelling choice; weak.',
        limits: { 'group-capacity': { value: 200000, en: 'members per supergroup', zh: '超级群人数上限', confidence: 'official', source: 'Telegram FAQ' } },
    },
} as const satisfies Record<string, PlatformKindDef>;

export type PlatformKind = keyof typeof PLATFORM_KINDS;

export function isKnownPlatformKind(kind: string): kind is PlatformKind {
    return kind in PLATFORM_KINDS;
}

/** A platform kind's default limits merged with a plan's overrides. */
export function effectiveLimits(kind: string, overrides: Record<string, number>): Record<string, number> {
    const defs: Record<string, LimitDef> = isKnownPlatformKind(kind) ? PLATFORM_KINDS[kind].limits : {};
    const limits: Record<string, number> = {};
    for (const [key, def] of Object.entries(defs)) limits[key] = def.value;
    return { ...limits, ...overrides };
}
