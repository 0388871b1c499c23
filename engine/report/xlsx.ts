// plan.xlsx and sop.xlsx (exceljs): the workbooks the team that runs the plan works from. plan.xlsx
// has the schedule, the weekly forecast bands, the KPIs and the costs; sop.xlsx the 社群SOP sheet.
// Headers and sheet names follow the report language. Dates are real Excel dates holding the plan's
// local wall-clock time (Excel dates have no time zone; the zone is in the sheet's header row).
// Text goes in as text cells, never as formulas, so "=HYPERLINK(…)" in a plan shows as written.
// Deterministic: the workbook's dates and every zip entry's date are the plan's start (jszip re-pack).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { Temporal } from 'temporal-polyfill';
import { roundMoney } from '../csv.js';
import type { Lang } from '../diagnostics.js';
import type { ForecastReport } from '../forecast-schema.js';
import type { Plan } from '../model.js';
import type { PlanSchedule } from '../schedule.js';
import { costRows, displayName, kpiRows } from './common.js';
import { kpiUnit } from '../view/kpi.js';
import { Formatter, kpiLabel, lightLabel } from './i18n.js';
import { sopCells, sopRows, sopWords } from './sop.js';
import { scheduleHeaders } from './table-csv.js';
import { seriesLabel } from './words.js';

const WORDS = {
    en: {
        schedule: 'Schedule',
        weekly: 'Weekly forecast',
        kpis: 'KPIs',
        costs: 'Costs',
        weekly_h: ['Community', 'Series key', 'Series', 'Week', 'Week starts', 'P10', 'P50', 'P90', 'Mean'],
        kpi_h: ['Community', 'KPI', 'Target', 'Metric', 'Target value', 'By week', 'P10', 'P50', 'P90', 'Probability', 'Status'],
        cost_h: ['Community', 'Category', 'P10', 'P50', 'P90', 'Mean', 'Share of P50'],
        zone: (tz: string) => `times in ${tz}`,
    },
    'zh-CN': {
        schedule: '日程',
        weekly: '每周预测',
        kpis: '关键指标',
        costs: '成本',
        weekly_h: ['社群', '序列代码', '序列', '周', '周开始日期', 'P10', 'P50', 'P90', '均值'],
        kpi_h: ['社群', '指标', '目标', '度量', '目标值', '截止周', 'P10', 'P50', 'P90', '达成概率', '状态'],
        cost_h: ['社群', '类别', 'P10', 'P50', 'P90', '均值', '占 P50 比例'],
        zone: (tz: string) => `时间为 ${tz} 当地时间`,
    },
} as const;

const DATE = 'yyyy-mm-dd';
const DATETIME = 'yyyy-mm-dd hh:mm';
const PERCENT = '0.0%';

/** A local date (and time) as the Date exceljs turns into an Excel serial: wall-clock fields in UTC. */
export function excelDate(date: string, time = ''): Date {
    const d = Temporal.PlainDate.from(date);
    const [h, m] = time ? time.split(':').map(Number) : [0, 0];
    return new Date(Date.UTC(d.year, d.month - 1, d.day, h, m));
}

function newWorkbook(plan: Plan): ExcelJS.Workbook {
    const wb = new ExcelJS.Workbook();
    const fixed = excelDate(plan.start);
    wb.creator = 'community compile';
    wb.lastModifiedBy = 'community compile';
    wb.created = fixed;
    wb.modified = fixed;
    return wb;
}

function addSheet(wb: ExcelJS.Workbook, name: string, header: readonly string[], widths: number[]): ExcelJS.Worksheet {
    const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = header.map((h, i) => ({ header: h, width: widths[i] ?? 14 }));
    ws.getRow(1).font = { bold: true };
    return ws;
}

/** Zips the workbook again with every entry dated `date`, so the same plan gives the same bytes. */
async function deterministicZip(buffer: ArrayBuffer | Uint8Array, date: Date): Promise<Uint8Array> {
    const source = await JSZip.loadAsync(buffer);
    const out = new JSZip();
    for (const name of Object.keys(source.files)) {
        const entry = source.files[name];
        if (entry.dir) continue;
        out.file(name, await entry.async('uint8array'), { date, createFolders: false });
    }
    return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}

async function finish(wb: ExcelJS.Workbook, plan: Plan): Promise<Uint8Array> {
    const buffer = (await wb.xlsx.writeBuffer()) as ArrayBuffer;
    return deterministicZip(buffer, excelDate(plan.start));
}

export async function planWorkbook(plan: Plan, schedule: PlanSchedule, forecast: ForecastReport, lang: Lang): Promise<Uint8Array> {
    const w = WORDS[lang === 'zh-CN' ? 'zh-CN' : 'en'];
    const f = new Formatter(lang, plan.currency);
    const wb = newWorkbook(plan);

    // Schedule: the CSV's columns, with dates, times and numbers as Excel values.
    const headers = scheduleHeaders(lang);
    const ws = addSheet(wb, w.schedule, headers, [12, 8, 17, 17, 6, 14, 18, 28, 16, 14, 18, 12, 6, 10, 8, 18, 24]);
    ws.getCell('D1').note = w.zone(plan.timezone);
    for (const o of schedule.occurrences) {
        const [endDate, endTime] = o.end.split('T');
        const row = ws.addRow([
            excelDate(o.date),
            o.time,
            excelDate(endDate, endTime ?? ''),
            excelDate(o.date, o.time),
            o.week,
            o.community,
            o.item,
            o.title,
            o.kind,
            o.subkind,
            o.tiers.join(';'),
            o.owner,
            o.staff,
            o.cost === null ? null : roundMoney(o.cost),
            o.cost === null ? '' : schedule.currency,
            o.location,
            o.source,
        ]);
        row.getCell(1).numFmt = DATE;
        row.getCell(3).numFmt = endTime ? DATETIME : DATE;
        row.getCell(4).numFmt = o.time ? DATETIME : DATE;
        row.getCell(14).numFmt = '#,##0.00';
    }

    const scenario = forecast.forecasts[0];
    // Weekly forecast bands, one row per community, series and week (long format, pivot-ready).
    const wk = addSheet(wb, w.weekly, w.weekly_h, [16, 22, 22, 6, 12, 12, 12, 12, 12]);
    for (const c of scenario.communities) {
        for (const s of c.series) {
            const fmt = s.unit === 'share' ? PERCENT : s.unit === 'money' ? '#,##0' : s.unit === 'ratio' ? '0.00' : '#,##0';
            c.weeks.forEach((week, i) => {
                const row = wk.addRow([
                    displayName(c.name, c.title),
                    s.key,
                    seriesLabel(lang, s.key, s.label),
                    week.week,
                    excelDate(week.start),
                    s.p10[i],
                    s.p50[i],
                    s.p90[i],
                    s.mean[i],
                ]);
                row.getCell(5).numFmt = DATE;
                for (const k of [6, 7, 8, 9]) row.getCell(k).numFmt = fmt;
            });
        }
    }

    const kp = addSheet(wb, w.kpis, w.kpi_h, [16, 24, 36, 14, 12, 8, 12, 12, 12, 10, 10]);
    for (const c of scenario.communities) {
        for (const { kpi, light } of kpiRows(c)) {
            const row = kp.addRow([
                displayName(c.name, c.title),
                kpiLabel(kpi, lang),
                f.kpiTarget(kpi),
                f.t.metric[kpi.metric],
                kpi.target,
                kpi.deadlineWeek,
                kpi.p10,
                kpi.p50,
                kpi.p90,
                kpi.probability,
                lightLabel(lang, light),
            ]);
            const unit = kpiUnit(kpi.metric);
            const fmt = unit === 'percent' ? PERCENT : unit === 'ratio' ? '0.00' : '#,##0';
            for (const k of [5, 7, 8, 9]) row.getCell(k).numFmt = fmt;
            row.getCell(10).numFmt = PERCENT;
        }
    }

    const co = addSheet(wb, w.costs, w.cost_h, [16, 30, 12, 12, 12, 12, 12]);
    for (const c of scenario.communities) {
        const means = new Map((c.costByCategory ?? []).map((x) => [x.category, x.mean]));
        for (const r of costRows(c)) {
            const row = co.addRow([displayName(c.name, c.title), f.t[`cost_${r.category}`], r.p10, r.p50, r.p90, means.get(r.category) ?? null, r.share]);
            for (const k of [3, 4, 5, 6]) row.getCell(k).numFmt = '#,##0';
            row.getCell(7).numFmt = PERCENT;
        }
    }
    return finish(wb, plan);
}

/** sop.xlsx: the SOP sheet, dates as Excel dates, one row per occurrence per group. */
export async function sopWorkbook(plan: Plan, schedule: PlanSchedule, lang: Lang): Promise<Uint8Array> {
    const w = sopWords(lang);
    const wb = newWorkbook(plan);
    const ws = addSheet(wb, w.sheet, w.headers, [12, 8, 8, 18, 20, 12, 12, 30, 18, 12, 16, 50]);
    ws.getCell('B1').note = WORDS[lang === 'zh-CN' ? 'zh-CN' : 'en'].zone(plan.timezone);
    for (const r of sopRows(plan, schedule, lang)) {
        const cells: (string | Date)[] = sopCells(r);
        cells[0] = excelDate(r.date);
        const row = ws.addRow(cells);
        row.getCell(1).numFmt = DATE;
        row.getCell(12).alignment = { wrapText: true, vertical: 'top' };
    }
    return finish(wb, plan);
}
