// Runs Langium's 'slow' validation category off the keystroke path: after an edit has been
// validated with the fast checks, wait for typing to pause, then validate the touched documents
// with the slow checks (calendar expansion, tier projections) under the workspace write lock, so
// the next edit cancels a run in progress. Diagnostics are republished when it completes.
import { DocumentState, URI, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

export const SLOW_VALIDATION_DELAY_MS = 250;

export class SlowValidationScheduler {
    private readonly pending = new Set<string>();
    private timer: ReturnType<typeof setTimeout> | undefined;
    private ownBuild = false;
    private idleWaiters: Array<() => void> = [];
    private running: Promise<void> | undefined;

    constructor(
        private readonly shared: LangiumSharedServices,
        private readonly delayMs = SLOW_VALIDATION_DELAY_MS,
    ) {
        const builder = shared.workspace.DocumentBuilder;
        builder.onUpdate((changed, deleted) => {
            if (this.ownBuild) return;
            for (const uri of deleted) this.pending.delete(uri.toString());
            if (changed.length > 0 && this.timer) {
                clearTimeout(this.timer);
                this.timer = undefined;
                // The documents still pending wait for their next validation, which arms the timer again.
                if (!this.running) this.release();
            }
        });
        builder.onDocumentPhase(DocumentState.Validated, (doc) => {
            if (this.ownBuild || this.hasSlowResults(doc)) return;
            this.pending.add(doc.uri.toString());
            this.arm();
        });
    }

    private hasSlowResults(doc: LangiumDocument): boolean {
        const state = (this.shared.workspace.DocumentBuilder as unknown as { buildState: Map<string, { result?: { validationChecks?: string[] } }> })
            .buildState;
        const checks = state?.get(doc.uri.toString())?.result?.validationChecks;
        return checks?.includes('slow') ?? false;
    }

    private arm(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => {
            this.timer = undefined;
            this.running = this.run().finally(() => {
                this.running = undefined;
                if (!this.timer) this.release();
            });
        }, this.delayMs);
    }

    private async run(): Promise<void> {
        const docs = this.shared.workspace.LangiumDocuments;
        const uris = [...this.pending];
        this.pending.clear();
        const targets = uris
            .map((u) => docs.getDocument(URI.parse(u)))
            .filter((d): d is LangiumDocument => d !== undefined && d.state >= DocumentState.Validated);
        if (targets.length === 0) return;
        await this.shared.workspace.WorkspaceLock.write(async (token) => {
            this.ownBuild = true;
            try {
                await this.shared.workspace.DocumentBuilder.build(targets, { validation: { categories: ['slow'] } }, token);
            } finally {
                this.ownBuild = false;
            }
        });
    }

    /**
     * Resolves when no slow validation is scheduled or running (tests, benchmarks). A document still
     * pending without a timer waits for its next validation (an edit came first), which schedules it
     * again: nothing is scheduled until then.
     */
    whenIdle(): Promise<void> {
        if (!this.timer && !this.running) return Promise.resolve();
        return new Promise((resolve) => this.idleWaiters.push(resolve));
    }

    private release(): void {
        this.idleWaiters.splice(0).forEach((r) => r());
    }
}
