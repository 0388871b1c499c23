// The series a forecast stores (fixed ones, members per tier, retention windows, groups needed per
// platform) and the KPIs compiled against them.
import type { CompileContext } from './context.js';
import type { Kpi } from '../model.js';

/** Retention windows (days) always reported; KPI windows are added to these. */
export const STANDARD_RETENTION_DAYS = [7, 30, 90] as const;

export type SeriesUnit = 'people' | 'share' | 'money' | 'ratio' | 'groups' | 'hours';

export interface SeriesDef {
    /** Stable key: members, members:Core, new-members, retention-30d, groups:WeChatGroups … */
    readonly key: string;
    readonly label: string;
    readonly unit: SeriesUnit;
    readonly tier?: string;
    readonly platform?: string;
}

/** Indexes of the fixed series; per-tier, retention and group series follow. */
export const S = {
    members: 0,
    newMembers: 1,
    activeMembers: 2,
    activeRate: 3,
    churned: 4,
    promotions: 5,
    demotions: 6,
    cost: 7,
    revenue: 8,
    cumulativeCost: 9,
    cumulativeRevenue: 10,
    roi: 11,
    staffHours: 12,
    participation: 13,
    repurchaseRate: 14,
} as const;

const FIXED_SERIES: SeriesDef[] = [
    { key: 'members', label: 'Members', unit: 'people' },
    { key: 'new-members', label: 'New members', unit: 'people' },
    { key: 'active-members', label: 'Active members', unit: 'people' },
    { key: 'active-rate', label: 'Active rate', unit: 'share' },
    { key: 'churned', label: 'Churned', unit: 'people' },
    { key: 'promotions', label: 'Promotions', unit: 'people' },
    { key: 'demotions', label: 'Demotions', unit: 'people' },
    { key: 'cost', label: 'Cost', unit: 'money' },
    { key: 'revenue', label: 'Revenue', unit: 'money' },
    { key: 'cumulative-cost', label: 'Cumulative cost', unit: 'money' },
    { key: 'cumulative-revenue', label: 'Cumulative revenue', unit: 'money' },
    { key: 'roi', label: 'Cumulative ROI', unit: 'ratio' },
    { key: 'staff-hours', label: 'Staff hours', unit: 'hours' },
    { key: 'participation', label: 'Participation in activities', unit: 'share' },
    { key: 'repurchase-rate', label: 'Repurchase rate (buyers who bought again)', unit: 'share' },
];

export interface CompiledKpi {
    kpi: Kpi;
    /** 0-based deadline week, clamped to the horizon. */
    week: number;
    tier: number; // -1 = whole community
    from: number;
    to: number;
    /** Series index of the retention window for retention KPIs. */
    retentionSeries: number;
}

export interface CompiledSeries {
    retentionDays: number[];
    series: SeriesDef[];
    tierSeries0: number;
    retentionSeries0: number;
    groupSeries0: number;
    groupCapacities: number[];
    groupTiers: Uint8Array[];
}

export function compileSeries(ctx: CompileContext): CompiledSeries {
    const { plan, community, tiers, tierNames } = ctx;
    const retentionDays = [
        ...new Set<number>([
            ...STANDARD_RETENTION_DAYS,
            ...community.kpis.filter((k) => k.metric === 'retention' && k.windowDays && k.windowDays > 0).map((k) => k.windowDays as number),
        ]),
    ].sort((a, b) => a - b);
    const series: SeriesDef[] = [...FIXED_SERIES];
    const tierSeries0 = series.length;
    for (const name of tierNames) series.push({ key: `members:${name}`, label: `Members in ${name}`, unit: 'people', tier: name });
    const retentionSeries0 = series.length;
    for (const d of retentionDays) series.push({ key: `retention-${d}d`, label: `Retention at ${d} days`, unit: 'share' });
    const groupSeries0 = series.length;
    const groupCapacities: number[] = [];
    const groupTiers: Uint8Array[] = [];
    for (const name of community.platforms) {
        const platform = plan.platforms.find((p) => p.name === name);
        const cap = platform?.limits['group-capacity'];
        if (platform && cap !== undefined && cap > 0) {
            series.push({ key: `groups:${name}`, label: `Groups needed on ${name}`, unit: 'groups', platform: name });
            groupCapacities.push(cap);
            groupTiers.push(Uint8Array.from(tiers, (t) => (t.platform === undefined || t.platform === name ? 1 : 0)));
        }
    }
    return { retentionDays, series, tierSeries0, retentionSeries0, groupSeries0, groupCapacities, groupTiers };
}

export function compileKpis(ctx: CompileContext, s: Pick<CompiledSeries, 'retentionDays' | 'retentionSeries0'>): CompiledKpi[] {
    const { H, community, tierIndex } = ctx;
    const { retentionDays, retentionSeries0 } = s;
    return community.kpis.map((kpi) => {
        const tierOf = (name: string | undefined) => (name === undefined ? -1 : (tierIndex.get(name) ?? -1));
        const windowDays = kpi.windowDays ?? 30;
        return {
            kpi,
            week: Math.min(H, Math.max(1, kpi.deadlineWeek)) - 1,
            tier: tierOf(kpi.tier),
            from: tierOf(kpi.fromTier),
            to: tierOf(kpi.toTier),
            retentionSeries: retentionSeries0 + retentionDays.indexOf(windowDays),
        };
    });
}
