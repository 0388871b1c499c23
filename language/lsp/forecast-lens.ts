// Forecasts for CodeLens, computed off the typing path: once a document is validated and typing has
// paused, lower it to the plan model and run the Monte Carlo engine with a small run count, one
// community at a time, yielding between them; a newer edit of the document cancels the run. When a
// result is ready the client is asked to refresh its lenses.
import { DocumentState, URI, type LangiumDocument } from 'langium';
import { forecastScenario } from '../../engine/forecast.js';
import type { CommunityForecast } from '../../engine/forecast-schema.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { lowerPlan } from '../lower.js';

export const LENS_RUNS = 200;
export const LENS_SEED = 7;
export const LENS_DELAY_MS = 400;

export type LensResult = { status: 'ok'; version: number; communities: Map<string, CommunityForecast> } | { status: 'failed'; version: number; reason: string };

interface Job {
    version: number;
    cancelled: boolean;
    done: Promise<void>;
}

export class ForecastLensService {
    private readonly results = new Map<string, LensResult>();
    private readonly jobs = new Map<string, Job>();
    private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
    /** Called when a document's lens data changed (the server asks the client to refresh). */
    onResult: (uri: string) => void = () => {};

    constructor(
        private readonly services: CommunityServices,
        private readonly runs = LENS_RUNS,
        private readonly delayMs = LENS_DELAY_MS,
    ) {
        const builder = services.shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            for (const uri of [...changed, ...deleted]) this.cancel(uri.toString());
        });
        builder.onDocumentPhase(DocumentState.Validated, (doc) => {
            if (this.hasCommunities(doc)) this.schedule(doc);
        });
    }

    private hasCommunities(doc: LangiumDocument): boolean {
        return (doc.parseResult.value as A.Model).elements?.some(A.isCommunity) ?? false;
    }

    private cancel(uri: string): void {
        const timer = this.timers.get(uri);
        if (timer) clearTimeout(timer);
        this.timers.delete(uri);
        const job = this.jobs.get(uri);
        if (job) job.cancelled = true;
    }

    private schedule(doc: LangiumDocument): void {
        const uri = doc.uri.toString();
        const version = doc.textDocument.version;
        const current = this.results.get(uri);
        if (current?.version === version || this.jobs.get(uri)?.version === version) return;
        this.cancel(uri);
        this.timers.set(
            uri,
            setTimeout(() => {
                this.timers.delete(uri);
                this.start(uri, version);
            }, this.delayMs),
        );
    }

    private start(uri: string, version: number): void {
        const job: Job = { version, cancelled: false, done: Promise.resolve() };
        job.done = this.compute(uri, job).finally(() => {
            if (this.jobs.get(uri) === job) this.jobs.delete(uri);
        });
        this.jobs.set(uri, job);
    }

    private async compute(uri: string, job: Job): Promise<void> {
        const doc = this.services.shared.workspace.LangiumDocuments.getDocument(URI.parse(uri));
        if (!doc || doc.textDocument.version !== job.version) return;
        const errors =
            (doc.diagnostics ?? []).filter((d) => d.severity === 1).length + doc.parseResult.parserErrors.length + doc.parseResult.lexerErrors.length;
        if (errors > 0) {
            this.publish(uri, { status: 'failed', version: job.version, reason: 'errors' });
            return;
        }
        let plan;
        try {
            plan = lowerPlan(this.services, doc);
        } catch (e) {
            this.publish(uri, { status: 'failed', version: job.version, reason: e instanceof Error ? e.message : String(e) });
            return;
        }
        const own = new Set((doc.parseResult.value as A.Model).elements.filter(A.isCommunity).map((c) => c.name));
        const communities = new Map<string, CommunityForecast>();
        for (const community of plan.communities.filter((c) => own.has(c.name))) {
            await new Promise((resolve) => setImmediate(resolve));
            if (job.cancelled) return;
            const result = forecastScenario({ ...plan, communities: [community] }, null, this.runs, LENS_SEED);
            const forecast = result.communities[0];
            if (forecast) communities.set(community.name, forecast);
        }
        if (job.cancelled) return;
        this.publish(uri, { status: 'ok', version: job.version, communities });
    }

    private publish(uri: string, result: LensResult): void {
        this.results.set(uri, result);
        this.onResult(uri);
    }

    /** Forgets every result (settings such as platform limits changed); the next validation recomputes. */
    invalidate(): void {
        for (const uri of [...this.timers.keys(), ...this.jobs.keys()]) this.cancel(uri);
        this.results.clear();
    }

    /** The latest result for a document, if it matches the given version. */
    result(uri: string, version?: number): LensResult | undefined {
        const r = this.results.get(uri);
        return r && (version === undefined || r.version === version) ? r : undefined;
    }

    /** Resolves once nothing is scheduled or running for the document (tests and benchmarks). */
    async whenSettled(uri: string): Promise<void> {
        for (;;) {
            const timer = this.timers.get(uri);
            const job = this.jobs.get(uri);
            if (!timer && !job) return;
            if (job) await job.done;
            else await new Promise((resolve) => setTimeout(resolve, this.delayMs));
        }
    }
}
