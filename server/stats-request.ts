// `community/stats`: the server's own memory figures, for soak tests and benchmarks that must watch
// the heap of the real process. Collects garbage first when the process allows it (--expose-gc).
import type { Connection } from 'vscode-languageserver';

export const STATS_REQUEST = 'community/stats';

export interface ServerStats {
    heapUsed: number;
    rss: number;
    uptimeSeconds: number;
}

export function registerStatsRequest(connection: Connection): void {
    connection.onRequest(STATS_REQUEST, (): ServerStats => {
        (globalThis as { gc?: () => void }).gc?.();
        const m = process.memoryUsage();
        return { heapUsed: m.heapUsed, rss: m.rss, uptimeSeconds: process.uptime() };
    });
}
