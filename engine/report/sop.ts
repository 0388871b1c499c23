// The 社群SOP sheet (community SOP): what to post or run, in which group or tier, on which day and at
// what time — the sheet WeCom/WeChat operators paste from. One row per scheduled occurrence per
// group: an occurrence aimed at several tiers gives one row per tier, one aimed at no tier gives one
// row for all members; so the rows of each (date, time, item) add up to the schedule's occurrences.
// Values are in the report language; the schedule's own codes (item, community) stay as written.
import { Temporal } from 'temporal-polyfill';
import { CONTENT_FORMATS } from '../catalog.js';
import type { Lang } from '../diagnostics.js';
import type { Activity, Community, Content, Plan } from '../model.js';
import type { Occurrence, PlanSchedule } from '../schedule.js';
import { displayName, occurrenceTitle } from './common.js';
import { kindLabel, labels } from './i18n.js';
import { subkindLabel } from './words.js';

export interface SopRow {
    /** The schedule occurrence this row comes from. */
    occurrence: Occurrence;
    date: string;
    time: string;
    weekday: string;
    community: string;
    group: string;
    kind: string;
    contentKind: string;
    title: string;
    item: string;
    owner: string;
    channel: string;
    checklist: string;
}

const SOP_WORDS = {
    en: {
        headers: ['Date', 'Time', 'Weekday', 'Community', 'Group / tier', 'Kind', 'Content kind', 'Title', 'Item', 'Owner', 'Channel', 'Checklist'],
        sheet: 'Community SOP',
        weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
        allDay: 'all day',
        everyone: 'all members',
        format: (x: string) => `format: ${x}`,
        link: (x: string) => `link: ${x}`,
        materials: (x: string) => `materials: ${x}`,
        staff: (n: number) => `staff: ${n}`,
        capacity: (n: number) => `capacity: ${n}`,
        odds: (x: string) => `publish the odds (${x})`,
        drawAt: (x: string) => `draw: ${x}`,
        redemption: (x: string) => `redemption: ${x}`,
        freeEntry: (x: string) => `free entry: ${x}`,
        prize: (x: string) => `top prize: ${x}`,
        consent: (x: string) => `ask consent before collecting ${x}`,
        announce: 'announce the winners in the group',
        sep: '; ',
    },
    'zh-CN': {
        headers: ['日期', '时间', '星期', '社群', '群/层级', '类型', '内容类型', '标题', '项目', '负责人', '渠道', '检查清单'],
        sheet: '社群SOP',
        weekdays: ['周一', '周二', '周三', '周四', '周五', '周六', '周日'],
        allDay: '全天',
        everyone: '全体成员',
        format: (x: string) => `形式：${x}`,
        link: (x: string) => `链接：${x}`,
        materials: (x: string) => `物料：${x}`,
        staff: (n: number) => `人员：${n}`,
        capacity: (n: number) => `容量：${n}`,
        odds: (x: string) => `公示中奖概率（${x}）`,
        drawAt: (x: string) => `开奖：${x}`,
        redemption: (x: string) => `兑奖方式：${x}`,
        freeEntry: (x: string) => `免费参与方式：${x}`,
        prize: (x: string) => `最高奖品价值：${x}`,
        consent: (x: string) => `收集 ${x} 前征得同意`,
        announce: '在群内公布中奖名单',
        sep: '；',
    },
} as const;

export function sopWords(lang: Lang) {
    return SOP_WORDS[lang === 'zh-CN' ? 'zh-CN' : 'en'];
}

function contentChecklist(lang: Lang, c: Content): string[] {
    const w = sopWords(lang);
    const out: string[] = [];
    if (c.format) {
        const f = CONTENT_FORMATS[c.format as keyof typeof CONTENT_FORMATS];
        out.push(w.format(f ? (lang === 'zh-CN' ? f.zh : f.en.toLowerCase()) : c.format));
    }
    if (c.link) out.push(w.link(c.link));
    return out;
}

function activityChecklist(lang: Lang, a: Activity, draw: boolean, currency: string): string[] {
    const w = sopWords(lang);
    const out: string[] = [];
    const l = a.lottery;
    if (draw) {
        out.push(w.announce);
        if (l?.redemption) out.push(w.redemption(l.redemption));
        return out;
    }
    if (a.materials.length > 0) out.push(w.materials(a.materials.join(lang === 'zh-CN' ? '、' : ', ')));
    if (a.staff !== undefined) out.push(w.staff(a.staff));
    if (a.capacity !== undefined) out.push(w.capacity(a.capacity));
    if (l) {
        if (l.odds) out.push(w.odds(l.odds));
        if (l.topPrize !== undefined)
            out.push(w.prize(new Intl.NumberFormat(lang, { style: 'currency', currency, maximumFractionDigits: 0 }).format(l.topPrize)));
        if (l.drawDate) out.push(w.drawAt(`${l.drawDate}${l.drawTime ? ` ${l.drawTime}` : ''}`));
        if (l.redemption) out.push(w.redemption(l.redemption));
        if (l.freeEntry) out.push(w.freeEntry(l.freeEntry));
    }
    if (a.data && a.data.fields.length > 0) out.push(w.consent(a.data.fields.join(lang === 'zh-CN' ? '、' : ', ')));
    return out;
}

/** The channel an occurrence goes out on: the content's platform, an offline activity's place, else the community's platforms. */
function channelOf(o: Occurrence, community: Community | undefined, platform: string): string {
    if (platform) return platform;
    if (o.kind === 'offline activity' && o.location) return o.location;
    return community?.platforms.join(' / ') ?? '';
}

export function sopRows(plan: Plan, schedule: PlanSchedule, lang: Lang): SopRow[] {
    const w = sopWords(lang);
    const t = labels(lang);
    const platformOf = new Map(schedule.series.map((s) => [s.id, s.platform]));
    const rows: SopRow[] = [];
    for (const o of schedule.occurrences) {
        const community = plan.communities.find((c) => c.name === o.community);
        const isDraw = o.subkind === 'lottery-draw';
        const activity = community?.activities.find((a) => a.name === (isDraw ? o.item.replace(/\.draw$/, '') : o.item));
        const content = o.kind === 'content' ? community?.contents.find((c) => c.name === o.item) : undefined;
        const checklist = content ? contentChecklist(lang, content) : activity ? activityChecklist(lang, activity, isDraw, plan.currency) : [];
        const groups = o.tiers.length === 0 ? [w.everyone] : o.tiers.map((tier) => displayName(tier, community?.tiers.find((x) => x.name === tier)?.title));
        const weekday = w.weekdays[Temporal.PlainDate.from(o.date).dayOfWeek - 1];
        for (const group of groups) {
            rows.push({
                occurrence: o,
                date: o.date,
                time: o.time === '' ? w.allDay : o.time,
                weekday,
                community: displayName(o.community, community?.title),
                group,
                kind: kindLabel(lang, o.kind),
                contentKind: subkindLabel(lang, o.subkind),
                title: occurrenceTitle(o, t.drawSuffix),
                item: o.item,
                owner: o.owner,
                channel: channelOf(o, community, platformOf.get(o.series) ?? ''),
                checklist: checklist.join(w.sep),
            });
        }
    }
    return rows;
}

/** A row's cells in the header's order. */
export function sopCells(r: SopRow): string[] {
    return [r.date, r.time, r.weekday, r.community, r.group, r.kind, r.contentKind, r.title, r.item, r.owner, r.channel, r.checklist];
}
