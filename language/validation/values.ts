// Units and ranges: each property that takes a number says which kind of number it expects.
import { t } from '../../engine/messages.js';
import { CstUtils, GrammarAST, GrammarUtils, type ValidationAcceptor } from 'langium';
import type { Lang } from '../../engine/diagnostics.js';
import type { Amount, Kpi, Quantity, TimeWindow } from '../generated/ast.js';
import { isKpi, isOverride, isReferral, isRetentionMetric, isTier, type Override } from '../generated/ast.js';
import { WEEKS_PER } from '../../engine/model.js';
import { addDays } from '../plan-context.js';
import { isItemKind, overridable, PROPERTIES, type PropertyDef } from '../../engine/properties/registry.js';
import * as V from '../../engine/properties/values.js';
import type { ValueSpec } from '../../engine/properties/values.js';
import {
    currencyOf,
    distMax,
    distMin,
    durationDays,
    isComplete,
    isKnownUnit,
    KNOWN_UNITS,
    readQuantity,
    unitClassOf,
    type Measured,
    type UnitClass,
} from '../quantity.js';
import { closest } from '../suggest.js';
import { report } from './report.js';

export type { ValueSpec } from '../../engine/properties/values.js';
const { percentRate, share, money, count, positiveCount, duration } = V;

/**
 * Expected values by `ContainerType.property`: every item property's spec from the property registry
 * (engine/properties/registry.ts), and the parts of items that are not items themselves.
 */
export const VALUE_SPECS: Record<string, ValueSpec> = {
    ...Object.fromEntries(
        Object.entries(PROPERTIES).flatMap(([type, defs]) =>
            (defs as readonly PropertyDef<unknown>[]).filter((d) => d.ast && d.value).map((d) => [`${type}.${d.ast}`, d.value!]),
        ),
    ),
    'Team.size': positiveCount,
    'Team.hours': {
        classes: ['duration'],
        period: 'required',
        min: 0,
        above: true,
        expected: ['hours per week (e.g. 40 hours per week)', '每周小时数（如 40 hours per week）'],
    },
    'Limit.value': count,
    'Flow.rate': percentRate,
    'Entry.fee': overridable('Tier', 'fee')!.value!,
    'Lift.amount': V.liftPoints,
    'Incentive.amount': {
        classes: ['count', 'plain', 'money', 'points'],
        period: 'forbidden',
        min: 0,
        expected: ['an amount (e.g. 100, or 10 CNY)', '数额（如 100 或 10 CNY）'],
    },
    // `solved for Growth at 80%`: a probability, so a fixed share above 0 (solve asks for one above 0).
    'SolvedFor.probability': { ...share, above: true, expected: ['a probability (e.g. 80%)', '概率（如 80%）'] },
    'RetentionMetric.window': duration,
};

/** KPI targets depend on the metric. */
export const KPI_TARGET_SPECS: Record<string, ValueSpec> = {
    MembersMetric: count,
    NewMembersMetric: count,
    ActiveMembersMetric: count,
    ActiveRateMetric: share,
    RetentionMetric: share,
    ChurnMetric: percentRate,
    ParticipationMetric: share,
    RepurchaseMetric: share,
    ConversionMetric: percentRate,
    RevenueMetric: { ...money, period: 'forbidden' },
    CostMetric: { ...money, period: 'forbidden' },
    RoiMetric: { classes: ['plain', 'percent'], period: 'forbidden', expected: ['a ratio (e.g. 1.5)', '比值（如 1.5）'] },
};

/** `>= 40% above 3000`: the relative part of a KPI target against a baseline number. */
const relativeTarget: ValueSpec = {
    classes: ['percent'],
    period: 'forbidden',
    min: 0,
    max: 100,
    expected: ['a percentage above the baseline (e.g. 40% above 3000)', '相对基准的百分比（如 40% above 3000）'],
};

/** A rate in a scenario may leave its period out: it keeps the period of the value it replaces. */
const periodOptional = (spec: ValueSpec): ValueSpec => ({ ...spec, period: spec.period === 'required' ? 'optional' : spec.period });

/**
 * What a scenario override expects: the same as the property it replaces (`Free.churn = 5% per month`
 * is a rate, `Ads.paid = 6000 CNY per week` money per period, `plan.budget = 150000 CNY` money).
 */
function overrideSpec(o: Override): ValueSpec | undefined {
    const p = o.property;
    if (o.plan) return overridable('Plan', p)?.value;
    const target = o.target?.ref;
    if (!target) return undefined;
    if (isKpi(target)) return p === 'target' && target.metric ? KPI_TARGET_SPECS[target.metric.$type] : undefined;
    const spec = isItemKind(target.$type) ? overridable(target.$type, p)?.value : undefined;
    if (spec) return periodOptional(spec);
    // A tier's promotion flow from another tier: `VIP.Free = 6% per month`.
    if (isTier(target) && target.flows.some((f) => f.tier?.$refText === p)) return periodOptional(VALUE_SPECS['Flow.rate']);
    if (target.$type === 'Platform') return VALUE_SPECS['Limit.value'];
    return undefined;
}

/** What a quantity's property takes, and its name for messages (read only when one is reported: it walks the syntax tree). */
function specFor(q: Quantity): { spec: ValueSpec; label: () => string } | undefined {
    const container = q.$container;
    if (isOverride(container)) {
        const spec = overrideSpec(container);
        return spec ? { spec, label: () => `${container.plan ? 'plan' : (container.target?.$refText ?? '?')}.${container.property}` } : undefined;
    }
    if (isKpi(container) && q.$containerProperty === 'target' && (container.base || container.baseScenario)) {
        return { spec: relativeTarget, label: () => 'KPI target' };
    }
    if (isKpi(container) && (q.$containerProperty === 'target' || q.$containerProperty === 'base')) {
        const spec = container.metric ? KPI_TARGET_SPECS[container.metric.$type] : undefined;
        return spec ? { spec, label: () => (q.$containerProperty === 'base' ? 'KPI baseline' : 'KPI target') } : undefined;
    }
    if (isRetentionMetric(container)) return { spec: VALUE_SPECS['RetentionMetric.window'], label: () => 'retention window' };
    // Points are counted, not money: `reward points 500`.
    if (isReferral(container) && q.$containerProperty === 'reward' && container.rewardKind === 'points')
        return { spec: VALUE_SPECS['Incentive.amount'], label: () => 'reward' };
    const key = `${container.$type}.${q.$containerProperty}`;
    const spec = VALUE_SPECS[key];
    return spec ? { spec, label: () => writtenKeyword(q) ?? q.$containerProperty ?? key } : undefined;
}

/** The keyword before a value as the user wrote it, when that is a Chinese form (流失 12 CNY → "流失"). */
function writtenKeyword(q: Quantity): string | undefined {
    const prev = q.$cstNode ? CstUtils.getPreviousNode(q.$cstNode, false) : undefined;
    if (!prev || !GrammarAST.isKeyword(prev.grammarSource)) return undefined;
    return prev.text !== prev.grammarSource.value && /[^\x00-\x7f]/.test(prev.text) ? prev.text : undefined;
}

function describe(m: Measured, lang: Lang): string {
    const what = m.unitClass === 'count' ? t('unit.class.count', { unit: m.unit ?? 'undefined' }, lang) : t(`unit.class.${m.unitClass}`, {}, lang);
    return m.period ? t('unit.per-period', { what, period: t(`period.word.${m.period}`, {}, lang) }, lang) : what;
}

function words(spec: ValueSpec, lang: Lang): string {
    return lang === 'zh-CN' ? spec.expected[1] : spec.expected[0];
}

/** Whether the amounts of a quantity carry units of more than one class (without allocating: runs per number). */
function hasMixedUnits(q: Quantity): boolean {
    let first: UnitClass | undefined;
    const differs = (a: Amount | undefined): boolean => {
        if (a?.unit === undefined) return false;
        const c = unitClassOf(a.unit);
        if (first === undefined) first = c;
        return c !== first;
    };
    if (differs(q.low) || differs(q.high) || differs(q.likely)) return true;
    for (const s of q.spreads) if (differs(s)) return true;
    return false;
}

function unknownUnitAmount(q: Quantity): Amount | undefined {
    if (!isKnownUnit(q.low.unit)) return q.low;
    if (q.high !== undefined && !isKnownUnit(q.high.unit)) return q.high;
    if (q.likely !== undefined && !isKnownUnit(q.likely.unit)) return q.likely;
    for (const s of q.spreads) if (!isKnownUnit(s.unit)) return s;
    return undefined;
}

export function checkQuantity(q: Quantity, accept: ValidationAcceptor, lang: Lang, planCurrency: string | undefined): void {
    // Mixed units inside one quantity: 12% ± 4 CNY.
    // A number cut short by a syntax error: the syntax error is the diagnostic.
    if (!isComplete(q)) return;
    // A number followed by a word that is no unit (30万粉丝, 5 posts) would silently be a count.
    const unknown = unknownUnitAmount(q);
    if (unknown) {
        const suggestion = closest(unknown.unit!, [...KNOWN_UNITS]);
        const hint = suggestion ? t('unit.did-you-mean', { unit: suggestion }, lang) : '';
        const number = unknown.$cstNode ? GrammarUtils.findNodeForProperty(unknown.$cstNode, 'value')?.text : undefined;
        report(
            accept,
            lang,
            'unknown-unit',
            { unit: unknown.unit!, number: number ?? String(unknown.value), hint },
            { node: unknown, property: 'unit', data: { unit: unknown.unit, ...(suggestion ? { suggestion } : {}) } },
        );
        return;
    }
    if (hasMixedUnits(q)) {
        const amounts: Amount[] = [q.low, ...(q.high ? [q.high] : []), ...(q.likely ? [q.likely] : []), ...q.spreads];
        const classes = new Set(amounts.filter((a) => a.unit !== undefined).map((a) => unitClassOf(a.unit)));
        report(
            accept,
            lang,
            'wrong-unit',
            { property: t('unit.this-value', {}, lang), expected: t('unit.one-unit', {}, lang), actual: [...classes].join(' + ') },
            { node: q },
        );
        return;
    }
    if (q.spreads.length > 1 || (q.spreads.length > 0 && q.high !== undefined)) {
        report(accept, lang, 'bad-uncertainty', {}, { node: q });
    }
    const m = readQuantity(q);
    if (q.high) {
        const low = m.dist.kind === 'fixed' ? m.dist.value : m.dist.min;
        const high = distMax(m.dist);
        const likely = m.dist.kind === 'triangular' ? m.dist.mode : low;
        if (low > high || likely < low || likely > high) {
            report(accept, lang, 'bad-range', { low: q.low.$cstNode?.text ?? String(low), high: q.high.$cstNode?.text ?? String(high) }, { node: q });
        }
    }
    if (m.unitClass === 'money' && planCurrency && currencyOf(m.unit) !== currencyOf(planCurrency)) {
        report(accept, lang, 'currency-mismatch', { actual: m.unit!, expected: planCurrency }, { node: q, data: { currency: planCurrency } });
    }
    const found = specFor(q);
    if (!found) return;
    let { spec } = found;
    let named: string | undefined;
    const label = () => (named ??= found.label());
    const accepted = spec.classes.includes(m.unitClass) || (m.unitClass === 'plain' && spec.classes.includes('count'));
    if (!accepted) {
        report(
            accept,
            lang,
            'wrong-unit',
            { property: label(), expected: words(spec, lang), actual: describe(m, lang) },
            {
                node: q,
                data: { expectedClasses: spec.classes, property: label() },
            },
        );
        return;
    }
    const timePeriod = m.period !== undefined;
    if (spec.period === 'required' && !timePeriod) {
        report(accept, lang, 'missing-period', { property: label() }, { node: q, data: { property: label() } });
    } else if (spec.period === 'forbidden' && timePeriod && m.unitClass !== 'duration') {
        report(accept, lang, 'wrong-unit', { property: label(), expected: words(spec, lang), actual: describe(m, lang) }, { node: q });
    }
    const lo = distMin(m.dist);
    const hi = distMax(m.dist);
    if (spec.maxPerMonth && spec.max !== undefined && m.period) spec = { ...spec, max: (spec.max * WEEKS_PER[m.period]) / WEEKS_PER.month };
    const shown = (v: number) => (m.unitClass === 'percent' ? `${+(v * 100).toPrecision(6)}%` : String(+v.toPrecision(6)));
    const tooLow = spec.min !== undefined && (lo < spec.min || (spec.above === true && lo <= spec.min));
    const tooHigh = spec.max !== undefined && hi > spec.max;
    if (tooLow || tooHigh) {
        // For an uncertain value, say which written value reaches outside the range: "10% ± 30% (down to -20%)".
        const edge = shown(tooLow ? lo : hi);
        const written = q.$cstNode?.text.replace(/\s+/g, ' ');
        const value = m.dist.kind === 'fixed' || !written ? edge : t(tooLow ? 'range.written-down-to' : 'range.written-up-to', { written, edge }, lang);
        report(accept, lang, 'out-of-range', { property: label(), range: rangeText(spec, m.unitClass, lang), value }, { node: q });
    }
    const longestDays = spec.maxDays && m.unitClass === 'duration' && m.unit !== undefined ? durationDays({ ...m, center: hi }) : undefined;
    if (spec.maxDays && !tooLow && longestDays !== undefined && longestDays > spec.maxDays.days) {
        report(
            accept,
            lang,
            'out-of-range',
            { property: label(), range: lang === 'zh-CN' ? spec.maxDays.words[1] : spec.maxDays.words[0], value: `${shown(hi)} ${m.unit}` },
            { node: q },
        );
    }
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
        report(accept, lang, 'out-of-range', { property: label(), range: t('range.finite', {}, lang), value: '∞' }, { node: q });
    }
}

/** "between 0 and 100%", "above 0", "大于 0" … for out-of-range messages. */
function rangeText(spec: ValueSpec, unitClass: UnitClass, lang: Lang): string {
    const pct = unitClass === 'percent';
    const f = (v: number) => (pct ? `${v * 100}%` : v.toLocaleString('en-US'));
    if (spec.min !== undefined && spec.max !== undefined) {
        return t(spec.above ? 'range.above-at-most' : 'range.between', { min: f(spec.min), max: f(spec.max) }, lang);
    }
    if (spec.min !== undefined) return t(spec.above ? 'range.above' : 'range.at-least', { min: f(spec.min) }, lang);
    return t('range.at-most', { max: f(spec.max!) }, lang);
}

export function checkKpiDeadline(kpi: Kpi, accept: ValidationAcceptor, lang: Lang, horizonWeeks: number | undefined, start?: string): void {
    // A deadline date outside the plan: the forecast would silently measure the KPI at the last week.
    if (kpi.deadlineDate !== undefined && horizonWeeks !== undefined && start !== undefined && isValidDate(kpi.deadlineDate) && isValidDate(start)) {
        const end = addDays(start, horizonWeeks * 7 - 1);
        if (kpi.deadlineDate < start || kpi.deadlineDate > end) {
            const range = t('range.date-within-plan', { start, end }, lang);
            report(
                accept,
                lang,
                'out-of-range',
                { property: t('range.kpi-deadline', {}, lang), range, value: kpi.deadlineDate },
                { node: kpi, property: 'deadlineDate' },
            );
        }
    }
    if (kpi.deadlineWeek === undefined) return;
    if (kpi.deadlineWeek < 1 || !Number.isInteger(kpi.deadlineWeek) || (horizonWeeks !== undefined && kpi.deadlineWeek > horizonWeeks)) {
        const range = horizonWeeks !== undefined ? `a whole week from 1 to ${horizonWeeks}` : 'a whole week from 1';
        report(accept, lang, 'out-of-range', { property: 'KPI deadline', range, value: `week ${kpi.deadlineWeek}` }, { node: kpi, property: 'deadlineWeek' });
    }
}

export function isValidDate(s: string): boolean {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export function isValidTime(s: string): boolean {
    const m = /^(\d{1,2}):(\d{2})$/.exec(s);
    return m !== null && Number(m[1]) < 24 && Number(m[2]) < 60;
}

export function checkTimeWindow(w: TimeWindow, accept: ValidationAcceptor, lang: Lang): void {
    if (!isValidTime(w.start)) report(accept, lang, 'bad-time', { value: w.start }, { node: w, property: 'start' });
    if (!isValidTime(w.end)) report(accept, lang, 'bad-time', { value: w.end }, { node: w, property: 'end' });
}
