// Communities lowered in an earlier workspace state are reused when nothing their lowering reads has
// changed (language/lower.ts, communityKey): after every kind of edit the plan model read through the
// plan model service must equal a lowering from scratch, and an edit in one community must leave the
// others' model objects as they were.
import { URI } from 'langium';
import { setTextDocument } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lowerPlanTolerant } from '../../language/lower.js';
import { lspServices } from './lsp-helpers.js';

const PLAN = (start: string, extra = '') => `plan "Memo" {
  start ${start}
  horizon 8 weeks
  currency CNY${extra}
}
`;

const community = (name: string, seed: number) => `
community ${name} {
  order value 100 CNY
  tier Fans${name} { seed ${seed} members  churn 5% per month }
  content Tips${name} { every week on Monday at 20:00  for Fans${name} }
  kpi Big${name}: members >= 500 by 2027-02-15
}
`;

async function workspace(text: string) {
    const services = lspServices();
    const { shared } = services;
    const uri = URI.parse('file:///memo/plan.community');
    setTextDocument(shared, TextDocument.create(uri.toString(), 'community', 0, text));
    const doc = shared.workspace.LangiumDocuments.createDocument(uri, text);
    await shared.workspace.DocumentBuilder.build([doc], { validation: true });
    let version = 0;
    const current = () => shared.workspace.LangiumDocuments.getDocument(uri)!;
    return {
        async edit(next: string) {
            setTextDocument(shared, TextDocument.create(uri.toString(), 'community', ++version, next));
            await shared.workspace.DocumentBuilder.update([uri], []);
        },
        /** The plan as the checks read it (memo) and as a lowering from scratch gives it. */
        lowered() {
            const doc = current();
            return { memo: services.Community.community.PlanModel.planOf(doc), fresh: lowerPlanTolerant(services.Community, doc) };
        },
    };
}

describe('lowering reuses unchanged communities', () => {
    const text = PLAN('2027-01-04') + community('A', 100) + community('B', 200) + community('C', 300);

    it('gives the same plan as a fresh lowering after each kind of edit', async () => {
        const ws = await workspace(text);
        const edits = [
            text.replace('seed 200', 'seed 250'), // inside one community
            '\n\n' + text.replace('seed 200', 'seed 250'), // every community moves down two lines
            text.replace('start 2027-01-04', 'start 2027-01-11'), // the frame: KPI deadlines by date move
            text.replace('horizon 8 weeks', 'horizon 6 weeks'), // the frame: the horizon
            PLAN('2027-01-04', '\n  actuals "data/actuals.csv"') + community('A', 100) + community('B', 200) + community('C', 300), // the plan's actuals
            text.replace('community C {', 'community C {\n  theme "moved"'),
            text,
        ];
        for (const next of edits) {
            await ws.edit(next);
            const { memo, fresh } = ws.lowered();
            expect(memo.problems).toEqual(fresh.problems);
            expect(memo.plan).toEqual(fresh.plan);
        }
    });

    it('keeps the model objects of communities an edit did not touch', async () => {
        const ws = await workspace(text);
        const before = ws.lowered().memo.plan!.communities;
        await ws.edit(text.replace('seed 200', 'seed 250'));
        const after = ws.lowered().memo.plan!.communities;
        expect(after[0]).toBe(before[0]);
        expect(after[1]).not.toBe(before[1]);
        expect(after[2]).toBe(before[2]);
        expect(JSON.stringify(after[1])).toContain('250');
    });

    it('lowers from scratch while the file has a syntax error', async () => {
        const ws = await workspace(text);
        const before = ws.lowered().memo.plan!.communities;
        await ws.edit(text.replace('tier FansB {', 'tier FansB { seed members') + '\ncommunity {');
        const { memo, fresh } = ws.lowered();
        expect(memo.plan).toEqual(fresh.plan);
        expect(memo.plan!.communities[0]).not.toBe(before[0]);
    });
});
