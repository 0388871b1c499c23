// Registers the domain checks (platform limits, schedule, resources, strategy, compliance).
// Checks that only count or compare written values run on every keystroke ('fast'); the ones that
// expand calendars over the horizon or project tier sizes run in Langium's 'slow' category, which
// the editor runs after typing pauses (language/lsp/slow-validation.ts) and the CLI runs always.
import { AstUtils, type AstNode, type ValidationAcceptor, type ValidationCheck, type ValidationChecks } from 'langium';
import type { CommunityServices } from '../community-module.js';
import type { Activity, Community, CommunityAstType, Kpi, Model, Tier } from '../generated/ast.js';
import { ComplianceChecks } from './domain-compliance.js';
import { PlatformChecks } from './domain-platform.js';
import { ResourceChecks } from './domain-resources.js';
import { ScaleChecks } from './domain-scale.js';
import { ScheduleChecks } from './domain-schedule.js';
import { StrategyChecks } from './domain-strategy.js';

export function registerDomainChecks(services: CommunityServices): void {
    const registry = services.validation.ValidationRegistry;
    const platform = new PlatformChecks(services);
    const schedule = new ScheduleChecks(services);
    const resources = new ResourceChecks(services);
    const strategy = new StrategyChecks(services);
    const compliance = new ComplianceChecks(services);
    const scale = new ScaleChecks(services);
    // The checks that read the checker's projections; skipped on a plan too large to project (domain-scale.ts).
    const projected = scale.whenProjected.bind(scale);
    const fast: ValidationChecks<CommunityAstType> = {
        Community: [(n, a) => schedule.activeHours(n, a), (n, a) => strategy.paidTiers(n, a), (n, a) => strategy.twoPools(n, a)],
        Kpi: (n, a) => strategy.unmodelled(n, a),
        Activity: (n, a) => compliance.lottery(n, a),
        Referral: (n, a) => compliance.sharing(n, a),
        DataCollection: (n, a) => compliance.data(n, a),
        Content: [(n, a) => compliance.adLabel(n, a)],
        Recurrence: (n, a) => schedule.monthDays(n, a),
    };
    const slow: ValidationChecks<CommunityAstType> = {
        Model: [projected<Model>((n, a) => resources.budget(n, a)), (n, a) => scale.projections(n, a)],
        Community: [
            projected<Community>((n, a) => platform.groups(n, a)),
            (n, a) => platform.counts(n, a),
            (n, a) => schedule.overlaps(n, a),
            (n, a) => schedule.cadence(n, a),
            projected<Community>((n, a) => resources.staff(n, a)),
        ],
        Activity: projected<Activity>((n, a) => resources.capacity(n, a)),
        Tier: [projected<Tier>((n, a) => resources.tierFull(n, a)), (n, a) => compliance.entryShare(n, a)],
        Kpi: projected<Kpi>((n, a) => strategy.impossible(n, a)),
    };
    registry.register(onlyWhenParsed(fast), undefined, 'fast');
    registry.register(onlyWhenParsed(slow), undefined, 'slow');
}

/**
 * Domain checks reason about whole plans; on a file that does not parse, the syntax errors come
 * first and half-built blocks (a KPI without its target) would only produce noise. Each check runs
 * only when its document parsed cleanly.
 */
function onlyWhenParsed(checks: ValidationChecks<CommunityAstType>): ValidationChecks<CommunityAstType> {
    const guard = (check: ValidationCheck) => (node: AstNode, accept: ValidationAcceptor, token: Parameters<ValidationCheck>[2]) => {
        const parsed = AstUtils.getDocument(node).parseResult;
        if (parsed.parserErrors.length > 0 || parsed.lexerErrors.length > 0) return;
        return check(node, accept, token);
    };
    const guarded: Record<string, ValidationCheck | ValidationCheck[]> = {};
    for (const [type, value] of Object.entries(checks)) {
        guarded[type] = Array.isArray(value) ? value.map((c) => guard(c as ValidationCheck)) : guard(value as ValidationCheck);
    }
    return guarded as ValidationChecks<CommunityAstType>;
}
