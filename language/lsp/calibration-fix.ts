// The quick fix of `calibration-outside`: record the fit as `scenario Calibrated { … }` — the edit
// `community calibrate --write` makes (engine/calibrate/calibrate.ts withCalibratedScenario:
// replace the scenario if the plan has one, else append it), sent as one text edit over the part
// of the file that changes.
import type { LangiumDocument } from 'langium';
import type { TextEdit } from 'vscode-languageserver';
import { withCalibratedScenario } from '../../engine/calibrate/calibrate.js';

/** The edit that turns the document's text into `withCalibratedScenario(text, block)`, or undefined when nothing changes. */
export function calibratedScenarioEdit(document: LangiumDocument, block: string): TextEdit | undefined {
    const text = document.textDocument.getText();
    const next = withCalibratedScenario(text, block);
    if (next === text) return undefined;
    let start = 0;
    while (start < text.length && start < next.length && text[start] === next[start]) start++;
    let end = 0;
    while (end < text.length - start && end < next.length - start && text[text.length - 1 - end] === next[next.length - 1 - end]) end++;
    return {
        range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(text.length - end) },
        newText: next.slice(start, next.length - end),
    };
}
