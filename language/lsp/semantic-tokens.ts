// Semantic tokens: what each name is (community, tier, platform …) at its definition and at every
// reference, plus kinds, units, numbers, dates and times, so themes colour plans by meaning.
// A range request answers the full result restricted to the range: Langium's own range walk skips
// tokens when the range starts inside a block, so the whole document is highlighted and cut.
import { GrammarAST, isCompositeCstNode, type AstNode, type LangiumDocument } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import {
    CancellationToken,
    SemanticTokenModifiers,
    SemanticTokenTypes,
    type Range,
    type SemanticTokens,
    type SemanticTokensRangeParams,
} from 'vscode-languageserver';
import * as A from '../generated/ast.js';

const DECLARATION_TYPES: Record<string, string> = {
    Community: SemanticTokenTypes.namespace,
    Tier: SemanticTokenTypes.class,
    Platform: SemanticTokenTypes.interface,
    Audience: SemanticTokenTypes.struct,
    Content: SemanticTokenTypes.event,
    Activity: SemanticTokenTypes.function,
    Referral: SemanticTokenTypes.method,
    Channel: SemanticTokenTypes.property,
    Kpi: SemanticTokenTypes.variable,
    Scenario: SemanticTokenTypes.namespace,
};

/** Reference properties by container type, with what they point at. */
const REFERENCES: Record<string, Array<[string, string]>> = {
    Community: [
        ['platforms', 'Platform'],
        ['audiences', 'Audience'],
    ],
    Flow: [['tier', 'Tier']],
    Content: [
        ['tiers', 'Tier'],
        ['platform', 'Platform'],
    ],
    Activity: [['tiers', 'Tier']],
    Referral: [
        ['tiers', 'Tier'],
        ['into', 'Tier'],
    ],
    Channel: [['into', 'Tier']],
    Organic: [['into', 'Tier']],
    MembersMetric: [['tier', 'Tier']],
    NewMembersMetric: [['tier', 'Tier']],
    ChurnMetric: [['tier', 'Tier']],
    ConversionMetric: [
        ['from', 'Tier'],
        ['to', 'Tier'],
    ],
    Drop: [['target', 'Named']],
    Override: [['target', 'Named']],
};

/** Plain-name values that pick a kind from a table. */
const KIND_PROPERTIES: Record<string, string[]> = {
    Platform: ['kind'],
    Content: ['kind', 'format'],
    Activity: ['kind'],
    Referral: ['mechanic', 'sharesTo'],
    Entry: ['condition', 'detail'],
    Incentive: ['kind'],
    Plan: ['markets', 'currency'],
    Assumption: ['key'],
    Limit: ['key'],
    DataCollection: ['consentKind'],
};

const DATE_PROPERTIES = ['start', 'from', 'until', 'date', 'drawDate', 'deadlineDate', 'time', 'drawTime', 'times'];

export class CommunitySemanticTokenProvider extends AbstractSemanticTokenProvider {
    override async semanticHighlightRange(
        document: LangiumDocument,
        params: SemanticTokensRangeParams,
        cancelToken = CancellationToken.None,
    ): Promise<SemanticTokens> {
        const full = await this.semanticHighlight(document, { textDocument: params.textDocument }, cancelToken);
        return { data: restrictTokens(full.data, params.range) };
    }

    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        const type = DECLARATION_TYPES[node.$type];
        if (type && (node as { name?: string }).name) {
            acceptor({ node, property: 'name' as never, type, modifier: SemanticTokenModifiers.declaration });
        }
        for (const [property, target] of REFERENCES[node.$type] ?? []) {
            const value = (node as unknown as Record<string, unknown>)[property];
            const count = Array.isArray(value) ? value.length : value !== undefined ? 1 : 0;
            for (let i = 0; i < count; i++) {
                const ref = Array.isArray(value) ? value[i] : value;
                const resolved = (ref as { ref?: AstNode }).ref;
                const tokenType = DECLARATION_TYPES[resolved?.$type ?? target] ?? SemanticTokenTypes.variable;
                acceptor({ node, property: property as never, index: Array.isArray(value) ? i : undefined, type: tokenType });
            }
        }
        for (const property of KIND_PROPERTIES[node.$type] ?? []) {
            const value = (node as unknown as Record<string, unknown>)[property];
            const count = Array.isArray(value) ? value.length : value !== undefined ? 1 : 0;
            for (let i = 0; i < count; i++)
                acceptor({ node, property: property as never, index: Array.isArray(value) ? i : undefined, type: SemanticTokenTypes.enumMember });
        }
        if (A.isAmount(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.number });
            if (node.unit) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type });
        }
        if (A.isPer(node)) acceptor({ node, property: 'unit', type: SemanticTokenTypes.type });
        for (const property of DATE_PROPERTIES) {
            const value = (node as unknown as Record<string, unknown>)[property];
            if (typeof value === 'string') acceptor({ node, property: property as never, type: SemanticTokenTypes.number });
            else if (Array.isArray(value) && property === 'times')
                value.forEach((_, index) => acceptor({ node, property: 'times' as never, index, type: SemanticTokenTypes.number }));
        }
        // Chinese keyword forms: the TextMate grammar knows only the English ones. A node's keywords may
        // sit in nested composites of its own (a rule called without assignment), not in other nodes'.
        const pending = node.$cstNode && isCompositeCstNode(node.$cstNode) ? [...node.$cstNode.content] : [];
        while (pending.length > 0) {
            const child = pending.pop()!;
            if (child.astNode !== node) continue;
            if (isCompositeCstNode(child)) pending.push(...child.content);
            else if (GrammarAST.isKeyword(child.grammarSource) && child.text !== child.grammarSource.value && /[^\x00-\x7f]/.test(child.text)) {
                acceptor({ cst: child, type: SemanticTokenTypes.keyword });
            }
        }
        if (A.isTimeWindow(node)) {
            acceptor({ node, property: 'start', type: SemanticTokenTypes.number });
            acceptor({ node, property: 'end', type: SemanticTokenTypes.number });
        }
    }
}

/**
 * The tokens of an LSP-encoded list (5 integers each, line and start relative to the previous token)
 * that overlap `range`, re-encoded relative to each other.
 */
export function restrictTokens(data: readonly number[], range: Range): number[] {
    const out: number[] = [];
    let line = 0;
    let char = 0;
    let lastLine = 0;
    let lastChar = 0;
    for (let i = 0; i + 4 < data.length; i += 5) {
        line += data[i];
        char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
        const end = char + data[i + 2];
        const afterStart = line > range.start.line || (line === range.start.line && end > range.start.character);
        const beforeEnd = line < range.end.line || (line === range.end.line && char < range.end.character);
        if (!afterStart || !beforeEnd) continue;
        out.push(line - lastLine, line === lastLine ? char - lastChar : char, data[i + 2], data[i + 3], data[i + 4]);
        lastLine = line;
        lastChar = char;
    }
    return out;
}
