// `community/stats`: the server's own memory figures, for soak tests and benchmarks that must watch
// the heap of the real process, and how far the workspace is indexed. Collects garbage first when the
// process allows it (--expose-gc) unless asked not to (`{ gc: false }`, for polling).
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { Connection } from 'vscode-languageserver';

export const STATS_REQUEST = 'community/stats';

export interface ServerStats {
    heapUsed: number;
    rss: number;
    uptimeSeconds: number;
    /** Documents the server knows, and how many of them are indexed (linked, references indexed). */
    documents?: { total: number; indexed: number; validated: number };
    /** Young-generation collections run in pauses between edits (server/idle-gc.ts). */
    idleCollections?: number;
}

export function registerStatsRequest(connection: Connection, shared?: LangiumSharedServices, idleGc?: { collections: number }): void {
    connection.onRequest(STATS_REQUEST, (params?: { gc?: boolean }): ServerStats => {
        if (params?.gc !== false) (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        const stats: ServerStats = { heapUsed: m.heapUsed, rss: m.rss, uptimeSeconds: process.uptime() };
        if (idleGc) stats.idleCollections = idleGc.collections;
        if (shared) {
            let total = 0;
            let indexed = 0;
            let validated = 0;
            for (const doc of shared.workspace.LangiumDocuments.all) {
                total++;
                if (doc.state >= DocumentState.IndexedReferences) indexed++;
                if (doc.state >= DocumentState.Validated) validated++;
            }
            stats.documents = { total, indexed, validated };
        }
        return stats;
    });
}
