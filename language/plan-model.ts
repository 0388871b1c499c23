// The plan model of a document as a service: lowered once per workspace state (tolerantly, so a
// half-written file still has a model for what parsed) and read by the checks, hovers, inlay hints,
// the CodeLens forecast and the preview's forecast request — one model of the plan for all of them.
// The checker's projections of a community (engine/projection.ts) are cached beside it.
//
// Compiling a community and projecting it three times is most of what checking a big plan costs
// (a 5 MB plan of 3,400 communities: ~70 % of validation). It is a pure function of the community's
// model and the few plan fields the compiler reads, so it is also kept across workspace states: an
// edit in one community recompiles that one, not all of them. Lowering keeps its communities across
// states the same way (language/lower.ts, LoweringMemo: by their text, place and the plan fields
// they read), and a community model kept there finds its compiled entry by identity. A new model
// object (the file has a syntax error, so lowering kept nothing) is compared as JSON with the
// entries of the same name only, and an entry's JSON is written the first time it is compared:
// a first build (`community check`, opening a file) writes none (~6 % of checking a large plan).
import { WorkspaceCache, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { Assumptions } from '../engine/assumptions.js';
import { compileCommunity, type CompiledCommunity } from '../engine/compile.js';
import type { Community, Plan } from '../engine/model.js';
import { projectCases, type CommunityProjection, type ProjectionCase } from '../engine/projection.js';
import { lowerPlanTolerant, type LoweredItem, type LoweredPlan, type LoweringMemo } from './lower.js';
import type { CommunityServices } from './community-module.js';

export interface CommunityModel {
    plan: Plan;
    compiled: CompiledCommunity;
    project(which: ProjectionCase): CommunityProjection;
}

interface CompiledEntry {
    compiled: CompiledCommunity;
    /** The community model it was compiled from, and that model as JSON once compared. */
    community: Community;
    json?: string;
    projections: Map<ProjectionCase, CommunityProjection>;
    /** The workspace state it was last read in. */
    usedIn: number;
}

/** What compileCommunity reads of a plan besides the community (engine/compile.ts). */
function planContext(plan: Plan): string {
    return JSON.stringify([plan.start, plan.horizonWeeks, plan.platforms, plan.audiences, plan.assumptions]);
}

export class PlanModelProvider {
    private readonly plans: WorkspaceCache<string, LoweredPlan>;
    private readonly communities: WorkspaceCache<string, CommunityModel | undefined>;
    /** Compiled communities by plan context and community name, kept while read in this or the previous workspace state. */
    private readonly compiledByName = new Map<string, CompiledEntry[]>();
    /** The same entries by community model object: a community the lowering memo kept needs no JSON key. */
    private readonly compiledByModel = new WeakMap<Community, { context: string; entry: CompiledEntry }>();
    /** Lowered communities by what their lowering reads (language/lower.ts), aged as compiledByName. */
    private readonly lowered = new Map<string, { item: LoweredItem<unknown>; usedIn: number }>();
    private readonly memo: LoweringMemo = {
        get: (key) => {
            const hit = this.lowered.get(key);
            if (hit) hit.usedIn = this.state;
            return hit?.item;
        },
        set: (key, item) => void this.lowered.set(key, { item, usedIn: this.state }),
    };
    private readonly contexts = new WeakMap<Plan, string>();
    /** A plan's effective assumptions, built once for all its communities (the object is never changed after construction). */
    private readonly assumptions = new WeakMap<Plan, Assumptions>();
    private readonly byName = new WeakMap<Plan, Map<string, Community>>();
    /** Counts workspace states in which a community was read (updates that built nothing do not age entries). */
    private state = 0;
    private updated = false;

    constructor(
        private readonly services: CommunityServices,
        shared: LangiumSharedCoreServices,
    ) {
        this.plans = new WorkspaceCache(shared);
        this.communities = new WorkspaceCache(shared);
        shared.workspace.DocumentBuilder.onUpdate(() => {
            this.updated = true;
        });
    }

    /** Starts a new workspace state after an update: entries not read in this or the previous one go. */
    private age(): void {
        if (!this.updated) return;
        this.updated = false;
        this.state++;
        for (const [key, entries] of this.compiledByName) {
            const kept = entries.filter((e) => e.usedIn >= this.state - 1);
            if (kept.length === 0) this.compiledByName.delete(key);
            else if (kept.length < entries.length) this.compiledByName.set(key, kept);
        }
        for (const [key, entry] of this.lowered) if (entry.usedIn < this.state - 1) this.lowered.delete(key);
    }

    private compiledOf(plan: Plan, community: Community): CompiledEntry {
        this.age();
        let context = this.contexts.get(plan);
        if (context === undefined) this.contexts.set(plan, (context = planContext(plan)));
        const same = this.compiledByModel.get(community);
        let entry = same && same.context === context ? same.entry : undefined;
        if (!entry) {
            const key = `${context}\u0000${community.name}`;
            const candidates = this.compiledByName.get(key);
            let json: string | undefined;
            if (candidates) {
                json = JSON.stringify(community);
                entry = candidates.find((e) => (e.json ??= JSON.stringify(e.community)) === json);
            }
            if (!entry) {
                entry = {
                    compiled: compileCommunity(plan, community, this.assumptionsOf(plan)),
                    community,
                    json,
                    projections: new Map(),
                    usedIn: this.state,
                };
                if (candidates) candidates.push(entry);
                else this.compiledByName.set(key, [entry]);
            }
            this.compiledByModel.set(community, { context, entry });
        }
        entry.usedIn = this.state;
        return entry;
    }

    private assumptionsOf(plan: Plan): Assumptions {
        let a = this.assumptions.get(plan);
        if (!a) this.assumptions.set(plan, (a = new Assumptions(plan.assumptions)));
        return a;
    }

    /** The (tolerantly) lowered plan of a document and its imports. */
    planOf(doc: LangiumDocument): LoweredPlan {
        return this.plans.get(doc.uri.toString(), () => {
            this.age();
            return lowerPlanTolerant(this.services, doc, this.memo);
        });
    }

    /** The compiled model of one community of the document's plan, with its projections on demand. */
    community(doc: LangiumDocument, name: string): CommunityModel | undefined {
        return this.communities.get(`${doc.uri.toString()}#${name}`, () => {
            const plan = this.planOf(doc).plan;
            if (!plan) return undefined;
            let names = this.byName.get(plan);
            if (!names) {
                // The first community of a name, as a search from the start would find it.
                names = new Map();
                for (const c of plan.communities) if (!names.has(c.name)) names.set(c.name, c);
                this.byName.set(plan, names);
            }
            const community = names.get(name);
            if (!community) return undefined;
            const { compiled, projections: cache } = this.compiledOf(plan, community);
            return {
                plan,
                compiled,
                project: (which) => {
                    // The three cases the checks read run side by side in one pass (engine/projection.ts).
                    if (!cache.has(which)) for (const [c, p] of projectCases(compiled)) cache.set(c, p);
                    return cache.get(which)!;
                },
            };
        });
    }
}
