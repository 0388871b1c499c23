// Compliance checks (domain brief §4): China prize sales (top prize, disclosures), WeChat's ban on
// inducing sharing, PIPL/GDPR consent, US sweepstakes free entry, and "广告" labels on purchase links.
import { listOf, t } from '../../engine/messages.js';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { CommunityServices } from '../community-module.js';
import {
    isActivity,
    isCommunity,
    isOneOff,
    isRecurrence,
    type Activity,
    type Community,
    type Content,
    type DataCollection,
    type Referral,
    type Tier,
} from '../generated/ast.js';
import { currencyOf, readQuantity } from '../quantity.js';
import { fmt, isChinaFacing, isPromotional, lightFacts, planFacts } from './domain-calc.js';
import { report } from './report.js';
import { isValidDate } from './values.js';

/** The ¥50,000 cap on a lottery-type prize sale's top prize (Anti-Unfair Competition Law 2017/2019). */
export const CN_TOP_PRIZE_CAP = 50_000;
const LOTTERY_KINDS = new Set(['lottery', 'sweepstakes']);
const SHARING_MECHANICS = new Set(['poster', 'task-share']);
const BANNED_SHARE_TARGETS = new Set(['moments', 'link']);
/**
 * Field names that are sensitive personal information under PIPL Art. 28 (location and whereabouts,
 * minors under 14, financial accounts, health, specific identity, biometrics, religion), in English
 * and in the words Chinese forms use (GB/T 35273-2020 Annex B: 身份证件号码, 银行账户, 行踪轨迹,
 * 住址 …). A phone number (手机号) is personal but not sensitive: data-consent covers it.
 */
const SENSITIVE = new RegExp(
    [
        // location and whereabouts
        'location',
        'gps',
        'home address',
        'street address',
        '位置',
        '定位',
        '行踪',
        '轨迹',
        '住址',
        '家庭地址',
        '收货地址',
        '住所',
        '门牌',
        // minors: a child's or baby's age, name, school …
        'minor',
        'child',
        'kid',
        'baby',
        'infant',
        'toddler',
        '未成年',
        '儿童',
        '孩子',
        '小孩',
        '宝宝',
        '宝贝',
        '婴儿',
        '幼儿',
        '学生',
        // financial accounts
        'bank',
        'card',
        'financial',
        'account',
        'payment',
        '银行',
        '金融',
        '账户',
        '账号',
        '卡号',
        '银行卡',
        '信用卡',
        '支付',
        '征信',
        '收入',
        // health
        'health',
        'medical',
        '健康',
        '医疗',
        '病史',
        '病历',
        '体检',
        '孕',
        '怀孕',
        // identity, biometrics, religion
        'id[- ]?(card|number)',
        'passport',
        '身份证',
        '证件',
        '护照',
        '社保',
        'biometric',
        'face',
        'fingerprint',
        '人脸',
        '面部',
        '指纹',
        '声纹',
        'religio',
        '宗教',
        '信仰',
    ].join('|'),
    'i',
);

export type Disclosure = 'odds' | 'draw' | 'redemption';

export class ComplianceChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    lottery(activity: Activity, accept: ValidationAcceptor): void {
        const community = activity.$container;
        const facts = lightFacts(this.services, community);
        const isLottery = activity.lottery !== undefined || (activity.kind !== undefined && LOTTERY_KINDS.has(activity.kind));
        if (!isLottery) return;
        if (isChinaFacing(facts)) {
            const lottery = activity.lottery;
            if (lottery?.topPrize) {
                const m = readQuantity(lottery.topPrize);
                const inCny = currencyOf(m.unit) === 'CNY' || (m.unit === undefined && currencyOf(facts.plan.currency) === 'CNY');
                if (inCny && m.center > CN_TOP_PRIZE_CAP) {
                    report(
                        accept,
                        this.lang,
                        'lottery-top-prize',
                        { prize: `${fmt(m.center)} ${m.unit ?? facts.plan.currency}` },
                        { node: lottery, property: 'topPrize' },
                    );
                }
            }
            const missing: Disclosure[] = [];
            if (!lottery?.odds?.trim()) missing.push('odds');
            if (!lottery?.drawDate) missing.push('draw');
            if (!lottery?.redemption?.trim()) missing.push('redemption');
            if (missing.length > 0) {
                const words = listOf(
                    missing.map((m) => t(`lottery.missing.${m}`, {}, this.lang)),
                    this.lang,
                );
                report(
                    accept,
                    this.lang,
                    'lottery-disclosure',
                    { activity: activity.name, missing: words },
                    {
                        node: lottery ?? activity,
                        property: (lottery ? undefined : 'kind') as never,
                        data: { missing },
                    },
                );
            }
        }
        // The draw must come after the lottery opens (its first date, or the plan's start for a recurring one).
        const draw = activity.lottery?.drawDate;
        if (draw && isValidDate(draw)) {
            const starts = activity.schedules
                .map((s) => (isOneOff(s) ? s.date : isRecurrence(s) ? (s.from ?? facts.plan.start) : undefined))
                .filter((d): d is string => d !== undefined && isValidDate(d));
            const opens = starts.sort()[0];
            if (opens && draw < opens)
                report(accept, this.lang, 'lottery-draw-early', { activity: activity.name, draw, opens }, { node: activity.lottery!, property: 'drawDate' });
        }
        if (facts.plan.markets.includes('US') && !activity.lottery?.freeEntry?.trim()) {
            report(accept, this.lang, 'sweepstakes-free-entry', { activity: activity.name }, { node: activity, property: 'name' });
        }
    }

    /** `entry share post` (share to Moments to get in): the 诱导分享 rule applies as for a rewarded poster. */
    entryShare(tier: Tier, accept: ValidationAcceptor): void {
        if (tier.entry?.condition !== 'share') return;
        const facts = lightFacts(this.services, tier.$container);
        const onWeChat = facts.platforms.some((p) => p.kind.startsWith('wechat') || p.kind.startsWith('wecom'));
        if (!onWeChat) return;
        report(accept, this.lang, 'induced-sharing-entry', { tier: tier.name }, { node: tier.entry, property: 'condition' });
    }

    sharing(referral: Referral, accept: ValidationAcceptor): void {
        if (!referral.reward) return;
        const community = referral.$container;
        const facts = lightFacts(this.services, community);
        const onWeChat = facts.platforms.some((p) => p.kind.startsWith('wechat') || p.kind.startsWith('wecom'));
        if (!onWeChat && !isChinaFacing(facts)) return;
        const lang = this.lang;
        const named = referral.sharesTo.filter((t) => BANNED_SHARE_TARGETS.has(t));
        let targets: string[] = named.map((target) => t(target === 'moments' ? 'share.moments' : 'share.external-links', {}, lang));
        if (referral.sharesTo.length === 0 && referral.mechanic && SHARING_MECHANICS.has(referral.mechanic)) {
            targets = [t('share.moments-implied', { mechanic: referral.mechanic }, lang)];
        }
        if (targets.length === 0) return;
        const index = referral.sharesTo.findIndex((t) => BANNED_SHARE_TARGETS.has(t));
        report(
            accept,
            this.lang,
            'induced-sharing',
            { referral: referral.name, targets: listOf(targets, lang) },
            {
                node: referral,
                property: index >= 0 ? 'sharesTo' : 'mechanic',
                index: index >= 0 ? index : undefined,
            },
        );
    }

    data(data: DataCollection, accept: ValidationAcceptor): void {
        if (data.fields.length === 0) return;
        const owner = isActivity(data.$container) || isCommunity(data.$container) ? (data.$container as Activity | Community).name : '?';
        const missing: Array<'consent' | 'purpose' | 'retention'> = [];
        if (!data.consent) missing.push('consent');
        if (!data.purpose?.trim()) missing.push('purpose');
        if (!data.retention) missing.push('retention');
        const fields = data.fields.join(', ');
        if (missing.length > 0) {
            const words = missing.map((m) => t(`data.missing.${m}`, {}, this.lang));
            report(accept, this.lang, 'data-consent', { owner, fields, missing: listOf(words, this.lang) }, { node: data, data: { missing } });
        }
        const sensitive = data.fields.filter((f) => SENSITIVE.test(f));
        if (sensitive.length > 0 && data.consentKind !== 'separate') {
            report(
                accept,
                this.lang,
                'sensitive-data',
                { owner, fields: sensitive.join(', ') },
                { node: data, property: data.consent ? 'consent' : undefined },
            );
        }
    }

    adLabel(content: Content, accept: ValidationAcceptor): void {
        if (!content.link || !isPromotional(content)) return;
        if (content.label?.includes('广告')) return;
        const community = AstUtils.getContainerOfType(content, isCommunity);
        const china = community ? isChinaFacing(lightFacts(this.services, community)) : planFacts(this.services, content).markets.includes('CN');
        if (!china) return;
        report(accept, this.lang, 'ad-label-missing', { content: content.name }, { node: content, property: content.label ? 'label' : 'link' });
    }
}
