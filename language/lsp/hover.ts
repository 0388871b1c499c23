// Hover: on a keyword, its explanation and an example (keyword-docs.ts); on a name or a reference,
// the definition with its key numbers (a tier's churn and flows, a platform's limits …); on a kind,
// the catalog's explanation. Texts follow settings.lang (en / zh-CN).
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument, type MaybePromise } from 'langium';
import { AstNodeHoverProvider } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import { ACTIVITY_KINDS, CONTENT_FORMATS, CONTENT_KINDS, ENTRY_CONDITIONS, INCENTIVE_KINDS, MARKETS, REFERRAL_MECHANICS, SHARE_TARGETS, type CatalogEntry } from '../../engine/catalog.js';
import { assumptionDef } from '../../engine/assumptions.js';
import { isKnownPlatformKind, PLATFORM_KINDS, type LimitDef } from '../../engine/platforms.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import type { CommunitySettings } from '../settings.js';
import { communityFacts, costBreakdown, fmt, maxOf, nominalPerWeek, resolvePlatform, sum } from '../validation/domain-calc.js';
import { kpiLabel } from '../validation/domain-strategy.js';
import { keywordMarkdown } from './keyword-docs.js';

/** Which catalog explains the value of `Type.property`. */
const CATALOGS: Record<string, Readonly<Record<string, CatalogEntry>>> = {
    'Content.kind': CONTENT_KINDS, 'Content.format': CONTENT_FORMATS, 'Activity.kind': ACTIVITY_KINDS,
    'Referral.mechanic': REFERRAL_MECHANICS, 'Referral.sharesTo': SHARE_TARGETS, 'Entry.condition': ENTRY_CONDITIONS,
    'Incentive.kind': INCENTIVE_KINDS, 'Plan.markets': MARKETS,
};

export class CommunityHoverProvider extends AstNodeHoverProvider {
    private readonly settings: CommunitySettings;

    constructor(private readonly services: CommunityServices) {
        super(services);
        this.settings = services.community.Settings;
    }

    private get zh(): boolean {
        return this.settings.lang === 'zh-CN';
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
        const value = this.valueHover(leaf.astNode, leaf.text, (leaf.grammarSource ? AstUtils.getContainerOfType(leaf.grammarSource, GrammarAST.isAssignment)?.feature : undefined));
        return value ? markdown(value) : undefined;
    }

    /** Kinds, mechanics, markets and assumption / limit keys written as plain names. */
    private valueHover(node: AstNode, text: string, feature: string | undefined): string | undefined {
        if (!feature) return undefined;
        const catalog = CATALOGS[`${node.$type}.${feature}`];
        const entry = catalog?.[text];
        if (entry) return `**${text}** — ${this.zh ? entry.zh : entry.en}`;
        if (A.isPlatform(node) && feature === 'kind' && isKnownPlatformKind(text)) return this.platformKindText(text, {});
        if (A.isAssumption(node) && feature === 'key') {
            const def = assumptionDef(text);
            return def ? `**assume ${text}** — ${def.description}\n\n${this.zh ? '默认' : 'Default'}: ${def.default} (${def.unit}) · ${def.basis}` : undefined;
        }
        if (A.isLimit(node) && feature === 'key') {
            const platform = node.$container;
            const defs: Record<string, LimitDef> = platform.kind && isKnownPlatformKind(platform.kind) ? PLATFORM_KINDS[platform.kind].limits : {};
            const def = defs[text];
            return def ? `**limit ${text}** — ${this.zh ? def.zh : def.en}\n\n${this.zh ? '默认' : 'Default'}: ${fmt(def.value)} · ${def.confidence} · ${def.source}` : undefined;
        }
        return undefined;
    }

    private platformKindText(kind: string, overrides: Record<string, number>): string {
        if (!isKnownPlatformKind(kind)) return `**${kind}**`;
        const def = PLATFORM_KINDS[kind];
        const limits: Record<string, LimitDef> = def.limits;
        const lines = Object.entries(limits).map(([key, l]) => `- ${key}: ${fmt(overrides[key] ?? l.value)} — ${this.zh ? l.zh : l.en} (${l.confidence})`);
        return [`**${def.label}** (${def.region})`, ...lines].join('\n');
    }

    protected override getAstNodeHoverContent(node: AstNode): MaybePromise<string | undefined> {
        const zh = this.zh;
        const q = (x: A.Quantity | undefined) => x?.$cstNode?.text.replace(/\s+/g, ' ');
        const title = (n: { name?: string; title?: string }, word: string) => `**${word} ${n.name ?? ''}**${n.title ? ` "${n.title}"` : ''}`;
        if (A.isTier(node)) {
            const lines = [title(node, zh ? '层级' : 'tier')];
            if (node.entry) lines.push(`- ${zh ? '进入' : 'entry'}: ${node.entry.$cstNode?.text ?? ''}`);
            if (node.seed) lines.push(`- ${zh ? '初始' : 'seed'}: ${q(node.seed)}`);
            if (node.churn) lines.push(`- ${zh ? '流失' : 'churn'}: ${q(node.churn)}`);
            if (node.active) lines.push(`- ${zh ? '活跃' : 'active'}: ${q(node.active)}`);
            if (node.buys) lines.push(`- ${zh ? '购买' : 'buys'}: ${q(node.buys)}`);
            if (node.repurchase) lines.push(`- ${zh ? '复购' : 'repurchase'}: ${q(node.repurchase)}`);
            for (const f of node.flows) lines.push(`- ${zh ? '晋升自' : 'in from'} ${f.tier.$refText} ${q(f.rate)}`);
            for (const f of node.demotions) lines.push(`- ${zh ? '降级到' : 'down to'} ${f.tier.$refText} ${q(f.rate)}`);
            const community = node.$container;
            for (const other of community.tiers) for (const f of other.flows) if (f.tier.ref === node) lines.push(`- ${zh ? '晋升到' : 'out to'} ${other.name} ${q(f.rate)}`);
            const facts = communityFacts(this.services, community);
            const mid = facts.mid.members.get(node);
            if (mid && facts.plan.plan) lines.push(`- ${zh ? '预计峰值（中位输入）' : 'projected peak (mid inputs)'}: ${fmt(maxOf(mid))}`);
            return lines.join('\n');
        }
        if (A.isPlatform(node)) {
            const resolved = resolvePlatform(node, this.services.community.Settings);
            return `${title(node, zh ? '平台' : 'platform')} — ${node.kind ?? '?'}\n\n${this.platformKindText(node.kind ?? '', resolved.limits)}`;
        }
        if (A.isAudience(node)) {
            const lines = [title(node, zh ? '受众' : 'audience')];
            if (node.size) lines.push(`- ${zh ? '规模' : 'size'}: ${q(node.size)}`);
            if (node.age) lines.push(`- ${zh ? '年龄' : 'age'}: ${q(node.age)}`);
            if (node.windows.length) lines.push(`- ${zh ? '活跃时段' : 'active'}: ${node.windows.map((w) => `${w.start}-${w.end}`).join(', ')}`);
            if (node.interests.length) lines.push(`- ${zh ? '兴趣' : 'interests'}: ${node.interests.join(', ')}`);
            return lines.join('\n');
        }
        if (A.isCommunity(node)) {
            const lines = [title(node, zh ? '社群' : 'community')];
            if (node.theme) lines.push(node.theme);
            lines.push(`- ${zh ? '平台' : 'platforms'}: ${node.platforms.map((p) => p.$refText).join(', ') || '—'}`);
            lines.push(`- ${zh ? '层级' : 'tiers'}: ${node.tiers.map((t) => t.name).join(' → ') || '—'}`);
            lines.push(`- ${zh ? '内容 / 活动 / KPI' : 'content / activities / KPIs'}: ${node.contents.length} / ${node.activities.length} / ${node.kpis.length}`);
            const facts = communityFacts(this.services, node);
            if (facts.plan.plan) {
                const cost = costBreakdown(node, facts).reduce((s, l) => s + l.amount, 0);
                lines.push(`- ${zh ? '计划成本' : 'planned cost'}: ${fmt(cost)} ${facts.plan.currency ?? ''}`);
            }
            return lines.join('\n');
        }
        if (A.isContent(node)) {
            const lines = [title(node, zh ? '内容' : 'content')];
            if (node.kind) lines.push(`- ${zh ? '类型' : 'kind'}: ${node.kind}${node.format ? ` · ${node.format}` : ''}`);
            const perWeek = node.schedules.reduce((s, x) => s + (nominalPerWeek(x) ?? 0), 0);
            if (perWeek > 0) lines.push(`- ${zh ? '每周发布' : 'posts per week'}: ${fmt(perWeek, 1)}`);
            if (node.cost) lines.push(`- ${zh ? '成本' : 'cost'}: ${q(node.cost)}`);
            if (node.tiers.length) lines.push(`- ${zh ? '面向' : 'for'}: ${node.tiers.map((t) => t.$refText).join(', ')}`);
            return lines.join('\n');
        }
        if (A.isActivity(node)) {
            const lines = [title(node, zh ? '活动' : 'activity'), `- ${node.mode ?? ''} ${node.kind ?? ''}${node.location ? ` @ ${node.location}` : ''}`];
            const facts = communityFacts(this.services, node.$container);
            const runs = facts.runs.get(node);
            if (runs && facts.plan.plan) lines.push(`- ${zh ? '场次' : 'runs'}: ${fmt(sum(runs))}`);
            if (node.reach) lines.push(`- ${zh ? '参与率' : 'reach'}: ${q(node.reach)}`);
            if (node.capacity) lines.push(`- ${zh ? '容量' : 'capacity'}: ${q(node.capacity)}`);
            if (node.cost) lines.push(`- ${zh ? '成本' : 'cost'}: ${q(node.cost)}`);
            return lines.join('\n');
        }
        if (A.isReferral(node)) {
            const lines = [title(node, zh ? '推荐' : 'referral')];
            if (node.mechanic) lines.push(`- ${zh ? '机制' : 'mechanic'}: ${node.mechanic}`);
            if (node.invites) lines.push(`- ${zh ? '邀请' : 'invites'}: ${q(node.invites)}`);
            if (node.conversion) lines.push(`- ${zh ? '转化' : 'conversion'}: ${q(node.conversion)}`);
            if (node.reward) lines.push(`- ${zh ? '奖励' : 'reward'}: ${q(node.reward)}${node.eachSide ? (zh ? '（双方）' : ' each side') : ''}`);
            return lines.join('\n');
        }
        if (A.isChannel(node)) {
            const lines = [title(node, zh ? '渠道' : 'channel')];
            if (node.spend) lines.push(`- ${zh ? '投放' : 'paid'}: ${q(node.spend)}`);
            if (node.costPerJoin) lines.push(`- ${zh ? '获客成本' : 'cost per join'}: ${q(node.costPerJoin)}`);
            if (node.spend && node.costPerJoin) {
                const s = readQuantity(node.spend);
                const c = readQuantity(node.costPerJoin).center;
                if (c > 0 && s.period) lines.push(`- ${zh ? '每周期加入' : 'joins per ' + s.period}: ≈ ${fmt(s.center / c)}`);
            }
            return lines.join('\n');
        }
        if (A.isKpi(node)) return `**KPI ${kpiLabel(node)}** — ${node.$cstNode?.text.replace(/\s+/g, ' ') ?? ''}`;
        if (A.isScenario(node)) return `${title(node, zh ? '情景' : 'scenario')} — ${node.changes.length} ${zh ? '处修改' : 'change(s)'}`;
        return undefined;
    }
}

function markdown(value: string): Hover {
    return { contents: { kind: 'markdown', value } };
}
