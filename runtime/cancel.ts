// The cancel token of long work (a forecast, a solve, a calibration): the engine checks it between
// blocks of runs. The flag lives in a SharedArrayBuffer so a worker thread reads the same flag the
// main thread sets (a calibration's fit runs whole in a worker and checks it between evaluations).

export interface CancelToken {
    isCancelled(): boolean;
    /** Calls `listener` once when cancelled; the returned function stops listening. */
    onCancel(listener: () => void): () => void;
}

export class CancelSource implements CancelToken {
    /** 0 = running, 1 = cancelled; shared with workers. */
    readonly flag = new Int32Array(new SharedArrayBuffer(4));
    private readonly listeners = new Set<() => void>();

    isCancelled(): boolean {
        return Atomics.load(this.flag, 0) !== 0;
    }

    onCancel(listener: () => void): () => void {
        if (this.isCancelled()) {
            queueMicrotask(listener);
            return () => undefined;
        }
        this.listeners.add(listener);
        return () => this.listeners.delete(listener);
    }

    cancel(): void {
        if (this.isCancelled()) return;
        Atomics.store(this.flag, 0, 1);
        for (const listener of [...this.listeners]) listener();
        this.listeners.clear();
    }
}

/** The token of an LSP request (vscode-jsonrpc's CancellationToken has this shape). */
export function fromRequestToken(token: { isCancellationRequested: boolean; onCancellationRequested(listener: () => void): { dispose(): void } }): CancelToken {
    return {
        isCancelled: () => token.isCancellationRequested,
        onCancel(listener) {
            const d = token.onCancellationRequested(listener);
            return () => d.dispose();
        },
    };
}
