// Editing a shared, imported file re-validates the files that import it (directly or through
// another import), even when they name nothing in it: its plan block sets their currency and horizon.
import { URI, type LangiumDocument } from 'langium';
import { setTextDocument } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lspServices } from './lsp-helpers.js';

const plan = (currency: string) => `plan "Shared" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency ${currency}\n}\n`;

async function workspace(files: Record<string, string>) {
    const services = lspServices();
    const { shared } = services;
    const docs: Record<string, LangiumDocument> = {};
    for (const [name, text] of Object.entries(files)) {
        const uri = URI.parse(`file:///ws/${name}`);
        setTextDocument(shared, TextDocument.create(uri.toString(), 'community', 0, text));
        docs[name] = shared.workspace.LangiumDocuments.createDocument(uri, text);
    }
    await shared.workspace.DocumentBuilder.build(Object.values(docs), { validation: true });
    const edit = async (name: string, text: string, version: number) => {
        setTextDocument(shared, TextDocument.create(docs[name].uri.toString(), 'community', version, text));
        await shared.workspace.DocumentBuilder.update([docs[name].uri], []);
    };
    const codes = (name: string) => (shared.workspace.LangiumDocuments.getDocument(docs[name].uri)!.diagnostics ?? []).map((d) => d.code);
    return { edit, codes };
}

const main = 'import "plan.community"\ncommunity C {\n  order value 100 CNY\n  tier A { seed 10 members }\n}\n';

describe('editing a shared imported file', () => {
    it('re-validates a file that imports it', async () => {
        const ws = await workspace({ 'plan.community': plan('USD'), 'main.community': main });
        expect(ws.codes('main.community')).toContain('currency-mismatch');
        await ws.edit('plan.community', plan('CNY'), 1);
        expect(ws.codes('main.community')).not.toContain('currency-mismatch');
        await ws.edit('plan.community', plan('EUR'), 2);
        expect(ws.codes('main.community')).toContain('currency-mismatch');
    });

    it('re-validates files that import it through another import', async () => {
        const ws = await workspace({
            'plan.community': plan('USD'),
            'platforms.community': 'import "plan.community"\nplatform Groups { kind wechat-group }\n',
            'main.community': main.replace('plan.community', 'platforms.community'),
        });
        expect(ws.codes('main.community')).toContain('currency-mismatch');
        await ws.edit('plan.community', plan('CNY'), 1);
        expect(ws.codes('main.community')).not.toContain('currency-mismatch');
    });

    it('re-validates an importer once the file it imports gains a plan block', async () => {
        const ws = await workspace({ 'plan.community': 'platform Groups { kind wechat-group }\n', 'main.community': main });
        expect(ws.codes('main.community')).toContain('no-plan');
        await ws.edit('plan.community', plan('CNY'), 1);
        expect(ws.codes('main.community')).toEqual([]);
    });
});
