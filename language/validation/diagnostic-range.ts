// Where a diagnostic on a node's property points. Langium's findNodeForProperty lists every CST
// node assigned to the property (all of a community's lines for its `name`) and walks up the
// grammar from each child to find its assignment; a check on a 20,000-line plan reports ~2,000
// findings, each on a node with dozens of lines. This walk stops at the one it needs and knows each
// grammar element's assignment after the first look. Same node as Langium's for any input
// (test/language/diagnostic-range.test.ts compares them over every node and property of the examples).
import { AstUtils, GrammarAST, GrammarUtils, isCompositeCstNode, type CstNode } from 'langium';

/** The feature of the assignment a grammar element belongs to, cached per grammar element. */
const FEATURES = new WeakMap<object, string | null>();

export function assignedFeature(source: GrammarAST.AbstractElement | undefined): string | undefined {
    if (!source) return undefined;
    let feature = FEATURES.get(source);
    if (feature === undefined) {
        feature = AstUtils.getContainerOfType(source, GrammarAST.isAssignment)?.feature ?? null;
        FEATURES.set(source, feature);
    }
    return feature ?? undefined;
}

/**
 * The CST node for `property` inside `node`: the `index`-th one (clamped to the last), or the first
 * when index is undefined or negative — Langium's GrammarUtils.findNodeForProperty, without the list.
 */
export function propertyNode(node: CstNode | undefined, property: string | undefined, index?: number): CstNode | undefined {
    if (!node || !property) return undefined;
    // Langium reads a fractional or NaN index as no node at all; leave such a call to it.
    if (index !== undefined && !Number.isInteger(index)) return GrammarUtils.findNodeForProperty(node, property, index);
    const want = index === undefined || index < 0 ? 0 : index;
    let found = 0;
    let last: CstNode | undefined;
    const element = node.astNode;
    // Depth first, in order, as Langium's flatMap lists them; the root itself is never a match.
    const visit = (n: CstNode): boolean => {
        if (!isCompositeCstNode(n) || n.astNode !== element) return false;
        for (const child of n.content) {
            if (assignedFeature(child.grammarSource) === property) {
                last = child;
                if (found++ === want) return true;
            } else if (visit(child)) return true;
        }
        return false;
    };
    visit(node);
    return last;
}
