// The schedule side of `community diff`: which events of a plan were added, removed, moved or
// changed between two versions, matched per community and item, and a per-item count of each.
import type { Occurrence, PlanSchedule } from '../../engine/schedule.js';
import { compareText } from '../../engine/text.js';

export type EventChange = 'added' | 'removed' | 'moved' | 'changed';

export interface EventDiff {
    change: EventChange;
    community: string;
    item: string;
    before: Occurrence | null;
    after: Occurrence | null;
}

/** Occurrences matched per community and item: same start = unchanged (or changed), then in order = moved. */
export function diffSchedules(before: PlanSchedule, after: PlanSchedule): EventDiff[] {
    const group = (s: PlanSchedule) => {
        const map = new Map<string, Occurrence[]>();
        for (const o of s.occurrences) {
            const key = `${o.community}\u0000${o.item}`;
            if (!map.has(key)) map.set(key, []);
            map.get(key)!.push(o);
        }
        return map;
    };
    const a = group(before);
    const b = group(after);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
    const out: EventDiff[] = [];
    for (const key of keys) {
        const olds = a.get(key) ?? [];
        const news = b.get(key) ?? [];
        const [community, item] = key.split('\u0000');
        const newByStart = new Map<string, Occurrence[]>();
        for (const o of news) {
            if (!newByStart.has(o.start)) newByStart.set(o.start, []);
            newByStart.get(o.start)!.push(o);
        }
        const unmatchedOld: Occurrence[] = [];
        const matchedNew = new Set<Occurrence>();
        for (const o of olds) {
            const candidates = newByStart.get(o.start);
            const n = candidates?.shift();
            if (!n) {
                unmatchedOld.push(o);
                continue;
            }
            matchedNew.add(n);
            if (
                n.end !== o.end ||
                n.location !== o.location ||
                n.owner !== o.owner ||
                n.cost !== o.cost ||
                n.staff !== o.staff ||
                n.title !== o.title ||
                n.tiers.join() !== o.tiers.join()
            ) {
                out.push({ change: 'changed', community, item, before: o, after: n });
            }
        }
        const unmatchedNew = news.filter((n) => !matchedNew.has(n));
        const pairs = Math.min(unmatchedOld.length, unmatchedNew.length);
        for (let i = 0; i < pairs; i++) out.push({ change: 'moved', community, item, before: unmatchedOld[i], after: unmatchedNew[i] });
        for (const o of unmatchedOld.slice(pairs)) out.push({ change: 'removed', community, item, before: o, after: null });
        for (const n of unmatchedNew.slice(pairs)) out.push({ change: 'added', community, item, before: null, after: n });
    }
    const at = (d: EventDiff) => (d.after ?? d.before)!;
    return out.sort(
        (x, y) =>
            compareText(at(x).date, at(y).date) || compareText(at(x).time, at(y).time) || compareText(x.community, y.community) || compareText(x.item, y.item),
    );
}

/** Per item: occurrences before → after and what the event-by-event matching found. */
export interface ItemScheduleSummary {
    community: string;
    item: string;
    before: number;
    after: number;
    added: number;
    removed: number;
    moved: number;
    changed: number;
}

export function summarizeScheduleChanges(before: PlanSchedule, after: PlanSchedule, events: EventDiff[]): ItemScheduleSummary[] {
    const rows = new Map<string, ItemScheduleSummary>();
    const row = (community: string, item: string) => {
        const key = `${community}\u0000${item}`;
        if (!rows.has(key)) rows.set(key, { community, item, before: 0, after: 0, added: 0, removed: 0, moved: 0, changed: 0 });
        return rows.get(key)!;
    };
    for (const o of before.occurrences) row(o.community, o.item).before++;
    for (const o of after.occurrences) row(o.community, o.item).after++;
    for (const e of events) row(e.community, e.item)[e.change]++;
    return [...rows.values()]
        .filter((r) => r.added + r.removed + r.moved + r.changed > 0)
        .sort((x, y) => compareText(x.community, y.community) || compareText(x.item, y.item));
}
