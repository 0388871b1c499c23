// Edits never queue. When the editor sends didChange notifications faster than the server builds
// (a paste-heavy macro, a slow machine catching up, a client replaying its buffer), every one of them
// used to start a rebuild of its document before the next was even read: 2,000 queued one-character
// edits kept the server busy for tens of seconds. This reader sits between the transport and the
// connection and merges consecutive didChange notifications of one document that have not been
// passed on yet into one notification: the content changes concatenated in order (the LSP applies
// them one after the other, exactly as if they had come separately) and the last version. It passes
// on one message per turn of the event loop, the pace at which the connection dispatches them, so
// a backlog waits here, where it can be merged, rather than in the connection's queue, where a
// storm of 200 edits a second outran the dispatch (one message per turn, and a build's turn is
// ~10 ms) and requests queued for seconds behind edits.
// Anything else — a request, another document's change, didSave — ends the run and is passed on in
// its place, so a hover or completion asked between two edits still sees the first one applied and
// not the second: answers stay current for the version they ask about.
import { Message, type DataCallback, type Disposable, type MessageReader, type NotificationMessage, type PartialMessageInfo } from 'vscode-languageserver/node';

const DID_CHANGE = 'textDocument/didChange';

interface DidChangeParams {
    textDocument: { uri: string; version: number };
    contentChanges: unknown[];
}

function didChangeOf(message: Message): (NotificationMessage & { params: DidChangeParams }) | undefined {
    if (!Message.isNotification(message) || message.method !== DID_CHANGE) return undefined;
    const params = message.params as DidChangeParams | undefined;
    if (typeof params?.textDocument?.uri !== 'string' || !Array.isArray(params.contentChanges)) return undefined;
    return message as NotificationMessage & { params: DidChangeParams };
}

export class EditCoalescer implements MessageReader {
    /** Messages read and not passed on yet, in order; runs of one document's didChange merged. */
    private pending: Message[] = [];
    private pumping: ReturnType<typeof setImmediate> | undefined;
    private callback: DataCallback | undefined;
    /** Notifications merged into an earlier one so far (for community/stats and tests). */
    merged = 0;

    constructor(private readonly inner: MessageReader) {}

    get onError() {
        return this.inner.onError;
    }
    get onClose() {
        return this.inner.onClose;
    }
    get onPartialMessage(): (listener: (e: PartialMessageInfo) => unknown) => Disposable {
        return this.inner.onPartialMessage;
    }

    listen(callback: DataCallback): Disposable {
        this.callback = callback;
        const listening = this.inner.listen((message) => this.read(message));
        return {
            dispose: () => {
                listening.dispose();
                this.flush();
                this.callback = undefined;
            },
        };
    }

    private read(message: Message): void {
        const change = didChangeOf(message);
        const last = this.pending[this.pending.length - 1];
        const previous = last && didChangeOf(last);
        if (change && previous && previous.params.textDocument.uri === change.params.textDocument.uri) {
            // A fresh object: the first notification may be referenced elsewhere (tracing, tests).
            this.pending[this.pending.length - 1] = {
                ...previous,
                params: {
                    ...previous.params,
                    textDocument: change.params.textDocument,
                    contentChanges: previous.params.contentChanges.concat(change.params.contentChanges),
                },
            } as NotificationMessage;
            this.merged++;
        } else {
            this.pending.push(message);
        }
        // The transport hands over every message of a chunk before the event loop turns: the first
        // one goes on in the next turn, when the run it starts is complete.
        this.pumping ??= setImmediate(() => this.pump());
    }

    /** Passes on the oldest message; the next one a turn later. */
    private pump(): void {
        this.pumping = undefined;
        const message = this.pending.shift();
        if (this.pending.length > 0) this.pumping = setImmediate(() => this.pump());
        if (message) this.callback?.(message);
    }

    /** Passes on everything still waiting (the stream ends or the reader is disposed). */
    private flush(): void {
        if (this.pumping) clearImmediate(this.pumping);
        this.pumping = undefined;
        const messages = this.pending;
        this.pending = [];
        for (const message of messages) this.callback?.(message);
    }

    dispose(): void {
        this.flush();
        this.inner.dispose();
    }
}
