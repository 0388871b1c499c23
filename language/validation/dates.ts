// Dates and times: real calendar dates, `until` after `from`, and inside the plan's horizon.
import { t } from '../../engine/messages.js';
import type { AstNode, ValidationAcceptor } from 'langium';
import type { Lang } from '../../engine/diagnostics.js';
import {
    isPlan,
    isRecurrence,
    type Activity,
    type Channel,
    type Content,
    type Kpi,
    type Lottery,
    type OneOff,
    type Plan,
    type Recurrence,
    type Referral,
} from '../generated/ast.js';
import { addDays, MAX_HORIZON_WEEKS, type PlanFrame } from '../plan-context.js';
import { durationDays, isComplete, readQuantity } from '../quantity.js';
import { nominalPerWeek } from './domain-calc.js';
import { isValidDate, isValidTime } from './values.js';
import { report } from './report.js';

type Dated = Plan | Recurrence | OneOff | Referral | Channel | Lottery | Kpi | Activity | Content;

/** Years a date may fall in. */
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** Largest `every N`: ten years of days. */
export const MAX_INTERVAL = 3650;
/** Largest `N times`. */
export const MAX_COUNT = 100_000;
/** Most dated events one schedule may expand to over the plan (calendars, CSV, the forecast). */
export const MAX_EVENTS_PER_SCHEDULE = 100_000;

const DATE_PROPERTIES = ['start', 'from', 'until', 'date', 'drawDate', 'deadlineDate'] as const;

export function checkDates(node: Dated, accept: ValidationAcceptor, lang: Lang, frame: PlanFrame | undefined): void {
    const values = node as unknown as Record<string, unknown>;
    for (const property of DATE_PROPERTIES) {
        const value = values[property];
        if (typeof value !== 'string') continue;
        if (!isValidDate(value)) {
            report(accept, lang, 'bad-date', { value }, { node: node as AstNode, property: property as never });
            continue;
        }
        // Calendars, time zones and spreadsheets agree only on a sane span of years (9999-06-01 gave
        // CSV dates like '+010000-01-01).
        const year = Number(value.slice(0, 4));
        if (year < MIN_YEAR || year > MAX_YEAR) {
            const range = t('range.date-between-years', { min: MIN_YEAR, max: MAX_YEAR }, lang);
            report(accept, lang, 'out-of-range', { property: t('range.date', {}, lang), range, value }, { node: node as AstNode, property: property as never });
            continue;
        }
        if (frame?.start && frame.horizonWeeks && isValidDate(frame.start)) {
            const end = addDays(frame.start, frame.horizonWeeks * 7 - 1);
            // A KPI's deadline outside the plan is an error of its own (values.ts checkKpiDeadline).
            if (property === 'deadlineDate') continue;
            if (value < frame.start || value > end) {
                report(accept, lang, 'date-outside-horizon', { date: value, start: frame.start, end }, { node: node as AstNode, property: property as never });
            }
        }
    }
    const from = values.from;
    const until = values.until;
    if (typeof from === 'string' && typeof until === 'string' && isValidDate(from) && isValidDate(until) && until < from) {
        report(accept, lang, 'until-before-from', { from, until }, { node: node as AstNode, property: 'until' as never });
    }
    for (const property of ['time', 'drawTime'] as const) {
        const value = values[property];
        if (typeof value === 'string' && !isValidTime(value))
            report(accept, lang, 'bad-time', { value }, { node: node as AstNode, property: property as never });
    }
    const times = values.times;
    if (Array.isArray(times)) {
        times.forEach((t, index) => {
            if (typeof t === 'string' && !isValidTime(t))
                report(accept, lang, 'bad-time', { value: t }, { node: node as AstNode, property: 'times' as never, index });
        });
    }
    if (isRecurrence(node)) checkRecurrence(node, accept, lang, frame);
    if (isPlan(node)) checkHorizonWeeks(node, accept, lang);
}

/** `every N`, `N times` and the number of events they expand to: so nothing that checks fails later. */
function checkRecurrence(node: Recurrence, accept: ValidationAcceptor, lang: Lang, frame: PlanFrame | undefined): void {
    const whole = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
    const range = (max: number) => t('range.whole-number', { max: max.toLocaleString('en-US') }, lang);
    if (node.interval !== undefined && !whole(node.interval, MAX_INTERVAL)) {
        report(
            accept,
            lang,
            'out-of-range',
            { property: t('range.every-interval', {}, lang), range: range(MAX_INTERVAL), value: String(node.interval) },
            { node, property: 'interval' },
        );
        return;
    }
    if (node.count !== undefined && !whole(node.count, MAX_COUNT)) {
        report(
            accept,
            lang,
            'out-of-range',
            { property: t('range.times', {}, lang), range: range(MAX_COUNT), value: String(node.count) },
            { node, property: 'count' },
        );
        return;
    }
    const perWeek = nominalPerWeek(node);
    if (perWeek === undefined) return;
    const weeks = frame?.horizonWeeks ?? MAX_HORIZON_WEEKS;
    const events = Math.min(Math.ceil(perWeek * weeks), node.count ?? Infinity);
    if (events > MAX_EVENTS_PER_SCHEDULE) {
        report(
            accept,
            lang,
            'too-many-events',
            { count: events.toLocaleString('en-US'), limit: MAX_EVENTS_PER_SCHEDULE.toLocaleString('en-US'), weeks },
            { node },
        );
    }
}

/** The horizon is counted in whole weeks: `horizon 0.5 weeks` would be silently read as 1 week. */
function checkHorizonWeeks(plan: Plan, accept: ValidationAcceptor, lang: Lang): void {
    if (!isComplete(plan.horizon)) return;
    const m = readQuantity(plan.horizon);
    const days = durationDays(m);
    if (days === undefined || m.dist.kind !== 'fixed' || !(days > 0) || days > MAX_HORIZON_WEEKS * 7) return; // values.ts reports these
    // Written in weeks, it must be whole weeks; days, months and years round to weeks as documented
    // (`horizon 1 day` is one week).
    const inWeeks = m.unit === 'week' || m.unit === 'weeks';
    if (inWeeks && (!Number.isInteger(m.center) || m.center < 1)) {
        const range = t('range.horizon-weeks', { max: MAX_HORIZON_WEEKS }, lang);
        report(
            accept,
            lang,
            'out-of-range',
            { property: t('range.horizon', {}, lang), range, value: plan.horizon.$cstNode?.text ?? `${m.center} ${m.unit}` },
            { node: plan, property: 'horizon' },
        );
    }
}
