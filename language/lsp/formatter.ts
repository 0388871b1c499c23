// The formatter: one property per line inside every block, blocks indented by the editor's tab
// size, `{` on the header line and `}` on its own line, one space after commas and none before,
// a blank line kept (never more than one) between properties and between top-level elements.
// Tokens inside a property keep their spacing; comments stay where they are, re-indented.
import type { AstNode } from 'langium';
import { AbstractFormatter, Formatting, type FormattingAction, type NodeFormatter } from 'langium/lsp';
import * as A from '../generated/ast.js';

/** Keywords that start a property, by block type; nested blocks are listed as properties. */
const PROPERTY_KEYWORDS: Record<string, string[]> = {
    Plan: ['start', 'horizon', 'timezone', 'currency', 'budget', 'team', 'market', 'assume'],
    Platform: ['kind', 'group', 'limit'],
    Audience: ['size', 'age', 'interests', 'active', 'region'],
    Community: ['theme', 'platform', 'audience', 'rules', 'order'],
    Tier: ['entry', 'from', 'down', 'churn', 'active', 'seed', 'buys', 'capacity', 'benefits'],
    Content: ['kind', 'format', 'for', 'via', 'cost', 'owner', 'link', 'label'],
    Activity: ['lasts', 'for', 'reach', 'lift', 'cost', 'capacity', 'staff', 'owner', 'materials', 'incentive'],
    Lottery: ['top', 'odds', 'draw', 'redemption', 'free'],
    DataCollection: ['collects', 'purpose', 'retention', 'consent'],
    Referral: ['mechanic', 'reward', 'invites', 'conversion', 'cycle', 'for', 'into', 'from', 'until', 'shares'],
    Channel: ['paid', 'cost', 'into', 'from', 'until'],
    Organic: ['innovation', 'imitation', 'into'],
};

const PROPERTY_NODES: Record<string, string[]> = {
    Community: ['data', 'tiers', 'contents', 'activities', 'referrals', 'channels', 'organic', 'kpis'],
    Content: ['schedules'],
    Activity: ['mode', 'schedules', 'lottery', 'data'],
    Scenario: ['changes'],
};

/** A new line one level deeper than the block, keeping at most one blank line the author left. */
const PROPERTY_LINE: FormattingAction = { options: {}, moves: [{ tabs: 1, lines: 1 }, { tabs: 1, lines: 2 }] };
const ELEMENT_LINE: FormattingAction = { options: {}, moves: [{ lines: 1 }, { lines: 2 }] };

export class CommunityFormatter extends AbstractFormatter {
    protected override format(node: AstNode): void {
        const f = this.getNodeFormatter(node) as NodeFormatter<AstNode>;
        if (A.isModel(node)) {
            const items = [...node.imports, ...node.elements].sort((a, b) => (a.$cstNode?.offset ?? 0) - (b.$cstNode?.offset ?? 0));
            items.slice(1).forEach((item) => f.node(item).prepend(ELEMENT_LINE));
            return;
        }
        const open = f.keyword('{');
        const close = f.keyword('}');
        if (open.nodes.length > 0 && close.nodes.length > 0) {
            open.prepend(Formatting.oneSpace());
            close.prepend(Formatting.newLine());
            const keywords = PROPERTY_KEYWORDS[node.$type] ?? [];
            const starts = keywords.length ? f.keywords(...keywords).nodes : [];
            if (starts.length) f.cst(starts).prepend(PROPERTY_LINE);
            for (const property of PROPERTY_NODES[node.$type] ?? []) {
                if (property === 'mode') {
                    const region = f.property('mode' as never);
                    if (region.nodes.length) region.prepend(PROPERTY_LINE);
                    continue;
                }
                const all = (node as unknown as Record<string, unknown>)[property];
                const count = Array.isArray(all) ? all.length : all !== undefined ? 1 : 0;
                for (let i = 0; i < count; i++) f.property(property as never, i).prepend(PROPERTY_LINE);
            }
        }
        f.keywords(',').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
        if (A.isKpi(node)) f.keywords(':').prepend(Formatting.noSpace()).append(Formatting.oneSpace());
    }
}

