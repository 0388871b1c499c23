// The plan model keeps compiled communities across workspace states (language/plan-model.ts): a
// community the edit did not change keeps its compiled model — found by identity when lowering kept
// the community, by comparing it as JSON with the entries of its name when it did not (a syntax error
// elsewhere in the file) — and a changed one is compiled again, equal to a fresh compile.
import { URI } from 'langium';
import { setTextDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { describe, expect, it } from 'vitest';
import { Assumptions } from '../../engine/assumptions.js';
import { compileCommunity } from '../../engine/compile.js';
import type { CommunityModel } from '../../language/plan-model.js';
import { PLAN_HEADER } from '../helpers/language.js';
import { lspServices } from './lsp-helpers.js';

const TEXT = `${PLAN_HEADER}
community A {
  tier Fans { seed 200 members  churn 5% per month }
  kpi members >= 100
}
community B {
  tier Fans { seed 300 members  churn 4% per month }
  kpi members >= 100
}
`;

async function workspace(text: string) {
    const services = lspServices();
    const { shared } = services;
    const uri = URI.parse('file:///plan-model-reuse/plan.community');
    setTextDocument(shared, TextDocument.create(uri.toString(), 'community', 0, text));
    await shared.workspace.DocumentBuilder.build([shared.workspace.LangiumDocuments.createDocument(uri, text)], { validation: true });
    let version = 0;
    const models = () => {
        const doc = shared.workspace.LangiumDocuments.getDocument(uri)!;
        const of = (name: string) => services.Community.community.PlanModel.community(doc, name)!;
        return { a: of('A'), b: of('B') };
    };
    return {
        first: models(),
        async edit(next: string) {
            setTextDocument(shared, TextDocument.create(uri.toString(), 'community', ++version, next));
            await shared.workspace.DocumentBuilder.update([uri], []);
            return models();
        },
    };
}

function fresh(m: CommunityModel, name: string) {
    const community = m.plan.communities.find((c) => c.name === name)!;
    return compileCommunity(m.plan, community, new Assumptions(m.plan.assumptions));
}

describe('compiled communities across edits', () => {
    it('an edit in A recompiles A only', async () => {
        const ws = await workspace(TEXT);
        const before = ws.first;
        const after = await ws.edit(TEXT.replace('seed 200', 'seed 250'));
        expect(after.b.compiled).toBe(before.b.compiled);
        expect(after.a.compiled).not.toBe(before.a.compiled);
        expect(after.a.compiled).toEqual(fresh(after.a, 'A'));
    });

    it('with a syntax error elsewhere (nothing kept by lowering) an unchanged community is found by its JSON', async () => {
        const ws = await workspace(TEXT);
        const before = ws.first;
        const broken = TEXT.replace('community B {', 'community B {\n  tier {');
        const after = await ws.edit(`${broken}\ncommunity {`);
        expect(after.a.compiled).toBe(before.a.compiled);
        const edited = await ws.edit(`${broken.replace('seed 200', 'seed 210')}\ncommunity {`);
        expect(edited.a.compiled).not.toBe(before.a.compiled);
        expect(edited.a.compiled).toEqual(fresh(edited.a, 'A'));
    });
});
