// How the server talks to its editor: --stdio (the default, every editor), --node-ipc (the VS Code
// client), --socket=<port> or --pipe=<name>. Whatever the channel, the process never hangs and never
// prints a stack trace when it breaks: a corrupt frame (bad or missing Content-Length, a body that is
// not JSON) is logged to stderr and ends the process with code 1, so the editor restarts the server
// instead of waiting on one that reads nothing; a closed input or output ends it quietly with code 1
// (0 after a `shutdown` request).
import {
    createServerPipeTransport,
    createServerSocketTransport,
    IPCMessageReader,
    IPCMessageWriter,
    StreamMessageReader,
    StreamMessageWriter,
    type MessageReader,
    type MessageWriter,
} from 'vscode-languageserver/node';
import { EditCoalescer } from './edit-coalescer.js';
import { LifecycleGate } from './lifecycle-gate.js';

export type TransportKind = 'stdio' | 'node-ipc' | 'socket' | 'pipe';

export interface Transport {
    kind: TransportKind;
    reader: LifecycleGate;
    writer: MessageWriter;
}

/** The channel named on the command line (`--stdio` when none is). */
export function transportKind(argv: string[]): { kind: TransportKind; target?: string } {
    for (let i = 0; i < argv.length; i++) {
        const [flag, value] = argv[i].split('=', 2);
        if (flag === '--node-ipc') return { kind: 'node-ipc' };
        if (flag === '--stdio') return { kind: 'stdio' };
        if (flag === '--socket' || flag === '--port') return { kind: 'socket', target: value ?? argv[i + 1] };
        if (flag === '--pipe') return { kind: 'pipe', target: value ?? argv[i + 1] };
    }
    return { kind: 'stdio' };
}

export interface TransportHooks {
    /** Writes one line to stderr (never to the protocol stream). */
    log(line: string): void;
    exit(code: number): void;
}

const defaultHooks: TransportHooks = {
    log: (line) => {
        try {
            process.stderr.write(`community-language-server: ${line}\n`);
        } catch {
            // stderr closed as well: nothing left to tell.
        }
    },
    exit: (code) => process.exit(code),
};

export function openTransport(argv: string[], hooks: TransportHooks = defaultHooks): Transport {
    const { kind, target } = transportKind(argv);
    let reader: MessageReader;
    let writer: MessageWriter;
    if (kind === 'node-ipc') {
        reader = new IPCMessageReader(process);
        writer = new IPCMessageWriter(process);
    } else if (kind === 'socket' || kind === 'pipe') {
        if (!target || (kind === 'socket' && !Number.isInteger(Number(target)))) {
            hooks.log(
                `--${kind} needs a ${kind === 'socket' ? 'port number' : 'pipe name'}, e.g. --${kind}=${kind === 'socket' ? '5007' : '/tmp/community.sock'}.`,
            );
            hooks.exit(2);
        }
        [reader, writer] = kind === 'socket' ? createServerSocketTransport(Number(target)) : createServerPipeTransport(target!);
    } else {
        // A write to a closed stdout raises EPIPE on the stream: without a listener that is an
        // uncaught exception and a stack trace.
        process.stdout.on('error', () => hooks.exit(1));
        reader = new StreamMessageReader(process.stdin);
        writer = new StreamMessageWriter(process.stdout);
    }
    // Queued didChange notifications of one document are merged before they reach the connection.
    const gate = new LifecycleGate(new EditCoalescer(reader), writer);
    reader.onError((error) => {
        hooks.log(
            `cannot read a message from the editor (${error.message.split('\n')[0]}); the stream is out of step, so the server stops (exit code 1) and the editor can start it again.`,
        );
        hooks.exit(1);
    });
    reader.onClose(() => hooks.exit(gate.state === 'shutdown' ? 0 : 1));
    writer.onError(() => hooks.exit(1));
    writer.onClose(() => hooks.exit(1));
    return { kind, reader: gate, writer };
}
