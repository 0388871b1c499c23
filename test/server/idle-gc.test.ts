// Young-generation collection in the pauses between edits (server/idle-gc.ts): it runs once a build
// has finished and the editor is quiet, never in the middle of typing, and the real server process
// can collect (it exposes V8's gc at run time).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EmptyFileSystem, URI } from 'langium';
import { setTextDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { createCommunityLspServices } from '../../language/lsp/lsp-module.js';
import { IdleCollector } from '../../server/idle-gc.js';
import { startServer, until } from './server-process.js';

const PLAN =
    'plan "P" {\n  start 2027-01-04\n  horizon 8 weeks\n  timezone "Asia/Shanghai"\n  currency CNY\n}\ncommunity C {\n  tier A { seed 10 members }\n}\n';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('idle garbage collection', () => {
    it('collects once after a build when the editor goes quiet, and an edit arriving first postpones it', async () => {
        const { shared } = createCommunityLspServices({ ...EmptyFileSystem, editorFeatures: false });
        const calls: string[] = [];
        const collector = new IdleCollector(shared, (o) => calls.push(o.type), 300);
        const uri = URI.parse('file:///ws/p.community');
        setTextDocument(shared, TextDocument.create(uri.toString(), 'community', 1, PLAN));
        const doc = shared.workspace.LangiumDocuments.createDocument(uri, PLAN);
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        // Typing resumes before the quiet time is over: that collection is dropped.
        await sleep(10);
        setTextDocument(shared, TextDocument.create(uri.toString(), 'community', 2, PLAN.replace('10 members', '12 members')));
        await shared.workspace.DocumentBuilder.update([uri], []);
        expect(calls).toEqual([]);
        // Quiet after the edit's build: one young-generation collection.
        await until(() => calls.length > 0, 10_000, 'a collection');
        await sleep(400);
        expect(calls).toEqual(['minor']);
        expect(collector.collections).toBe(1);
        collector.dispose();
    });

    it('runs in the language server process between edits', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'community-idle-gc-'));
        writeFileSync(join(dir, 'p.community'), PLAN);
        const uri = pathToFileURL(join(dir, 'p.community')).href;
        const server = await startServer(dir);
        try {
            await server.open(uri, PLAN);
            await until(() => server.latest(uri), 20_000, 'diagnostics');
            let collections = 0;
            for (let i = 0; i < 200 && collections === 0; i++) {
                const stats = (await server.connection.sendRequest('community/stats', { gc: false })) as { idleCollections?: number };
                collections = stats.idleCollections ?? 0;
                if (collections === 0) await sleep(50);
            }
            expect(collections).toBeGreaterThan(0);
        } finally {
            await server.stop();
        }
    });
});
