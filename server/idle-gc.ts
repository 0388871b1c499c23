// Young-generation garbage collection in the pauses between edits.
//
// Every rebuild allocates a new syntax tree, and most of it lives on (it is the document until the
// next edit). V8 finds that out in a scavenge, which copies the survivors out of the young
// generation: on a 2,000-line plan 10–20 ms, and it lands in the middle of the *next* rebuild, where
// it made the slow tail of edit → diagnostics. Collecting the young generation as soon as a build
// has finished and nothing else is queued moves that copy into the pause between keystrokes; a new
// update arriving first cancels it.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DocumentState } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** Quiet time after a build before collecting (an edit arriving sooner cancels the collection). */
export const IDLE_GC_DELAY_MS = 15;

type Collect = (options: { type: 'minor' | 'major'; execution?: 'sync' | 'async' }) => void;

/** V8's gc function, exposed at run time; undefined where the runtime does not allow it. */
export function exposeGc(): Collect | undefined {
    const existing = (globalThis as { gc?: Collect }).gc;
    if (existing) return existing;
    try {
        setFlagsFromString('--expose-gc');
        const gc = runInNewContext('gc') as Collect | undefined;
        return typeof gc === 'function' ? gc : undefined;
    } catch {
        return undefined;
    }
}

export class IdleCollector {
    private timer: ReturnType<typeof setTimeout> | undefined;
    /** Bumped by every arm and cancel, so a collection already on its way can tell it is stale. */
    private generation = 0;
    /** Young-generation collections run so far (for community/stats and tests). */
    collections = 0;

    constructor(
        shared: LangiumSharedServices,
        private readonly collect: Collect | undefined = exposeGc(),
        private readonly delayMs = IDLE_GC_DELAY_MS,
    ) {
        if (!collect) return;
        const builder = shared.workspace.DocumentBuilder;
        // Typing resumed: as soon as an edit arrives (before the workspace lock lets its rebuild
        // start), and again when the rebuild starts.
        const documents = (shared.workspace as { TextDocuments?: { onDidChangeContent?: (listener: () => void) => unknown } }).TextDocuments;
        if (typeof documents?.onDidChangeContent === 'function') documents.onDidChangeContent(() => this.cancel());
        builder.onUpdate(() => this.cancel());
        builder.onBuildPhase(DocumentState.Validated, () => this.arm());
    }

    private arm(): void {
        this.cancel();
        const generation = this.generation;
        this.timer = setTimeout(() => {
            this.timer = undefined;
            // Let input already waiting to be read (a didChange) go first: it cancels the collection.
            setImmediate(() => {
                if (generation !== this.generation) return;
                this.collect?.({ type: 'minor' });
                this.collections++;
            });
        }, this.delayMs);
        // Never keep the process alive just to collect.
        this.timer.unref?.();
    }

    private cancel(): void {
        this.generation++;
        if (this.timer) clearTimeout(this.timer);
        this.timer = undefined;
    }

    dispose(): void {
        this.cancel();
    }
}
