// Checks on plans too large for the checker's projections (issue 14: a 5 MB plan of 3,400
// communities). Projecting every community three times is most of what checking such a plan costs,
// so above PROJECTED_COMMUNITIES_MAX the checks that read projections do not run (domain-register.ts
// skips them) and this one info diagnostic says which ones, so nobody takes the silence for a pass.
import { type AstNode, type ValidationAcceptor, type ValidationCheck } from 'langium';
import type { CommunityServices } from '../community-module.js';
import { isPlan, type Model } from '../generated/ast.js';
import { PROJECTED_COMMUNITIES_MAX, projectionsSkipped } from './domain-calc.js';
import { report } from './report.js';

export class ScaleChecks {
    constructor(private readonly services: CommunityServices) {}

    /** One info diagnostic per file of a plan with more communities than the checker projects. */
    projections(model: Model, accept: ValidationAcceptor): void {
        const communities = projectionsSkipped(this.services, model);
        if (communities === undefined) return;
        const lang = this.services.community.Settings.lang;
        const args = { communities: communities.toLocaleString('en-US'), limit: PROJECTED_COMMUNITIES_MAX.toLocaleString('en-US') };
        // On the plan block when this file has it, else on the file's first element.
        const plan = model.elements.find(isPlan);
        const first = plan ?? model.elements[0];
        if (!first) return;
        report(accept, lang, 'projections-skipped', args, { node: first, ...(plan ? { property: 'title' as const } : {}) });
    }

    /** A check that runs only while the plan is small enough for the checker's projections. */
    whenProjected<T extends AstNode>(check: (node: T, accept: ValidationAcceptor) => void): ValidationCheck<T> {
        return (node, accept) => {
            if (projectionsSkipped(this.services, node) !== undefined) return;
            check(node, accept);
        };
    }
}
