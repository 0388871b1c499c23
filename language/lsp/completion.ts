// Completion that knows the plan language: Langium offers keywords (units, periods, weekday names)
// and names in scope (tiers of this community, imported platforms and audiences); this adds the
// words written as plain names — platform/content/activity kinds, mechanics, markets, currencies,
// assumption and limit keys — from the engine's tables, with their explanations.
import { inLang, t } from '../../engine/messages.js';
import { AstUtils, CstUtils, GrammarAST, type LangiumDocument, type MaybePromise } from 'langium';
import {
    DefaultCompletionProvider,
    type CompletionAcceptor,
    type CompletionBacktrackingInformation,
    type CompletionContext,
    type NextFeature,
} from 'langium/lsp';
import { CompletionItemKind, type CancellationToken, type CompletionList, type CompletionParams } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ASSUMPTION_KEYS, assumptionDef } from '../../engine/assumptions.js';
import {
    ACTIVITY_KINDS,
    CONTENT_FORMATS,
    CONTENT_KINDS,
    ENTRY_CONDITIONS,
    INCENTIVE_KINDS,
    MARKETS,
    REFERRAL_MECHANICS,
    SHARE_TARGETS,
    type CatalogEntry,
} from '../../engine/catalog.js';
import { isKnownPlatformKind, PLATFORM_KINDS, type LimitDef } from '../../engine/platforms.js';
import type { CommunityEditorServices } from './lsp-module.js';
import * as A from '../generated/ast.js';
import { planFrameFor } from '../plan-context.js';
import { KNOWN_CURRENCIES } from '../quantity.js';
import type { CommunitySettings } from '../settings.js';
import { KEYWORD_DOCS } from './keyword-docs.js';
import { chineseFormOf } from '../keywords-zh.js';

interface Word {
    label: string;
    detail?: string;
    kind: CompletionItemKind;
}

const PER_THINGS: Record<string, { en: string; zh: string }> = {
    post: { en: 'per post', zh: '每条内容' },
    run: { en: 'per run of an activity', zh: '每场活动' },
    member: { en: 'per member', zh: '每位成员' },
    join: { en: 'per member acquired', zh: '每位新成员' },
    person: { en: 'per person', zh: '每人' },
};

/** Units written as keywords; Langium does not offer keywords inside data type rules. */
const UNIT_WORDS = ['%', 'points', 'people', 'members', 'hours', 'days', 'weeks', 'months', 'years', 'minutes'];

export class CommunityCompletionProvider extends DefaultCompletionProvider {
    private readonly settings: CommunitySettings;

    constructor(private readonly services: CommunityEditorServices) {
        super(services);
        this.settings = services.community.Settings;
    }

    /** The document being completed (Langium's text-level hooks below only see its text). */
    private current: LangiumDocument | undefined;

    override async getCompletion(document: LangiumDocument, params: CompletionParams, cancelToken?: CancellationToken): Promise<CompletionList | undefined> {
        this.current = document;
        try {
            return await super.getCompletion(document, params, cancelToken);
        } finally {
            this.current = undefined;
        }
    }

    /**
     * Where lexing and parsing for a completion at `offset` may start: the top-level block (plan,
     * platform, community…) around it. Blocks are independent in the grammar (Model: imports* elements*),
     * so the features expected at the cursor are the same as when parsing from the top of the file;
     * Langium's default lexes the whole file and parses everything before the cursor, which grows with
     * the file (tens of milliseconds deep in a 2,000-line plan).
     */
    private blockStart(text: string, offset: number): number {
        const doc = this.current;
        if (!doc || doc.textDocument.getText() !== text) return 0;
        const model = doc.parseResult.value as A.Model;
        let start = 0;
        for (const element of model.elements ?? []) {
            const cst = element.$cstNode;
            if (!cst) continue;
            if (cst.offset > offset) break;
            start = cst.offset;
        }
        return start;
    }

    protected override findFeaturesAt(document: TextDocument, offset: number): NextFeature[] {
        const text = document.getText();
        const start = this.blockStart(text, offset);
        if (start === 0) return super.findFeaturesAt(document, offset);
        const block = TextDocument.create(document.uri, document.languageId, document.version, text.slice(start, offset));
        return super.findFeaturesAt(block, offset - start);
    }

    protected override backtrackToAnyToken(text: string, offset: number): CompletionBacktrackingInformation {
        const start = this.blockStart(text, offset);
        if (start === 0) return super.backtrackToAnyToken(text, offset);
        // Lex from the block's first token to the end of the cursor's line (a token never spans lines here, bar strings).
        const lineEnd = text.indexOf('\n', offset);
        const end = lineEnd < 0 ? text.length : Math.min(text.length, lineEnd + 1);
        const found = super.backtrackToAnyToken(text.slice(start, end), offset - start);
        const shift = (n: number | undefined) => (n === undefined ? undefined : n + start);
        return {
            nextTokenStart: found.nextTokenStart + start,
            nextTokenEnd: found.nextTokenEnd + start,
            previousTokenStart: shift(found.previousTokenStart),
            previousTokenEnd: shift(found.previousTokenEnd),
        };
    }

    protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (GrammarAST.isKeyword(next.feature) || GrammarAST.isCrossReference(next.feature)) return super.completionFor(context, next, acceptor);
        if (!GrammarAST.isRuleCall(next.feature)) return;
        const rule = AstUtils.getContainerOfType(next.feature, GrammarAST.isParserRule)?.name;
        const assignment = AstUtils.getContainerOfType(next.feature, GrammarAST.isAssignment);
        const type = next.type ?? (rule && assignment ? rule : undefined);
        const key = assignment ? `${type ?? rule}.${assignment.feature}` : (rule ?? '');
        for (const word of this.wordsFor(key, rule, context)) {
            acceptor(context, { label: word.label, detail: word.detail, kind: word.kind, sortText: `0${word.label}` });
        }
    }

    private catalog(entries: Readonly<Record<string, CatalogEntry>>): Word[] {
        const lang = this.settings.lang;
        return Object.entries(entries).map(([label, e]) => ({ label, detail: inLang(e, lang), kind: CompletionItemKind.EnumMember }));
    }

    private currencies(context: CompletionContext): Word[] {
        const planCurrency = context.node ? planFrameFor(this.services, context.node)?.currency : undefined;
        const list = planCurrency ? [planCurrency, ...KNOWN_CURRENCIES.filter((c) => c !== planCurrency)] : [...KNOWN_CURRENCIES];
        return list.map((c, i) => ({
            label: c,
            detail: i === 0 && planCurrency ? t('complete.plan-currency', {}, this.settings.lang) : 'ISO 4217',
            kind: CompletionItemKind.Unit,
        }));
    }

    private wordsFor(key: string, rule: string | undefined, context: CompletionContext): Word[] {
        const lang = this.settings.lang;
        switch (key) {
            case 'Platform.kind':
                return Object.entries(PLATFORM_KINDS).map(([label, def]) => ({ label, detail: def.label, kind: CompletionItemKind.EnumMember }));
            case 'Content.kind':
                return this.catalog(CONTENT_KINDS);
            case 'Content.format':
                return this.catalog(CONTENT_FORMATS);
            case 'Referral.mechanic':
                return this.catalog(REFERRAL_MECHANICS);
            case 'Referral.sharesTo':
                return this.catalog(SHARE_TARGETS);
            case 'Entry.condition':
                return this.catalog(ENTRY_CONDITIONS);
            case 'Entry.detail':
                return [{ label: 'post', detail: t('complete.share-a-post', {}, lang), kind: CompletionItemKind.EnumMember }];
            case 'Plan.markets':
                return this.catalog(MARKETS);
            case 'Plan.currency':
                return this.currencies(context);
            case 'DataCollection.consentKind':
                return [
                    { label: 'separate', detail: t('complete.consent-separate', {}, lang), kind: CompletionItemKind.EnumMember },
                    { label: 'explicit', detail: t('complete.consent-explicit', {}, lang), kind: CompletionItemKind.EnumMember },
                ];
            case 'Assumption.key':
                return ASSUMPTION_KEYS.map((k) => ({ label: k, detail: assumptionDef(k)?.description, kind: CompletionItemKind.Property }));
            case 'Limit.key': {
                const platform = context.node ? AstUtils.getContainerOfType(context.node, A.isPlatform) : undefined;
                const kinds = platform?.kind && isKnownPlatformKind(platform.kind) ? [platform.kind] : Object.keys(PLATFORM_KINDS).filter(isKnownPlatformKind);
                const seen = new Map<string, LimitDef>();
                for (const k of kinds)
                    for (const [name, def] of Object.entries(PLATFORM_KINDS[k].limits as Record<string, LimitDef>)) if (!seen.has(name)) seen.set(name, def);
                return [...seen].map(([label, def]) => ({ label, detail: `${def.value} — ${inLang(def, lang)}`, kind: CompletionItemKind.Property }));
            }
        }
        switch (rule) {
            case 'ActivityKind':
                return this.catalog(ACTIVITY_KINDS);
            case 'IncentiveKind':
                return this.catalog(INCENTIVE_KINDS).filter((w) => w.label !== 'points');
            case 'Unit':
                return [...UNIT_WORDS.map((label) => ({ label, kind: CompletionItemKind.Unit })), ...this.currencies(context)];
            case 'PerUnit':
                return Object.entries(PER_THINGS).map(([label, e]) => ({ label, detail: inLang(e, lang), kind: CompletionItemKind.Unit }));
        }
        return [];
    }

    /**
     * Keywords in the user's language: the style the file is written in (its first keyword), or for a
     * file without keywords yet, the message language. Typing the other language still finds them.
     */
    private chineseKeywords(): boolean {
        const root = this.current?.parseResult.value.$cstNode;
        if (root) {
            for (const leaf of CstUtils.flattenCst(root)) {
                if (leaf.hidden || !GrammarAST.isKeyword(leaf.grammarSource) || !/^[A-Za-z]/.test(leaf.grammarSource.value)) continue;
                return leaf.text !== leaf.grammarSource.value;
            }
        }
        return this.settings.lang === 'zh-CN';
    }

    protected override completionForKeyword(context: CompletionContext, keyword: GrammarAST.Keyword, acceptor: CompletionAcceptor): MaybePromise<void> {
        if (!this.filterKeyword(context, keyword)) return;
        const doc = KEYWORD_DOCS[keyword.value];
        const rule = AstUtils.getContainerOfType(keyword, GrammarAST.isParserRule)?.name;
        const chinese = this.chineseKeywords() ? chineseFormOf(keyword.value, rule) : undefined;
        acceptor(context, {
            label: chinese ?? keyword.value,
            filterText: chinese ? `${chinese} ${keyword.value}` : undefined,
            kind: this.getKeywordCompletionItemKind(keyword),
            detail: doc ? (chinese ? `${keyword.value} · ` : '') + inLang(doc, this.settings.lang) : undefined,
            documentation: doc ? { kind: 'markdown', value: '```community\n' + doc.example + '\n```' } : undefined,
            sortText: '1',
        });
    }
}
