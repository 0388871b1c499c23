// The formatter: one property per line inside every block, blocks indented by the editor's tab
// size, `{` on the header line and `}` on its own line, one space after commas and none before,
// a blank line kept (never more than one) between properties and between top-level elements.
// A block the author wrote on one line (`tier Lurkers { entry join  churn 5% per month }`) stays on
// one line, with the author's one or two spaces between its properties, unless the
// `community.format.expandOneLineGroups` setting asks for every block expanded.
// Runs of spaces between two tokens on a line collapse to one (`timezone    "…"` → `timezone "…"`);
// the spaces before a trailing comment are kept, and comments stay where they are, re-indented.
// Range formatting computes the whole document and returns only the edits inside the range.
// `community.format.punctuation` ("half" | "full" | "keep") writes punctuation in one form (punctuation.ts).
import { CstUtils, isLeafCstNode, type AstNode, type CstNode, type LangiumCoreServices, type LangiumDocument } from 'langium';
import { punctuationEdits, type PunctuationStyle } from '../punctuation.js';
import { AbstractFormatter, Formatting, type FormattingAction, type NodeFormatter } from 'langium/lsp';
import type { FormattingOptions, Range, TextEdit } from 'vscode-languageserver';
import * as A from '../generated/ast.js';
import type { CommunitySettings } from '../settings.js';
import { PROPERTIES, type PropertyDef } from '../../engine/properties/registry.js';

/** Keywords that start a property, by block type, from the property registry (engine/properties/registry.ts). */
const PROPERTY_KEYWORDS: Record<string, string[]> = Object.fromEntries(
    Object.entries(PROPERTIES).map(([type, defs]) => [
        type,
        [...new Set((defs as readonly PropertyDef<unknown>[]).flatMap((d) => (d.ast && d.keyword ? [d.keyword] : [])))],
    ]),
);

/** Properties that start a line without a keyword of their own (nested blocks, schedules), by block type. */
const PROPERTY_NODES: Record<string, string[]> = {
    ...Object.fromEntries(
        Object.entries(PROPERTIES).map(([type, defs]) => [type, (defs as readonly PropertyDef<unknown>[]).flatMap((d) => (d.ast && d.node ? [d.ast] : []))]),
    ),
    Scenario: ['changes'],
};

/** A new line one level deeper than the block, keeping at most one blank line the author left. */
const PROPERTY_LINE: FormattingAction = {
    options: {},
    moves: [
        { tabs: 1, lines: 1 },
        { tabs: 1, lines: 2 },
    ],
};
const ELEMENT_LINE: FormattingAction = { options: {}, moves: [{ lines: 1 }, { lines: 2 }] };

export class CommunityFormatter extends AbstractFormatter {
    /** Offsets of the tokens that start a property inside a one-line block (their gap is kept at 1 or 2 spaces). */
    private groupStarts = new Set<number>();

    constructor(
        private readonly settings?: Pick<CommunitySettings, 'expandOneLineGroups'> & Partial<Pick<CommunitySettings, 'punctuation'>>,
        private readonly services?: LangiumCoreServices,
    ) {
        super();
    }

    protected override doDocumentFormat(document: LangiumDocument, options: FormattingOptions, range?: Range): TextEdit[] {
        this.groupStarts = new Set();
        const edits = withPunctuation(
            document,
            withCollapsedSpaces(document, super.doDocumentFormat(document, options), this.groupStarts),
            this.settings?.punctuation ?? 'keep',
            this.services,
        );
        return range ? edits.filter((e) => within(e.range, range)) : edits;
    }

    protected override format(node: AstNode): void {
        const f = this.getNodeFormatter(node) as NodeFormatter<AstNode>;
        if (A.isModel(node)) {
            const items = [...node.imports, ...node.elements].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
            items.slice(1).forEach((item) => f.node(item).prepend(ELEMENT_LINE));
            return;
        }
        const open = f.keyword('{');
        const close = f.keyword('}');
        if (open.nodes.length > 0 && close.nodes.length > 0) {
            const openNode = open.nodes[0];
            const expand = this.settings?.expandOneLineGroups === true;
            const oneLine = !expand && openNode.range.start.line === close.nodes[close.nodes.length - 1].range.start.line;
            open.prepend(Formatting.oneSpace());
            if (oneLine) {
                open.append(Formatting.oneSpace());
                close.prepend(Formatting.oneSpace());
            } else {
                close.prepend(Formatting.newLine());
            }
            for (const start of this.propertyStarts(node, f)) {
                // A property the author wrote on the line of the one before stays there (a group like
                // `capacity 60  staff 3  cost 15000 CNY`); the first one after `{` of a multi-line
                // block, and every property when expanding, starts its own line.
                const before = CstUtils.getPreviousNode(start, false);
                const sameLine = before !== undefined && before.range.end.line === start.range.start.line;
                if (oneLine || (!expand && sameLine && before.offset !== openNode.offset)) this.groupStarts.add(start.offset);
                else {
                    f.cst([start]).prepend(PROPERTY_LINE);
                    // Comments on their own lines above a property are indented with it.
                    for (
                        let c = CstUtils.getPreviousNode(start, true);
                        c?.hidden && c.range.start.line > (before?.range.end.line ?? -1);
                        c = CstUtils.getPreviousNode(c, true)
                    ) {
                        f.cst([c]).prepend(PROPERTY_LINE);
                    }
                }
            }
        }
        f.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        if (A.isKpi(node)) f.keywords(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
    }

    /** The first CST node of each property of a block: its property keywords and nested property nodes. */
    private propertyStarts(node: AstNode, f: NodeFormatter<AstNode>): CstNode[] {
        const keywords = PROPERTY_KEYWORDS[node.$type] ?? [];
        const starts: CstNode[] = keywords.length ? [...f.keywords(...keywords).nodes] : [];
        for (const property of PROPERTY_NODES[node.$type] ?? []) starts.push(...f.properties(property as never).nodes);
        return starts;
    }
}

/** Adds the edits of `community.format.punctuation` (inside tokens, so they never meet the layout edits). */
function withPunctuation(document: LangiumDocument, edits: TextEdit[], style: PunctuationStyle, services: LangiumCoreServices | undefined): TextEdit[] {
    if (style === 'keep' || !services) return edits;
    const doc = document.textDocument;
    const marks = punctuationEdits(doc.getText(), style, services).map((e) => ({
        range: { start: doc.positionAt(e.offset), end: doc.positionAt(e.offset + e.length) },
        newText: e.text,
    }));
    if (marks.length === 0) return edits;
    return [...edits, ...marks].sort((a, b) => doc.offsetAt(a.range.start) - doc.offsetAt(b.range.start));
}

/** Whether range `a` lies inside range `b`. */
function within(a: Range, b: Range): boolean {
    const before = (p: { line: number; character: number }, q: { line: number; character: number }) =>
        p.line < q.line || (p.line === q.line && p.character <= q.character);
    return before(b.start, a.start) && before(a.end, b.end);
}

/**
 * Adds an edit for every gap of two or more spaces (or a tab) between two tokens on one line that the
 * block rules left alone: one space, or within a one-line block up to two before a property.
 */
function withCollapsedSpaces(document: LangiumDocument, edits: TextEdit[], groupStarts: ReadonlySet<number>): TextEdit[] {
    const root = document.parseResult.value.$cstNode;
    if (!root) return edits;
    const text = document.textDocument.getText();
    const at = (offset: number) => document.textDocument.positionAt(offset);
    const touched = edits.map((e) => [document.textDocument.offsetAt(e.range.start), document.textDocument.offsetAt(e.range.end)] as const);
    const added: TextEdit[] = [];
    let previous: { end: number } | undefined;
    for (const leaf of CstUtils.streamCst(root)) {
        if (!isLeafCstNode(leaf)) continue;
        if (leaf.hidden) {
            previous = undefined;
            continue;
        }
        if (previous && leaf.offset > previous.end) {
            const gap = text.slice(previous.end, leaf.offset);
            if (/^[ \t]+$/.test(gap)) {
                const wanted = groupStarts.has(leaf.offset) && gap.length >= 2 ? '  ' : ' ';
                const start = previous.end;
                const end = leaf.offset;
                if (gap !== wanted && !touched.some(([s, e]) => s <= end && e >= start))
                    added.push({ range: { start: at(start), end: at(end) }, newText: wanted });
            }
        }
        previous = { end: leaf.end };
    }
    if (added.length === 0) return edits;
    const offset = (e: TextEdit) => document.textDocument.offsetAt(e.range.start);
    return [...edits, ...added].sort((a, b) => offset(a) - offset(b));
}
