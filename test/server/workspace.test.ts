// Multi-file workspaces through the real server over stdio: files on disk are indexed at start-up,
// and editing a shared, imported file re-validates the open files that import it.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, until, type Server } from './server-process.js';

const plan = (currency: string) => `plan "Shared" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency ${currency}\n}\n`;
const main = 'import "plan.community"\ncommunity C {\n  order value 100 CNY\n  tier A { seed 10 members }\n}\n';

let server: Server | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

describe('editing a shared imported file', () => {
    it('re-publishes the diagnostics of the files importing it', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'community-ws-'));
        writeFileSync(join(dir, 'plan.community'), plan('USD'));
        writeFileSync(join(dir, 'main.community'), main);
        const mainUri = pathToFileURL(join(dir, 'main.community')).href;
        const planUri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' } });
        await server.open(mainUri, main);
        await until(() => server!.latest(mainUri)?.some((d) => d.code === 'currency-mismatch'), 20_000, 'currency-mismatch on main');
        await server.open(planUri, plan('USD'));
        await server.connection.sendNotification('textDocument/didChange', {
            textDocument: { uri: planUri, version: 2 },
            contentChanges: [{ text: plan('CNY') }],
        });
        const fixed = await until(
            () => {
                const list = server!.latest(mainUri);
                return list && !list.some((d) => d.code === 'currency-mismatch') ? list : undefined;
            },
            20_000,
            'main re-validated without currency-mismatch',
        );
        expect(fixed.map((d) => d.code)).not.toContain('currency-mismatch');
    });
});

describe('a single file opened without a workspace folder', () => {
    it("confines imports to the file's own folder", async () => {
        const base = mkdtempSync(join(tmpdir(), 'community-single-'));
        const dir = join(base, 'plans');
        mkdirSync(join(dir, 'shared'), { recursive: true });
        mkdirSync(join(base, 'outside'));
        writeFileSync(join(base, 'outside', 'secret.community'), 'platform Leaked { kind discord }\n');
        writeFileSync(join(dir, 'shared', 'platforms.community'), 'platform Groups { kind wechat-group }\n');
        const text = `${plan('CNY')}import "shared/platforms.community"\nimport "../outside/secret.community"\ncommunity C { platform Groups, Leaked }\n`;
        writeFileSync(join(dir, 'main.community'), text);
        const uri = pathToFileURL(join(dir, 'main.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' }, noWorkspaceFolder: true });
        await server.open(uri, text);
        const found = await until(
            () => server!.latest(uri)?.some((d) => d.code === 'import-outside-workspace') && server!.latest(uri),
            20_000,
            'import-outside-workspace',
        );
        const codes = found.map((d) => `${d.range.start.line + 1} ${d.code}`);
        expect(codes).toContain('7 import-outside-workspace');
        expect(codes.filter((c) => c.startsWith('6 '))).toEqual([]);
        // The refused file is never read: its names stay unknown.
        expect(
            found
                .filter((d) => d.code === 'unresolved-reference')
                .map((d) => d.message)
                .join(),
        ).toContain('Leaked');
    });
});

describe('a client that sends only rootUri (lsp-mode 8)', () => {
    it('gets the root as its workspace folder: the files there are indexed, so imports resolve', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'community-rooturi-'));
        mkdirSync(join(dir, 'shared'));
        writeFileSync(join(dir, 'shared', 'platforms.community'), 'platform Groups { kind wechat-group }\n');
        const text = `${plan('CNY')}import "shared/platforms.community"\ncommunity C {\n  platform Groups\n  tier A { seed 10 members }\n}\n`;
        writeFileSync(join(dir, 'main.community'), text);
        const uri = pathToFileURL(join(dir, 'main.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' }, rootUriOnly: true });
        await server.open(uri, text);
        const list = await until(() => server!.latest(uri), 20_000, 'diagnostics of main');
        expect(list.filter((d) => d.code === 'unresolved-reference' || d.code === 'import-missing').map((d) => d.message)).toEqual([]);
        const def = (await server.connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: { line: 7, character: 12 } })) as Array<{
            uri?: string;
            targetUri?: string;
        }>;
        expect(def.map((l) => l.targetUri ?? l.uri)).toEqual([pathToFileURL(join(dir, 'shared', 'platforms.community')).href]);
    });
});
