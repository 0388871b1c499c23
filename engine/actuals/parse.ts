// Turns a table of text cells (engine/actuals/read.ts) into weekly actuals on the plan's weeks:
// columns are named in the canonical layout or through a mapping (engine/actuals/mappings.ts), rows
// are placed by plan week (`week`, 1-based) or by date (calendar dates, or timestamps converted to
// the plan's time zone), and daily rows roll up to weeks (stocks: last day; flows: sum; active: the
// largest day). Every problem is a coded finding with the file's row and column; nothing throws.
import { Temporal } from 'temporal-polyfill';
import type { DiagnosticCode } from '../diagnostics.js';
import { CANONICAL_NAMES, MEASURES, canonicalColumn, seriesKey, type Column, type Measure } from './measures.js';
import { detectMapping, mapColumn, mappingNamed, type ColumnMapping } from './mappings.js';
import type { RawTable } from './read.js';

export interface PlanFrame {
    start: string;
    horizonWeeks: number;
    timezone?: string;
    tiers: readonly string[];
    channels: readonly string[];
}

export interface ActualsProblem {
    code: DiagnosticCode;
    args: Record<string, string | number>;
    row?: number;
    col?: number;
}

export interface Actuals {
    /** The mapping used ('canonical' for the documented layout). */
    mapping: string;
    horizon: number;
    /** Observed value per plan week (0-based), NaN where the file says nothing; keys as seriesKey(). */
    series: Map<string, Float64Array>;
    /** Plan weeks (0-based) with at least one observation, ascending. */
    weeks: number[];
    /** File row of the first observation of each week (for messages), by 0-based week. */
    rowOfWeek: Map<number, number>;
}

export interface ParseResult {
    actuals?: Actuals;
    problems: ActualsProblem[];
}

const MAX_PROBLEMS = 20;

/** A number as exports write it: `1234`, `1,234`, `1234.5`, ` 12 `; undefined when it is not one. */
export function parseCount(text: string): number | undefined {
    const t = text.trim().replace(/^[¥$€£]/, '');
    if (/^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(t)) return Number(t.replace(/,/g, ''));
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return Number(t);
    return undefined;
}

/** The calendar date of a cell in the plan's time zone: a date, or a timestamp converted. */
export function parseDay(text: string, timezone: string | undefined): Temporal.PlainDate | undefined {
    const t = text.trim().replace(/\//g, '-');
    try {
        const d = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
        if (d) return Temporal.PlainDate.from({ year: +d[1], month: +d[2], day: +d[3] }, { overflow: 'reject' });
        if (/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(t)) {
            const iso = t.replace(' ', 'T');
            if (/(Z|[+-]\d{2}:?\d{2})$/i.test(iso))
                return Temporal.Instant.from(iso)
                    .toZonedDateTimeISO(timezone ?? 'UTC')
                    .toPlainDate();
            return Temporal.PlainDateTime.from(iso).toPlainDate();
        }
    } catch {
        return undefined;
    }
    return undefined;
}

interface BoundColumn {
    index: number;
    name: string;
    column: Column;
}

/** Binds the header to canonical columns; problems for unknown columns (canonical layout only). */
function bindHeader(table: RawTable, mapping: ColumnMapping | undefined, frame: PlanFrame, problems: ActualsProblem[]): BoundColumn[] {
    const bound: BoundColumn[] = [];
    table.header.forEach((name, index) => {
        if (name.trim() === '') return;
        const col = index + 1;
        const canonicalName = mapping ? mapColumn(mapping, name) : name;
        if (canonicalName === undefined) {
            if (!mapping)
                problems.push({ code: 'actuals-unknown-column', args: { column: name, known: CANONICAL_NAMES.join(', ') }, row: table.headerRow, col });
            return;
        }
        if (canonicalName === '') return;
        const column = canonicalColumn(canonicalName);
        if (!column) {
            problems.push({ code: 'actuals-unknown-column', args: { column: name, known: CANONICAL_NAMES.join(', ') }, row: table.headerRow, col });
            return;
        }
        if ('measure' in column && column.qualifier !== undefined) {
            const known = column.measure === 'spend' ? frame.channels : frame.tiers;
            if (!known.includes(column.qualifier)) {
                problems.push({
                    code: 'actuals-unknown-column',
                    args: {
                        column: name,
                        known:
                            (column.measure === 'spend' ? frame.channels.map((c) => `spend:${c}`) : frame.tiers.map((t) => `${column.measure}:${t}`)).join(
                                ', ',
                            ) || 'none',
                    },
                    row: table.headerRow,
                    col,
                });
                return;
            }
        }
        bound.push({ index, name, column });
    });
    return bound;
}

/** Parses a table of actuals against the plan's weeks, tiers and channels. */
export function parseActuals(table: RawTable, frame: PlanFrame, mappingName?: string): ParseResult {
    const problems: ActualsProblem[] = [];
    let mapping: ColumnMapping | undefined;
    if (mappingName !== undefined && mappingName !== 'canonical') {
        mapping = mappingNamed(mappingName);
        if (!mapping) return { problems: [{ code: 'actuals-bad-header', args: { detail: `unknown mapping "${mappingName}"` }, row: table.headerRow, col: 1 }] };
    } else if (mappingName === undefined) {
        // A canonical header is used as written; otherwise a built-in mapping whose columns are all there.
        const canonical = table.header.some((h) => canonicalColumn(h) && ['week', 'date'].includes(h.trim().toLowerCase()));
        if (!canonical) mapping = detectMapping(table.header);
    }
    if (table.header.every((h) => h.trim() === '')) {
        return { problems: [{ code: 'actuals-bad-header', args: { detail: 'the file is empty' }, row: 1, col: 1 }] };
    }
    const bound = bindHeader(table, mapping, frame, problems);
    const weekCol = bound.find((b) => 'key' in b.column && b.column.key === 'week');
    const dateCol = bound.find((b) => 'key' in b.column && b.column.key === 'date');
    const tierCol = bound.find((b) => 'key' in b.column && b.column.key === 'tier');
    const measures = bound.filter((b): b is BoundColumn & { column: { measure: Measure; qualifier?: string } } => 'measure' in b.column);
    if (!weekCol && !dateCol) {
        problems.unshift({
            code: 'actuals-bad-header',
            args: { detail: `no "week" or "date" column (found: ${table.header.filter((h) => h.trim() !== '').join(', ') || 'nothing'})` },
            row: table.headerRow,
            col: 1,
        });
        return { problems };
    }
    if (measures.length === 0 && problems.length === 0) {
        problems.push({
            code: 'actuals-bad-header',
            args: { detail: 'no column with a measure (members, joins, leaves, active, participants, buyers, revenue, spend, referral-joins)' },
            row: table.headerRow,
            col: 1,
        });
        return { problems };
    }
    if (problems.length > 0) return { problems };

    const H = frame.horizonWeeks;
    const start = Temporal.PlainDate.from(frame.start);
    const end = start.add({ days: 7 * H - 1 });
    /** Per series: value per week, the day-rank of the last stock value, and which rows set it. */
    const weekly = new Map<string, Float64Array>();
    const lastDay = new Map<string, Float64Array>();
    const seen = new Map<string, number>();
    const rowOfWeek = new Map<number, number>();
    const add = (problem: ActualsProblem) => {
        if (problems.length < MAX_PROBLEMS) problems.push(problem);
    };

    for (const { row, cells } of table.rows) {
        const cell = (b: BoundColumn) => (cells[b.index] ?? '').trim();
        // ---- when ----
        let week: number;
        let dayRank: number;
        let when: string;
        if (weekCol) {
            const text = cell(weekCol);
            const n = parseCount(text.replace(/^w(eek)?\s*/i, ''));
            if (n === undefined || !Number.isInteger(n)) {
                add({ code: 'actuals-not-a-number', args: { value: text, column: weekCol.name }, row, col: weekCol.index + 1 });
                continue;
            }
            if (n < 1 || n > H) {
                add({
                    code: 'actuals-week-outside',
                    args: { what: `week ${n}`, horizon: H, start: frame.start, end: end.toString() },
                    row,
                    col: weekCol.index + 1,
                });
                continue;
            }
            week = n - 1;
            dayRank = 0;
            when = `week ${n}`;
        } else {
            const text = cell(dateCol!);
            const day = parseDay(text, frame.timezone);
            if (!day) {
                add({ code: 'actuals-not-a-number', args: { value: text, column: dateCol!.name }, row, col: dateCol!.index + 1 });
                continue;
            }
            const offset = start.until(day, { largestUnit: 'days' }).days;
            if (offset < 0 || offset >= 7 * H) {
                add({
                    code: 'actuals-week-outside',
                    args: { what: day.toString(), horizon: H, start: frame.start, end: end.toString() },
                    row,
                    col: dateCol!.index + 1,
                });
                continue;
            }
            week = Math.floor(offset / 7);
            dayRank = offset;
            when = day.toString();
        }
        // ---- which tier ----
        let tier: string | undefined;
        if (tierCol) {
            const text = cell(tierCol);
            if (text !== '' && !/^(all|total|合计|全部)$/i.test(text)) {
                if (!frame.tiers.includes(text)) {
                    add({ code: 'actuals-unknown-tier', args: { tier: text, known: frame.tiers.join(', ') || 'none' }, row, col: tierCol.index + 1 });
                    continue;
                }
                tier = text;
            }
        }
        const key = `${when}#${tier ?? ''}`;
        const other = seen.get(key);
        const whereCol = (weekCol ?? dateCol)!.index + 1;
        if (other !== undefined) {
            add({ code: 'actuals-duplicate-week', args: { when: tier ? `${when} (${tier})` : when, other }, row, col: whereCol });
            continue;
        }
        seen.set(key, row);
        if (!rowOfWeek.has(week)) rowOfWeek.set(week, row);
        // ---- measures ----
        for (const b of measures) {
            const text = cell(b);
            if (text === '' || text === '-' || text === '—') continue;
            const value = parseCount(text);
            if (value === undefined) {
                add({ code: 'actuals-not-a-number', args: { value: text, column: b.name }, row, col: b.index + 1 });
                continue;
            }
            if (value < 0) {
                add({ code: 'actuals-negative', args: { value: text, column: b.name }, row, col: b.index + 1 });
                continue;
            }
            const { measure } = b.column;
            const qualifier = b.column.qualifier ?? (MEASURES[measure].perTier ? tier : undefined);
            const k = seriesKey(measure, qualifier);
            let values = weekly.get(k);
            if (!values) {
                weekly.set(k, (values = new Float64Array(H).fill(NaN)));
                lastDay.set(k, new Float64Array(H).fill(-1));
            }
            const kind = MEASURES[measure].kind;
            const days = lastDay.get(k)!;
            if (Number.isNaN(values[week])) {
                values[week] = value;
                days[week] = dayRank;
            } else if (kind === 'flow') values[week] += value;
            else if (kind === 'peak') values[week] = Math.max(values[week], value);
            else if (dayRank >= days[week]) {
                values[week] = value;
                days[week] = dayRank;
            }
        }
    }
    if (problems.length > 0) return { problems };
    // Per-tier members add up to the total when the file gives no total.
    if (!weekly.has('members') && frame.tiers.length > 0 && frame.tiers.every((t) => weekly.has(`members:${t}`))) {
        const total = new Float64Array(H);
        for (let w = 0; w < H; w++) for (const t of frame.tiers) total[w] += weekly.get(`members:${t}`)![w];
        weekly.set('members', total);
    }
    const weeks = [...rowOfWeek.keys()].sort((a, b) => a - b);
    return { actuals: { mapping: mapping?.name ?? 'canonical', horizon: H, series: weekly, weeks, rowOfWeek }, problems };
}
