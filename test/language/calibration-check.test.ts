// The calibration check (language/validation/calibration.ts): a plan value outside the 90 %
// interval its actuals give it is a warning with the fitted interval (en, zh-CN), from the same fit
// as `community calibrate`; its quick fix records the fit exactly as `community calibrate --write`
// does, after which the warning is gone. The fitness-calibration example has 12 weeks of actuals.
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { describe, expect, it } from 'vitest';
import { CodeAction, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setTextDocument } from 'langium/test';
import { createCommunityServerServices } from '../../server/services.js';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';

function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-calib-'));
    cpSync(join(ROOT, 'examples/fitness-calibration.community'), join(dir, 'fitness-calibration.community'));
    cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
    cpSync(join(ROOT, 'examples/data'), join(dir, 'data'), { recursive: true });
    return dir;
}

async function open(dir: string, lang: 'en' | 'zh-CN' = 'en') {
    const services = createCommunityServerServices({ ...NodeFileSystem });
    services.Community.community.Settings.roots = [dir];
    services.Community.community.Settings.lang = lang;
    const docs = services.shared.workspace.LangiumDocuments;
    const shared = await docs.getOrCreateDocument(URI.file(join(dir, 'shared/platforms.community')));
    const doc = await docs.getOrCreateDocument(URI.file(join(dir, 'fitness-calibration.community')));
    // Every category, as `community check` runs them (the editor runs 'slow' after typing pauses).
    await services.shared.workspace.DocumentBuilder.build([shared, doc], { validation: true });
    return { services, doc };
}

const outside = (ds: Diagnostic[] | undefined) => (ds ?? []).filter((d) => d.code === 'calibration-outside');
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle));

describe('calibration check', () => {
    it('warns where the plan lies outside the fitted 90 % interval, on the plan value', async () => {
        const dir = workspace();
        const { doc } = await open(dir);
        const text = doc.textDocument.getText();
        const found = outside(doc.diagnostics);
        // The example's Core grows by about 1.1 % of Prospect a week (≈ 4.7 % a month): its 6 % is outside too.
        expect(found.map((d) => d.range.start.line)).toEqual([
            lineOf(text, 'churn 12% per month'),
            lineOf(text, 'from Prospect 6% per month'),
            lineOf(text, 'active 20%..30%'),
            lineOf(text, 'cost per join 15 CNY'),
        ]);
        expect(found.every((d) => d.severity === 2)).toBe(true);
        expect(found[0].message).toMatch(
            /^Prospect churn 12% per month; your last 12 weeks of actuals say \d+(\.\d)?–\d+(\.\d)?% \(the fitted 90 % interval\): the plan is too optimistic\.$/,
        );
        expect(found[1].message).toMatch(
            /^Core from Prospect 6% per month; your last 12 weeks of actuals say [\d.]+–[\d.]+% \(the fitted 90 % interval\): the plan is too optimistic\.$/,
        );
        expect(found[3].message).toMatch(/^DouyinAds cost per join 15 CNY; your last 12 weeks of actuals say [\d.]+–[\d.]+ CNY/);
        // The interval is `community calibrate`'s (same fit, same seed): its P10–P90 lies inside the P5–P95 quoted.
        ensureBuilt();
        const cli = community(['calibrate', join(dir, 'fitness-calibration.community'), '--format', 'json', '--root', dir]);
        expect(cli.code, cli.stderr).toBe(0);
        const churn = (JSON.parse(cli.stdout) as { quantities: Array<{ id: string; fitted: { p5: number; p95: number }; verdict: string }> }).quantities.find(
            (q) => q.id === 'Prospect.churn',
        )!;
        expect(churn.verdict).toBe('too-optimistic');
        const [low, high] = /say ([\d.]+)–([\d.]+)%/.exec(String(found[0].message))!.slice(1).map(Number);
        expect(low).toBeCloseTo(churn.fitted.p5 * 100, 1);
        expect(high).toBeCloseTo(churn.fitted.p95 * 100, 1);
    }, 120_000);

    it('says it in Chinese under zh-CN', async () => {
        const { doc } = await open(workspace(), 'zh-CN');
        const found = outside(doc.diagnostics);
        expect(found[0].message).toMatch(/^Prospect 流失率 每月 12%；最近 12 周的实际数据显示为 [\d.]+–[\d.]+%（拟合的 90% 区间）：计划过于乐观。$/);
    }, 120_000);

    it('quick fix: records the fit as `community calibrate --write` does, and the warnings go', async () => {
        const dir = workspace();
        const { services, doc } = await open(dir);
        const diagnostic = outside(doc.diagnostics)[0];
        const actions =
            (await services.Community.lsp.CodeActionProvider!.getCodeActions(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: diagnostic.range,
                context: { diagnostics: [diagnostic] },
            })) ?? [];
        const fix = actions.filter(CodeAction.is).find((a) => /scenario Calibrated/.test(a.title));
        expect(fix?.title).toBe('Record the fitted values as scenario Calibrated (as community calibrate --write)');
        expect(fix?.isPreferred).toBe(true);
        const after = TextDocument.applyEdits(doc.textDocument as TextDocument, fix!.edit!.changes![doc.textDocument.uri]);
        ensureBuilt();
        const cli = community(['calibrate', join(dir, 'fitness-calibration.community'), '--write', '--root', dir]);
        expect(cli.code, cli.stderr).toBe(0);
        expect(after).toBe(readFileSync(join(dir, 'fitness-calibration.community'), 'utf8'));
        expect(after).toContain('scenario Calibrated "按实际数据校准" {');
        // With the fit recorded, the plan checks without the warnings, and the fix is not offered again.
        setTextDocument(services.shared, TextDocument.create(doc.uri.toString(), 'community', 2, after));
        await services.shared.workspace.DocumentBuilder.update([doc.uri], []);
        const again = services.shared.workspace.LangiumDocuments.getDocument(doc.uri)!;
        await services.shared.workspace.DocumentBuilder.build([again], { validation: true });
        expect(again.textDocument.getText()).toBe(after);
        expect((again.diagnostics ?? []).map((d) => d.code)).toContain('over-budget');
        expect(outside(again.diagnostics)).toEqual([]);
    }, 180_000);
});
