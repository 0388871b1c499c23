// Loads an actuals file from disk for a plan: reads it (CSV or XLSX), parses it against the plan's
// weeks, tiers and channels, and turns every problem into a coded finding with "file:row:col".
import { readFileSync, statSync } from 'node:fs';
import type { DiagnosticCode } from '../../engine/diagnostics.js';
import type { Community, Plan } from '../../engine/model.js';
import { parseActuals, type Actuals } from '../../engine/actuals/parse.js';
import { bundledExcel, isWorkbook, readCsv, readTable, UnreadableActuals, type ExcelLoader, type RawTable } from '../../engine/actuals/read.js';

/** Largest actuals file read. */
export const MAX_BYTES = 20 * 2 ** 20;

export interface ActualsFinding {
    code: DiagnosticCode;
    args: Record<string, string | number>;
}

export interface LoadedActuals {
    actuals?: Actuals;
    findings: ActualsFinding[];
}

function readBytes(fsPath: string, shown: string): { bytes?: Uint8Array; findings: ActualsFinding[] } {
    try {
        const stat = statSync(fsPath);
        if (!stat.isFile()) return { findings: [{ code: 'actuals-unreadable', args: { path: shown, detail: 'not a file' } }] };
        // A week-by-week export is kilobytes; a huge file is a mistake, and the checker reads it on every edit.
        if (stat.size > MAX_BYTES)
            return { findings: [{ code: 'actuals-unreadable', args: { path: shown, detail: `larger than ${MAX_BYTES / 2 ** 20} MB` } }] };
        return { bytes: readFileSync(fsPath), findings: [] };
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') return { findings: [{ code: 'actuals-missing', args: { path: shown } }] };
        return { findings: [{ code: 'actuals-unreadable', args: { path: shown, detail: code ?? 'read error' } }] };
    }
}

function parseFor(table: RawTable, shown: string, plan: Plan, community: Community, mapping?: string): LoadedActuals {
    const tiers = community.tiers.length > 0 ? community.tiers.map((t) => t.name) : ['members'];
    const result = parseActuals(
        table,
        { start: plan.start, horizonWeeks: plan.horizonWeeks, timezone: plan.timezone, tiers, channels: community.channels.map((c) => c.name) },
        mapping,
    );
    const findings = result.problems.map((p) => ({ code: p.code, args: { ...p.args, at: `${shown}:${p.row ?? 1}:${p.col ?? 1}`, path: shown } }));
    return { actuals: findings.length === 0 ? result.actuals : undefined, findings };
}

/** Reads and parses `fsPath` (shown to the user as `shown`) for one community of a plan. */
export async function loadActuals(fsPath: string, shown: string, plan: Plan, community: Community, mapping?: string): Promise<LoadedActuals> {
    return loadActualsWith(bundledExcel, fsPath, shown, plan, community, mapping);
}

/** loadActuals with a given way to load exceljs for workbooks (`community simulate` loads it at run time: its bundle holds none). */
export async function loadActualsWith(
    loadExcel: ExcelLoader,
    fsPath: string,
    shown: string,
    plan: Plan,
    community: Community,
    mapping?: string,
): Promise<LoadedActuals> {
    const read = readBytes(fsPath, shown);
    if (!read.bytes) return { findings: read.findings };
    let table;
    try {
        table = await readTable(fsPath, read.bytes, loadExcel);
    } catch (error) {
        if (error instanceof UnreadableActuals) return { findings: [{ code: 'actuals-unreadable', args: { path: shown, detail: error.message } }] };
        throw error;
    }
    return parseFor(table, shown, plan, community, mapping);
}

/**
 * The checker's synchronous reading (it runs on every edit): CSV files in full; a workbook is only
 * checked to exist and be readable here — its cells are checked by `community calibrate`.
 */
export function checkActualsFile(fsPath: string, shown: string, plan: Plan, community: Community, mapping?: string): ActualsFinding[] {
    const read = readBytes(fsPath, shown);
    if (!read.bytes || isWorkbook(fsPath)) return read.findings;
    let text: string;
    try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
        return parseFor(readCsv(text), shown, plan, community, mapping).findings;
    } catch (error) {
        if (error instanceof UnreadableActuals) return [{ code: 'actuals-unreadable', args: { path: shown, detail: error.message } }];
        return [{ code: 'actuals-unreadable', args: { path: shown, detail: 'not UTF-8 text (save the export as CSV UTF-8 or XLSX)' } }];
    }
}

/**
 * The checker's synchronous reading of a CSV actuals file into weeks (the calibration check,
 * language/validation/calibration.ts); a workbook gives no actuals here — `community calibrate`
 * reads it.
 */
export function readActualsSync(fsPath: string, shown: string, plan: Plan, community: Community, mapping?: string): LoadedActuals {
    const read = readBytes(fsPath, shown);
    if (!read.bytes) return { findings: read.findings };
    if (isWorkbook(fsPath)) return { findings: [] };
    try {
        const text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
        return parseFor(readCsv(text), shown, plan, community, mapping);
    } catch (error) {
        return {
            findings: [{ code: 'actuals-unreadable', args: { path: shown, detail: error instanceof UnreadableActuals ? error.message : 'not UTF-8 text' } }],
        };
    }
}
