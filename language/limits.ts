// Limits checked before a file is lexed, so one huge or pathological file cannot stall or crash the
// CLI or the language server: chevrotain's lexer overflows the stack on a multi-megabyte token, and
// Langium's tree builder on a few hundred thousand comments in a row. A file over a limit is parsed
// as empty and carries one coded diagnostic instead (document-validator.ts); every other file is
// served as usual. Both the CLI and the server build documents through LimitedDocumentFactory.
import { DefaultLangiumDocumentFactory, DocumentState, type LangiumDocument, type ParseResult, type URI } from 'langium';
import type { CancellationToken } from 'vscode-languageserver';
import type { DiagnosticArgs, DiagnosticCode } from '../engine/diagnostics.js';
import type { CommunitySettings } from './settings.js';
import { MIN_INCREMENTAL_CHARS, reparseBlock } from './incremental-parse.js';
import { CommunityLexer } from './lexer.js';
import { CommunityParser } from './parser.js';

/** Default largest plan file: well above any real plan (the 5 MB scale target stays inside it). */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;
/**
 * Longest line: no name, text or comment of a plan comes near it (strings and names cannot span
 * lines), while chevrotain's string pattern overflows the stack somewhere between 4 and 8 million.
 */
export const MAX_LINE_CHARS = 1_000_000;
/** Most comments in one file (each is a node of the syntax tree). */
export const MAX_COMMENTS = 50_000;
/**
 * Most tiers, and most promotion and demotion flows between them, in one community. Real plans have
 * 2–8 tiers and a handful of flows; every tier and flow is a series the Monte Carlo carries through
 * every run-week, so 200 tiers with 39,800 flows took 47 s and 4 GB to simulate. A community over
 * either limit is not modelled (lower.ts leaves it out; structure.ts says why).
 */
export const MAX_TIERS_PER_COMMUNITY = 50;
export const MAX_FLOWS_PER_COMMUNITY = 500;

/** The `too-many-tiers` arguments when a community has more tiers or flows than the limits, else undefined. */
export function tierLimitHit(community: string, tiers: number, flows: number): DiagnosticArgs<'too-many-tiers'> | undefined {
    if (tiers <= MAX_TIERS_PER_COMMUNITY && flows <= MAX_FLOWS_PER_COMMUNITY) return undefined;
    return {
        community,
        tiers: tiers.toLocaleString('en-US'),
        flows: flows.toLocaleString('en-US'),
        tierLimit: String(MAX_TIERS_PER_COMMUNITY),
        flowLimit: String(MAX_FLOWS_PER_COMMUNITY),
    };
}

/** Most problems listed for one file; past it, one `too-many-problems` says how many more there are. */
export const MAX_PROBLEMS = 2_000;

/**
 * The file-size limit in force: COMMUNITY_MAX_FILE_MB (a positive number of megabytes) when set, for
 * the CLI and the server alike, otherwise the default.
 */
export function maxFileBytesFromEnv(env: Record<string, string | undefined> = typeof process === 'undefined' ? {} : process.env): number {
    const mb = Number(env.COMMUNITY_MAX_FILE_MB);
    return env.COMMUNITY_MAX_FILE_MB && Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
}

export interface LimitHit {
    code: Extract<DiagnosticCode, 'file-too-large' | 'token-too-long' | 'too-many-comments'>;
    args: Record<string, string | number>;
    /** 0-based line of the offending part (0 for the whole file). */
    line: number;
}

export interface TextLimits {
    maxFileBytes: number;
}

/** The first limit `text` breaks, or null. Native string searches only: linear and fast on any text. */
export function checkText(text: string, limits: TextLimits): LimitHit | null {
    // UTF-8 is at most 3 bytes per UTF-16 unit: count exactly only when the text might be over.
    if (text.length * 3 > limits.maxFileBytes) {
        const bytes = Buffer.byteLength(text, 'utf8');
        if (bytes > limits.maxFileBytes) return fileTooLarge(bytes, limits.maxFileBytes);
    }
    let line = 0;
    for (let start = 0; start <= text.length; line++) {
        let end = text.indexOf('\n', start);
        if (end < 0) end = text.length;
        if (end - start > MAX_LINE_CHARS) {
            // A lone CR also ends a line for the lexer: measure the parts between CRs.
            let from = start;
            for (const part of text.slice(start, end).split('\r')) {
                if (part.length > MAX_LINE_CHARS)
                    return {
                        code: 'token-too-long',
                        args: { line: lineOf(text, from) + 1, length: part.length.toLocaleString('en-US'), limit: MAX_LINE_CHARS.toLocaleString('en-US') },
                        line: lineOf(text, from),
                    };
                from += part.length + 1;
            }
        }
        start = end + 1;
    }
    // Over-counts comment markers inside strings, which only matters far beyond any real plan.
    const comments = occurrences(text, '//') + occurrences(text, '/*');
    if (comments > MAX_COMMENTS)
        return { code: 'too-many-comments', args: { count: comments.toLocaleString('en-US'), limit: MAX_COMMENTS.toLocaleString('en-US') }, line: 0 };
    return null;
}

function occurrences(text: string, needle: string): number {
    let n = 0;
    for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + needle.length)) n++;
    return n;
}

/** 0-based line of an offset, counting CRLF, CR and LF as the lexer does. */
function lineOf(text: string, offset: number): number {
    return (text.slice(0, offset).match(/\r\n?|\n/g) ?? []).length;
}

export function fileTooLarge(bytes: number, limit: number): LimitHit {
    return { code: 'file-too-large', args: { size: formatBytes(bytes), limit: formatBytes(limit) }, line: 0 };
}

/** Bytes as a strategist reads them: "52,428,800 bytes (50.0 MB)". */
export function formatBytes(bytes: number): string {
    return `${bytes.toLocaleString('en-US')} bytes (${(bytes / 1024 / 1024).toFixed(1)} MB)`;
}

const hits = new WeakMap<ParseResult, LimitHit>();

/** The limit a document's text broke (its parse result is then empty), if any. */
export function limitHitOf(document: LangiumDocument): LimitHit | undefined {
    return hits.get(document.parseResult);
}

/** Marks a document made from no text because its file broke a limit before it was read. */
export function markLimitHit(document: LangiumDocument, hit: LimitHit): void {
    hits.set(document.parseResult, hit);
}

/**
 * Langium's document factory, checking the limits before each parse (first load, every edit):
 * text over a limit is parsed as "" and the parse result remembers why.
 */
export class LimitedDocumentFactory extends DefaultLangiumDocumentFactory {
    protected override parse<T extends import('langium').AstNode = import('langium').AstNode>(
        uri: URI,
        text: string,
        options?: Parameters<DefaultLangiumDocumentFactory['parse']>[2],
    ): ParseResult<T> {
        const hit = checkText(text, this.limitsFor(uri));
        const result = super.parse<T>(uri, hit ? '' : text, options);
        if (hit) hits.set(result, hit);
        return result;
    }

    protected override async parseAsync<T extends import('langium').AstNode = import('langium').AstNode>(
        uri: URI,
        text: string,
        cancellationToken: CancellationToken,
    ): Promise<ParseResult<T>> {
        const reparsed = this.reparsed;
        this.reparsed = undefined;
        if (reparsed && reparsed.uri === uri.toString() && reparsed.text === text) return reparsed.result as ParseResult<T>;
        const hit = checkText(text, this.limitsFor(uri));
        const result = await super.parseAsync<T>(uri, hit ? '' : text, cancellationToken);
        if (hit) hits.set(result, hit);
        return result;
    }

    /** Shortest text an edit re-parses in one block (incremental-parse.ts); tests lower it to reach small plans. */
    incrementalFrom = MIN_INCREMENTAL_CHARS;

    /** The parse result of an edit made by re-parsing one block, for the parseAsync of the update that made it. */
    private reparsed: { uri: string; text: string; result: ParseResult } | undefined;

    /**
     * An edit inside one block of a large plan re-parses that block only (incremental-parse.ts says
     * when): the new tree keeps the other blocks' nodes. Any other edit parses the new text while the
     * document still holds the old syntax tree, so both trees would be alive at once: on a 5 MB plan
     * the old one is ~370 MB, and the edit's peak heap is both. The builder has already reset the
     * document (its index entries, local symbols, links and diagnostics are gone), and the parse
     * below runs without yielding to a request, so the old tree is let go first; Langium's own
     * update then reads the text and parses it as usual (or takes the block's parse).
     */
    override async update<T extends import('langium').AstNode = import('langium').AstNode>(
        document: LangiumDocument<T>,
        cancellationToken: CancellationToken,
    ): Promise<LangiumDocument<T>> {
        const root = document.parseResult.value;
        const oldText = root.$cstNode?.root.fullText;
        const text = this.textDocuments?.get(document.uri.toString())?.getText();
        // Nothing here may keep the old tree (or its parse result) past this point: an async frame
        // holding it keeps it alive for the whole parse.
        if (document.state === DocumentState.Changed && oldText !== undefined && text !== undefined && text !== oldText) {
            const result = this.reparse(document, oldText, text);
            if (result) this.reparsed = { uri: document.uri.toString(), text, result };
            document.parseResult = { value: { $type: root.$type } as T, lexerErrors: [], parserErrors: [] };
        }
        return super.update(document, cancellationToken);
    }

    /** The edit's parse result from re-parsing one block, or undefined when the text is to be parsed in full. */
    private reparse(document: LangiumDocument, oldText: string, text: string): ParseResult | undefined {
        if (text.length < this.incrementalFrom || limitHitOf(document)) return undefined;
        const services = this.serviceRegistry.getServices(document.uri);
        const parser = services.parser.LangiumParser;
        const lexer = services.parser.Lexer;
        if (!(parser instanceof CommunityParser) || !(lexer instanceof CommunityLexer)) return undefined;
        let done: ReturnType<typeof reparseBlock>;
        try {
            done = reparseBlock(parser, lexer, document.parseResult, oldText, text, this.incrementalFrom);
        } catch {
            // Never worse than no re-parse: the old tree is let go below either way, and the full parse runs.
            return undefined;
        }
        // Text over a limit is parsed as "" (parseAsync): checked once the block's parse is there, so
        // an edit parsed in full checks its text once.
        return 'result' in done && !checkText(text, this.limitsFor(document.uri)) ? done.result : undefined;
    }

    private limitsFor(uri: URI): TextLimits {
        const services = this.serviceRegistry.getServices(uri) as { community?: { Settings: CommunitySettings } };
        return { maxFileBytes: services.community?.Settings.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES };
    }
}
