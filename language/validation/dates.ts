// Dates and times: real calendar dates, `until` after `from`, and inside the plan's horizon.
import type { AstNode, ValidationAcceptor } from 'langium';
import type { Lang } from '../../engine/diagnostics.js';
import type { Channel, Kpi, Lottery, OneOff, Plan, Recurrence, Referral } from '../generated/ast.js';
import { addDays, type PlanFrame } from '../plan-context.js';
import { isValidDate, isValidTime } from './values.js';
import { report } from './report.js';

type Dated = Plan | Recurrence | OneOff | Referral | Channel | Lottery | Kpi;

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
        if (typeof value === 'string' && !isValidTime(value)) report(accept, lang, 'bad-time', { value }, { node: node as AstNode, property: property as never });
    }
    const times = values.times;
    if (Array.isArray(times)) {
        times.forEach((t, index) => {
            if (typeof t === 'string' && !isValidTime(t)) report(accept, lang, 'bad-time', { value: t }, { node: node as AstNode, property: 'times' as never, index });
        });
    }
}
