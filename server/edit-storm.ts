// Requests keep being answered in an edit storm. Langium cancels the running rebuild whenever a newer
// edit arrives; that is right while typing (the old build is stale anyway) but at 200 edits a second
// no build of a plan ever finishes, and a hover or completion waiting for its document waited until
// the storm stopped (p50 40 s, p99 82 s over 60 s). The lock below lets a document update run to the
// end once edits have been waiting for it longer than STORM_PATIENCE_MS: newer edits then queue
// behind it (merged into one update, as Langium's lock already does with queued writes) instead of
// cancelling it, so a build completes at least every STORM_PATIENCE_MS + one build. Ordinary typing
// (a build finishes between keystrokes) never reaches that patience and behaves as before.
import { DefaultWorkspaceLock, type URI } from 'langium';
import { DefaultDocumentUpdateHandler, type LangiumSharedServices } from 'langium/lsp';
import { CancellationTokenSource, type CancellationToken } from 'vscode-languageserver';

/** How long edits may wait for a build before the running one is no longer cancelled by newer edits. */
export const STORM_PATIENCE_MS = 150;

type Action = (token: CancellationToken) => unknown;

interface Write {
    source: CancellationTokenSource;
    /** A document update (an edit), as opposed to a workspace build, slow checks or a settings rebuild. */
    update: boolean;
    /** Kept from cancellation: edits had waited past the patience when a newer one came. */
    kept: boolean;
    /** When the first edit arrived while this one ran (the next build's waiting edits). */
    followerAt?: number;
}

export class EditStormLock extends DefaultWorkspaceLock {
    private latest: Write | undefined;
    private running: Write | undefined;
    /** Since when edits have been waiting for a build that has not finished yet. */
    private waitingSince: number | undefined;
    /** Updates that ran to the end although newer edits had arrived (for tests). */
    protectedBuilds = 0;
    /** Set while our own write is handed to Langium's, whose write() cancels "the previous" itself. */
    private enqueuing = false;

    constructor(
        private readonly patienceMs = STORM_PATIENCE_MS,
        private readonly now: () => number = () => performance.now(),
    ) {
        super();
    }

    /**
     * Workspace builds, slow checks, settings: queued, cancelling nothing. Langium's lock cancels the
     * previous write here, but a cancelled build leaves its documents reset below "validated": after
     * an edit the following update rebuilds them, after another slow-check or settings build nothing
     * does, and a request waiting for them waited forever (the soak's warm-up hang). An edit still
     * cancels one that is running (editArrived), and the update queued behind it rebuilds what it left.
     */
    override write(action: Action): Promise<void> {
        return this.enqueueWrite(action, false);
    }

    /** A document update; call `editArrived` instead while an update is still queued (it takes the edit along). */
    writeUpdate(action: Action): Promise<void> {
        this.editArrived();
        return this.enqueueWrite(action, true);
    }

    /**
     * An edit arrived: the running build is cancelled (it is stale), unless it is an update and edits
     * have been waiting for a finished build longer than the patience; then it runs to the end.
     */
    editArrived(): void {
        const now = this.now();
        this.waitingSince ??= now;
        const running = this.running;
        if (running?.update && running.followerAt === undefined) running.followerAt = now;
        if (running && !running.source.token.isCancellationRequested) {
            if (running.update && now - this.waitingSince >= this.patienceMs) {
                if (!running.kept) this.protectedBuilds++;
                running.kept = true;
            } else {
                running.source.cancel();
            }
        }
        // Writes still queued are left alone: a cancelled build resets its documents before it checks
        // its token, and one queued after this edit's update would leave them unbuilt.
    }

    override cancelWrite(): void {
        if (!this.enqueuing && this.latest && !this.latest.update) this.latest.source.cancel();
    }

    private enqueueWrite(action: Action, update: boolean): Promise<void> {
        const source = new CancellationTokenSource();
        // Create the token now: a source cancelled before its token exists cannot be cancelled twice.
        void source.token;
        const write: Write = { source, update, kept: false };
        this.latest = write;
        // Langium's lock cancels its own token of the previous write; ours decides instead. A write
        // cancelled before it starts still runs: Langium's update marks its documents changed before
        // it checks the token, so the next build includes them.
        this.enqueuing = true;
        try {
            return super.write(async () => this.run(write, action));
        } finally {
            this.enqueuing = false;
        }
    }

    private async run(write: Write, action: Action): Promise<void> {
        this.running = write;
        try {
            await action(write.source.token);
        } finally {
            if (this.running === write) this.running = undefined;
            // A finished update built every edit before it; edits that came while it ran wait from then.
            if (write.update && !write.source.token.isCancellationRequested) this.waitingSince = write.followerAt;
            // Not disposed: a disposed source throws when cancelled, and `latest` may still be cancelled later.
        }
    }
}

/**
 * Document updates go through the lock's `writeUpdate`, so the storm rule applies to edits only, and
 * edits arriving while an update is queued join it: at most one update waits, however fast the edits.
 */
export class EditStormUpdateHandler extends DefaultDocumentUpdateHandler {
    private queued: { changed: Map<string, URI>; deleted: Map<string, URI> } | undefined;

    constructor(services: LangiumSharedServices) {
        super(services);
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const lock = this.workspaceLock;
        if (!(lock instanceof EditStormLock)) return super.fireDocumentUpdate(changed, deleted);
        this.workspaceManager.ready
            .then(() => {
                const batch = this.queued ?? { changed: new Map<string, URI>(), deleted: new Map<string, URI>() };
                for (const uri of changed) {
                    batch.deleted.delete(uri.toString());
                    batch.changed.set(uri.toString(), uri);
                }
                for (const uri of deleted) {
                    batch.changed.delete(uri.toString());
                    batch.deleted.set(uri.toString(), uri);
                }
                if (this.queued === batch) return lock.editArrived();
                this.queued = batch;
                return lock.writeUpdate((token) => {
                    if (this.queued === batch) this.queued = undefined;
                    return this.documentBuilder.update([...batch.changed.values()], [...batch.deleted.values()], token);
                });
            })
            .catch((error: unknown) => console.error('Could not perform document update.', error));
    }
}
