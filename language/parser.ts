// One error per mistake. Chevrotain recovers from a syntax error by skipping to a token that can
// follow the rule it failed in, which for a misspelt block keyword (`tir Prospect {`) or a bad value
// in the plan block (`start 05/04/2027`) means skipping whole blocks: their names then go missing
// ("Unknown item" 100 lines away) and the plan "needs horizon" although it has one.
//
// So after a parse with errors, the earliest error is repaired in the token list and the text is
// parsed again, a few rounds at most:
// - a word close to a keyword valid at that position (the grammar's own list, expected-words.ts)
//   is read as that keyword (the token keeps its text, as Chinese keywords do in lexer.ts);
// - otherwise the broken property is left out: from the keyword that starts it to the end of its
//   line, never past a brace or the next property.
// The user sees the original error of each repaired place and whatever errors remain after the
// last round; the AST is the one of the repaired tokens, so everything else in the file is there.
import {
    LangiumParser,
    createParser,
    type AstNode,
    type LangiumCoreServices,
    type Lexer,
    type LexerResult,
    type ParseResult,
    type ParserOptions,
    type TokenizeOptions,
} from 'langium';
import type { IRecognitionException, IToken, TokenType } from 'chevrotain';
import { closest } from './suggest.js';
import { LeanCstNodeBuilder } from './lean-cst.js';
import { grammarWords, innermostBlock, ruleNames, wordsAt, type GrammarWords } from './expected-words.js';

/** Repair rounds per parse: each handles one mistake. */
const MAX_ROUNDS = 8;
/** Past this many errors or this much text, the file is not a one-mistake file: Chevrotain's recovery stands. */
const MAX_ERRORS = 40;
const MAX_TEXT = 512 * 1024;

/** Where a syntax error happened: the words valid there and the rules (blocks) it was inside. */
export interface ErrorPlace {
    words: string[];
    stack: string[];
}

/** The place of each syntax error of a parse, by the error token's offset (for suggestions). */
const places = new WeakMap<object, Map<number, ErrorPlace>>();

/** What the parser knew where the syntax error at `offset` happened, if it recorded it. */
export function errorPlaceAt(root: object, offset: number): ErrorPlace | undefined {
    return places.get(root)?.get(offset);
}

export function createCommunityParser(services: LangiumCoreServices): LangiumParser {
    const parser = new CommunityParser(services);
    createParser(services.Grammar, parser, services.parser.Lexer.definition);
    parser.finalize();
    return parser;
}

/** Token names a Chevrotain message says were expected (keywords by their text). */
function namedIn(message: string): string[] {
    const out: string[] = [];
    for (const m of message.matchAll(/(?:keyword|token of type) '([^']+)'/g)) out.push(m[1]);
    for (const m of message.matchAll(/\d+\. \[([^\],]+)/g)) out.push(m[1].trim().split(/\s+/)[0]);
    return out;
}

function offsetOf(e: IRecognitionException): number {
    const t = e.token;
    if (Number.isFinite(t.startOffset) && t.startOffset >= 0 && t.tokenType.name !== 'EOF') return t.startOffset;
    const prev = (e as { previousToken?: IToken }).previousToken;
    return prev?.endOffset !== undefined && Number.isFinite(prev.endOffset) ? prev.endOffset + 1 : Number.MAX_SAFE_INTEGER;
}

const NO_TOKENS: IToken[] = [];

export class CommunityParser extends LangiumParser {
    private readonly words: GrammarWords;
    private readonly byName: Record<string, TokenType>;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.words = grammarWords(services.Grammar);
        this.byName = services.parser.Lexer.definition as Record<string, TokenType>;
        // Leaves without line and column fields (lean-cst.ts): ~30 MB less syntax tree on a 5 MB plan.
        (this as unknown as { nodeBuilder: LeanCstNodeBuilder }).nodeBuilder = new LeanCstNodeBuilder();
    }

    override parse<T extends AstNode = AstNode>(input: string, options: ParserOptions = {}): ParseResult<T> {
        try {
            return this.parseAndRepair<T>(input, options);
        } finally {
            this.releaseTokens();
        }
    }

    /**
     * Lets the parsed text's tokens go. Chevrotain's parser keeps its input, the token vector, until
     * the next parse: every token of the last parsed document (~920,000 on the 5 MB plan, ~96 bytes
     * each, ~90 MB) stayed alive beside the syntax tree, which holds none of them (lean-cst.ts). The
     * next parse sets a new input anyway, and nothing reads the old one after the parse returns.
     */
    private releaseTokens(): void {
        (this.wrapper as unknown as { input: IToken[] }).input = NO_TOKENS;
    }

    private parseAndRepair<T extends AstNode>(input: string, options: ParserOptions): ParseResult<T> {
        const first = super.parse<T>(input, options);
        if (first.parserErrors.length === 0) return first;
        if (options.rule || first.parserErrors.length > MAX_ERRORS || input.length > MAX_TEXT) {
            this.record(first, first.parserErrors);
            return first;
        }
        return this.repair(input, first);
    }

    /**
     * Parses `input` with `rule`, reading `lexed` as its tokens instead of lexing it (the tokens of
     * one block of `input`, at their places in it: language/incremental-parse.ts). No repair.
     */
    parseLexed<T extends AstNode = AstNode>(input: string, rule: string, lexed: LexerResult): ParseResult<T> {
        const lexer = this.lexer;
        const self = this as unknown as { lexer: Lexer };
        self.lexer = { definition: lexer.definition, tokenize: (): LexerResult => lexed };
        try {
            return super.parse<T>(input, { rule });
        } finally {
            self.lexer = lexer;
            this.releaseTokens();
        }
    }

    private repair<T extends AstNode>(input: string, first: ParseResult<T>): ParseResult<T> {
        const lexer = this.lexer;
        const lexed = lexer.tokenize(input);
        let tokens = lexed.tokens;
        let current = first;
        const kept = new Map<number, IRecognitionException>();
        const retyped = new Set<number>();
        for (let round = 0; round < MAX_ROUNDS; round++) {
            const errors = [...current.parserErrors].sort((a, b) => offsetOf(a) - offsetOf(b));
            const last = Math.max(-1, ...kept.keys());
            const error = errors.find((e) => offsetOf(e) >= last);
            if (!error) break;
            const at = offsetOf(error);
            const next = this.repairTokens(tokens, error, retyped);
            if (!next) break;
            if (!kept.has(at)) kept.set(at, error);
            tokens = next;
            const fixed = tokens;
            // Parse the repaired tokens: the lexer is asked again, and answers with them.
            const repaired: Lexer = {
                definition: lexer.definition,
                tokenize: (_text: string, _options?: TokenizeOptions): LexerResult => ({ ...lexed, tokens: fixed }),
            };
            const self = this as unknown as { lexer: Lexer };
            self.lexer = repaired;
            try {
                current = super.parse<T>(input);
            } finally {
                self.lexer = lexer;
            }
        }
        const remaining = current.parserErrors.filter((e) => !kept.has(offsetOf(e)));
        const errors = [...kept.values(), ...remaining].sort((a, b) => offsetOf(a) - offsetOf(b));
        // A repair that leaves more errors than Chevrotain's own recovery is not one.
        if (errors.length > first.parserErrors.length) {
            this.record(first, first.parserErrors);
            return first;
        }
        const result = { ...current, parserErrors: errors };
        this.record(result, errors);
        return result;
    }

    /** The tokens with the mistake at `error` repaired, or undefined when there is nothing to do. */
    private repairTokens(tokens: IToken[], error: IRecognitionException, retyped: Set<number>): IToken[] | undefined {
        const at = error.token.startOffset;
        const index = tokens.findIndex((t) => t.startOffset === at);
        if (index < 0) return undefined;
        const token = tokens[index];
        const stack = ruleNames(error.context?.ruleStack);
        const valid = wordsAt(this.words, stack, namedIn(error.message));
        // A misspelt keyword: read it as the keyword it is closest to, once.
        if (token.tokenType.name === 'ID' && !retyped.has(at)) {
            const keyword = closest(
                token.image,
                [...valid].filter((w) => /^[A-Za-z]/.test(w)),
            );
            const type = keyword !== undefined ? this.byName[keyword] : undefined;
            if (type) {
                retyped.add(at);
                const copy = [...tokens];
                copy[index] = { ...token, tokenType: type, tokenTypeIdx: type.tokenTypeIdx! };
                return copy;
            }
        }
        // Otherwise leave the broken property out.
        const block = innermostBlock(this.words, stack);
        const properties = (block !== undefined ? this.words.loopWords.get(block) : undefined) ?? new Set<string>();
        const isBrace = (t: IToken) => t.tokenType.name === '{' || t.tokenType.name === '}';
        const startsProperty = (t: IToken) => properties.has(t.tokenType.name);
        if (isBrace(token)) return undefined;
        let start = index;
        for (let k = index; k >= 0 && index - k < 30; k--) {
            if (isBrace(tokens[k])) break;
            if (startsProperty(tokens[k])) {
                start = k;
                break;
            }
        }
        let end: number;
        if (start < index && startsProperty(token)) end = index;
        else {
            end = index + 1;
            while (end < tokens.length && !isBrace(tokens[end]) && !startsProperty(tokens[end]) && tokens[end].startLine === tokens[end - 1].endLine) end++;
        }
        if (end <= start) return undefined;
        return [...tokens.slice(0, start), ...tokens.slice(end)];
    }

    private record(result: ParseResult, errors: IRecognitionException[]): void {
        const map = new Map<number, ErrorPlace>();
        for (const e of errors) {
            const stack = ruleNames(e.context?.ruleStack);
            map.set(offsetOf(e), { words: [...wordsAt(this.words, stack, namedIn(e.message))], stack });
        }
        places.set(result.value, map);
    }
}
