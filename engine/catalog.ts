// Words a plan uses for kinds of things, with a short explanation each (completion and hovers
// show them; validation warns on unknown ones so a typo does not silently change the forecast).

export interface CatalogEntry {
    readonly en: string;
    readonly zh: string;
}

export const CONTENT_KINDS = {
    educational: { en: 'Industry knowledge, how-tos and tips: lifts activity', zh: '行业知识、教程与技巧：提升活跃' },
    tips: { en: 'Short practical tips', zh: '实用小技巧' },
    product: { en: 'Product information', zh: '产品信息' },
    'case-study': { en: 'Case studies', zh: '案例分享' },
    story: { en: 'Member stories', zh: '用户故事' },
    ugc: { en: 'User-generated content: lifts activity the most', zh: '用户原创内容：对活跃提升最大' },
    interaction: { en: 'Questions, polls and prompts for discussion', zh: '互动话题、投票' },
    news: { en: 'News and announcements', zh: '新闻与公告' },
    promotional: { en: 'Promotions, coupons and flash sales: too large a share raises churn', zh: '促销、优惠券与限时抢购：占比过高会增加流失' },
    livestream: { en: 'Livestreams', zh: '直播' },
} as const satisfies Record<string, CatalogEntry>;

export const CONTENT_FORMATS = {
    text: { en: 'Text', zh: '文字' },
    image: { en: 'Image or poster', zh: '图片/海报' },
    video: { en: 'Short video', zh: '短视频' },
    livestream: { en: 'Livestream', zh: '直播' },
    article: { en: 'Long-form article', zh: '长文' },
    audio: { en: 'Audio', zh: '音频' },
} as const satisfies Record<string, CatalogEntry>;

export const ACTIVITY_KINDS = {
    qa: { en: 'Q&A session', zh: '问答' },
    lottery: { en: 'Lottery / lucky draw (抽奖): needs odds, draw time and redemption', zh: '抽奖：需公示中奖概率、开奖时间与兑奖方式' },
    vote: { en: 'Vote', zh: '投票' },
    discussion: { en: 'Topic discussion', zh: '话题讨论' },
    challenge: { en: 'Check-in challenge (打卡)', zh: '打卡挑战' },
    livestream: { en: 'Livestream', zh: '直播' },
    'flash-sale': { en: 'Flash sale (限时抢购)', zh: '限时抢购' },
    workshop: { en: 'Workshop', zh: '工作坊' },
    meetup: { en: 'Meetup', zh: '线下聚会' },
    salon: { en: 'Salon or lecture (沙龙讲座)', zh: '沙龙讲座' },
    trial: { en: 'Product trial', zh: '产品体验' },
    sport: { en: 'Sport event', zh: '体育活动' },
    charity: { en: 'Charity event', zh: '公益活动' },
    sweepstakes: { en: 'Sweepstakes (US: needs a free entry route)', zh: '抽奖活动（美国需提供免费参与方式）' },
    hackathon: { en: 'Hackathon', zh: '黑客松' },
    'office-hours': { en: 'Office hours', zh: '答疑时间' },
} as const satisfies Record<string, CatalogEntry>;

export const REFERRAL_MECHANICS = {
    'invite-code': { en: 'Invite codes: both sides rewarded', zh: '邀请码：双方获奖励' },
    'task-share': { en: 'Task sharing: complete a task and share to get a coupon', zh: '任务分享：完成任务并分享获得优惠券' },
    poster: { en: 'Poster sharing: reward after N views or likes', zh: '海报分享：达到浏览或点赞数后奖励' },
    'referral-link': { en: 'Personal referral link', zh: '个人推荐链接' },
} as const satisfies Record<string, CatalogEntry>;

export const ENTRY_CONDITIONS = {
    open: { en: 'Anyone may join', zh: '任何人可加入' },
    share: { en: 'Share a post to join (low threshold)', zh: '转发即可加入（低门槛）' },
    invite: { en: 'By invitation', zh: '受邀加入' },
    application: { en: 'Apply and be approved', zh: '申请审核' },
    purchase: { en: 'Buy a product to join', zh: '购买产品后加入' },
    fee: { en: 'Pay a fee (high threshold)', zh: '付费加入（高门槛）' },
} as const satisfies Record<string, CatalogEntry>;

export const INCENTIVE_KINDS = {
    points: { en: 'Points (积分)', zh: '积分' },
    coupon: { en: 'Coupon', zh: '优惠券' },
    gift: { en: 'Gift', zh: '礼品' },
    'red-packet': { en: 'Red packet (红包)', zh: '红包' },
    badge: { en: 'Badge or title', zh: '徽章/头衔' },
    cash: { en: 'Cash', zh: '现金' },
    pack: { en: 'Resource pack (资料包): templates, guides, course notes', zh: '资料包：模板、指南、课程笔记' },
} as const satisfies Record<string, CatalogEntry>;

export const SHARE_TARGETS = {
    moments: { en: 'WeChat Moments (朋友圈): rewards for sharing here are banned', zh: '朋友圈：禁止诱导分享' },
    link: { en: 'External links', zh: '外部链接' },
    group: { en: 'Group chats', zh: '群聊' },
    'in-app': { en: 'Inside the app (invite codes)', zh: '应用内（邀请码）' },
} as const satisfies Record<string, CatalogEntry>;

export const MARKETS = {
    CN: { en: 'Mainland China', zh: '中国大陆' },
    US: { en: 'United States', zh: '美国' },
    EU: { en: 'European Union', zh: '欧盟' },
    UK: { en: 'United Kingdom', zh: '英国' },
    global: { en: 'Worldwide', zh: '全球' },
} as const satisfies Record<string, CatalogEntry>;
