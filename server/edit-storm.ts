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
    running: boolean;
    /** When the first update was requested while this one ran (the next build's waiting edits). */
    followerAt?: number;
}

export class EditStormLock extends DefaultWorkspaceLock {
    private latest: Write | undefined;
    private running: Write | undefined;
    /** Since when edits have been waiting for a build that has not finished yet. */
    private waitingSince: number | undefined;
    /** Updates that ran to the end although newer edits had arrived (for community/stats and tests). */
    protectedBuilds = 0;
    /** Set while our own write is handed to Langium's, whose write() cancels "the previous" itself. */
    private enqueuing = false;

    constructor(private readonly patienceMs = STORM_PATIENCE_MS, private readonly now: () => number = () => performance.now()) {
        super();
    }

    override write(action: Action): Promise<void> {
        return this.enqueueWrite(action, false);
    }

    /** A document update: cancels an older one, unless edits have waited past the patience for it. */
    writeUpdate(action: Action): Promise<void> {
        return this.enqueueWrite(action, true);
    }

    override cancelWrite(): void {
        if (!this.enqueuing) this.latest?.source.cancel();
    }

    private enqueueWrite(action: Action, update: boolean): Promise<void> {
        const now = this.now();
        const previous = this.latest;
        if (update) {
            this.waitingSince ??= now;
            if (this.running?.update && this.running.followerAt === undefined) this.running.followerAt = now;
        }
        const keep = update && previous !== undefined && previous === this.running && previous.update && now - this.waitingSince! >= this.patienceMs;
        if (keep) this.protectedBuilds++;
        else previous?.source.cancel();
        const write: Write = { source: new CancellationTokenSource(), update, running: false };
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
        write.running = true;
        this.running = write;
        try {
            await action(write.source.token);
        } finally {
            write.running = false;
            if (this.running === write) this.running = undefined;
            // A finished update built every edit before it; edits that came while it ran wait from then.
            if (write.update && !write.source.token.isCancellationRequested) this.waitingSince = this.latest === write ? undefined : write.followerAt;
            write.source.dispose();
        }
    }
}

/** Document updates go through the lock's `writeUpdate`, so the storm rule applies to edits only. */
export class EditStormUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(services: LangiumSharedServices) {
        super(services);
    }

    protected override fireDocumentUpdate(changed: URI[], deleted: URI[]): void {
        const lock = this.workspaceLock;
        if (!(lock instanceof EditStormLock)) return super.fireDocumentUpdate(changed, deleted);
        this.workspaceManager.ready
            .then(() => lock.writeUpdate((token) => this.documentBuilder.update(changed, deleted, token)))
            .catch((error: unknown) => console.error('Could not perform document update.', error));
    }
}
