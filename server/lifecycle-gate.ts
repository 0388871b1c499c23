// The LSP lifecycle, enforced before any message reaches the language services: requests before
// `initialize` are answered with ServerNotInitialized (-32002) and notifications dropped (except
// `exit`); a second `initialize` and any request after `shutdown` are answered with InvalidRequest.
// vscode-languageserver on its own queues early requests until the workspace is ready and answers
// everything after shutdown, which leaves strict clients waiting.
import {
    Emitter,
    ErrorCodes,
    Message,
    type DataCallback,
    type Disposable,
    type MessageReader,
    type MessageWriter,
    type NotificationMessage,
    type PartialMessageInfo,
    type RequestMessage,
    type ResponseMessage,
} from 'vscode-languageserver/node';

export type LifecycleState = 'uninitialized' | 'initialized' | 'shutdown';

/** Wraps the transport's reader: lets through what the lifecycle allows, answers the rest itself. */
export class LifecycleGate implements MessageReader {
    state: LifecycleState = 'uninitialized';
    private readonly dropped = new Emitter<NotificationMessage>();

    constructor(
        private readonly inner: MessageReader,
        private readonly writer: MessageWriter,
    ) {}

    get onError() {
        return this.inner.onError;
    }
    get onClose() {
        return this.inner.onClose;
    }
    get onPartialMessage(): (listener: (e: PartialMessageInfo) => unknown) => Disposable {
        return this.inner.onPartialMessage;
    }
    /** Notifications dropped because they came before initialize or after shutdown (for tests and logs). */
    get onDropped() {
        return this.dropped.event;
    }

    listen(callback: DataCallback): Disposable {
        return this.inner.listen((message) => {
            if (Message.isRequest(message)) {
                const refusal = this.refuse(message);
                if (refusal) void this.writer.write(refusal);
                else callback(message);
            } else if (Message.isNotification(message)) {
                if (message.method === 'exit' || this.state === 'initialized') callback(message);
                else this.dropped.fire(message);
            } else {
                // Responses to the server's own requests (configuration, registration …) always pass.
                callback(message);
            }
        });
    }

    /** The error response for a request the lifecycle does not allow now, or undefined to pass it on. */
    private refuse(request: RequestMessage): ResponseMessage | undefined {
        const error = (code: number, message: string): ResponseMessage => ({ jsonrpc: '2.0', id: request.id, error: { code, message } });
        switch (this.state) {
            case 'uninitialized':
                if (request.method === 'initialize') {
                    this.state = 'initialized';
                    return undefined;
                }
                return error(ErrorCodes.ServerNotInitialized, `The server is not initialized yet: "${request.method}" must come after "initialize".`);
            case 'initialized':
                if (request.method === 'initialize')
                    return error(ErrorCodes.InvalidRequest, 'The server is already initialized: "initialize" may be sent only once.');
                if (request.method === 'shutdown') this.state = 'shutdown';
                return undefined;
            case 'shutdown':
                return error(ErrorCodes.InvalidRequest, `The server is shutting down: "${request.method}" after "shutdown" is not answered; send "exit".`);
        }
    }

    dispose(): void {
        this.inner.dispose();
        this.dropped.dispose();
    }
}
