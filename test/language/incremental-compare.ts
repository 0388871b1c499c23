// A deep comparison of two parse results (for incremental-parse.test.ts): every AST property in
// order, $type, containers, references, the CST (classes, offsets, lengths, ranges, text, hidden
// nodes, grammar elements, token types, the AST node of each CST node), lexer and parser errors.
import { isAstNode, type AstNode, type CstNode, type ParseResult } from 'langium';

interface Walk {
    ast: Map<AstNode, AstNode>;
    cst: Map<CstNode, CstNode>;
}

function isReference(v: unknown): v is { $refText: string; $refNode?: CstNode } {
    return typeof v === 'object' && v !== null && '$refText' in v;
}

function children(node: CstNode): readonly CstNode[] | undefined {
    return (node as { content?: CstNode[] }).content;
}

function compareCst(a: CstNode, b: CstNode, at: string, walk: Walk): string | undefined {
    walk.cst.set(a, b);
    if (a.constructor !== b.constructor) return `${at}: ${a.constructor.name} vs ${b.constructor.name}`;
    for (const key of ['offset', 'length', 'end', 'hidden', 'text'] as const) {
        if (a[key] !== b[key]) return `${at}.${key}: ${JSON.stringify(a[key])} vs ${JSON.stringify(b[key])}`;
    }
    if (JSON.stringify(a.range) !== JSON.stringify(b.range)) return `${at}.range: ${JSON.stringify(a.range)} vs ${JSON.stringify(b.range)}`;
    if (a.grammarSource !== b.grammarSource) return `${at}.grammarSource`;
    const ta = (a as { tokenType?: unknown }).tokenType;
    const tb = (b as { tokenType?: unknown }).tokenType;
    if (ta !== tb) return `${at}.tokenType`;
    const ca = children(a);
    const cb = children(b);
    if ((ca === undefined) !== (cb === undefined)) return `${at}: composite vs leaf`;
    if (ca && cb) {
        if (ca.length !== cb.length) return `${at}.content.length: ${ca.length} vs ${cb.length}`;
        for (let i = 0; i < ca.length; i++) {
            if (ca[i].container !== a || cb[i].container !== b) return `${at}.content[${i}].container`;
            const d = compareCst(ca[i], cb[i], `${at}.content[${i}]`, walk);
            if (d) return d;
        }
        const own = (n: CstNode) => (n as { _astNode?: AstNode })._astNode;
        if ((own(a) === undefined) !== (own(b) === undefined)) return `${at}._astNode presence`;
    }
    return undefined;
}

function compareValue(a: unknown, b: unknown, at: string, walk: Walk): string | undefined {
    if (isAstNode(a) || isAstNode(b)) {
        if (!isAstNode(a) || !isAstNode(b)) return `${at}: node vs value`;
        return compareAst(a, b, at, walk);
    }
    if (isReference(a) || isReference(b)) {
        if (!isReference(a) || !isReference(b)) return `${at}: reference vs value`;
        if (a.$refText !== b.$refText) return `${at}.$refText: ${a.$refText} vs ${b.$refText}`;
        if ((a.$refNode === undefined) !== (b.$refNode === undefined)) return `${at}.$refNode presence`;
        if (a.$refNode && walk.cst.get(a.$refNode) !== b.$refNode) return `${at}.$refNode is not the same syntax node`;
        return undefined;
    }
    if (Array.isArray(a) || Array.isArray(b)) {
        if (!Array.isArray(a) || !Array.isArray(b)) return `${at}: array vs value`;
        if (a.length !== b.length) return `${at}.length: ${a.length} vs ${b.length}`;
        for (let i = 0; i < a.length; i++) {
            const d = compareValue(a[i], b[i], `${at}[${i}]`, walk);
            if (d) return d;
        }
        return undefined;
    }
    if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
        return JSON.stringify(a) === JSON.stringify(b) ? undefined : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
    }
    return Object.is(a, b) ? undefined : `${at}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

function compareAst(a: AstNode, b: AstNode, at: string, walk: Walk): string | undefined {
    walk.ast.set(a, b);
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.join() !== kb.join()) return `${at} (${a.$type}) keys: ${ka.join()} vs ${kb.join()}`;
    if (a.$container === undefined ? b.$container !== undefined : walk.ast.get(a.$container) !== b.$container) return `${at}.$container`;
    if (a.$containerProperty !== b.$containerProperty || a.$containerIndex !== b.$containerIndex) return `${at}.$containerProperty/$containerIndex`;
    if ((a.$cstNode === undefined) !== (b.$cstNode === undefined)) return `${at}.$cstNode presence`;
    if (a.$cstNode && walk.cst.get(a.$cstNode) !== b.$cstNode) return `${at}.$cstNode is not the same syntax node`;
    if (a.$cstNode && b.$cstNode && walk.ast.get(a.$cstNode.astNode) !== b.$cstNode.astNode) return `${at}.$cstNode.astNode`;
    const record = (n: AstNode) => n as unknown as Record<string, unknown>;
    for (const key of ka) {
        if (key.startsWith('$')) {
            if (key === '$type' && a.$type !== b.$type) return `${at}.$type: ${a.$type} vs ${b.$type}`;
            continue;
        }
        const d = compareValue(record(a)[key], record(b)[key], `${at}.${key}`, walk);
        if (d) return d;
    }
    return undefined;
}

/** The first difference between two parse results, or undefined when they are equal. */
export function parseDifference(a: ParseResult, b: ParseResult): string | undefined {
    const walk: Walk = { ast: new Map(), cst: new Map() };
    const ra = a.value.$cstNode;
    const rb = b.value.$cstNode;
    if (!ra || !rb) return ra === rb ? undefined : 'root $cstNode presence';
    if (ra.root.fullText !== rb.root.fullText) return 'root fullText';
    if (ra.root !== ra || rb.root !== rb) return 'the root node is not the CST root';
    const cst = compareCst(ra, rb, 'cst', walk);
    if (cst) return cst;
    const ast = compareAst(a.value, b.value, 'ast', walk);
    if (ast) return ast;
    // Every CST node's AST node (the getter walks up to the nearest node that has one).
    for (const [ca, cb] of walk.cst) {
        // A property assigned twice (`lasts 5 days` … `lasts 7 days`) keeps the first value's syntax
        // nodes in the CST, their AST node in no container: those are compared as they are.
        if (!walk.ast.has(ca.astNode) && ca.astNode.$container === undefined && ca.astNode !== a.value) {
            const d = compareAst(ca.astNode, cb.astNode, `the unassigned node at ${ca.offset}`, walk);
            if (d) return d;
        }
        if (walk.ast.get(ca.astNode) !== cb.astNode) {
            const m = walk.ast.get(ca.astNode);
            const where = (n: AstNode | undefined) =>
                n && `${n.$type} ${n.$containerProperty}[${n.$containerIndex}] in ${n.$container?.$type} "${n.$cstNode?.text}" at ${n.$cstNode?.offset}`;
            return `the AST node of the CST node at ${ca.offset} (${JSON.stringify(ca.text)}, ${ca.constructor.name}): ${where(ca.astNode)} → ${where(m)} vs ${where(cb.astNode)}`;
        }
    }
    const errors = (r: ParseResult) =>
        JSON.stringify({
            lexer: r.lexerErrors.map((e) => [e.offset, e.length, e.line, e.column, e.message]),
            report: r.lexerReport,
            parser: r.parserErrors.map((e) => [e.name, e.message, e.token.startOffset, e.token.endOffset, e.token.image, e.token.tokenType.name]),
            keys: Object.keys(r),
        });
    if (errors(a) !== errors(b)) return `errors: ${errors(a)} vs ${errors(b)}`;
    return undefined;
}
