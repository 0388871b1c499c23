// A CSV table with the schedule's conventions (engine/csv.ts: csv-stringify, CRLF, optional BOM for
// Excel, text cells that could start a formula get an apostrophe) for the exports that are not the
// schedule itself (the SOP sheet) and for the schedule with translated headers.
import { stringify } from 'csv-stringify/sync';
import { CSV_COLUMNS, CSV_QUOTING, csvRow, csvText } from '../csv.js';
import type { Lang } from '../diagnostics.js';
import type { PlanSchedule } from '../schedule.js';

export function csvTable(header: readonly string[], rows: readonly (string | number)[][], options: { bom?: boolean } = {}): string {
    const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? String(c) : csvText(c))));
    return (options.bom ? '\uFEFF' : '') + stringify([[...header], ...cells], { record_delimiter: 'windows', ...CSV_QUOTING });
}

/** The schedule's column headers in Chinese (the values and the JSON keep the English codes). */
export const SCHEDULE_HEADERS_ZH: Record<(typeof CSV_COLUMNS)[number], string> = {
    date: '日期',
    time: '时间',
    end: '结束',
    start: '开始（含时区）',
    week: '周次',
    community: '社群',
    item: '项目',
    title: '标题',
    kind: '类型',
    subkind: '子类型',
    tiers: '层级',
    owner: '负责人',
    staff: '人员',
    cost: '成本',
    currency: '币种',
    location: '地点',
    source: '来源',
};

export function scheduleHeaders(lang: Lang): string[] {
    return lang === 'zh-CN' ? CSV_COLUMNS.map((c) => SCHEDULE_HEADERS_ZH[c]) : [...CSV_COLUMNS];
}

/** schedule.csv with the headers in the report language; rows exactly as engine/csv.ts writes them. */
export function localizedScheduleCsv(schedule: PlanSchedule, lang: Lang, options: { bom?: boolean } = {}): string {
    const rows = schedule.occurrences.map((o) => csvRow(o, schedule.currency));
    return (options.bom ? '\uFEFF' : '') + stringify([scheduleHeaders(lang), ...rows], { record_delimiter: 'windows', ...CSV_QUOTING });
}
