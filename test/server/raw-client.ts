// A JSON-RPC client that writes raw frames, for the conformance tests: it can send what a broken
// client sends (a wrong Content-Length, no header at all) and collects every frame the server writes
// back, with its stderr and exit code.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

export interface Frame {
    id?: number | string | null;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { code: number; message: string };
}

export class RawClient {
    readonly child: ChildProcess;
    readonly frames: Frame[] = [];
    stderr = '';
    exitCode: number | null | undefined = undefined;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    readonly exited: Promise<number | null>;

    constructor(args: string[] = ['--stdio'], command = [join(ROOT, 'bin/community-language-server.cjs')]) {
        ensureBuilt();
        this.child = spawn(process.execPath, [...command, ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd: ROOT });
        this.child.stdout!.on('data', (d: Buffer) => this.read(d));
        this.child.stderr!.on('data', (d) => (this.stderr += String(d)));
        this.child.stdin!.on('error', () => undefined);
        this.exited = new Promise((resolve) =>
            this.child.on('exit', (code) => {
                this.exitCode = code;
                resolve(code);
            }),
        );
    }

    private read(data: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, data]);
        for (;;) {
            const end = this.buffer.indexOf('\r\n\r\n');
            if (end < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, end).toString('ascii'))?.[1]);
            if (this.buffer.length < end + 4 + length) return;
            this.frames.push(JSON.parse(this.buffer.subarray(end + 4, end + 4 + length).toString('utf8')) as Frame);
            this.buffer = this.buffer.subarray(end + 4 + length);
        }
    }

    /** Writes bytes as they are. */
    raw(bytes: string | Buffer): void {
        this.child.stdin!.write(bytes);
    }

    /** Writes one well-formed frame. */
    send(message: object): void {
        const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
        this.raw(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
    }

    request(method: string, params?: unknown): number {
        const id = this.nextId++;
        this.send({ id, method, params });
        return id;
    }

    notify(method: string, params?: unknown): void {
        this.send({ method, params });
    }

    /** The response to request `id` (answering the server's own requests with null meanwhile). */
    async response(id: number, ms = 20_000): Promise<Frame> {
        const end = Date.now() + ms;
        const answered = new Set<unknown>();
        for (;;) {
            for (const f of this.frames) {
                if (f.method && f.id !== undefined && !answered.has(f.id)) {
                    answered.add(f.id);
                    this.send({ id: f.id, result: f.method === 'workspace/configuration' ? (f.params as { items: unknown[] }).items.map(() => null) : null });
                }
            }
            const found = this.frames.find((f) => f.id === id && f.method === undefined);
            if (found) return found;
            if (Date.now() > end) throw new Error(`no response to request ${id} within ${ms} ms; stderr: ${this.stderr}`);
            if (this.exitCode !== undefined) throw new Error(`server exited (${this.exitCode}) before answering ${id}; stderr: ${this.stderr}`);
            await new Promise((r) => setTimeout(r, 20));
        }
    }

    async call(method: string, params?: unknown, ms?: number): Promise<Frame> {
        return this.response(this.request(method, params), ms);
    }

    /** initialize + initialized with the given client capabilities. */
    async initialize(workspace: string, capabilities: object = {}, initializationOptions?: unknown): Promise<Frame> {
        const rootUri = pathToFileURL(workspace).href;
        const r = await this.call('initialize', {
            processId: process.pid,
            rootUri,
            workspaceFolders: [{ uri: rootUri, name: 'ws' }],
            capabilities,
            initializationOptions,
        });
        this.notify('initialized', {});
        return r;
    }

    /** Resolves with the exit code, or rejects when the process is still running after `ms`. */
    async exit(ms = 5_000): Promise<number | null> {
        return Promise.race([
            this.exited,
            new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`still running after ${ms} ms; stderr: ${this.stderr}`)), ms)),
        ]);
    }

    kill(): void {
        if (this.exitCode === undefined) this.child.kill();
    }
}
