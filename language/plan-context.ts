// The plan block that governs a document: its own, or one reached through its imports.
import { AstUtils, WorkspaceCache, type AstNode, type LangiumDocument } from 'langium';
import { isPlan, type Model, type Plan } from './generated/ast.js';
import type { CommunityServices } from './community-module.js';
import { durationDays, isComplete, readQuantity } from './quantity.js';
import { MAX_HORIZON_WEEKS } from '../engine/properties/values.js';

export interface PlanFrame {
    plan: Plan;
    start?: string;
    horizonWeeks?: number;
    currency?: string;
}

export function plansInScope(services: CommunityServices, doc: LangiumDocument): Plan[] {
    const plans: Plan[] = [];
    for (const other of services.community.Imports.closureDocuments(doc)) {
        const model = other.parseResult.value as Model | undefined;
        for (const el of model?.elements ?? []) if (isPlan(el)) plans.push(el);
    }
    return plans;
}

/** Longest plan horizon: 520 weeks (10 years). language/validation/values.ts reports longer ones. */
export { MAX_HORIZON_WEEKS };

/**
 * The horizon in whole weeks, or undefined when it is missing, not a duration or out of range
 * (above 0, at most MAX_HORIZON_WEEKS: the validator reports those, and checks then fall back to
 * the default horizon, as the forecast would).
 */
export function horizonWeeksOf(plan: Plan): number | undefined {
    if (!isComplete(plan.horizon)) return undefined;
    const days = durationDays(readQuantity(plan.horizon));
    if (days === undefined || !(days > 0) || days > MAX_HORIZON_WEEKS * 7) return undefined;
    return Math.max(1, Math.round(days / 7));
}

export function frameOf(plan: Plan): PlanFrame {
    const horizonWeeks = horizonWeeksOf(plan);
    return { plan, start: plan.start, horizonWeeks, currency: plan.currency };
}

// Validation asks for the frame once per number; compute it once per document and build.
const frameCaches = new WeakMap<CommunityServices, WorkspaceCache<string, PlanFrame | undefined>>();

export function planFrameFor(services: CommunityServices, node: AstNode): PlanFrame | undefined {
    let cache = frameCaches.get(services);
    if (!cache) {
        cache = new WorkspaceCache(services.shared);
        frameCaches.set(services, cache);
    }
    const doc = AstUtils.getDocument(node);
    return cache.get(doc.uri.toString(), () => {
        const plan = plansInScope(services, doc)[0];
        return plan ? frameOf(plan) : undefined;
    });
}

/** Adds whole days to an ISO date. */
export function addDays(iso: string, days: number): string {
    const d = new Date(`${iso}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + days);
    return d.toISOString().slice(0, 10);
}
