// Hover: on a keyword, its explanation and an example (keyword-docs.ts); on a name or a reference,
// the definition with its key numbers (a tier's churn and flows, a platform's limits …); on a kind,
// the catalog's explanation. Texts follow settings.lang (en / zh-CN).
import type { Period } from '../../engine/model.js';
import type { Lang } from '../../engine/diagnostics.js';
import { inLang, t, type PlainMessageKey } from '../../engine/messages.js';
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
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
import { assumptionDef } from '../../engine/assumptions.js';
import { isKnownPlatformKind, PLATFORM_KINDS, type LimitDef } from '../../engine/platforms.js';
import type { CommunityEditorServices } from './lsp-module.js';
import * as A from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import type { CommunitySettings } from '../settings.js';
import { communityFacts, costBreakdown, fmt, maxOf, nominalPerWeek, resolvePlatform, sum } from '../validation/domain-calc.js';
import { kpiLabel } from '../validation/domain-strategy.js';
import { keywordMarkdown } from './keyword-docs.js';

/** "joins per week" by the period of a channel's spend (the Chinese line names no period). */
const JOINS_PER: Record<Period, PlainMessageKey> = {
    day: 'hover.joins-per-day',
    week: 'hover.joins-per-week',
    month: 'hover.joins-per-month',
    year: 'hover.joins-per-year',
};

/** Which catalog explains the value of `Type.property`. */
const CATALOGS: Record<string, Readonly<Record<string, CatalogEntry>>> = {
    'Content.kind': CONTENT_KINDS,
    'Content.format': CONTENT_FORMATS,
    'Activity.kind': ACTIVITY_KINDS,
    'Referral.mechanic': REFERRAL_MECHANICS,
    'Referral.sharesTo': SHARE_TARGETS,
    'Entry.condition': ENTRY_CONDITIONS,
    'Incentive.kind': INCENTIVE_KINDS,
    'Plan.markets': MARKETS,
};

export class CommunityHoverProvider extends AstNodeHoverProvider {
    private readonly settings: CommunitySettings;

    constructor(private readonly services: CommunityEditorServices) {
        super(services);
        this.settings = services.community.Settings;
    }

    private get lang(): Lang {
        return this.settings.lang;
    }

    override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(params.position);
        const leaf = CstUtils.findDeclarationNodeAtOffset(root, offset, this.grammarConfig.nameRegexp);
        if (!leaf || leaf.offset + leaf.length <= offset) return undefined;
        const targets = this.references.findDeclarations(leaf);
        const texts: string[] = [];
        for (const target of targets) {
            const text = await this.getAstNodeHoverContent(target);
            if (text) texts.push(text);
        }
        if (texts.length > 0) return markdown(texts.join('\n\n---\n\n'));
        if (GrammarAST.isKeyword(leaf.grammarSource)) {
            const text = keywordMarkdown(leaf.grammarSource.value, this.settings.lang);
            if (text) return markdown(text);
        }
        const value = this.valueHover(
            leaf.astNode,
            leaf.text,
            leaf.grammarSource ? AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isAssignment)?.feature : undefined,
        );
        return value ? markdown(value) : undefined;
    }

    /** Kinds, mechanics, markets and assumption / limit keys written as plain names. */
    private valueHover(node: AstNode, text: string, feature: string | undefined): string | undefined {
        if (!feature) return undefined;
        const catalog = CATALOGS[`${node.$type}.${feature}`];
        const entry = catalog?.[text];
        if (entry) return `**${text}** — ${inLang(entry, this.lang)}`;
        if (A.isPlatform(node) && feature === 'kind' && isKnownPlatformKind(text)) return this.platformKindText(text, {});
        if (A.isAssumption(node) && feature === 'key') {
            const def = assumptionDef(text);
            return def
                ? `**assume ${text}** — ${def.description}\n\n${t('hover.default', {}, this.lang)}: ${def.default} (${def.unit}) · ${def.basis}`
                : undefined;
        }
        if (A.isLimit(node) && feature === 'key') {
            const platform = node.$container;
            const defs: Record<string, LimitDef> = platform.kind && isKnownPlatformKind(platform.kind) ? PLATFORM_KINDS[platform.kind].limits : {};
            const def = defs[text];
            return def
                ? `**limit ${text}** — ${inLang(def, this.lang)}\n\n${t('hover.default', {}, this.lang)}: ${fmt(def.value)} · ${def.confidence} · ${def.source}`
                : undefined;
        }
        return undefined;
    }

    private platformKindText(kind: string, overrides: Record<string, number>): string {
        if (!isKnownPlatformKind(kind)) return `**${kind}**`;
        const def = PLATFORM_KINDS[kind];
        const limits: Record<string, LimitDef> = def.limits;
        const lines = Object.entries(limits).map(([key, l]) => `- ${key}: ${fmt(overrides[key] ?? l.value)} — ${inLang(l, this.lang)} (${l.confidence})`);
        return [`**${def.label}** (${def.region})`, ...lines].join('\n');
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const lang = this.lang;
        const q = (x: A.Quantity | undefined) => x?.$cstNode?.text.replace(/\s+/g, ' ');
        const title = (n: { name?: string; title?: string }, word: string) => `**${word} ${n.name ?? ''}**${n.title ? ` "${n.title}"` : ''}`;
        if (A.isTier(node)) {
            const lines = [title(node, t('hover.tier', {}, lang))];
            if (node.entry) lines.push(`- ${t('hover.entry', {}, lang)}: ${node.entry.$cstNode?.text ?? ''}`);
            if (node.seed) lines.push(`- ${t('hover.seed', {}, lang)}: ${q(node.seed)}`);
            if (node.churn) lines.push(`- ${t('hover.churn', {}, lang)}: ${q(node.churn)}`);
            if (node.active) lines.push(`- ${t('hover.active', {}, lang)}: ${q(node.active)}`);
            if (node.buys) lines.push(`- ${t('hover.buys', {}, lang)}: ${q(node.buys)}`);
            if (node.repurchase) lines.push(`- ${t('hover.repurchase', {}, lang)}: ${q(node.repurchase)}`);
            for (const f of node.flows) lines.push(`- ${t('hover.in-from', {}, lang)} ${f.tier.$refText} ${q(f.rate)}`);
            for (const f of node.demotions) lines.push(`- ${t('hover.down-to', {}, lang)} ${f.tier.$refText} ${q(f.rate)}`);
            const community = node.$container;
            for (const other of community.tiers)
                for (const f of other.flows) if (f.tier.ref === node) lines.push(`- ${t('hover.out-to', {}, lang)} ${other.name} ${q(f.rate)}`);
            const facts = communityFacts(this.services, community);
            const mid = facts.mid.members.get(node);
            if (mid && facts.plan.plan) lines.push(`- ${t('hover.projected-peak-mid-inputs', {}, lang)}: ${fmt(maxOf(mid))}`);
            return lines.join('\n');
        }
        if (A.isPlatform(node)) {
            const resolved = resolvePlatform(node, this.services.community.Settings);
            return `${title(node, t('hover.platform', {}, lang))} — ${node.kind ?? '?'}\n\n${this.platformKindText(node.kind ?? '', resolved.limits)}`;
        }
        if (A.isAudience(node)) {
            const lines = [title(node, t('hover.audience', {}, lang))];
            if (node.size) lines.push(`- ${t('hover.size', {}, lang)}: ${q(node.size)}`);
            if (node.age) lines.push(`- ${t('hover.age', {}, lang)}: ${q(node.age)}`);
            if (node.windows.length) lines.push(`- ${t('hover.active-hours', {}, lang)}: ${node.windows.map((w) => `${w.start}-${w.end}`).join(', ')}`);
            if (node.interests.length) lines.push(`- ${t('hover.interests', {}, lang)}: ${node.interests.join(', ')}`);
            return lines.join('\n');
        }
        if (A.isCommunity(node)) {
            const lines = [title(node, t('hover.community', {}, lang))];
            if (node.theme) lines.push(node.theme);
            lines.push(`- ${t('hover.platforms', {}, lang)}: ${node.platforms.map((p) => p.$refText).join(', ') || '—'}`);
            lines.push(`- ${t('hover.tiers', {}, lang)}: ${node.tiers.map((t) => t.name).join(' → ') || '—'}`);
            lines.push(`- ${t('hover.content-activities-kpis', {}, lang)}: ${node.contents.length} / ${node.activities.length} / ${node.kpis.length}`);
            const facts = communityFacts(this.services, node);
            if (facts.plan.plan) {
                const cost = costBreakdown(node, facts).reduce((s, l) => s + l.amount, 0);
                lines.push(`- ${t('hover.planned-cost', {}, lang)}: ${fmt(cost)} ${facts.plan.currency ?? ''}`);
            }
            return lines.join('\n');
        }
        if (A.isContent(node)) {
            const lines = [title(node, t('hover.content', {}, lang))];
            if (node.kind) lines.push(`- ${t('hover.kind', {}, lang)}: ${node.kind}${node.format ? ` · ${node.format}` : ''}`);
            const perWeek = node.schedules.reduce((s, x) => s + (nominalPerWeek(x) ?? 0), 0);
            if (perWeek > 0) lines.push(`- ${t('hover.posts-per-week', {}, lang)}: ${fmt(perWeek, 1)}`);
            if (node.cost) lines.push(`- ${t('hover.cost', {}, lang)}: ${q(node.cost)}`);
            if (node.tiers.length) lines.push(`- ${t('hover.for', {}, lang)}: ${node.tiers.map((t) => t.$refText).join(', ')}`);
            return lines.join('\n');
        }
        if (A.isActivity(node)) {
            const lines = [title(node, t('hover.activity', {}, lang)), `- ${node.mode ?? ''} ${node.kind ?? ''}${node.location ? ` @ ${node.location}` : ''}`];
            const facts = communityFacts(this.services, node.$container);
            const runs = facts.runs.get(node);
            if (runs && facts.plan.plan) lines.push(`- ${t('hover.runs', {}, lang)}: ${fmt(sum(runs))}`);
            if (node.reach) lines.push(`- ${t('hover.reach', {}, lang)}: ${q(node.reach)}`);
            if (node.capacity) lines.push(`- ${t('hover.capacity', {}, lang)}: ${q(node.capacity)}`);
            if (node.cost) lines.push(`- ${t('hover.cost', {}, lang)}: ${q(node.cost)}`);
            return lines.join('\n');
        }
        if (A.isReferral(node)) {
            const lines = [title(node, t('hover.referral', {}, lang))];
            if (node.mechanic) lines.push(`- ${t('hover.mechanic', {}, lang)}: ${node.mechanic}`);
            if (node.invites) lines.push(`- ${t('hover.invites', {}, lang)}: ${q(node.invites)}`);
            if (node.conversion) lines.push(`- ${t('hover.conversion', {}, lang)}: ${q(node.conversion)}`);
            if (node.reward) lines.push(`- ${t('hover.reward', {}, lang)}: ${q(node.reward)}${node.eachSide ? t('hover.each-side', {}, lang) : ''}`);
            return lines.join('\n');
        }
        if (A.isChannel(node)) {
            const lines = [title(node, t('hover.channel', {}, lang))];
            if (node.spend) lines.push(`- ${t('hover.paid', {}, lang)}: ${q(node.spend)}`);
            if (node.costPerJoin) lines.push(`- ${t('hover.cost-per-join', {}, lang)}: ${q(node.costPerJoin)}`);
            if (node.spend && node.costPerJoin) {
                const s = readQuantity(node.spend);
                const c = readQuantity(node.costPerJoin).center;
                if (c > 0 && s.period) lines.push(`- ${t(JOINS_PER[s.period], {}, lang)}: ≈ ${fmt(s.center / c)}`);
            }
            return lines.join('\n');
        }
        if (A.isKpi(node)) return `**KPI ${kpiLabel(node)}** — ${node.$cstNode?.text.replace(/\s+/g, ' ') ?? ''}`;
        if (A.isScenario(node)) return `${title(node, t('hover.scenario', {}, lang))} — ${node.changes.length} ${t('hover.change-s', {}, lang)}`;
        return undefined;
    }
}

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}
