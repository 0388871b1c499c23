// Reads an actuals file into a plain table of text cells with their row and column numbers (1-based,
// as a spreadsheet shows them): CSV through csv-parse, XLSX through exceljs (first worksheet).
// Nothing here knows what the columns mean (engine/actuals/parse.ts does).
import { parse } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';

export interface TableRow {
    /** Row number in the file (the header is row 1 unless blank lines precede it). */
    row: number;
    cells: string[];
}

export interface RawTable {
    header: string[];
    headerRow: number;
    rows: TableRow[];
}

export class UnreadableActuals extends Error {}

/** True for a file name that is read as a workbook. */
export function isWorkbook(path: string): boolean {
    return /\.xlsx$/i.test(path);
}

export function readCsv(text: string): RawTable {
    let records: { record: string[]; info: { lines: number } }[];
    try {
        records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as unknown as typeof records;
    } catch (error) {
        throw new UnreadableActuals(error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error));
    }
    if (records.length === 0) return { header: [], headerRow: 1, rows: [] };
    const [first, ...rest] = records;
    return { header: first.record, headerRow: first.info.lines, rows: rest.map((r) => ({ row: r.info.lines, cells: r.record })) };
}

/** Text of a workbook cell: dates as YYYY-MM-DD (the calendar date the sheet shows), numbers as written. */
function cellText(value: ExcelJS.CellValue): string {
    if (value === null || value === undefined) return '';
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === 'number' || typeof value === 'boolean') return String(value);
    if (typeof value === 'string') return value.trim();
    if (typeof value === 'object') {
        if ('result' in value && value.result !== undefined) return cellText(value.result as ExcelJS.CellValue);
        if ('richText' in value)
            return value.richText
                .map((t) => t.text)
                .join('')
                .trim();
        if ('text' in value) return String(value.text).trim();
    }
    return String(value);
}

/** How a reader gets exceljs: loaded only when a workbook is read (the language server never needs it). */
export type ExcelLoader = () => Promise<typeof ExcelJS>;

export const bundledExcel: ExcelLoader = async () => (await import('exceljs')).default;

export async function readXlsx(bytes: Uint8Array, loadExcel: ExcelLoader = bundledExcel): Promise<RawTable> {
    return readXlsxWith(await loadExcel(), bytes);
}

/** Reads the first worksheet with the given exceljs module (no import of its own, so a bundle that never calls `bundledExcel` holds no exceljs). */
export async function readXlsxWith(Excel: typeof ExcelJS, bytes: Uint8Array): Promise<RawTable> {
    const workbook = new Excel.Workbook();
    try {
        await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (error) {
        throw new UnreadableActuals(error instanceof Error ? error.message.replace(/\s+/g, ' ') : String(error));
    }
    const sheet = workbook.worksheets[0];
    if (!sheet) return { header: [], headerRow: 1, rows: [] };
    const rows: TableRow[] = [];
    sheet.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: string[] = [];
        const values = row.values as ExcelJS.CellValue[];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c]));
        if (cells.some((c) => c !== '')) rows.push({ row: number, cells });
    });
    if (rows.length === 0) return { header: [], headerRow: 1, rows: [] };
    const [first, ...rest] = rows;
    return { header: first.cells, headerRow: first.row, rows: rest };
}

/** Reads CSV or XLSX bytes by the file name's extension. */
export async function readTable(path: string, bytes: Uint8Array, loadExcel: ExcelLoader): Promise<RawTable> {
    if (isWorkbook(path)) return readXlsxWith(await loadExcel(), bytes);
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
        throw new UnreadableActuals('not UTF-8 text (save the export as CSV UTF-8 or XLSX)');
    }
    return readCsv(text);
}
