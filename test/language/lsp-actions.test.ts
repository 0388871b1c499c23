// Quick fixes, inlay hints, CodeLens and cross-file navigation (references and rename through imports).
import { URI, type LangiumDocument } from 'langium';
import { parseHelper, setTextDocument, testCodeAction } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CodeAction, type Diagnostic, type InlayHint } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OPEN_PREVIEW_COMMAND } from '../../language/lsp/code-lens.js';
import { HEADER, lspServices, plainServices } from './lsp-helpers.js';

const { shared, Community } = lspServices();
const parse = parseHelper(Community);

async function fix(text: string, code: string, title: RegExp): Promise<{ after: string; remaining: Diagnostic[] }> {
    const doc = await parse(text, { validation: true });
    const diagnostics = (doc.diagnostics ?? []).filter((d) => (d.data as { code?: string })?.code === code);
    expect(diagnostics.length, `expected a ${code} diagnostic`).toBeGreaterThan(0);
    const actions =
        (await Community.lsp.CodeActionProvider!.getCodeActions(doc, {
            textDocument: { uri: doc.uri.toString() },
            range: diagnostics[0].range,
            context: { diagnostics: [diagnostics[0]] },
        })) ?? [];
    const action = actions.filter(CodeAction.is).find((a) => title.test(a.title));
    expect(action, `no action matching ${title} among ${actions.map((a) => a.title).join(', ')}`).toBeDefined();
    const after = TextDocument.applyEdits(doc.textDocument as TextDocument, action!.edit!.changes![doc.textDocument.uri]);
    const again = await parse(after, { validation: true });
    return { after, remaining: (again.diagnostics ?? []).filter((d) => (d.data as { code?: string })?.code === code) };
}

const community = (body: string) => `${HEADER}\ncommunity Fit {\n  platform Groups\n  audience Workers\n${body}\n}\n`;

describe('quick fixes', () => {
    it('creates a missing tier', async () => {
        const { after, remaining } = await fix(
            community('  tier A { churn 5% per month }\n  tier B { from Missing 5% per month }'),
            'unresolved-reference',
            /Create tier "Missing"/,
        );
        expect(after).toContain('  tier Missing {\n  }');
        expect(remaining).toEqual([]);
    });
    it('changes a misspelt tier name to the one it probably meant', async () => {
        const { after, remaining } = await fix(
            community('  tier Prospect { churn 5% per month }\n  tier B { from Prospekt 5% per month }'),
            'unresolved-reference',
            /Change to "Prospect"/,
        );
        expect(after).toContain('from Prospect 5% per month');
        expect(remaining).toEqual([]);
    });
    it('changes a misspelt keyword', async () => {
        const { after, remaining } = await fix(community('  tier A { chrun 5% per month }'), 'syntax-error', /Change to "churn"/);
        expect(after).toContain('tier A { churn 5% per month }');
        expect(remaining).toEqual([]);
    });
    it('adds a missing period', async () => {
        const { after, remaining } = await fix(community('  tier A { churn 5% }'), 'missing-period', /per month/);
        expect(after).toContain('churn 5% per month');
        expect(remaining).toEqual([]);
    });
    it('fixes a unit', async () => {
        const { after, remaining } = await fix(community('  tier A { churn 5 per month }'), 'wrong-unit', /Use "%"/);
        expect(after).toContain('churn 5% per month');
        expect(remaining).toEqual([]);
    });
    it('replaces a foreign currency with the plan currency', async () => {
        const { after, remaining } = await fix(community('  content T { kind educational  cost 30 USD per post }'), 'currency-mismatch', /CNY/);
        expect(after).toContain('cost 30 CNY per post');
        expect(remaining).toEqual([]);
    });
    it('turns a foreign currency written in Chinese (1万美元) back into the plan currency in one fix', async () => {
        const { after, remaining } = await fix(community('  content T { kind educational  cost 1万美元 per post }'), 'currency-mismatch', /CNY/);
        expect(after).toMatch(/cost 1万 ?CNY per post/);
        expect(remaining).toEqual([]);
    });
    it('splits a tier that outgrows one group into several groups', async () => {
        const { after, remaining } = await fix(community('  tier A { seed 1200 members  churn 1% per month }'), 'group-outgrown', /Split into 3 groups/);
        expect(after).toMatch(/capacity 1500 members {2}\/\/ 3 groups × 500/);
        expect(remaining).toEqual([]);
    });
    it('adds the missing lottery disclosures', async () => {
        const { after, remaining } = await fix(
            community('  tier A { seed 10 members }\n  activity Draw { online lottery  on 2027-01-20 at 20:00\n    lottery { top prize 500 CNY }\n  }'),
            'lottery-disclosure',
            /disclosure/,
        );
        expect(after).toMatch(/odds "[^"]+"/);
        expect(after).toMatch(/draw on \d{4}-\d{2}-\d{2} at 20:00/);
        expect(after).toMatch(/redemption "[^"]+"/);
        expect(remaining).toEqual([]);
    });
    it('adds consent, purpose and retention to a data collection', async () => {
        const { after, remaining } = await fix(community('  data { collects "phone" }'), 'data-consent', /Add/);
        expect(after).toMatch(/consent\n/);
        expect(remaining).toEqual([]);
    });
    it('labels a purchase link as advertising', async () => {
        await testCodeAction(Community)(
            community('  content Sale { kind promotional  link "https://shop.example.com" }'),
            'ad-label-missing',
            community('  content Sale { kind promotional  link "https://shop.example.com"\n    label "广告"\n  }'),
        );
    });
    it('offers nothing without the editor module', async () => {
        expect((plainServices().Community as { lsp: { CodeActionProvider?: unknown } }).lsp.CodeActionProvider).toBeUndefined();
    });
});

describe('inlay hints', () => {
    async function hints(text: string): Promise<string[]> {
        const doc = await parse(text, { validation: true });
        const end = doc.textDocument.positionAt(text.length);
        const list: InlayHint[] =
            (await Community.lsp.InlayHintProvider!.getInlayHints(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: { start: { line: 0, character: 0 }, end },
            })) ?? [];
        return list.map((h) => (typeof h.label === 'string' ? h.label : h.label.map((p) => p.value).join('')));
    }
    it('shows posts per week, totals over the horizon and weekly rates', async () => {
        const labels = await hints(
            community(
                '  tier A { churn 12% per month }\n  content T { kind educational  every week on Monday, Thursday at 20:00  cost 100 CNY per post }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }',
            ),
        );
        expect(labels).toContain('≈ 2 posts/wk');
        expect(labels).toContain('= 1,600 CNY / 8 wk');
        expect(labels).toContain('= 8,000 CNY / 8 wk');
        expect(labels).toContain('≈ 2.91%/wk');
    });
});

describe('forecast CodeLens', () => {
    it('shows "computing" first, then P50 members and KPI chances from the engine', async () => {
        const text = community(
            '  tier A { seed 300 members  churn 5% per month  active 30% weekly }\n  channel Ads { paid 1000 CNY per week  cost per join 10 CNY }\n  kpi Growth: members >= 500',
        );
        const doc = await parse(text, { validation: true });
        const params = { textDocument: { uri: doc.uri.toString() } };
        const first = (await Community.lsp.CodeLensProvider!.provideCodeLens(doc, params)) ?? [];
        expect(first.map((l) => l.command?.title)).toEqual(['Forecast: computing…']);
        await new Promise((r) => setTimeout(r, 50));
        await Community.communityLsp.Forecasts.whenSettled(doc.uri.toString());
        const lenses = (await Community.lsp.CodeLensProvider!.provideCodeLens(doc, params)) ?? [];
        const titles = lenses.map((l) => l.command?.title ?? '');
        expect(titles[0]).toMatch(/^Forecast: P50 [\d,]+ members · P10–P90 [\d,]+–[\d,]+ · mean chance of meeting each KPI \d+ %$/);
        expect(titles[1]).toMatch(/^Forecast: P50 [\d,]+ · \d+ % chance$/);
        expect(lenses[1].range.start.line).toBe(text.split('\n').findIndex((l) => l.includes('kpi Growth')));
    });
    it('every lens opens the forecast preview of its plan (a command the extension contributes)', async () => {
        const text = community('  tier A { seed 300 members  churn 5% per month }\n  kpi Growth: members >= 500');
        const doc = await parse(text, { validation: true });
        const params = { textDocument: { uri: doc.uri.toString() } };
        const contributed = (
            JSON.parse(readFileSync(resolve(__dirname, '../../package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string }> } }
        ).contributes.commands.map((c) => c.command);
        const check = (lenses: Array<{ command?: { command: string; arguments?: unknown[] } }>) => {
            expect(lenses.length).toBeGreaterThan(0);
            for (const lens of lenses) {
                expect(lens.command?.command).toBe(OPEN_PREVIEW_COMMAND);
                expect(lens.command?.arguments).toEqual([doc.uri.toString()]);
            }
        };
        expect(contributed).toContain(OPEN_PREVIEW_COMMAND);
        check((await Community.lsp.CodeLensProvider!.provideCodeLens(doc, params)) ?? []);
        await new Promise((r) => setTimeout(r, 50));
        await Community.communityLsp.Forecasts.whenSettled(doc.uri.toString());
        const ready = (await Community.lsp.CodeLensProvider!.provideCodeLens(doc, params)) ?? [];
        expect(ready.length).toBe(2);
        check(ready);
    });
    it('a new edit cancels the pending forecast of the older version', async () => {
        const text = community('  tier A { seed 300 members  churn 5% per month }\n  kpi members >= 100');
        const doc = await parse(text, { validation: true });
        const uri = doc.uri.toString();
        const published: number[] = [];
        const forecasts = Community.communityLsp.Forecasts;
        forecasts.onResult = (u) => {
            if (u === uri) published.push(forecasts.result(u)!.version);
        };
        setTextDocument(shared, TextDocument.create(uri, 'community', 1, text.replace('seed 300', 'seed 400')));
        await shared.workspace.DocumentBuilder.update([doc.uri], []);
        await new Promise((r) => setTimeout(r, 50));
        await forecasts.whenSettled(uri);
        expect(published).toEqual([1]);
    });
});

describe('references and rename across files', () => {
    async function workspace(): Promise<{ shared: LangiumDocument; main: LangiumDocument; services: ReturnType<typeof lspServices> }> {
        const services = lspServices();
        const p = parseHelper(services.Community);
        const sharedDoc = await p('platform Groups { kind wechat-group }\n', { documentUri: 'file:///ws/shared/platforms.community' });
        const main = await p(
            `import "shared/platforms.community"\n${HEADER.replace(/platform Groups[^\n]*\n/, '')}\ncommunity Fit {\n  platform Groups\n  audience Workers\n}\n`,
            { documentUri: 'file:///ws/main.community' },
        );
        await services.shared.workspace.DocumentBuilder.build([sharedDoc, main], { validation: true });
        return { shared: sharedDoc, main, services };
    }
    it('finds references of an imported platform in the importing file', async () => {
        const { shared: sharedDoc, main, services } = await workspace();
        const refs = await services.Community.lsp.ReferencesProvider!.findReferences(sharedDoc, {
            textDocument: { uri: sharedDoc.uri.toString() },
            position: { line: 0, character: 10 },
            context: { includeDeclaration: false },
        });
        expect(refs.map((r) => r.uri)).toEqual([main.uri.toString()]);
    });
    it('renames a platform in its file and in every importer', async () => {
        const { shared: sharedDoc, main, services } = await workspace();
        const edit = await services.Community.lsp.RenameProvider!.rename(sharedDoc, {
            textDocument: { uri: sharedDoc.uri.toString() },
            position: { line: 0, character: 10 },
            newName: 'WeChat',
        });
        const changes = edit?.changes ?? {};
        expect(Object.keys(changes).sort()).toEqual([main.uri.toString(), sharedDoc.uri.toString()].sort());
        const mainText = TextDocument.applyEdits(main.textDocument as TextDocument, changes[main.uri.toString()]);
        expect(mainText).toContain('  platform WeChat\n');
        expect(URI.parse(main.uri.toString()).path).toBe('/ws/main.community');
    });
});
