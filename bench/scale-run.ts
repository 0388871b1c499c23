// The scale measurement itself (bench/scale.ts runs it, bundled with the production parser as the
// server and CLI ship, or from the tsx sources with BENCH_SOURCES=1).
import { DocumentState, EmptyFileSystem, URI } from 'langium';
import { setTextDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCommunityLspServices } from '../language/lsp/lsp-module.js';
import { generatePlanOfSize } from './generate.js';
import type { Figure } from './figure.js';

const MB = 1024 * 1024;

function peakRssMb(): number {
    return process.resourceUsage().maxRSS / 1024;
}

export async function measureScale(bytes = 5 * MB): Promise<Figure[]> {
    const text = generatePlanOfSize(bytes);
    const s = createCommunityLspServices({ ...EmptyFileSystem });
    const uri = URI.parse('file:///bench/plan5mb.community');
    const phases: Array<[string, number]> = [];
    const t0 = performance.now();
    for (const state of [
        DocumentState.Parsed,
        DocumentState.IndexedContent,
        DocumentState.ComputedScopes,
        DocumentState.Linked,
        DocumentState.IndexedReferences,
        DocumentState.Validated,
    ]) {
        s.shared.workspace.DocumentBuilder.onBuildPhase(state, () => {
            phases.push([DocumentState[state], performance.now() - t0]);
        });
    }
    setTextDocument(s.shared, TextDocument.create(uri.toString(), 'community', 1, text));
    const doc = s.shared.workspace.LangiumDocuments.createDocument(uri, text);
    await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
    const validated = performance.now() - t0;
    if (process.env.BENCH_TRACE) console.error(phases.map(([p, t]) => `${p} ${t.toFixed(0)}`).join(', '));
    const errors = (doc.diagnostics ?? []).filter((d) => d.severity === 1);
    if (errors.length > 0) throw new Error(`generated plan has errors: ${errors[0].message}`);
    const rssAfterValidate = peakRssMb();
    // One character typed into the last community's theme: an incremental change, as an editor sends it.
    const at = text.lastIndexOf('theme "') + 'theme "'.length;
    const edited = text.slice(0, at) + 'x' + text.slice(at);
    phases.length = 0;
    const t1 = performance.now();
    setTextDocument(s.shared, TextDocument.create(uri.toString(), 'community', 2, edited));
    await s.shared.workspace.DocumentBuilder.update([uri], []);
    const edit = performance.now() - t1;
    if (process.env.BENCH_TRACE) console.error(phases.map(([p, t]) => `${p} ${(t - (t1 - t0)).toFixed(0)}`).join(', '));
    const rssAfterEdit = peakRssMb();
    // Then one typed into the first community's theme: an edit re-parsed in its block moves every
    // syntax node after the block (language/incremental-parse.ts), so this is its slowest place.
    const first = edited.indexOf('theme "') + 'theme "'.length;
    const editedFirst = edited.slice(0, first) + 'x' + edited.slice(first);
    phases.length = 0;
    const t2 = performance.now();
    setTextDocument(s.shared, TextDocument.create(uri.toString(), 'community', 3, editedFirst));
    await s.shared.workspace.DocumentBuilder.update([uri], []);
    const editFirst = performance.now() - t2;
    if (process.env.BENCH_TRACE) console.error(phases.map(([p, t]) => `${p} ${(t - (t2 - t0)).toFixed(0)}`).join(', '));
    return [
        {
            name: `validate a ${(text.length / MB).toFixed(1)} MB plan (${text.split('\n').length.toLocaleString('en-US')} lines, all checks)`,
            value: validated,
            unit: 'ms',
        },
        { name: `peak RSS after validating it`, value: rssAfterValidate, unit: 'MB' },
        { name: `one-character edit in it → diagnostics`, value: edit, unit: 'ms' },
        { name: `peak RSS after the edit`, value: rssAfterEdit, unit: 'MB' },
        { name: `a second one-character edit, in the first community → diagnostics`, value: editFirst, unit: 'ms' },
        { name: `peak RSS after both edits`, value: peakRssMb(), unit: 'MB' },
    ];
}
