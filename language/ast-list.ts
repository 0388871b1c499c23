// The nodes of a parse result, listed once (pre-order, the order of AstUtils.streamAst), and the walk
// that links each node to its container. No imports: the shipped bundles call linkParsedTree from
// inside Langium's parser (language/parser-bundling.mjs), which must not import the language back.
import type { AstNode } from 'langium';

const lists = new WeakMap<AstNode, AstNode[]>();

function isNode(v: unknown): v is AstNode {
    return typeof v === 'object' && v !== null && typeof (v as AstNode).$type === 'string';
}

/** Every node of the tree under `root` (root first), listed once per parse result. */
export function allNodes(root: AstNode): readonly AstNode[] {
    return lists.get(root) ?? walk(root, false);
}

/**
 * What Langium's parser does last, `AstUtils.linkContentToContainer(root, { deep: true })`: every
 * node's `$container`, `$containerProperty` and (in an array) `$containerIndex`, in the same walk and
 * order. Langium's allocates an `Object.entries` array per node and a closure per array (~7 % of what
 * parsing a plan allocates); this walk allocates only the node list, which it keeps for allNodes, so
 * the first build phase does not walk the tree again.
 */
export function linkParsedTree(root: AstNode): void {
    walk(root, true);
}

/** Lists the nodes under `root` in pre-order (and, with `link`, sets each one's container on the way). */
function walk(root: AstNode, link: boolean): AstNode[] {
    const out: AstNode[] = [];
    const visit = (node: AstNode): void => {
        out.push(node);
        const record = node as unknown as Record<string, unknown>;
        for (const key in record) {
            if (key.charCodeAt(0) === 36 /* $ */) continue;
            const value = record[key];
            if (typeof value !== 'object' || value === null) continue;
            if (Array.isArray(value)) {
                for (let index = 0; index < value.length; index++) {
                    const item: unknown = value[index];
                    if (!isNode(item)) continue;
                    if (link) {
                        const child = item as { -readonly [K in keyof AstNode]: AstNode[K] };
                        child.$container = node;
                        child.$containerProperty = key;
                        child.$containerIndex = index;
                    }
                    visit(item);
                }
            } else if (isNode(value)) {
                if (link) {
                    const child = value as { -readonly [K in keyof AstNode]: AstNode[K] };
                    child.$container = node;
                    child.$containerProperty = key;
                }
                visit(value);
            }
        }
    };
    visit(root);
    lists.set(root, out);
    return out;
}
