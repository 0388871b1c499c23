// Schedule checks: offline activities that need the same staff at the same time, posts outside the
// audience's active hours, cadences above the fatigue threshold and mostly promotional cadences.
import { t } from '../../engine/messages.js';
import { AstUtils, type ValidationAcceptor } from 'langium';
import type { CommunityServices } from '../community-module.js';
import { isCommunity, isOneOff, isRecurrence, type Activity, type Community, type Content, type Recurrence } from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import { activityMinutes, communityFacts, fmt, isPromotional, lightFacts, maxOf, minutesOf, pct, runStarts, sum } from './domain-calc.js';
import { addDays } from '../plan-context.js';
import { isValidDate, isValidTime } from './values.js';
import { report } from './report.js';

export class ScheduleChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    /** Two offline activities overlapping in time with the same owner, or more staff than the team has. */
    overlaps(community: Community, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        const offline = community.activities.filter((a) => a.mode === 'offline' && a.schedules.length > 0);
        if (offline.length < 2) return;
        const team = facts.plan.teamPeople;
        const staffOf = (a: Activity) => (a.staff ? readQuantity(a.staff).center : 1);
        const runs = new Map(offline.map((a) => [a, runStarts(a, facts).sort((x, y) => x - y)]));
        for (let i = 0; i < offline.length; i++) {
            for (let j = i + 1; j < offline.length; j++) {
                const [a, b] = [offline[i], offline[j]];
                const sameOwner = a.owner !== undefined && a.owner === b.owner;
                const tooMany = team !== undefined && staffOf(a) + staffOf(b) > team;
                if (!sameOwner && !tooMany) continue;
                const overlap = firstOverlap(runs.get(a)!, activityMinutes(a), runs.get(b)!, activityMinutes(b));
                if (overlap === undefined) continue;
                const date = new Date(overlap * 60_000).toISOString().slice(0, 16).replace('T', ' ');
                const who = sameOwner ? a.owner! : t('schedule.staff-team', { staff: fmt(staffOf(a) + staffOf(b)), team: fmt(team!) }, this.lang);
                report(accept, this.lang, 'offline-overlap', { first: a.name, second: b.name, date, who }, { node: b, property: 'name' });
            }
        }
    }

    /** Post times outside every active window of the community's audiences. */
    activeHours(community: Community, accept: ValidationAcceptor): void {
        const audiences = community.audiences.map((r) => r.ref).filter((a) => a !== undefined && a.windows.length > 0);
        if (audiences.length === 0) return;
        for (const content of community.contents) {
            for (const s of content.schedules) {
                const times = isRecurrence(s) ? s.times : isOneOff(s) && s.time ? [s.time] : [];
                times.forEach((time, index) => {
                    if (!isValidTime(time)) return;
                    const t = minutesOf(time);
                    const inside = audiences.some((a) =>
                        a!.windows.some((w) => isValidTime(w.start) && isValidTime(w.end) && within(t, minutesOf(w.start), minutesOf(w.end))),
                    );
                    if (inside) return;
                    const audience = audiences[0]!;
                    const windows = audience.windows.map((w) => `${w.start}-${w.end}`).join(', ');
                    report(
                        accept,
                        this.lang,
                        'post-outside-active-hours',
                        { content: content.name, time, audience: audience.name, windows },
                        {
                            node: s,
                            property: isRecurrence(s) ? 'times' : 'time',
                            index: isRecurrence(s) ? index : undefined,
                        },
                    );
                });
            }
        }
    }

    /** Posts per week on one platform above its fatigue threshold, and the promotional share. */
    cadence(community: Community, accept: ValidationAcceptor): void {
        const facts = communityFacts(this.services, community);
        if (!facts.plan.start) return;
        const weeks = facts.plan.weeks;
        for (const platform of facts.platforms) {
            const total = new Float64Array(weeks);
            const contents = community.contents.filter((c) => !c.platform || c.platform.ref === platform.node);
            for (const c of contents) facts.posts.get(c)!.forEach((n, w) => (total[w] += n));
            const peak = maxOf(total);
            const threshold = facts.plan.assumptions.fatigueThreshold(platform.kind || undefined);
            if (peak > threshold) {
                const busiest = contents.reduce((a, b) => (sum(facts.posts.get(b)!) > sum(facts.posts.get(a)!) ? b : a));
                report(
                    accept,
                    this.lang,
                    'cadence-fatigue',
                    { community: community.name, posts: fmt(peak, 1), platform: platform.node.name, threshold: fmt(threshold, 1) },
                    { node: busiest, property: 'schedules' },
                );
            }
        }
        let all = 0;
        let promo = 0;
        let firstPromo: Content | undefined;
        for (const c of community.contents) {
            const n = sum(facts.posts.get(c)!);
            all += n;
            if (isPromotional(c)) {
                promo += n;
                if (n > 0) firstPromo ??= c;
            }
        }
        const threshold = facts.plan.assumptions.get('promo-share-threshold');
        if (all > 0 && firstPromo && promo / all > threshold) {
            report(
                accept,
                this.lang,
                'promo-heavy',
                {
                    share: pct(promo / all),
                    community: community.name,
                    promo: fmt(promo / weeks, 1),
                    total: fmt(all / weeks, 1),
                    threshold: pct(threshold),
                },
                { node: firstPromo, property: 'kind' },
            );
        }
    }

    /** `every month on day 29/30/31`: the months of the plan that have no such day are skipped (RFC 5545). */
    monthDays(schedule: Recurrence, accept: ValidationAcceptor): void {
        if (schedule.frequency !== 'month' && schedule.frequency !== 'months') return;
        const days = schedule.monthDays.filter((d) => d > 28 && d <= 31);
        if (days.length === 0) return;
        const community = AstUtils.getContainerOfType(schedule, isCommunity);
        if (!community) return;
        const plan = lightFacts(this.services, community).plan;
        if (!plan.start || !isValidDate(plan.start)) return;
        const from = schedule.from && isValidDate(schedule.from) ? schedule.from : plan.start;
        const end = addDays(plan.start, plan.weeks * 7 - 1);
        const until = schedule.until && isValidDate(schedule.until) && schedule.until < end ? schedule.until : end;
        const day = Math.min(...days);
        const skipped: string[] = [];
        let [y, m] = from.split('-').map(Number);
        const last = until.slice(0, 7);
        for (let month = `${y}-${String(m).padStart(2, '0')}`; month <= last; month = `${y}-${String(m).padStart(2, '0')}`) {
            // Date.UTC(y, m, 0) is the last day of month m (1-based).
            if (new Date(Date.UTC(y, m, 0)).getUTCDate() < day) skipped.push(month);
            m++;
            if (m > 12) {
                m = 1;
                y++;
            }
        }
        if (skipped.length > 0)
            report(
                accept,
                this.lang,
                'month-day-skips',
                { day, months: skipped.join(', ') },
                { node: schedule, property: 'monthDays', index: schedule.monthDays.indexOf(day) },
            );
    }
}

/** Whether minute-of-day t is inside [start, end), windows may wrap past midnight. */
function within(t: number, start: number, end: number): boolean {
    return start <= end ? t >= start && t < end : t >= start || t < end;
}

/** The first minute at which runs of a and b (sorted starts, fixed lengths) overlap. */
function firstOverlap(a: number[], lenA: number, b: number[], lenB: number): number | undefined {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
        const [s1, e1, s2, e2] = [a[i], a[i] + lenA, b[j], b[j] + lenB];
        if (s1 < e2 && s2 < e1) return Math.max(s1, s2);
        if (e1 <= e2) i++;
        else j++;
    }
    return undefined;
}
