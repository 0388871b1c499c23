// The CST's leaves without their line and column numbers. Langium's leaf (cst-node-builder.js,
// LeafCstNodeImpl) keeps ten fields, four of them the token's start and end line and column: a 5 MB
// plan has ~920,000 leaves, ~104 bytes each. These keep the offset and length only and compute their
// range, when it is read, from the offset and the line starts of the root's text (found once per root,
// one Int32Array). Chevrotain counts lines as this does (CRLF, CR and LF; columns in UTF-16 units), so
// the ranges are the same: test/language/lean-cst.test.ts compares every leaf's range with its token's.
// An edit re-parsed in one block (incremental-parse.ts) moves the later leaves by their offset alone:
// their lines follow from the new root's text.
import { AbstractCstNode, CstNodeBuilder, type AstNode, type CstNode, type LeafCstNode, type LeafCstNodeImpl } from 'langium';
import type { IToken, TokenType } from 'chevrotain';

const lineStartsOf = new WeakMap<CstNode, Int32Array>();

/** Offsets at which the lines of `text` start (0 first), counting CRLF, CR and LF as Chevrotain does. */
function lineStarts(text: string): Int32Array {
    const starts: number[] = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) starts.push(i + 1);
        else if (c === 13) {
            if (text.charCodeAt(i + 1) === 10) i++;
            starts.push(i + 1);
        }
    }
    return Int32Array.from(starts);
}

/** The 0-based line whose start is the last at or before `offset`. */
function lineAt(starts: Int32Array, offset: number): number {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid] <= offset) lo = mid;
        else hi = mid - 1;
    }
    return lo;
}

export class LeanLeafCstNode extends AbstractCstNode implements LeafCstNode {
    _offset: number;
    _length: number;
    _tokenType: TokenType;
    _hidden: boolean;

    constructor(offset: number, length: number, tokenType: TokenType, hidden: boolean) {
        super();
        // `| 0` keeps them small integers (Chevrotain's offsets arrive as doubles), as Langium's leaf does.
        this._offset = offset | 0;
        this._length = length | 0;
        this._tokenType = tokenType;
        this._hidden = hidden;
    }

    get offset(): number {
        return this._offset;
    }
    get length(): number {
        return this._length;
    }
    get end(): number {
        return this._offset + this._length;
    }
    get hidden(): boolean {
        return this._hidden;
    }
    get tokenType(): TokenType {
        return this._tokenType;
    }
    get astNode(): AstNode {
        const container = this.container;
        if (!container) throw new Error('This node has no associated AST element');
        return container.astNode;
    }
    get range(): CstNode['range'] {
        const root = this.root;
        let starts = lineStartsOf.get(root);
        if (!starts) {
            starts = lineStarts((root as { fullText?: string }).fullText ?? '');
            lineStartsOf.set(root, starts);
        }
        const start = this._offset;
        const last = start + this._length - 1;
        const startLine = lineAt(starts, start);
        // Chevrotain's end is its last character's line and (1-based) column: the 0-based exclusive end.
        const endLine = last <= start ? startLine : lineAt(starts, last);
        return {
            start: { line: startLine, character: start - starts[startLine] },
            end: { line: endLine, character: last - starts[endLine] + 1 },
        };
    }
}

/** The part of a composite CST node (Langium's CompositeCstNodeImpl) that startOf reads. */
interface CompositeFields {
    content: CstNode[];
    _rangeCache?: CstNode['range'];
}

/**
 * `node.range.start`, without filling the composites' range caches on the way. Langium's composite
 * keeps its range once read (`_rangeCache`: three objects, ~100 bytes, on every composite of the
 * chain down to the first leaf); lowering reads the start of every item it lowers (lower.ts
 * `sourceOf`, ~100,000 chains on the 5 MB plan) and nothing reads most of those ranges again. The
 * same walk as Langium's getter: a cached range if there is one, else the first child that is not
 * hidden (the first child when all are), the zero position for a composite without children.
 */
export function startOf(node: CstNode): CstNode['range']['start'] {
    let n = node;
    for (;;) {
        const composite = n as Partial<CompositeFields>;
        const content = composite.content;
        if (content === undefined) return n.range.start;
        if (composite._rangeCache !== undefined) return composite._rangeCache.start;
        if (content.length === 0) return { line: 0, character: 0 };
        let first = content[0];
        for (const child of content) {
            if (!child.hidden) {
                first = child;
                break;
            }
        }
        n = first;
    }
}

/** Langium's CST builder, making lean leaves. */
export class LeanCstNodeBuilder extends CstNodeBuilder {
    // Typed as Langium's class, which nothing reads but through the LeafCstNode interface.
    override createLeafNode(token: IToken, hidden: boolean): LeafCstNodeImpl {
        return new LeanLeafCstNode(token.startOffset, token.image.length, token.tokenType, hidden) as unknown as LeafCstNodeImpl;
    }
}
