// Folding: Langium's block and comment ranges, plus one range over a run of import lines.
import type { LangiumDocument } from 'langium';
import { DefaultFoldingRangeProvider, type FoldingRangeAcceptor } from 'langium/lsp';
import { FoldingRangeKind } from 'vscode-languageserver';
import type { Model } from '../generated/ast.js';

export class CommunityFoldingRangeProvider extends DefaultFoldingRangeProvider {
    protected override collectFolding(document: LangiumDocument, acceptor: FoldingRangeAcceptor): void {
        super.collectFolding(document, acceptor);
        const imports = (document.parseResult.value as Model).imports;
        let first: number | undefined;
        let last: number | undefined;
        const flush = () => {
            if (first !== undefined && last !== undefined && last > first) acceptor({ startLine: first, endLine: last, kind: FoldingRangeKind.Imports });
        };
        for (const imp of imports) {
            const line = imp.$cstNode?.range.start.line;
            if (line === undefined) continue;
            if (last !== undefined && line === last + 1) last = line;
            else {
                flush();
                first = line;
                last = line;
            }
        }
        flush();
    }
}
