// Registers the plan checks per AST type (Langium's validation registry).
import type { ValidationAcceptor, ValidationChecks } from 'langium';
import type { CommunityServices } from '../community-module.js';
import type { CommunityAstType } from '../generated/ast.js';
import { planFrameFor } from '../plan-context.js';
import { checkDates } from './dates.js';
import { StructureChecks } from './structure.js';
import { checkKpiDeadline, checkQuantity, checkTimeWindow } from './values.js';
import { registerDomainChecks } from './domain-register.js';
import { checkScenario } from './scenarios.js';
import { checkActuals } from './actuals.js';
import { CalibrationChecks } from './calibration.js';

export function registerValidationChecks(services: CommunityServices): void {
    const registry = services.validation.ValidationRegistry;
    const settings = services.community.Settings;
    const structure = new StructureChecks(services);
    const dated = (node: Parameters<typeof checkDates>[0], accept: ValidationAcceptor) => checkDates(node, accept, settings.lang, planFrameFor(services, node));
    const checks: ValidationChecks<CommunityAstType> = {
        Model: (n, a) => structure.model(n, a),
        Import: (n, a) => structure.importStatement(n, a),
        Plan: [(n, a) => structure.plan(n, a), (n, a) => structure.duplicateProperties(n, a), dated],
        Platform: [(n, a) => structure.platform(n, a), (n, a) => structure.duplicateProperties(n, a)],
        Audience: (n, a) => structure.duplicateProperties(n, a),
        Community: [(n, a) => structure.community(n, a), (n, a) => structure.duplicateProperties(n, a)],
        Tier: [(n, a) => structure.tier(n, a), (n, a) => structure.duplicateProperties(n, a)],
        Content: [(n, a) => structure.content(n, a), (n, a) => structure.duplicateProperties(n, a), dated],
        Activity: [(n, a) => structure.activity(n, a), (n, a) => structure.duplicateProperties(n, a), dated],
        Referral: [(n, a) => structure.referral(n, a), (n, a) => structure.duplicateProperties(n, a), dated],
        Channel: [(n, a) => structure.duplicateProperties(n, a), dated],
        Incentive: (n, a) => structure.incentive(n, a),
        Organic: (n, a) => structure.duplicateProperties(n, a),
        Quantity: (n, a) => checkQuantity(n, a, settings.lang, planFrameFor(services, n)?.currency),
        TimeWindow: (n, a) => checkTimeWindow(n, a, settings.lang),
        Recurrence: dated,
        OneOff: dated,
        Lottery: dated,
        Scenario: (n, a) => checkScenario(services, n, a),
        Actuals: (n, a) => checkActuals(services, n, a),
        Kpi: [
            dated,
            (n, a) => {
                const frame = planFrameFor(services, n);
                checkKpiDeadline(n, a, settings.lang, frame?.horizonWeeks, frame?.start);
            },
        ],
    };
    registry.register(checks);
    registerDomainChecks(services);
    // The fit to actuals takes about a second: after typing pauses, never on a keystroke (calibration.ts).
    const calibration = new CalibrationChecks(services);
    registry.register<CommunityAstType>({ Community: (n, a) => calibration.community(n, a) }, undefined, 'slow');
}
