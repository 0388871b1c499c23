// A reader and a writer the connection can be made on before the channel to the editor exists:
// the server's startup snapshot (server/snapshot-entry.ts) builds the connection and every service
// at build time, when there is no editor, and attaches the real channel (server/transport.ts) when
// a process starts from the snapshot. Until then nothing is read, and anything written waits.
import {
    Emitter,
    type DataCallback,
    type Disposable,
    type Message,
    type MessageReader,
    type MessageWriter,
    type PartialMessageInfo,
} from 'vscode-languageserver/node';

export class DeferredReader implements MessageReader {
    private readonly errors = new Emitter<Error>();
    private readonly closes = new Emitter<void>();
    private readonly partials = new Emitter<PartialMessageInfo>();
    private callback: DataCallback | undefined;
    private inner: MessageReader | undefined;
    private listening: Disposable | undefined;

    readonly onError = this.errors.event;
    readonly onClose = this.closes.event;
    readonly onPartialMessage = this.partials.event;

    listen(callback: DataCallback): Disposable {
        this.callback = callback;
        if (this.inner) this.listening = this.inner.listen(callback);
        return { dispose: () => this.listening?.dispose() };
    }

    attach(inner: MessageReader): void {
        this.inner = inner;
        inner.onError((e) => this.errors.fire(e));
        inner.onClose(() => this.closes.fire());
        inner.onPartialMessage((p) => this.partials.fire(p));
        if (this.callback) this.listening = inner.listen(this.callback);
    }

    dispose(): void {
        this.inner?.dispose();
        this.errors.dispose();
        this.closes.dispose();
        this.partials.dispose();
    }
}

export class DeferredWriter implements MessageWriter {
    private readonly errors = new Emitter<[Error, Message | undefined, number | undefined]>();
    private readonly closes = new Emitter<void>();
    private inner: MessageWriter | undefined;
    private readonly waiting: Array<{ message: Message; done: () => void; failed: (e: unknown) => void }> = [];

    readonly onError = this.errors.event;
    readonly onClose = this.closes.event;

    write(message: Message): Promise<void> {
        if (this.inner) return this.inner.write(message);
        return new Promise((done, failed) => this.waiting.push({ message, done, failed }));
    }

    attach(inner: MessageWriter): void {
        this.inner = inner;
        inner.onError((e) => this.errors.fire(e));
        inner.onClose(() => this.closes.fire());
        for (const w of this.waiting.splice(0)) inner.write(w.message).then(w.done, w.failed);
    }

    end(): void {
        this.inner?.end();
    }

    dispose(): void {
        this.inner?.dispose();
        this.errors.dispose();
        this.closes.dispose();
    }
}
