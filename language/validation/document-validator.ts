// Langium reports syntax and linking problems with its own wording; restate them with our codes,
// in the configured language, so every diagnostic a user sees comes from the one table.
import { AstUtils, DefaultDocumentValidator, type LangiumDocument, type ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { docsUrl, formatMessage, type DiagnosticCode } from '../../engine/diagnostics.js';
import { isCommunity } from '../generated/ast.js';
import type { CommunityServices } from '../community-module.js';
import type { CommunitySettings } from '../settings.js';

const KIND_NAMES: Record<string, { en: string; zh: string }> = {
    Tier: { en: 'tier', zh: '层级' },
    Platform: { en: 'platform', zh: '平台' },
    Audience: { en: 'audience', zh: '受众' },
    Named: { en: 'item', zh: '条目' },
};

export class CommunityDocumentValidator extends DefaultDocumentValidator {
    private readonly settings: CommunitySettings;

    constructor(services: CommunityServices) {
        super(services);
        this.settings = services.community.Settings;
    }

    override async validateDocument(document: LangiumDocument, options?: ValidationOptions, cancelToken?: CancellationToken): Promise<Diagnostic[]> {
        const found = await super.validateDocument(document, options, cancelToken);
        return found.map((d) => this.restate(d, document));
    }

    private restate(d: Diagnostic, document: LangiumDocument): Diagnostic {
        const langiumCode = (d.data as { code?: string } | undefined)?.code;
        const text = typeof d.message === 'string' ? d.message : d.message.value;
        const lang = this.settings.lang;
        const make = (code: DiagnosticCode, args: Record<string, string>): Diagnostic => ({
            ...d,
            severity: DiagnosticSeverity.Error,
            code,
            codeDescription: { href: docsUrl(code) },
            message: formatMessage(code, args, lang),
            data: { ...(d.data as object), code, args, langiumCode },
            source: 'community',
        });
        if (langiumCode === 'lexing-error' || langiumCode === 'parsing-error') {
            return make('syntax-error', { detail: tidySyntaxMessage(text) });
        }
        if (langiumCode === 'linking-error') {
            const data = d.data as { containerType?: string; property?: string };
            const name = /named '([^']*)'/.exec(text)?.[1] ?? '?';
            const type = /reference to (\w+)/.exec(text)?.[1] ?? 'Named';
            const containerType = data.containerType ?? '';
            if (type === 'Tier' && containerType.endsWith('Metric')) {
                return make('kpi-unknown-tier', { tier: name, community: communityAt(document, d) });
            }
            const kind = KIND_NAMES[type] ?? KIND_NAMES.Named;
            return make('unresolved-reference', { kind: lang === 'zh-CN' ? kind.zh : kind.en, name });
        }
        return { ...d, source: 'community' };
    }
}

function communityAt(document: LangiumDocument, d: Diagnostic): string {
    const ref = document.references.find((r) => {
        const range = r.$refNode?.range;
        return range !== undefined && range.start.line === d.range.start.line && range.start.character === d.range.start.character;
    });
    const community = ref?.$refNode ? AstUtils.getContainerOfType(ref.$refNode.astNode, isCommunity) : undefined;
    return community?.name ?? '?';
}

/** Chevrotain's messages name token types; say what was expected in plainer words. */
export function tidySyntaxMessage(message: string): string {
    return message
        .replace(/\s+/g, ' ')
        .replace(/^unexpected character: ->(.*)<- at offset: \d+, skipped \d+ characters?\.?/, 'unexpected character "$1"')
        .replace(/token of type '([^']+)'/g, (_, t: string) => TOKEN_WORDS[t] ?? `'${t}'`)
        .replace(/^Expecting:? /, 'expected ')
        .replace(/but found:? ?``/, 'but the file ended')
        .replace(/but found:? ?`([^`]*)`/, "but found '$1'")
        .trim();
}

const TOKEN_WORDS: Record<string, string> = {
    ID: 'a name', STRING: 'a quoted text', NUMBER: 'a number', DATE: 'a date (YYYY-MM-DD)', TIME: 'a time (HH:MM)',
};
