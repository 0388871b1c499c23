// Dynamic registrations only for what the client announced: Langium registers
// workspace/didChangeConfiguration whenever the client supports workspace/configuration, even when
// it never said `didChangeConfiguration.dynamicRegistration` (eglot then warns on every connect).
// Every client/registerCapability the server sends goes through this check.
import { Disposable, type ClientCapabilities, type Connection } from 'vscode-languageserver';

/** Whether the client announced dynamic registration for `method` ("workspace/x" or "textDocument/x"). */
export function clientAllowsRegistration(capabilities: ClientCapabilities, method: string): boolean {
    const [area, name] = method.split('/', 2);
    const group = (area === 'workspace' ? capabilities.workspace : area === 'textDocument' ? capabilities.textDocument : undefined) as
        Record<string, { dynamicRegistration?: boolean } | undefined> | undefined;
    if (!group || !name) return false;
    // textDocument/didOpen, didChange, didClose … are registered under `synchronization`.
    const entry = area === 'textDocument' && /^(did|will)(Open|Change|Close|Save|SaveWaitUntil)$/.test(name) ? group.synchronization : group[name];
    return entry?.dynamicRegistration === true;
}

/** Makes `connection.client.register` skip (and resolve as a no-op) what the client did not announce. */
export function onlyAnnouncedRegistrations(connection: Connection, capabilities: ClientCapabilities): void {
    const client = connection.client;
    const register = client.register.bind(client) as (...args: unknown[]) => Promise<unknown>;
    client.register = ((...args: unknown[]) => {
        const type = args[0] as string | { method?: string } | undefined;
        const method = typeof type === 'string' ? type : type?.method;
        if (method !== undefined && !clientAllowsRegistration(capabilities, method)) return Promise.resolve(Disposable.create(() => undefined));
        return register(...args);
    }) as typeof client.register;
}
