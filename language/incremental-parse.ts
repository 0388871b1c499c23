// An edit inside one top-level block of a large plan re-parses only that block. Langium's document
// factory parses the whole text again at every change (on a 5 MB plan 2–3 s, and the old and new
// trees alive at once); here the block's new text is lexed and parsed alone with the grammar's
// `Element` rule, its tokens placed where they stand in the file, and the new node replaces the old
// one in a new root (AST and CST); every syntax node after the block moves by the edit's length and
// lines. The result equals a full parse of the new text (AST, CST, errors):
// test/language/incremental-parse.test.ts compares the two over random edits.
//
// It is used only where that equality holds by construction, and the full parse runs otherwise:
// - the text is at least MIN_INCREMENTAL_CHARS long (below it a full parse takes a few ms);
// - the old parse had no lexer or parser error anywhere (the parser then never recovered, so every
//   block was parsed from its own tokens) and the new block has none either;
// - the text changed in one range that lies strictly inside one top-level element (not an import):
//   its first and last characters, hence its first keyword and closing brace, are kept;
// - the block starts its line and ends its line (only spaces or tabs around it): no token before it
//   or after it shares a line with it, and the nodes after it keep their columns. The Chinese pass
//   (lexer.ts) also reads the token before a word and the one after it on any line, but a block
//   begins with its keyword and every top-level element ends with `}`, so a word inside reads the
//   same neighbours in the file as alone; and the new block's text begins with its first token and
//   ends with its last (no comment or space of its own at either end);
// - the plan's start date as the text first writes it (value-converter.ts reads it for dates such as
//   5月29日) is the same before and after.
// Why the block alone parses as in the file: Chevrotain's lookahead never reads past the end of the
// rule it decides in, so an element's parse depends on its own tokens only, and the file's loop of
// elements decides on each element's first token, which the edit keeps.
import type { AstNode, CompositeCstNode, CstNode, LexerResult, ParseResult } from 'langium';
import type { IToken } from 'chevrotain';
import type { CommunityLexer } from './lexer.js';
import type { CommunityParser } from './parser.js';
import { planStartIn } from './value-converter.js';

/**
 * Shortest text parsed incrementally. A full parse costs ~0.5 ms per KB (bench/scale-reparse.ts:
 * 12 ms at 16 KB, 25 ms at 46 KB, 170 ms at 250 KB, 2.5 s at 5 MB), the block's parse 1–6 ms up to
 * 250 KB: below 16 KB the saving is under 10 ms of an edit whose checks cost more, and a plan that
 * small (every example is 2–5 KB) keeps the one parse path it has always had.
 */
export const MIN_INCREMENTAL_CHARS = 16 * 1024;

/** Why an edit was parsed in full (see the list at the top of this file). */
export type Fallback = 'small' | 'errors' | 'outside-element' | 'edges' | 'plan-start' | 'block-lexer-errors' | 'block-parser-errors';

export type Reparse = { result: ParseResult } | { fallback: Fallback };

/** The writable fields of Langium's composite CST nodes (cst-node-builder.js). */
type Composite = CompositeCstNode & {
    content: CstNode[];
    grammarSource: CompositeCstNode['grammarSource'];
    container?: CompositeCstNode;
    _astNode?: AstNode;
    _rangeCache?: unknown;
};

/** The one position field of a leaf (lean-cst.ts): its lines follow from its offset in the root's text. */
interface Leaf {
    _offset: number;
}

function isComposite(node: CstNode): node is Composite {
    return Array.isArray((node as Partial<Composite>).content);
}

/** The new parse result of `newText`, or why it must be parsed in full. `old` is the parse of `oldText`. */
export function reparseBlock(
    parser: CommunityParser,
    lexer: CommunityLexer,
    old: ParseResult,
    oldText: string,
    newText: string,
    minChars = MIN_INCREMENTAL_CHARS,
): Reparse {
    if (newText.length < minChars) return { fallback: 'small' };
    if (old.lexerErrors.length > 0 || old.parserErrors.length > 0 || (old.lexerReport?.diagnostics.length ?? 0) > 0) return { fallback: 'errors' };
    const root = old.value as AstNode & Record<string, unknown>;
    const rootCst = root.$cstNode as Composite | undefined;
    if (!rootCst || rootCst.container || rootCst.root.fullText !== oldText) return { fallback: 'errors' };

    // The one changed range: [from, oldTo) of the old text became [from, newTo) of the new.
    const shorter = Math.min(oldText.length, newText.length);
    let from = 0;
    while (from < shorter && oldText.charCodeAt(from) === newText.charCodeAt(from)) from++;
    let tail = 0;
    while (tail < shorter - from && oldText.charCodeAt(oldText.length - 1 - tail) === newText.charCodeAt(newText.length - 1 - tail)) tail++;
    const oldTo = oldText.length - tail;
    const delta = newText.length - oldText.length;

    // The top-level node the change starts in, by its place in the root's content.
    const content = rootCst.content;
    let lo = 0;
    let hi = content.length - 1;
    while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (content[mid].offset <= from) lo = mid;
        else hi = mid - 1;
    }
    const index = lo;
    const block = content[index];
    if (!block || !isComposite(block)) return { fallback: 'outside-element' };
    const oldNode = block.astNode;
    if (oldNode.$container !== root || oldNode.$containerProperty !== 'elements' || oldNode.$containerIndex === undefined)
        return { fallback: 'outside-element' };
    const start = block.offset;
    const end = block.end;
    if (!(start < from && oldTo < end)) return { fallback: 'outside-element' };
    if (!startsLine(oldText, start) || !endsLine(oldText, end)) return { fallback: 'edges' };

    const oldBlock = oldText.slice(start, end);
    const newBlock = newText.slice(start, end + delta);
    if (mentionsStart(oldBlock) || mentionsStart(newBlock)) {
        if (planStartIn(oldText) !== planStartIn(newText)) return { fallback: 'plan-start' };
    }

    const lexed = lexer.tokenizeWith(newBlock, /[^\x00-\x7f]/.test(newText));
    if (lexed.errors.length > 0 || (lexed.report?.diagnostics.length ?? 0) > 0) return { fallback: 'block-lexer-errors' };
    // The block's first and last tokens stand at its first and last characters: a comment that took
    // in the closing brace (`rules "r" }` then `// }`) would be the block's in its own parse and the
    // next token's in the file's.
    const firstToken = lexed.tokens[0];
    const lastToken = lexed.tokens[lexed.tokens.length - 1];
    if (firstToken?.startOffset !== 0 || lastToken?.endOffset !== newBlock.length - 1) return { fallback: 'edges' };
    const first = block.range.start;
    placeTokens(lexed, start, first.line, first.character);
    const parsed = parser.parseLexed(newText, 'Element', lexed);
    if (parsed.parserErrors.length > 0 || parsed.lexerErrors.length > 0) return { fallback: 'block-parser-errors' };

    // The CST: the block's parse has the new text as its root; the element's node is rebuilt under it
    // (the grammar's `elements+=Element` call, as the old one), and the other top-level nodes move in.
    const newNode = parsed.value as AstNode & Record<string, unknown>;
    const newRootCst = newNode.$cstNode as Composite;
    const element = new (block.constructor as new () => Composite)();
    element.grammarSource = block.grammarSource;
    element.content = newRootCst.content;
    for (const child of element.content) (child as Composite).container = element;
    element._astNode = newNode;
    const children = content.slice();
    children[index] = element;
    for (const child of children) (child as Composite).container = newRootCst;
    newRootCst.content = children;
    newRootCst.grammarSource = rootCst.grammarSource;

    const lineDelta = lineBreaks(newBlock) - lineBreaks(oldBlock);
    if (delta !== 0 || lineDelta !== 0) for (let i = index + 1; i < children.length; i++) move(children[i], delta);

    // The AST: a new root (caches keyed by the root start afresh), with the same properties in the
    // same order, the new element in place of the old and every top-level node contained in it.
    const newRoot: Record<string, unknown> = {};
    for (const key of Object.keys(root)) newRoot[key] = root[key];
    const elements = (root.elements as AstNode[]).slice();
    elements[oldNode.$containerIndex] = newNode;
    newRoot.elements = elements;
    newRoot.$cstNode = newRootCst;
    delete newRoot.$document;
    for (const key of Object.keys(root)) {
        const value = root[key];
        if (key.startsWith('$') || !Array.isArray(value)) continue;
        for (const item of key === 'elements' ? elements : (value as AstNode[])) (item as { $container: unknown }).$container = newRoot;
    }
    const placed = newNode as { $cstNode?: CstNode; $container?: unknown; $containerProperty?: string; $containerIndex?: number };
    placed.$cstNode = element;
    placed.$container = newRoot;
    placed.$containerProperty = 'elements';
    placed.$containerIndex = oldNode.$containerIndex;
    newRootCst._astNode = newRoot as unknown as AstNode;
    return {
        result: { value: newRoot as unknown as AstNode, lexerErrors: parsed.lexerErrors, lexerReport: parsed.lexerReport, parserErrors: parsed.parserErrors },
    };
}

/** Whether only spaces or tabs stand between the line's start (or the text's) and `at`. */
function startsLine(text: string, at: number): boolean {
    for (let i = at - 1; i >= 0; i--) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) return true;
        if (c !== 32 && c !== 9) return false;
    }
    return true;
}

/** Whether only spaces or tabs stand between `at` and the line's end (or the text's). */
function endsLine(text: string, at: number): boolean {
    for (let i = at; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10 || c === 13) return true;
        if (c !== 32 && c !== 9) return false;
    }
    return true;
}

function mentionsStart(text: string): boolean {
    return text.includes('start') || text.includes('开始');
}

/** Line breaks as the lexer counts them: CRLF, CR and LF. */
function lineBreaks(text: string): number {
    let n = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 10) n++;
        else if (c === 13) {
            n++;
            if (text.charCodeAt(i + 1) === 10) i++;
        }
    }
    return n;
}

/** Moves tokens lexed from a block's text to where the block starts: `offset`, 0-based `line` and `column`. */
function placeTokens(lexed: LexerResult, offset: number, line: number, column: number): void {
    const place = (t: IToken) => {
        t.startOffset += offset;
        t.endOffset = t.endOffset! + offset;
        if (t.startLine === 1) t.startColumn = t.startColumn! + column;
        if (t.endLine === 1) t.endColumn = t.endColumn! + column;
        t.startLine = t.startLine! + line;
        t.endLine = t.endLine! + line;
    };
    for (const t of lexed.tokens) place(t);
    for (const t of lexed.hidden) place(t);
}

/**
 * Moves a node after the block by `delta` characters. Its leaves' lines and columns are read from the
 * new root's text (lean-cst.ts; columns stay: the block ends its line); the composites' cached ranges
 * go, also when only the lines moved.
 */
function move(node: CstNode, delta: number): void {
    const stack: CstNode[] = [node];
    while (stack.length > 0) {
        const next = stack.pop()!;
        const content = (next as Partial<Composite>).content;
        if (content !== undefined) {
            (next as Composite)._rangeCache = undefined;
            for (let i = 0; i < content.length; i++) stack.push(content[i]);
            continue;
        }
        (next as unknown as Leaf)._offset += delta;
    }
}
