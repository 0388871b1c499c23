// Platform limits (domain brief §3) from engine/platforms.ts, overridable per plan with `limit KEY N`
// or `group capacity N`: groups a tier will outgrow, QR joining past its cap, Discord counts and
// WeCom broadcast caps against the content cadence.
import { t } from '../../engine/messages.js';
import type { ValidationAcceptor } from 'langium';
import type { CommunityServices } from '../community-module.js';
import type { Community, Content } from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import { compareText } from '../../engine/text.js';
import { communityFacts, fmt, maxOf, sum, type ResolvedPlatform } from './domain-calc.js';
import { report } from './report.js';

const GROUP_KINDS = new Set(['wechat-group', 'wecom-group', 'wecom-internal', 'qq-group', 'douyin-fan-group', 'telegram']);
const INVITE_ONLY = new Set(['invite', 'application']);

export class PlatformChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    private label(p: ResolvedPlatform): string {
        return p.node.title ?? p.node.name;
    }

    /** Tiers that outgrow one group, and QR joining past its cap (projection: slow category). */
    groups(community: Community, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        for (const platform of facts.platforms) {
            if (!GROUP_KINDS.has(platform.kind)) continue;
            const cap = platform.limits['group-capacity'];
            const qr = platform.limits['qr-join'];
            for (const tier of community.tiers) {
                // A tier that names its platform needs groups only there (as the forecast's groups series).
                if (tier.platform && tier.platform.ref !== platform.node) continue;
                const series = facts.p90.members.get(tier);
                if (!series) continue;
                const peak = Math.round(maxOf(series));
                const planned = tier.capacity ? readQuantity(tier.capacity).center : undefined;
                if (cap && peak > cap) {
                    const groups = Math.ceil(peak / cap);
                    if (planned === undefined || planned < peak) {
                        report(
                            accept,
                            this.lang,
                            'group-outgrown',
                            { tier: tier.name, members: fmt(peak), cap: fmt(cap), platform: this.label(platform), groups },
                            {
                                node: tier,
                                property: 'name',
                                data: { groups, cap, capacity: groups * cap },
                            },
                        );
                    }
                }
                const perGroup = cap ? Math.min(peak, cap) : peak;
                const entry = tier.entry?.condition;
                if (qr && perGroup > qr && !(entry && INVITE_ONLY.has(entry))) {
                    report(
                        accept,
                        this.lang,
                        'qr-join-cap',
                        { tier: tier.name, platform: this.label(platform), limit: fmt(qr) },
                        { node: tier, property: 'name' },
                    );
                }
            }
        }
    }

    /** Discord roles, channels and scheduled events; WeCom broadcasts per month (fast: counts only). */
    counts(community: Community, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        for (const platform of facts.platforms) {
            if (platform.kind === 'discord') {
                const runs = community.activities.reduce((s, a) => s + sum(facts.runs.get(a)!), 0);
                const channels = community.contents.length + community.activities.length;
                const checks: Array<[string, number, string]> = [
                    [t('discord.scheduled-events', {}, this.lang), runs, 'scheduled-events'],
                    [t('discord.roles', {}, this.lang), community.tiers.length, 'roles'],
                    [t('discord.channels', {}, this.lang), channels, 'channels'],
                ];
                for (const [what, count, key] of checks) {
                    const limit = platform.limits[key];
                    if (limit !== undefined && count > limit) {
                        report(
                            accept,
                            this.lang,
                            'discord-limit',
                            { what, count: fmt(count), limit: fmt(limit), platform: platform.node.name },
                            { node: community, property: 'platforms', index: community.platforms.findIndex((r) => r.ref === platform.node) },
                        );
                    }
                }
            }
            if (platform.kind === 'wecom-group' && facts.plan.start) {
                this.wecomBroadcasts(community, platform, accept);
            }
        }
    }

    private wecomBroadcasts(community: Community, platform: ResolvedPlatform, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        const overridden =
            platform.node.limits.some((l) => l.key === 'mass-messages-per-month') ||
            'mass-messages-per-month' in this.services.community.Settings.limitsFor(platform.kind);
        const byMonth = new Map<string, number>();
        const start = new Date(`${facts.plan.start}T00:00:00Z`);
        // Company broadcasts only: posts sent manually in the group are not mass messages.
        const sending: Content[] = community.contents.filter((c) => (!c.platform || c.platform.ref === platform.node) && c.delivery !== 'manually');
        for (const c of sending) {
            const weeks = facts.posts.get(c)!;
            for (let w = 0; w < weeks.length; w++) {
                if (weeks[w] === 0) continue;
                // Attribute a week's posts to the month of its Thursday (ISO-style week-to-month rule).
                const mid = new Date(start.getTime() + (w * 7 + 3) * 86_400_000).toISOString().slice(0, 7);
                byMonth.set(mid, (byMonth.get(mid) ?? 0) + weeks[w]);
            }
        }
        for (const [month, count] of [...byMonth].sort(([a], [b]) => compareText(a, b))) {
            const [y, m] = month.split('-').map(Number);
            const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
            const limit = overridden ? platform.limits['mass-messages-per-month'] : days;
            if (count > limit) {
                const worst = sending.reduce((a, b) => (sum(facts.posts.get(b)!) > sum(facts.posts.get(a)!) ? b : a));
                report(
                    accept,
                    this.lang,
                    'wecom-mass-messages',
                    { community: community.name, count: fmt(count), month, limit: fmt(limit) },
                    { node: worst, property: 'schedules' },
                );
                return;
            }
        }
    }
}
