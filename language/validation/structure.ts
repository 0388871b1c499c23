// Checks of names, tiers and flows, imports and the plan block.
import { t } from '../../engine/messages.js';
import { AstUtils, GrammarUtils, isCompositeCstNode, type AstNode, type CstNode, type ValidationAcceptor } from 'langium';
import { existsSync } from 'node:fs';
import { ASSUMPTION_KEYS, assumptionDef } from '../../engine/assumptions.js';
import { ACTIVITY_KINDS, CONTENT_KINDS, ENTRY_CONDITIONS, REFERRAL_MECHANICS } from '../../engine/catalog.js';
import { WEEKS_PER, type Period } from '../../engine/model.js';
import { isKnownPlatformKind, PLATFORM_KINDS } from '../../engine/platforms.js';
import { REWARD_KINDS } from '../../engine/rewards.js';
import { PROPERTIES, type PropertyDef } from '../../engine/properties/registry.js';
import type { CommunityServices } from '../community-module.js';
import {
    isCommunity,
    isPlan,
    type Activity,
    type Community,
    type Content,
    type Import,
    type Incentive,
    type Model,
    type Plan,
    type Platform,
    type Referral,
    type Tier,
} from '../generated/ast.js';
import { resolveImport, unquote } from '../imports.js';
import { plansInScope } from '../plan-context.js';
import { tierLimitHit } from '../limits.js';
import { isComplete, readQuantity } from '../quantity.js';
import { report } from './report.js';
import { assignedFeature } from './diagnostic-range.js';

/** Blocks whose properties are written as `keyword value`; a property set twice is a slip (the registry's `single`). */
const SINGLE_PROPERTIES: Record<string, string[]> = Object.fromEntries(
    Object.entries(PROPERTIES).map(([type, defs]) => [type, (defs as readonly PropertyDef<unknown>[]).flatMap((d) => (d.ast && d.single ? [d.ast] : []))]),
);

export class StructureChecks {
    constructor(private readonly services: CommunityServices) {}

    /** Read once: each access through the services container goes through its proxy, and checks ask per node. */
    private settings?: CommunityServices['community']['Settings'];
    private get lang() {
        return (this.settings ??= this.services.community.Settings).lang;
    }

    duplicateProperties(node: AstNode, accept: ValidationAcceptor): void {
        const props = SINGLE_PROPERTIES[node.$type];
        if (!props || !node.$cstNode) return;
        // One walk over the block's own CST (not into nested blocks) instead of one per property.
        let found: Map<string, CstNode[]> | undefined;
        const visit = (cst: CstNode): void => {
            if (!isCompositeCstNode(cst)) return;
            for (const child of cst.content) {
                const feature = assignedFeature(child.grammarSource);
                if (feature !== undefined && props.includes(feature)) {
                    found ??= new Map();
                    const list = found.get(feature);
                    if (list) list.push(child);
                    else found.set(feature, [child]);
                    continue;
                }
                if (child.astNode === node) visit(child);
            }
        };
        visit(node.$cstNode);
        if (!found) return;
        for (const [property, nodes] of found) {
            if (nodes.length < 2) continue;
            for (const cst of nodes.slice(0, -1)) {
                report(accept, this.lang, 'duplicate-property', { property }, { node, range: cst.range });
            }
        }
    }

    model(model: Model, accept: ValidationAcceptor): void {
        const doc = AstUtils.getDocument(model);
        // Top-level names must be unique across this file and what it imports.
        const seen = new Map<string, AstNode>();
        for (const otherDoc of this.services.community.Imports.closureDocuments(doc)) {
            if (otherDoc === doc) continue;
            const other = otherDoc.parseResult.value as Model | undefined;
            for (const el of other?.elements ?? []) if ('name' in el && typeof el.name === 'string') seen.set(el.name, el);
        }
        for (const el of model.elements) {
            if (!('name' in el) || typeof el.name !== 'string') continue;
            if (seen.has(el.name)) {
                report(accept, this.lang, 'duplicate-name', { name: el.name, scope: t('scope.plan', {}, this.lang) }, { node: el, property: 'name' as never });
            } else {
                seen.set(el.name, el);
            }
        }
        // One plan block across the file and its imports; communities need one.
        const plans = plansInScope(this.services, doc);
        const own = model.elements.filter(isPlan);
        if (plans.length > 1) {
            for (const p of own) {
                const other = plans.find((q) => q !== p)!;
                const where = AstUtils.getDocument(other).uri.path.split('/').pop() ?? '';
                report(accept, this.lang, 'multiple-plans', { other: where }, { node: p, property: 'title' });
            }
        }
        if (plans.length === 0) {
            const first = model.elements.find(isCommunity);
            if (first) report(accept, this.lang, 'no-plan', {}, { node: first, property: 'name' });
        }
    }

    plan(plan: Plan, accept: ValidationAcceptor): void {
        const element = t('element.the-plan', {}, this.lang);
        if (!plan.start) report(accept, this.lang, 'missing-property', { element, property: 'start' }, { node: plan, property: 'title' });
        if (!plan.horizon) report(accept, this.lang, 'missing-property', { element, property: 'horizon' }, { node: plan, property: 'title' });
        if (!plan.currency) report(accept, this.lang, 'missing-property', { element, property: 'currency' }, { node: plan, property: 'title' });
        for (const assumption of plan.assumptions) {
            const def = assumptionDef(assumption.key);
            if (!def) {
                report(
                    accept,
                    this.lang,
                    'unknown-assumption',
                    { key: assumption.key, known: ASSUMPTION_KEYS.join(', ') },
                    { node: assumption, property: 'key' },
                );
                continue;
            }
            if (!isComplete(assumption.value)) continue;
            const value = readQuantity(assumption.value).center;
            if (!(value >= def.min && value <= def.max)) {
                report(
                    accept,
                    this.lang,
                    'out-of-range',
                    { property: assumption.key, range: `${def.min}–${def.max} (${def.unit})`, value: String(value) },
                    { node: assumption, property: 'value' },
                );
            }
        }
        if (plan.timezone !== undefined && !isTimeZone(plan.timezone)) {
            report(accept, this.lang, 'bad-timezone', { value: plan.timezone }, { node: plan, property: 'timezone' });
        }
    }

    community(community: Community, accept: ValidationAcceptor): void {
        const seen = new Map<string, AstNode>();
        const items: AstNode[] = [
            ...community.tiers,
            ...community.contents,
            ...community.activities,
            ...community.referrals,
            ...community.channels,
            ...community.kpis,
        ];
        for (const item of items) {
            const name = (item as { name?: string }).name;
            if (!name) continue;
            if (seen.has(name)) {
                report(accept, this.lang, 'duplicate-name', { name, scope: t('scope.community', {}, this.lang) }, { node: item, property: 'name' as never });
            } else {
                seen.set(name, item);
            }
        }
        if (community.tiers.length > 0 && community.tiers.every((t) => t.flows.length > 0)) {
            report(accept, this.lang, 'no-entry-tier', { community: community.name }, { node: community, property: 'name' });
        }
        const tooMany = tierLimitHit(
            community.name,
            community.tiers.length,
            community.tiers.reduce((n, t) => n + t.flows.length + t.demotions.length, 0),
        );
        if (tooMany) {
            report(accept, this.lang, 'too-many-tiers', tooMany, { node: community, property: 'name' });
            return;
        }
        this.outflows(community, accept);
    }

    private outflows(community: Community, accept: ValidationAcceptor): void {
        // Monthly outflow of each tier: churn + promotions out of it + its demotions, converted exactly.
        for (const tier of community.tiers) {
            const parts: number[] = [];
            const monthly = (q: Parameters<typeof readQuantity>[0] | undefined) => {
                if (!isComplete(q)) return;
                const m = readQuantity(q);
                if (m.unitClass !== 'percent' || !m.period) return;
                const p = Math.min(1, Math.max(0, m.center));
                parts.push(1 - Math.pow(1 - p, WEEKS_PER.month / WEEKS_PER[m.period as Period]));
            };
            monthly(tier.churn);
            for (const other of community.tiers) for (const flow of other.flows) if (flow.tier?.ref === tier) monthly(flow.rate);
            for (const flow of tier.demotions) monthly(flow.rate);
            const total = parts.reduce((a, b) => a + b, 0);
            if (total > 1 + 1e-9) {
                const period = t('period.month', {}, this.lang);
                report(
                    accept,
                    this.lang,
                    'outflow-over-100',
                    { tier: tier.name, total: `${(total * 100).toFixed(1)}%`, period },
                    { node: tier, property: 'name' },
                );
            }
        }
    }

    tier(tier: Tier, accept: ValidationAcceptor): void {
        for (const flow of [...tier.flows, ...tier.demotions]) {
            if (flow.tier?.ref === tier) report(accept, this.lang, 'self-flow', { tier: tier.name }, { node: flow, property: 'tier' });
        }
        if (tier.entry?.condition && !(tier.entry.condition in ENTRY_CONDITIONS)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'entry condition', value: tier.entry.condition, known: Object.keys(ENTRY_CONDITIONS).join(', ') },
                { node: tier.entry, property: 'condition' },
            );
        }
    }

    platform(platform: Platform, accept: ValidationAcceptor): void {
        if (platform.kind === undefined) {
            report(accept, this.lang, 'missing-property', { element: `platform ${platform.name}`, property: 'kind' }, { node: platform, property: 'name' });
        } else if (!isKnownPlatformKind(platform.kind)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'platform kind', value: platform.kind, known: Object.keys(PLATFORM_KINDS).join(', ') },
                { node: platform, property: 'kind' },
            );
        }
    }

    content(content: Content, accept: ValidationAcceptor): void {
        if (content.kind !== undefined && !(content.kind in CONTENT_KINDS)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'content kind', value: content.kind, known: Object.keys(CONTENT_KINDS).join(', ') },
                { node: content, property: 'kind' },
            );
        }
    }

    activity(activity: Activity, accept: ValidationAcceptor): void {
        if (activity.kind !== undefined && !(activity.kind in ACTIVITY_KINDS)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'activity kind', value: activity.kind, known: Object.keys(ACTIVITY_KINDS).join(', ') },
                { node: activity, property: 'kind' },
            );
        }
    }

    referral(referral: Referral, accept: ValidationAcceptor): void {
        if (referral.mechanic !== undefined && !(referral.mechanic in REFERRAL_MECHANICS)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'referral mechanic', value: referral.mechanic, known: Object.keys(REFERRAL_MECHANICS).join(', ') },
                { node: referral, property: 'mechanic' },
            );
        }
        const kind = referral.rewardKind;
        if (kind !== undefined && !(REWARD_KINDS as readonly string[]).includes(kind)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'reward kind', value: kind, known: REWARD_KINDS.join(', ') },
                { node: referral, property: 'rewardKind' },
            );
        }
        // `reward pack` and `reward badge` may stand alone (they cost nothing unless an amount is given).
        const stated = GrammarUtils.findNodeForKeyword(referral.$cstNode, 'reward') !== undefined;
        if (stated && referral.reward === undefined && kind !== 'pack' && kind !== 'badge') {
            report(accept, this.lang, 'reward-needs-amount', { kind: kind ?? 'cash' }, { node: referral, property: kind ? 'rewardKind' : 'eachSide' });
        }
    }

    incentive(incentive: Incentive, accept: ValidationAcceptor): void {
        if (!(REWARD_KINDS as readonly string[]).includes(incentive.kind)) {
            report(
                accept,
                this.lang,
                'unknown-kind',
                { what: 'incentive kind', value: incentive.kind, known: REWARD_KINDS.join(', ') },
                { node: incentive, property: 'kind' },
            );
        }
    }

    importStatement(imp: Import, accept: ValidationAcceptor): void {
        if (imp.path === undefined) return;
        const doc = AstUtils.getDocument(imp);
        const path = unquote(imp.path);
        const imports = this.services.community.Imports;
        const refusal = imports.refusal(doc.uri, path);
        if (refusal === 'not-community') {
            report(accept, this.lang, 'import-not-community', { path }, { node: imp, property: 'path' });
            return;
        }
        if (refusal === 'outside') {
            const root = this.services.community.Settings.roots[0] ?? '/';
            report(accept, this.lang, 'import-outside-workspace', { path, root }, { node: imp, property: 'path' });
            return;
        }
        const target = resolveImport(doc.uri, path);
        const loaded = this.services.shared.workspace.LangiumDocuments.hasDocument(target);
        if (!loaded && !(target.scheme === 'file' && existsSync(target.fsPath))) {
            report(accept, this.lang, 'import-missing', { path }, { node: imp, property: 'path' });
            return;
        }
        const notFile = imports.notAPlanFile(target);
        if (notFile) {
            const what = ({ folder: 'import.a-folder', device: 'import.a-device', binary: 'import.a-binary' } as const)[notFile];
            report(accept, this.lang, 'import-not-file', { path, what: t(what, {}, this.lang) }, { node: imp, property: 'path' });
            return;
        }
        const cycle = imports.cycleThrough(doc);
        if (cycle && cycle[1]?.toString() === target.toString()) {
            // A long cycle shows its first and last files (the message stays short on 1,000 files).
            const shown = cycle.length > 12 ? [...cycle.slice(0, 6), undefined, ...cycle.slice(-5)] : cycle;
            const more = t('import.cycle-more', { files: cycle.length - 1 }, this.lang);
            const names = shown.map((u) => (u ? u.path.split('/').pop() : more)).join(' → ');
            report(accept, this.lang, 'import-cycle', { cycle: names }, { node: imp, property: 'path' });
        }
    }
}

const TIME_ZONES = new Map<string, boolean>();

function isTimeZone(tz: string): boolean {
    // Building a DateTimeFormat is costly; plans name few zones.
    let known = TIME_ZONES.get(tz);
    if (known === undefined) {
        known = checkTimeZone(tz);
        TIME_ZONES.set(tz, known);
    }
    return known;
}

function checkTimeZone(tz: string): boolean {
    // A canonical IANA name is valid without building a DateTimeFormat: the first one of a process
    // loads ICU's calendar data (~20 ms, most of a `community check`'s share of Intl); the zone list
    // costs ~3 ms and, read while the CLI's start-up snapshot is built, nothing at a check. Aliases
    // ("Asia/Chongqing", "US/Eastern") are not in the list and are tried the costly way.
    if (canonicalTimeZones().has(tz)) return tz.includes('/') || tz === 'UTC';
    try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return tz.includes('/') || tz === 'UTC';
    } catch {
        return false;
    }
}

let canonical: Set<string> | undefined;
function canonicalTimeZones(): Set<string> {
    return (canonical ??= new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []));
}
