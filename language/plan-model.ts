// The plan model of a document as a service: lowered once per workspace state (tolerantly, so a
// half-written file still has a model for what parsed) and read by the checks, hovers, inlay hints,
// the CodeLens forecast and the preview's forecast request — one model of the plan for all of them.
// The checker's projections of a community (engine/projection.ts) are cached beside it.
import { WorkspaceCache, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { Assumptions } from '../engine/assumptions.js';
import { compileCommunity, type CompiledCommunity } from '../engine/compile.js';
import type { Plan } from '../engine/model.js';
import { projectCompiled, type CommunityProjection, type ProjectionCase } from '../engine/projection.js';
import { lowerPlanTolerant, type LoweredPlan } from './lower.js';
import type { CommunityServices } from './community-module.js';

export interface CommunityModel {
    plan: Plan;
    compiled: CompiledCommunity;
    project(which: ProjectionCase): CommunityProjection;
}

export class PlanModelProvider {
    private readonly plans: WorkspaceCache<string, LoweredPlan>;
    private readonly communities: WorkspaceCache<string, CommunityModel | undefined>;

    constructor(private readonly services: CommunityServices, shared: LangiumSharedCoreServices) {
        this.plans = new WorkspaceCache(shared);
        this.communities = new WorkspaceCache(shared);
    }

    /** The (tolerantly) lowered plan of a document and its imports. */
    planOf(doc: LangiumDocument): LoweredPlan {
        return this.plans.get(doc.uri.toString(), () => lowerPlanTolerant(this.services, doc));
    }

    /** The compiled model of one community of the document's plan, with its projections on demand. */
    community(doc: LangiumDocument, name: string): CommunityModel | undefined {
        return this.communities.get(`${doc.uri.toString()}#${name}`, () => {
            const plan = this.planOf(doc).plan;
            const community = plan?.communities.find((c) => c.name === name);
            if (!plan || !community) return undefined;
            const compiled = compileCommunity(plan, community, new Assumptions(plan.assumptions));
            const cache = new Map<ProjectionCase, CommunityProjection>();
            return {
                plan,
                compiled,
                project: (which) => {
                    let p = cache.get(which);
                    if (!p) cache.set(which, (p = projectCompiled(compiled, which)));
                    return p;
                },
            };
        });
    }
}
