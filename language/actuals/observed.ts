// The observed weeks of a plan's communities (their `actuals` files), read for laying over the
// forecast's bands in the reports (`community compile`) and the preview (the language server).
// A file the checker accepts loads here; one that does not (an XLSX cell the checker does not read,
// a file changed since) is left out and named in `skipped`, so a chart is never half drawn.
import type { Plan } from '../../engine/model.js';
import type { ObservedSeries } from '../../engine/view/forecast-view.js';
import { bundledExcel, type ExcelLoader } from '../../engine/actuals/read.js';
import { loadActualsWith } from './load.js';

export interface ObservedActuals {
    /** Observed weekly values per community name. */
    byCommunity: Map<string, ObservedSeries>;
    /** Files that could not be read, as "path: code". */
    skipped: string[];
}

export async function observedActuals(plan: Plan): Promise<ObservedActuals> {
    return observedActualsWith(bundledExcel, plan);
}

/** observedActuals with a given way to load exceljs for workbooks (see loadActualsWith). */
export async function observedActualsWith(loadExcel: ExcelLoader, plan: Plan): Promise<ObservedActuals> {
    const byCommunity = new Map<string, ObservedSeries>();
    const skipped: string[] = [];
    for (const community of plan.communities) {
        const a = community.actuals;
        if (!a) continue;
        const loaded = await loadActualsWith(loadExcel, a.fsPath, a.path, plan, community, a.mapping);
        if (loaded.actuals) byCommunity.set(community.name, loaded.actuals.series);
        else skipped.push(`${a.path}: ${loaded.findings.map((f) => f.code).join(', ')}`);
    }
    return { byCommunity, skipped };
}
