// `community/solve` without a transport: the request's handler on the server's own services, with
// the fitness example on disk. The answer's edit appends exactly what `community solve --write NAME`
// appends; cancelling between candidate evaluations answers RequestCancelled; an unknown document
// is an error response.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import { CancellationTokenSource, LSPErrorCodes, ErrorCodes, ResponseError } from 'vscode-languageserver';
import { createCommunityServerServices } from '../../server/services.js';
import { handleSolveRequest } from '../../server/solve-request.js';
import type { SolveProgress } from '../../protocol/solve.js';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';

/**
 * A workspace copy of the fitness example (the CLI's --write edits it), its Growth KPI raised to
 * 40,000 members: the plan as written reaches 20,000 without ads, so the answer would be no spend.
 */
function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-solve-'));
    const text = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
    writeFileSync(join(dir, 'fitness.community'), text.replace('members >= 20000 by week 26', 'members >= 40000 by week 26'));
    cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
    return dir;
}

async function openPlan(dir: string) {
    const services = createCommunityServerServices({ ...NodeFileSystem });
    services.Community.community.Settings.roots = [dir];
    const uri = URI.file(join(dir, 'fitness.community'));
    const docs = services.shared.workspace.LangiumDocuments;
    // What the server indexes from the workspace folder at start-up: the plan and the file it imports.
    const shared = await docs.getOrCreateDocument(URI.file(join(dir, 'shared/platforms.community')));
    const doc = await docs.getOrCreateDocument(uri);
    await services.shared.workspace.DocumentBuilder.build([shared, doc], { validation: true });
    expect(doc.diagnostics?.filter((d) => d.severity === 1).map((d) => d.message)).toEqual([]);
    return { services, doc, uri: uri.toString() };
}

const RUNS = 200;

describe('community/solve (transport-free)', () => {
    it('answers the spend that reaches the KPI and the scenario `community solve --write` appends', async () => {
        const dir = workspace();
        const { services, doc, uri } = await openPlan(dir);
        const progress: SolveProgress[] = [];
        const answer = await handleSolveRequest(
            { shared: services.shared, progress: (p) => progress.push(p) },
            { uri, kpi: 'Growth', runs: RUNS, progressId: 'p1' },
        );
        if (answer.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(answer)}`);
        expect(answer.reached).toBe(true);
        expect(answer.achieved).toBeGreaterThanOrEqual(0.8);
        expect(answer.levers.map((l) => l.lever)).toEqual(['DouyinAds.paid']);
        expect(answer.levers[0].plan).toBe(3000);
        expect(answer.levers[0].value).toBeGreaterThan(3000);
        expect(answer.scenario).toBe('Solved_Growth');
        expect(answer.summary).toMatch(/^DouyinAds\.paid = \d+ CNY per week reaches KPI Growth with \d+\.\d % \(asked: 80\.0 %\)/);
        // Progress counted every candidate, all with this request's id.
        expect(progress.length).toBe(answer.evaluations);
        expect(progress.every((p) => p.progressId === 'p1' && p.done <= p.total)).toBe(true);

        // The edit applied to the document = the file after `community solve --write Solved_Growth`.
        const edited = TextDocument.applyEdits(TextDocument.create(uri, 'community', 1, doc.textDocument.getText()), [answer.edit]);
        ensureBuilt();
        const cli = community([
            'solve',
            join(dir, 'fitness.community'),
            '--kpi',
            'Growth',
            '--vary',
            'DouyinAds.paid',
            '--runs',
            String(RUNS),
            '--write',
            'Solved_Growth',
            '--no-progress',
            '--root',
            dir,
        ]);
        expect(cli.code, cli.stderr).toBe(0);
        expect(edited).toBe(readFileSync(join(dir, 'fitness.community'), 'utf8'));
        expect(edited).toMatch(/\nscenario Solved_Growth solved for Growth at 80% \{\n {2}DouyinAds\.paid = \d+ CNY per week\n\}\n$/);
    }, 120_000);

    it('stops between candidate evaluations when cancelled and answers RequestCancelled', async () => {
        const { services, uri } = await openPlan(workspace());
        const source = new CancellationTokenSource();
        const progress: SolveProgress[] = [];
        const started = Date.now();
        const answer = handleSolveRequest(
            {
                shared: services.shared,
                progress: (p) => {
                    progress.push(p);
                    if (p.done === 2) source.cancel();
                },
            },
            { uri, kpi: 'Growth', runs: RUNS, progressId: 'c' },
            source.token,
        );
        const error = await answer.then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(ResponseError);
        expect((error as ResponseError<unknown>).code).toBe(LSPErrorCodes.RequestCancelled);
        // It stopped within a candidate or two of the cancel (the worker may already be scoring the next
        // one when the cancel reaches it), well before the ~16 a full solve scores.
        expect(Math.max(...progress.map((p) => p.done))).toBeLessThanOrEqual(5);
        expect(Date.now() - started).toBeLessThan(60_000);
    }, 120_000);

    it('is an error response for a document the server does not know, or a KPI the plan lacks', async () => {
        const dir = workspace();
        const { services, uri } = await openPlan(dir);
        const unknown = URI.file(join(dir, 'nowhere.community')).toString();
        const e1 = await handleSolveRequest({ shared: services.shared }, { uri: unknown, kpi: 'Growth' }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect(e1).toBeInstanceOf(ResponseError);
        expect((e1 as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
        expect((e1 as Error).message).toContain('does not know');
        const e2 = await handleSolveRequest({ shared: services.shared }, { uri, kpi: 'Nope' }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect((e2 as Error).message).toContain('no KPI "Nope"');
        const e3 = await handleSolveRequest({ shared: services.shared }, { uri }).then(
            () => undefined,
            (e: unknown) => e,
        );
        expect((e3 as ResponseError<unknown>).code).toBe(ErrorCodes.InvalidParams);
    }, 60_000);
});
