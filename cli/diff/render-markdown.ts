// `community diff` as Markdown for a pull-request comment: plan items (properties old → new), the
// schedule (events per item before → after, then event by event), the forecast (P50 and probability
// of every KPI, total cost and chance within budget; probability changes in percentage points).
// Every word comes from the message catalogue (engine/messages/cli.ts), in the command's language.
import type { Lang } from '../../engine/diagnostics.js';
import type { ForecastReport } from '../../engine/forecast-schema.js';
import { listOf, t, type PlainMessageKey } from '../../engine/messages.js';
import type { Plan } from '../../engine/model.js';
import { Formatter } from '../../engine/report/i18n.js';
import { escapeMarkdown as m } from '../../engine/report/markdown.js';
import type { Occurrence, PlanSchedule } from '../../engine/schedule.js';
import { diffPlans, type PlanItemChange } from '../plan-diff.js';
import { costOf, diffForecasts } from './forecast-changes.js';
import { diffSchedules, summarizeScheduleChanges, type EventChange } from './schedule-changes.js';

export const MAX_EVENT_ROWS = 60;

/** One side of the diff: the plan, its schedule and its forecast. */
export interface DiffSide {
    plan: Plan;
    schedule: PlanSchedule;
    forecast: ForecastReport;
}

const CHANGE_LABEL: Record<EventChange, PlainMessageKey> = {
    added: 'diff.event.added',
    removed: 'diff.event.removed',
    moved: 'diff.event.moved',
    changed: 'diff.event.changed',
};

/** The words for the kinds of plan items (plan-diff.ts names them in English). */
const ITEM_KIND: Record<string, PlainMessageKey> = {
    plan: 'diff.kind.plan',
    platform: 'diff.kind.platform',
    audience: 'diff.kind.audience',
    scenario: 'diff.kind.scenario',
    community: 'diff.kind.community',
    tier: 'diff.kind.tier',
    content: 'diff.kind.content',
    activity: 'diff.kind.activity',
    referral: 'diff.kind.referral',
    channel: 'diff.kind.channel',
    organic: 'diff.kind.organic',
    kpi: 'diff.kind.kpi',
};

function when(o: Occurrence | null): string {
    if (!o) return '—';
    return o.time ? `${o.date} ${o.time}` : o.date;
}

/** The fields in which two occurrences of one event differ, as `field value` of the side `o`. */
function changedFields(before: Occurrence, after: Occurrence, o: Occurrence, money: (x: number) => string, lang: Lang): string[] {
    const fields: Array<[PlainMessageKey, (x: Occurrence) => string]> = [
        ['diff.field.end', (x) => x.end ?? '—'],
        ['diff.field.at', (x) => x.location ?? '—'],
        ['diff.field.owner', (x) => x.owner ?? '—'],
        ['diff.field.cost', (x) => (x.cost === null ? '—' : money(x.cost))],
        ['diff.field.staff', (x) => (x.staff === null || x.staff === undefined ? '—' : String(x.staff))],
        ['diff.field.title', (x) => x.title ?? '—'],
        ['diff.field.for', (x) => listOf(x.tiers, lang) || '—'],
    ];
    return fields.filter(([, get]) => get(before) !== get(after)).map(([key, get]) => `${t(key, {}, lang)} ${get(o)}`);
}

/** A change of a probability in percentage points: "+15.2 pp", "−3 pp", "±0 pp". */
export function formatPointsDelta(delta: number, lang: Lang): string {
    const points = Math.round(Math.abs(delta) * 1000) / 10;
    const sign = points === 0 ? '±' : delta > 0 ? '+' : '−';
    return `${sign}${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(points)} pp`;
}

function planChangeLines(before: Plan, after: Plan, lang: Lang): string[] {
    const changes = diffPlans(before, after);
    if (changes.length === 0) return [t('diff.no-item-changes', {}, lang), ''];
    const several = new Set([...before.communities, ...after.communities].map((c) => c.name)).size > 1;
    const kind = (k: string) => (ITEM_KIND[k] ? t(ITEM_KIND[k], {}, lang) : k);
    const name = (c: PlanItemChange) => (several && c.community ? `${c.community}/${c.item}` : c.item);
    const out: string[] = [];
    for (const c of changes) {
        if (c.change === 'added') out.push(`- ➕ ${t('diff.item-added', { kind: kind(c.kind) }, lang)} \`${m(name(c))}\``);
        else if (c.change === 'removed') out.push(`- ➖ ${t('diff.item-removed', { kind: kind(c.kind) }, lang)} \`${m(name(c))}\``);
        else for (const p of c.properties) out.push(`- ✏️ \`${m(`${name(c)}.${p.property}`)}\` ${m(p.before)} → ${m(p.after)}`);
    }
    out.push('');
    return out;
}

export function renderDiff(title: string, before: DiffSide, after: DiffSide, lang: Lang): string {
    const f = new Formatter(lang, after.plan.currency);
    const out: string[] = [`## ${t('diff.title', {}, lang)}: ${m(title)}`, ''];
    out.push(`### ${t('diff.plan-changes', {}, lang)}`, '');
    out.push(...planChangeLines(before.plan, after.plan, lang));
    const events = diffSchedules(before.schedule, after.schedule);
    out.push(`### ${t('diff.schedule', {}, lang)}`, '');
    if (events.length === 0) out.push(t('diff.no-schedule-changes', {}, lang), '');
    else {
        const items = summarizeScheduleChanges(before.schedule, after.schedule, events);
        const counts = { before: f.integer(before.schedule.occurrences.length), after: f.integer(after.schedule.occurrences.length), items: items.length };
        out.push(t(items.length === 1 ? 'diff.schedule-summary.one' : 'diff.schedule-summary.other', counts, lang), '');
        out.push(t('diff.items-table-head', {}, lang), '| --- | --- | ---: |');
        for (const r of items) out.push(`| ${m(r.community)} | ${m(r.item)} | ${f.integer(r.before)} → ${f.integer(r.after)} |`);
        out.push('');
        const count = (c: EventChange) => events.filter((e) => e.change === c).length;
        out.push(
            '<details>',
            t('diff.events-summary', { added: count('added'), removed: count('removed'), moved: count('moved'), changed: count('changed') }, lang),
            '',
        );
        out.push(t('diff.events-table-head', {}, lang), '| --- | --- | --- | --- | --- |');
        for (const e of events.slice(0, MAX_EVENT_ROWS)) {
            const detail = (o: Occurrence | null) => {
                if (!o) return '—';
                // A changed event shows what changed (end, place, owner, cost, staff, title, tiers), so before and after never read the same.
                const extra =
                    e.change === 'changed' && e.before && e.after
                        ? ` (${changedFields(e.before, e.after, o, (x) => f.currencyAmount(x), lang).join(', ')})`
                        : '';
                return m(when(o) + extra);
            };
            out.push(`| ${t(CHANGE_LABEL[e.change], {}, lang)} | ${m(e.community)} | ${m(e.item)} | ${detail(e.before)} | ${detail(e.after)} |`);
        }
        if (events.length > MAX_EVENT_ROWS) out.push('', t('diff.more-events', { count: events.length - MAX_EVENT_ROWS }, lang));
        out.push('', '</details>', '');
    }
    out.push(`### ${t('diff.forecast', {}, lang)}`, '');
    const kpis = diffForecasts(before.forecast, after.forecast);
    const arrowOf = (delta: number | null) => (delta === null || Math.abs(delta) < 0.005 ? '' : delta > 0 ? ' 📈' : ' 📉');
    if (kpis.length === 0) out.push(t('diff.no-kpis', {}, lang), '');
    else {
        out.push(t('diff.kpi-table-head', {}, lang), '| --- | --- | ---: | ---: | ---: |');
        for (const k of kpis) {
            const metric = k.metric as Parameters<Formatter['metricValue']>[0];
            const delta = k.probBefore !== null && k.probAfter !== null ? k.probAfter - k.probBefore : null;
            const deltaText = delta === null ? '—' : formatPointsDelta(delta, lang);
            out.push(
                `| ${m(k.community)} | ${m(k.kpi)} | ${m(f.metricValue(metric, k.p50Before))} → ${m(f.metricValue(metric, k.p50After))} | ${m(f.percent(k.probBefore))} → ${m(f.percent(k.probAfter))} | ${m(deltaText)}${arrowOf(delta)} |`,
            );
        }
        out.push('');
    }
    const a = costOf(before.forecast);
    const b = costOf(after.forecast);
    out.push(t('diff.cost-table-head', {}, lang), '| --- | ---: | ---: |');
    const costDelta = a.cost !== null && b.cost !== null ? b.cost - a.cost : null;
    const costDeltaText = costDelta === null ? '—' : `${costDelta > 0 ? '+' : costDelta < 0 ? '−' : '±'}${f.currencyAmount(Math.abs(costDelta), true)}`;
    out.push(`| ${t('diff.total-cost', {}, lang)} | ${m(f.currencyAmount(a.cost, true))} → ${m(f.currencyAmount(b.cost, true))} | ${m(costDeltaText)} |`);
    if (a.budget !== null || b.budget !== null) {
        out.push(`| ${t('diff.budget', {}, lang)} | ${m(f.currencyAmount(a.budget, true))} → ${m(f.currencyAmount(b.budget, true))} | |`);
        const withinDelta = a.within !== null && b.within !== null ? b.within - a.within : null;
        out.push(
            `| ${t('diff.within-budget', {}, lang)} | ${m(f.percent(a.within))} → ${m(f.percent(b.within))} | ${withinDelta === null ? '—' : m(formatPointsDelta(withinDelta, lang))}${arrowOf(withinDelta)} |`,
        );
    }
    out.push('');
    out.push(t('diff.footer', { runs: after.forecast.runs, seed: after.forecast.seed }, lang), '');
    return out.join('\n');
}
