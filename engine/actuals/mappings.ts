// Built-in column mappings: a platform's export is used as it comes. Each maps the export's own
// column names to the canonical layout (engine/actuals/measures.ts); columns a mapping does not
// name are ignored (an export has many we do not model), unlike the canonical layout, where an
// unknown column is an error. Sources of the column names are cited in docs/calibration.md.

export interface ColumnMapping {
    readonly name: string;
    /** Export column (compared trimmed, case-insensitively) → canonical column. */
    readonly columns: Readonly<Record<string, string>>;
    /** Columns whose presence identifies the export (all of them must be there). */
    readonly signature: readonly string[];
}

export const MAPPINGS: readonly ColumnMapping[] = [
    {
        // WeCom (企业微信) admin console → 客户联系 → 客户群 → 群统计, exported per day; the same
        // figures as the groupchat/statistic API (developer.work.weixin.qq.com/document/path/92133),
        // whose field names are accepted too.
        name: 'wecom',
        columns: {
            日期: 'date',
            客户群总人数: 'members',
            群成员总数: 'members',
            客户群新增人数: 'joins',
            入群人数: 'joins',
            退群人数: 'leaves',
            发过消息的群成员数: 'active',
            发言成员数: 'active',
            活跃成员数: 'active',
            stat_time: 'date',
            member_total: 'members',
            new_member_cnt: 'joins',
            member_has_msg: 'active',
        },
        signature: ['日期'],
    },
    {
        // Discord Server Insights (Growth & Activation, Engagement), daily or weekly intervals; the
        // field names of the insights endpoints (discord-userdoccers, "Guild Analytics").
        name: 'discord',
        columns: {
            day_pt: 'date',
            interval_start_timestamp: 'date',
            new_members: 'joins',
            joins: 'joins',
            leaves: 'leaves',
            communicators: 'active',
            total_membership: 'members',
            all_time_joins: '',
        },
        signature: ['day_pt'],
    },
    {
        // Discourse admin → Reports → Signups → Export: the report's default labels "Day" and
        // "Count" (discourse/discourse, app/models/report.rb, Report.default_labels).
        name: 'discourse-signups',
        columns: { day: 'date', count: 'joins' },
        signature: ['day', 'count'],
    },
    {
        // Discourse admin → Reports → Daily Engaged Users → Export (same default labels).
        name: 'discourse-engaged-users',
        columns: { day: 'date', count: 'active' },
        signature: ['day', 'count'],
    },
];

export const MAPPING_NAMES = MAPPINGS.map((m) => m.name);

export function mappingNamed(name: string): ColumnMapping | undefined {
    return MAPPINGS.find((m) => m.name === name);
}

const norm = (s: string) => s.trim().toLowerCase();

/** The built-in mapping an export's header matches (first in table order), if any. */
export function detectMapping(header: readonly string[]): ColumnMapping | undefined {
    const names = new Set(header.map(norm));
    // Discourse exports share their header: only an explicit `as discourse-…` tells them apart, so
    // detection picks signups (the report strategists export first) and the docs say so.
    return MAPPINGS.find((m) => m.signature.every((s) => names.has(norm(s))));
}

/** The canonical name of an export column under a mapping ('' = ignored, undefined = not in it). */
export function mapColumn(mapping: ColumnMapping, column: string): string | undefined {
    const n = norm(column);
    for (const [from, to] of Object.entries(mapping.columns)) if (norm(from) === n) return to;
    return undefined;
}
