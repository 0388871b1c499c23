// Langium reports syntax and linking problems with its own wording; restate them with our codes,
// in the configured language, so every diagnostic a user sees comes from the one table.
import {
    AstUtils,
    CstUtils,
    DefaultDocumentValidator,
    interruptAndCheck,
    type AstNode,
    type DiagnosticInfo,
    type ValidationSeverity,
    type LangiumDocument,
    type ValidationAcceptor,
    type ValidationCategory,
    type ValidationOptions,
} from 'langium';
import { CancellationToken, type Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { docsUrl, formatMessage, formatStored, type DiagnosticArgs, type DiagnosticCode, type Lang } from '../../engine/diagnostics.js';
import { listOf, t, type PlainMessageKey } from '../../engine/messages.js';
import { allNodes, INTERRUPT_EVERY } from '../ast-walk.js';
import { GrammarAST, type Reference, type ScopeProvider } from 'langium';
import { isCommunity } from '../generated/ast.js';
import { closest } from '../suggest.js';
import { grammarWords, type GrammarWords } from '../expected-words.js';
import { errorPlaceAt } from '../parser.js';
import { propertyNode } from './diagnostic-range.js';
import { isThenable } from './registry.js';
import { halfWidthOf, isFullWidth } from '../full-width.js';
import { KEYWORD_FORMS, ZH_TO_EN } from '../keywords-zh.js';
import { limitHitOf, MAX_PROBLEMS } from '../limits.js';
import type { CommunityServices } from '../community-module.js';
import type { CommunitySettings } from '../settings.js';

/** What an unresolved reference was looking for, by the AST type Langium names. */
const KIND_NAMES = {
    Tier: 'ref.kind.tier',
    Platform: 'ref.kind.platform',
    Audience: 'ref.kind.audience',
    Named: 'ref.kind.item',
} as const satisfies Record<string, PlainMessageKey>;

export class CommunityDocumentValidator extends DefaultDocumentValidator {
    private readonly settings: CommunitySettings;
    private readonly scopes: ScopeProvider;
    /** Every keyword of the grammar, for "did you mean" on a misspelt one. */
    private readonly keywords: string[];
    private readonly words: GrammarWords;

    constructor(services: CommunityServices) {
        super(services);
        this.settings = services.community.Settings;
        this.scopes = services.references.ScopeProvider;
        const words = new Set<string>();
        for (const node of AstUtils.streamAllContents(services.Grammar)) {
            if (GrammarAST.isKeyword(node) && /^[A-Za-z-]{3,}$/.test(node.value)) words.add(node.value);
        }
        this.keywords = [...words].sort();
        this.words = grammarWords(services.Grammar);
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        // A file over a size limit was parsed as empty (limits.ts): its one diagnostic says why.
        const hit = limitHitOf(document);
        if (hit) {
            const range = { start: { line: hit.line, character: 0 }, end: { line: hit.line, character: 0 } };
            const message = formatStored(hit.code, hit.args, this.settings.lang);
            return [
                {
                    range,
                    severity: DiagnosticSeverity.Error,
                    code: hit.code,
                    message,
                    source: 'community',
                    codeDescription: { href: docsUrl(hit.code) },
                    data: { code: hit.code, args: hit.args },
                },
            ];
        }
        const found = await super.validateDocument(document, options, cancelToken);
        // The one place where checks switched off in the settings (community.checks) are dropped.
        const result: Diagnostic[] = [];
        for (const d of found) {
            const restated = this.restate(d, document);
            if (this.settings.isReported(restated.code)) result.push(restated);
        }
        return capSyntaxErrors(dropDerived(dropFollowUps(result), document), this.settings.lang);
    }

    /**
     * Langium spreads this list into its own (`push(...list)`), which overflows the stack past a
     * few hundred thousand entries: list the first MAX_PROBLEMS and say how many more there are.
     */
    protected override async validateAst(rootNode: AstNode, options: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const found = await super.validateAst(rootNode, options, cancelToken);
        if (found.length <= MAX_PROBLEMS) return found;
        const args = { more: (found.length - MAX_PROBLEMS).toLocaleString('en-US'), limit: MAX_PROBLEMS.toLocaleString('en-US') };
        const first = found[MAX_PROBLEMS];
        const summary: Diagnostic = {
            range: first.range,
            severity: DiagnosticSeverity.Warning,
            code: 'too-many-problems',
            source: 'community',
            message: formatMessage('too-many-problems', args, this.settings.lang),
            codeDescription: { href: docsUrl('too-many-problems') },
            data: { code: 'too-many-problems', args },
        };
        return [...found.slice(0, MAX_PROBLEMS), summary];
    }

    /**
     * Langium's walk builds a stream of checks and awaits a cancellation check per AST node; most of
     * our nodes (amounts, names) have no checks at all. Walk the node list shared by the build phases
     * (ast-walk.ts), look the checks up once per node type and category set, and offer to yield to
     * cancellation every few hundred nodes instead.
     */
    protected override async validateAstNodes(
        rootNode: AstNode,
        options: ValidationOptions,
        acceptor: ValidationAcceptor,
        cancelToken: CancellationToken = CancellationToken.None,
    ): Promise<void> {
        const checksByType = new Map<string, Array<(node: AstNode, accept: ValidationAcceptor, token: CancellationToken) => unknown>>();
        const categories = options.categories as ValidationCategory[] | undefined;
        const nodes = allNodes(rootNode);
        for (let i = 0; i < nodes.length; i++) {
            if (i % INTERRUPT_EVERY === 0) await interruptAndCheck(cancelToken);
            const node = nodes[i];
            let checks = checksByType.get(node.$type);
            if (!checks) {
                checks = this.validationRegistry.getChecks(node.$type, categories).toArray();
                checksByType.set(node.$type, checks);
            }
            for (const check of checks) {
                // Nearly every check is synchronous: awaiting its undefined would still suspend
                // the walk and allocate a promise per node and check (~40 MB per validation of
                // a 20,000-line plan). Only a check that returns a promise is awaited.
                const pending = check(node, acceptor, cancelToken);
                if (isThenable(pending)) await pending;
            }
        }
    }

    /** Langium's, with the property's place found by one early-exit walk (diagnostic-range.ts). */
    protected override toDiagnostic<N extends AstNode>(severity: ValidationSeverity, message: string, info: DiagnosticInfo<N, string>): Diagnostic {
        if (!info.range && typeof info.property === 'string') {
            const cst = propertyNode(info.node.$cstNode, info.property, info.index) ?? info.node.$cstNode;
            if (cst) info = { ...info, range: cst.range };
        }
        return super.toDiagnostic(severity, message, info);
    }

    private restate(d: Diagnostic, document: LangiumDocument): Diagnostic {
        const langiumCode = (d.data as { code?: string } | undefined)?.code;
        const text = typeof d.message === 'string' ? d.message : d.message.value;
        const lang = this.settings.lang;
        const make = <C extends DiagnosticCode>(code: C, args: DiagnosticArgs<C>): Diagnostic => ({
            ...d,
            severity: DiagnosticSeverity.Error,
            code,
            codeDescription: { href: docsUrl(code) },
            message: formatMessage(code, args, lang),
            data: { ...(d.data as object), code, args, langiumCode },
            source: 'community',
        });
        const fullWidth = langiumCode === 'lexing-error' ? /^unexpected character: ->(.)<-/.exec(text)?.[1] : undefined;
        if (fullWidth !== undefined && isFullWidth(fullWidth)) {
            return make('full-width-char', { char: fullWidth, half: halfWidthOf(fullWidth)! });
        }
        if (langiumCode === 'parsing-error') {
            // `at 9pm`, `at 21`, `at 9.30`: say what a time looks like instead of "expected 'times'".
            const written = timeLikeAt(
                document,
                d,
                /(?:token of type 'TIME'|\bTIME\b)/.test(text) ||
                    (errorPlaceAt(document.parseResult.value, document.textDocument.offsetAt(d.range.start))?.words.includes('TIME') ?? false),
            );
            if (written !== undefined) {
                const restated = make('time-format', { value: written.text });
                return { ...restated, range: written.range };
            }
        }
        if (langiumCode === 'lexing-error' || langiumCode === 'parsing-error') {
            let detail = tidySyntaxMessage(text, lang);
            // A word where a keyword was expected is usually a misspelt keyword: churn, not chrun, and
            // 毛利率, not 毛利绿 (a Chinese word is matched against the Chinese forms). Only words valid
            // at that position are suggested (the parser recorded them, parser.ts): `content` in a
            // tier is not "consent", which only a data block takes.
            const found = /(?:but found '|读到“)([A-Za-z][\w-]*|\p{Script=Han}+)(?:'|”)$/u.exec(detail)?.[1];
            const chinese = found !== undefined && /^\p{Script=Han}/u.test(found);
            const place = errorPlaceAt(document.parseResult.value, document.textDocument.offsetAt(d.range.start));
            const english = place ? place.words.filter((w) => /^[A-Za-z]/.test(w)) : this.keywords;
            const candidates = chinese ? english.flatMap((w) => KEYWORD_FORMS.get(w)?.zh ?? []) : english;
            const misplaced = !chinese && found !== undefined && place !== undefined && this.keywords.includes(found) && !candidates.includes(found);
            // A Chinese keyword in the wrong place is not a slip of another one.
            const keyword = found && !misplaced && !(chinese && ZH_TO_EN.has(found)) ? closest(found, candidates) : undefined;
            if (keyword) detail += t('syntax.did-you-mean', { word: keyword }, lang);
            else if (misplaced) detail += this.placementHint(found, place.stack, lang);
            // A Chinese keyword where a name was expected: 层级 is `tier`; as a name it is written ^层级.
            const word = /(?:but found '|读到“)([^'”]+)(?:'|”)$/.exec(detail)?.[1];
            const asKeyword =
                word !== undefined && /a name|名称|\bID\b/.test(detail) ? (ZH_TO_EN.get(word) ?? (this.keywords.includes(word) ? word : undefined)) : undefined;
            if (asKeyword !== undefined && word !== undefined) {
                detail += t('syntax.keyword-as-name', { word, keyword: asKeyword }, lang);
            }
            // A comma inside a number: 300,000 CNY. Numbers are written without thousands separators.
            const grouped = thousandsAt(document, d);
            if (grouped) detail += t('syntax.thousands', { plain: grouped.replace(/,/g, ''), grouped }, lang);
            const restated = make('syntax-error', { detail });
            if (keyword) restated.data = { ...(restated.data as object), suggestion: keyword };
            else if (asKeyword !== undefined) restated.data = { ...(restated.data as object), suggestion: `^${word}` };
            return restated;
        }
        if (langiumCode === 'linking-error') {
            const data = d.data as { containerType?: string; property?: string };
            const name = /named '([^']*)'/.exec(text)?.[1] ?? '?';
            const type = /reference to (\w+)/.exec(text)?.[1] ?? 'Named';
            const containerType = data.containerType ?? '';
            const known = this.namesInScope(referenceAt(document, d));
            const suggestion = closest(name, known);
            const didYouMean = suggestion ? t('ref.did-you-mean', { name: suggestion }, lang) : '';
            let restated: Diagnostic;
            if (type === 'Tier' && containerType.endsWith('Metric')) {
                const listed = known.length > 0 ? t('ref.its-tiers', { tiers: listOf(known, lang) }, lang) : '';
                restated = make('kpi-unknown-tier', { tier: name, community: communityAt(document, d), hint: didYouMean || listed });
            } else {
                const kind = KIND_NAMES[type as keyof typeof KIND_NAMES] ?? KIND_NAMES.Named;
                restated = make('unresolved-reference', { kind: t(kind, {}, lang), name, hint: didYouMean });
                // Quick fixes read what was looked for from here, never from the translated kind word.
                restated.data = { ...(restated.data as object), referenceType: type in KIND_NAMES ? type : 'Named' };
            }
            if (suggestion) restated.data = { ...(restated.data as object), suggestion };
            return restated;
        }
        return { ...d, source: 'community' };
    }

    /**
     * A keyword valid elsewhere: `content` after a tier whose `}` is missing belongs to the
     * community around it; `content` at the top of the file goes inside a community.
     */
    private placementHint(word: string, stack: string[], lang: Lang): string {
        // `retention` in an activity is `lift retention`; `buys` in a community is `baseline buys`.
        const block = stack
            .slice()
            .reverse()
            .find((rule) => this.words.blocks.has(rule));
        const pair = block !== undefined ? this.words.secondWords.get(block)?.find(([, second]) => second.has(word)) : undefined;
        if (pair) return t('syntax.second-word', { first: pair[0], word }, lang);
        const enclosing = stack
            .slice(0, -1)
            .reverse()
            .find((rule) => this.words.blocks.has(rule) && this.words.loopWords.get(rule)?.has(word));
        if (enclosing !== undefined) {
            const block = blockWord(enclosing);
            return t('syntax.enclosing-block', { word, block }, lang);
        }
        const homes = (this.words.blocksOf.get(word) ?? []).map(blockWord);
        if (homes.length === 0) return '';
        return t('syntax.goes-inside', { word, blocks: homes.join(t('syntax.or', {}, lang)) }, lang);
    }

    /** Names the unresolved reference could have meant: what its scope offers. */
    private namesInScope(ref: Reference | undefined): string[] {
        const info = ref?.error?.info;
        if (!info) return [];
        try {
            return [
                ...new Set(
                    this.scopes
                        .getScope(info)
                        .getAllElements()
                        .map((e) => e.name)
                        .toArray(),
                ),
            ];
        } catch {
            return [];
        }
    }
}

/** The keyword that opens a block written by the rule `rule`. */
function blockWord(rule: string): string {
    return rule === 'DataCollection' ? 'data' : rule.charAt(0).toLowerCase() + rule.slice(1);
}

/** A full-width character that cannot be read is the one diagnostic of its line: what follows only repeats it. */
function dropFollowUps(diagnostics: Diagnostic[]): Diagnostic[] {
    const lines = new Set(diagnostics.filter((d) => d.code === 'full-width-char').map((d) => d.range.start.line));
    if (lines.size === 0) return diagnostics;
    return diagnostics.filter((d) => d.code !== 'syntax-error' || !lines.has(d.range.start.line));
}

/**
 * One error per mistake: in a file with a syntax error, a missing property that is written in its
 * block (`start 05/04/2027`: the plan has a start, it is just unreadable) and an unknown name that
 * is defined in the text (a block the parser could not read) only restate the syntax error.
 */
function dropDerived(diagnostics: Diagnostic[], document: LangiumDocument): Diagnostic[] {
    const parsed = document.parseResult;
    if (parsed.parserErrors.length === 0 && parsed.lexerErrors.length === 0) return diagnostics;
    const text = document.textDocument.getText();
    return diagnostics.filter((d) => {
        const args = (d.data as { args?: Record<string, string> } | undefined)?.args;
        if (d.code === 'missing-property' && args?.property) {
            const block = blockTextAt(document, d);
            return block === undefined || !wordIn(block, args.property);
        }
        if (d.code === 'unresolved-reference' || d.code === 'kpi-unknown-tier') {
            const name = args?.name ?? args?.tier;
            return name === undefined || !definedIn(text, name);
        }
        return true;
    });
}

/** The text of the block a diagnostic is on, up to the next block beside it (what a broken block skipped). */
function blockTextAt(document: LangiumDocument, d: Diagnostic): string | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(d.range.start);
    const leaf = CstUtils.findLeafNodeAtOffset(root, offset);
    const node = leaf?.astNode;
    const cst = node?.$cstNode;
    if (!node || !cst) return undefined;
    const siblings = node.$container ? AstUtils.streamContents(node.$container).toArray() : [];
    const next = siblings.find((s) => s.$cstNode !== undefined && s.$cstNode.offset > cst.offset);
    const end = next?.$cstNode?.offset ?? document.textDocument.getText().length;
    return document.textDocument.getText().slice(cst.offset, end);
}

function wordIn(text: string, keyword: string): boolean {
    const forms = [keyword, ...(KEYWORD_FORMS.get(keyword)?.zh ?? [])].map(escapeRegExp);
    return new RegExp(`(?:^|[^\\p{L}\\p{N}_-])(?:${forms.join('|')})(?![\\p{L}\\p{N}_])`, 'u').test(text.replace(/\/\/[^\n]*/g, ''));
}

/** Whether the text defines `name` as a block: `tier Core {`, `platform Red "小红书" {`. */
function definedIn(text: string, name: string): boolean {
    return new RegExp(`(?:^|[\\s{])[^\\s{}"]+\\s+\\^?${escapeRegExp(name)}(?:\\s+(?:"[^"\\n]*"|“[^”\\n]*”))?\\s*[{｛]`, 'u').test(text);
}

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** More syntax errors than this in one file are summarised: past that point they only repeat. */
export const MAX_SYNTAX_ERRORS = 50;

function capSyntaxErrors(diagnostics: Diagnostic[], lang: CommunitySettings['lang']): Diagnostic[] {
    const syntax = diagnostics.filter((d) => d.code === 'syntax-error');
    if (syntax.length <= MAX_SYNTAX_ERRORS) return diagnostics;
    const hidden = new Set(syntax.slice(MAX_SYNTAX_ERRORS));
    const first = syntax[MAX_SYNTAX_ERRORS];
    const more = syntax.length - MAX_SYNTAX_ERRORS;
    const detail = t('syntax.more-errors', { more }, lang);
    const summary: Diagnostic = { ...first, message: formatMessage('syntax-error', { detail }, lang), data: { code: 'syntax-error', args: { detail } } };
    return [...diagnostics.filter((d) => !hidden.has(d)), summary];
}

function referenceAt(document: LangiumDocument, d: Diagnostic): Reference | undefined {
    return document.references.find((r) => {
        const range = r.$refNode?.range;
        return range !== undefined && range.start.line === d.range.start.line && range.start.character === d.range.start.character;
    }) as Reference | undefined;
}

function communityAt(document: LangiumDocument, d: Diagnostic): string {
    const ref = referenceAt(document, d);
    const community = ref?.$refNode ? AstUtils.getContainerOfType(ref.$refNode.astNode, isCommunity) : undefined;
    return community?.name ?? '?';
}

/** Chevrotain's messages name token types; say what was expected in plainer words, in the user's language. */
export function tidySyntaxMessage(message: string, lang: CommunitySettings['lang'] = 'en'): string {
    const zh = lang === 'zh-CN';
    const words = zh ? TOKEN_WORDS_ZH : TOKEN_WORDS;
    const en = message
        .replace(/\s+/g, ' ')
        .replace(/^unexpected character: ->(.*)<- at offset: \d+, skipped \d+ characters?\.?/, 'unexpected character "$1"')
        .replace(/token of type '([^']+)'/g, (_, t: string) => words[t] ?? `'${t}'`)
        .replace(/^Expecting:? /, 'expected ')
        .replace(
            /one of these possible Token sequences:((?: ?\d+\. ?\[[^\]]*\])+)/,
            (_, list: string) => `one of: ${[...list.matchAll(/\[([^\]]*)\]/g)].map((m) => words[m[1]] ?? m[1]).join(', ')}`,
        )
        .replace(/but found:? ?``\.?/, 'but the file ended')
        .replace(/but found:? ?`([^`]*)`\.?/, "but found '$1'")
        .replace(/but found: '/, "but found '")
        .replace(/'\.$/, "'")
        .trim();
    if (!zh) return en;
    return en
        .replace(/^unexpected character "(.*)"$/, '无法识别的字符“$1”')
        .replace(/^expected one of: (.*) but found '(.*)'$/, '此处应为以下之一：$1，但读到“$2”')
        .replace(/^expected (.*) but found '(.*)'$/, '此处应为 $1，但读到“$2”')
        .replace(/^expected (.*) but the file ended$/, '此处应为 $1，但文件已结束');
}

const TOKEN_WORDS: Record<string, string> = {
    EOF: 'the end of the file',
    ID: 'a name',
    STRING: 'a quoted text',
    NUMBER: 'a number',
    DATE: 'a date (YYYY-MM-DD)',
    TIME: 'a time (HH:MM)',
};
const TOKEN_WORDS_ZH: Record<string, string> = {
    EOF: '文件结尾',
    ID: '名称',
    STRING: '带引号的文本',
    NUMBER: '数字',
    DATE: '日期（YYYY-MM-DD）',
    TIME: '时刻（HH:MM）',
};

/**
 * A time written another way where a time is expected: `9pm`, `9 p.m.`, `21`, `9.30`, `21h`. Only
 * where the parser wanted a time (`expected`), and only a number that starts the error.
 */
function timeLikeAt(document: LangiumDocument, d: Diagnostic, expected: boolean): { text: string; range: Diagnostic['range'] } | undefined {
    const text = document.textDocument.getText();
    let at = document.textDocument.offsetAt(d.range.start);
    const time = /^[0-9０-９]{1,2}(?:[.h][0-9]{2})?(?:\s?(?:[ap]\.?m\.?(?![a-z])|h(?![a-z])|o'clock))?(?![\w:])/i;
    const ahead = text.slice(at, at + 24);
    // `at 9pm`: the parser stops at `at` when no time follows it; the time is what is wrong.
    const atWord = [...AT_FORMS]
        .map((w) => new RegExp(`^${w}\\s+`))
        .map((r) => r.exec(ahead)?.[0])
        .find((x) => x !== undefined);
    if (atWord !== undefined && time.test(ahead.slice(atWord.length))) at += atWord.length;
    else if (!expected) {
        // `at 9:30 pm`: a time read, then the half of the day it does not take.
        const before = /([0-9]{1,2}:[0-9]{2})\s?$/.exec(text.slice(Math.max(0, at - 8), at))?.[1];
        const half = /^[ap]\.?m\.?(?![a-z])/i.exec(ahead)?.[0];
        if (before === undefined || half === undefined) return undefined;
        const start = text.lastIndexOf(before, at);
        return {
            text: text.slice(start, at + half.length),
            range: { start: document.textDocument.positionAt(start), end: document.textDocument.positionAt(at + half.length) },
        };
    }
    const m = time.exec(text.slice(at, at + 16));
    if (!m) return undefined;
    return { text: m[0], range: { start: document.textDocument.positionAt(at), end: document.textDocument.positionAt(at + m[0].length) } };
}

/** `at` and its Chinese forms. */
const AT_FORMS = new Set(['at', ...(KEYWORD_FORMS.get('at')?.zh ?? [])]);

/** The number with thousands separators ("300,000") a syntax error points into, if it does. */
function thousandsAt(document: LangiumDocument, d: Diagnostic): string | undefined {
    const text = document.textDocument.getText();
    const at = document.textDocument.offsetAt(d.range.start);
    if (text[at] !== ',' || !/\d/.test(text[at - 1] ?? '') || !/^\d{3}(?!\d)/.test(text.slice(at + 1, at + 5))) return undefined;
    let start = at;
    while (start > 0 && /[\d,.]/.test(text[start - 1])) start--;
    let end = at;
    while (end < text.length && /[\d,]/.test(text[end])) end++;
    return text.slice(start, end);
}
