// Compares two lowered plan models item by item, for `community diff`: which items were added or
// removed, and for items in both, which properties changed (old → new), shown the way a plan
// writes them: `DouyinAds.spend 3000 CNY per week → 6000 CNY per week`,
// `Livestream.cadence every week on Thu 20:00 → every 2 weeks on Thu 20:30`.
import type { Dist, Plan, Schedule } from '../engine/model.js';
import { compareText } from '../engine/text.js';
import { PROPERTIES, type PropertyDef } from '../engine/properties/registry.js';

export interface PlanItemChange {
    change: 'added' | 'removed' | 'changed';
    /** plan, platform, audience, scenario, community, tier, content, activity, referral, channel, organic, kpi */
    kind: string;
    /** Community name for items inside a community; "" otherwise. */
    community: string;
    /** Item name (`organic` for a community's organic growth, the plan name for the plan block). */
    item: string;
    /** Changed properties, old → new (empty for added and removed items). */
    properties: { property: string; before: string; after: string }[];
}

const MODEL_FIELDS = Object.values(PROPERTIES).flatMap((defs) => (defs as readonly PropertyDef<unknown>[]).filter((d) => d.model && d.value));
/** Shares (fractions shown as percents) by model field, from the property registry; `rate` is a flow between tiers. */
const SHARE_KEYS = new Set([...MODEL_FIELDS.filter((d) => d.value!.classes.includes('percent')).map((d) => d.model!), 'rate']);
/** Money in the plan currency by model field, from the property registry. */
const MONEY_KEYS = new Set(MODEL_FIELDS.filter((d) => d.value!.classes.includes('money')).map((d) => d.model!));
/** Not compared: where an item is written, and what identifies it. */
const SKIP_KEYS = new Set(['source', 'name']);
const DAY_NAMES: Record<string, string> = { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' };

function num(n: number): string {
    return String(Math.round(n * 1e6) / 1e6);
}

export function formatDist(d: Dist, scale = 1, unit = ''): string {
    const v = (n: number) => `${num(n * scale)}${unit}`;
    switch (d.kind) {
        case 'fixed':
            return v(d.value);
        case 'uniform':
            return `${v(d.min)}..${v(d.max)}`;
        case 'triangular':
            return Math.abs(d.mode - d.min - (d.max - d.mode)) < 1e-9 ? `${v(d.mode)} ± ${v(d.max - d.mode)}` : `${v(d.min)}..${v(d.max)} likely ${v(d.mode)}`;
    }
}

/** A cadence the way a plan reads: `every 2 weeks on Thu 20:30`, `once on 2027-03-20 14:00`. */
export function formatSchedule(s: Schedule): string {
    const unit = { once: '', daily: 'day', weekly: 'week', monthly: 'month' }[s.frequency];
    let text = s.frequency === 'once' ? `once${s.date ? ` on ${s.date}` : ''}` : s.interval === 1 ? `every ${unit}` : `every ${s.interval} ${unit}s`;
    if (s.weekdays.length) text += ` on ${s.weekdays.map((d) => DAY_NAMES[d] ?? d).join(', ')}`;
    if (s.monthDays.length) text += ` on day ${s.monthDays.join(', ')}`;
    if (s.times.length) text += ` ${s.times.join(', ')}`;
    if (s.from) text += ` from ${s.from}`;
    if (s.until) text += ` until ${s.until}`;
    if (s.count !== undefined) text += `, ${s.count} times`;
    return text;
}

function isDist(v: unknown): v is Dist {
    return typeof v === 'object' && v !== null && ['fixed', 'uniform', 'triangular'].includes((v as { kind?: string }).kind ?? '');
}

/** Flattens an item into property → text; nested objects become `parent.child`. */
function flatten(value: Record<string, unknown>, currency: string, prefix = '', out: Map<string, string> = new Map()): Map<string, string> {
    for (const [key, v] of Object.entries(value)) {
        if (SKIP_KEYS.has(key) || v === undefined) continue;
        if (/Per$/.test(key) && value[key.slice(0, -3)] !== undefined) continue; // shown with its amount
        const path = prefix + (key === 'schedules' ? 'cadence' : key === 'durationMinutes' ? 'lasts' : key);
        const per = value[`${key}Per`];
        if (key === 'schedules') out.set(path, (v as Schedule[]).map(formatSchedule).join('; ') || '—');
        else if (key === 'durationMinutes' && typeof v === 'number') out.set(path, `${Math.round(v)} minutes`);
        else out.set(path, text(key, v, currency, typeof per === 'string' ? per : undefined));
        if (typeof v === 'object' && v !== null && !Array.isArray(v) && !isDist(v) && !isDist((v as { value?: unknown }).value)) {
            out.delete(path);
            flatten(v as Record<string, unknown>, currency, `${path}.`, out);
        }
    }
    return out;
}

function text(key: string, v: unknown, currency: string, per?: string): string {
    const money = MONEY_KEYS.has(key);
    const share = SHARE_KEYS.has(key);
    const dist = (d: Dist) => (share ? formatDist(d, 100, '%') : formatDist(d)) + (money ? ` ${currency}` : '');
    if (isDist(v)) return dist(v) + (per ? ` per ${per}` : '');
    if (typeof v === 'object' && v !== null && !Array.isArray(v) && isDist((v as { value?: unknown }).value)) {
        const r = v as { value: Dist; per?: string };
        const period = per ?? r.per;
        // Invitations are per inviting member per period, as the plan writes them.
        return dist(r.value) + (key === 'invites' ? ' per member' : '') + (period ? ` per ${period}` : '');
    }
    if (Array.isArray(v)) {
        return (
            v
                .map((x) =>
                    typeof x === 'object' && x !== null
                        ? [...flatten(x as Record<string, unknown>, currency).entries()]
                              .map(([k, t]) => (k === 'tier' || k === 'kind' ? t : `${k} ${t}`))
                              .join(' ')
                        : String(x),
                )
                .join(', ') || '—'
        );
    }
    if (typeof v === 'object' && v !== null) return JSON.stringify(v);
    if (typeof v === 'number') return num(v) + (per ? ` per ${per}` : '');
    return String(v);
}

interface Named {
    name: string;
}

function compareItems(kind: string, community: string, before: Named[], after: Named[], currency: [string, string], out: PlanItemChange[]): void {
    const a = new Map(before.map((x) => [x.name, x]));
    const b = new Map(after.map((x) => [x.name, x]));
    for (const name of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
        const x = a.get(name);
        const y = b.get(name);
        if (!x) out.push({ change: 'added', kind, community, item: name, properties: [] });
        else if (!y) out.push({ change: 'removed', kind, community, item: name, properties: [] });
        else {
            const properties = diffProperties(x as unknown as Record<string, unknown>, y as unknown as Record<string, unknown>, currency);
            if (properties.length) out.push({ change: 'changed', kind, community, item: name, properties });
        }
    }
}

function diffProperties(x: Record<string, unknown>, y: Record<string, unknown>, [ca, cb]: [string, string]): PlanItemChange['properties'] {
    const fx = flatten(x, ca);
    const fy = flatten(y, cb);
    const keys = [...new Set([...fx.keys(), ...fy.keys()])];
    return keys.filter((k) => fx.get(k) !== fy.get(k)).map((k) => ({ property: k, before: fx.get(k) ?? '—', after: fy.get(k) ?? '—' }));
}

/** Item-by-item changes between two plans, in a stable order (plan, shared items, then communities). */
export function diffPlans(before: Plan, after: Plan): PlanItemChange[] {
    const out: PlanItemChange[] = [];
    const currency: [string, string] = [before.currency, after.currency];
    const planProps = (p: Plan) => {
        const { platforms: _p, audiences: _a, communities: _c, scenarios: _s, assumptions, ...rest } = p;
        return { ...rest, ...Object.fromEntries(Object.entries(assumptions).map(([k, v]) => [`assume ${k}`, v])) } as Record<string, unknown>;
    };
    const plan = diffProperties(planProps(before), planProps(after), currency);
    if (plan.length) out.push({ change: 'changed', kind: 'plan', community: '', item: after.name, properties: plan });
    compareItems('platform', '', before.platforms, after.platforms, currency, out);
    compareItems('audience', '', before.audiences, after.audiences, currency, out);
    compareItems('scenario', '', before.scenarios, after.scenarios, currency, out);
    const a = new Map(before.communities.map((c) => [c.name, c]));
    const b = new Map(after.communities.map((c) => [c.name, c]));
    for (const name of [...new Set([...a.keys(), ...b.keys()])].sort(compareText)) {
        const x = a.get(name);
        const y = b.get(name);
        if (!x || !y) {
            out.push({ change: x ? 'removed' : 'added', kind: 'community', community: '', item: name, properties: [] });
            continue;
        }
        const own = (c: typeof x) => {
            const { tiers: _t, contents: _c, activities: _a, referrals: _r, channels: _ch, organic: _o, kpis: _k, ...rest } = c;
            return rest as Record<string, unknown>;
        };
        const props = diffProperties(own(x), own(y), currency);
        if (props.length) out.push({ change: 'changed', kind: 'community', community: '', item: name, properties: props });
        compareItems('tier', name, x.tiers, y.tiers, currency, out);
        compareItems('content', name, x.contents, y.contents, currency, out);
        compareItems('activity', name, x.activities, y.activities, currency, out);
        compareItems('referral', name, x.referrals, y.referrals, currency, out);
        compareItems('channel', name, x.channels, y.channels, currency, out);
        const organic = (c: typeof x) => (c.organic ? [{ ...c.organic, name: 'organic' }] : []);
        compareItems('organic', name, organic(x), organic(y), currency, out);
        compareItems('kpi', name, x.kpis, y.kpis, currency, out);
    }
    return out;
}
