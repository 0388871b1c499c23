// Registers the domain checks (platform limits, schedule, resources, strategy, compliance).
// Checks that only count or compare written values run on every keystroke ('fast'); the ones that
// expand calendars over the horizon or project tier sizes run in Langium's 'slow' category, which
// the editor runs after typing pauses (language/lsp/slow-validation.ts) and the CLI runs always.
import type { ValidationChecks } from 'langium';
import type { CommunityServices } from '../community-module.js';
import type { CommunityAstType } from '../generated/ast.js';
import { ComplianceChecks } from './domain-compliance.js';
import { PlatformChecks } from './domain-platform.js';
import { ResourceChecks } from './domain-resources.js';
import { ScheduleChecks } from './domain-schedule.js';
import { StrategyChecks } from './domain-strategy.js';

export function registerDomainChecks(services: CommunityServices): void {
    const registry = services.validation.ValidationRegistry;
    const platform = new PlatformChecks(services);
    const schedule = new ScheduleChecks(services);
    const resources = new ResourceChecks(services);
    const strategy = new StrategyChecks(services);
    const compliance = new ComplianceChecks(services);
    const fast: ValidationChecks<CommunityAstType> = {
        Community: [
            (n, a) => schedule.activeHours(n, a),
            (n, a) => strategy.paidTiers(n, a),
            (n, a) => strategy.twoPools(n, a),
        ],
        Kpi: (n, a) => strategy.unmodelled(n, a),
        Activity: (n, a) => compliance.lottery(n, a),
        Referral: (n, a) => compliance.sharing(n, a),
        DataCollection: (n, a) => compliance.data(n, a),
        Content: (n, a) => compliance.adLabel(n, a),
    };
    const slow: ValidationChecks<CommunityAstType> = {
        Model: (n, a) => resources.budget(n, a),
        Community: [
            (n, a) => platform.groups(n, a),
            (n, a) => platform.counts(n, a),
            (n, a) => schedule.overlaps(n, a),
            (n, a) => schedule.cadence(n, a),
            (n, a) => resources.staff(n, a),
        ],
        Activity: (n, a) => resources.capacity(n, a),
        Kpi: (n, a) => strategy.impossible(n, a),
    };
    registry.register(fast, undefined, 'fast');
    registry.register(slow, undefined, 'slow');
}
