// Inlay hints with derived numbers: posts (or runs) per week of a cadence, the total of a recurring
// cost or spend over the plan's horizon, and the weekly equivalent of a rate given per month/year/day.
import { t } from '../../engine/messages.js';
import { AstUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind } from 'vscode-languageserver';
import { weeklyAmount, weeklyProbability } from '../../engine/rates.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { readQuantity } from '../quantity.js';
import type { CommunitySettings } from '../settings.js';
import { communityFacts, fmt, moneyOver, nominalPerWeek, sum } from '../validation/domain-calc.js';

/** Quantities whose weekly equivalent is worth showing: shares per period. */
const RATE_PROPERTIES = new Set(['churn', 'active', 'buys', 'repurchase', 'rate']);

export class CommunityInlayHintProvider extends AbstractInlayHintProvider {
    private readonly settings: CommunitySettings;

    constructor(private readonly services: CommunityServices) {
        super();
        this.settings = services.community.Settings;
    }

    private word(key: 'hint.posts-per-week' | 'hint.runs-per-week' | 'hint.week'): string {
        return t(key, {}, this.settings.lang);
    }

    override computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
        const end = node.$cstNode?.range.end;
        if (!end) return;
        if (A.isRecurrence(node) && (A.isContent(node.$container) || A.isActivity(node.$container))) {
            const perWeek = nominalPerWeek(node);
            if (perWeek === undefined) return;
            const what = A.isContent(node.$container) ? this.word('hint.posts-per-week') : this.word('hint.runs-per-week');
            acceptor({ position: end, label: `≈ ${fmt(perWeek, 2)} ${what}`, kind: InlayHintKind.Parameter, paddingLeft: true });
            return;
        }
        if (A.isQuantity(node)) this.quantityHint(node, acceptor);
    }

    private quantityHint(q: A.Quantity, acceptor: InlayHintAcceptor): void {
        const end = q.$cstNode!.range.end;
        const owner = q.$container;
        const property = q.$containerProperty ?? '';
        const m = readQuantity(q);
        // Totals of recurring money over the horizon.
        if ((A.isContent(owner) || A.isActivity(owner)) && property === 'cost' && m.unitClass === 'money') {
            const community = AstUtils.getContainerOfType(owner, A.isCommunity);
            if (!community) return;
            const facts = communityFacts(this.services, community);
            if (!facts.plan.start) return;
            const occurrences = A.isContent(owner) ? sum(facts.posts.get(owner) ?? []) : sum(facts.runs.get(owner) ?? []);
            if (occurrences <= 1 && !m.period) return;
            const total = moneyOver(q, occurrences, facts.plan.weeks);
            acceptor({
                position: end,
                label: `= ${fmt(total)} ${m.unit} / ${facts.plan.weeks} ${this.word('hint.week')}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
            });
            return;
        }
        if (A.isChannel(owner) && property === 'spend' && m.unitClass === 'money' && m.period) {
            const facts = communityFacts(this.services, owner.$container);
            const total = weeklyAmount(m.center, m.period) * facts.plan.weeks;
            acceptor({
                position: end,
                label: `= ${fmt(total)} ${m.unit} / ${facts.plan.weeks} ${this.word('hint.week')}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
            });
            return;
        }
        // Weekly equivalent of a share per month / year / day.
        if (RATE_PROPERTIES.has(property) && m.unitClass === 'percent' && m.period && m.period !== 'week') {
            const weekly = weeklyProbability(Math.min(1, Math.max(0, m.center)), m.period);
            acceptor({ position: end, label: `≈ ${fmt(weekly * 100, 2)}%/${this.word('hint.week')}`, kind: InlayHintKind.Type, paddingLeft: true });
            return;
        }
        if (A.isReferral(owner) && property === 'invites' && m.period && m.period !== 'week') {
            acceptor({
                position: end,
                label: `≈ ${fmt(weeklyAmount(m.center, m.period), 3)}/${this.word('hint.week')}`,
                kind: InlayHintKind.Type,
                paddingLeft: true,
            });
        }
    }
}
