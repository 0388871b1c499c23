// Scenario overrides checked by the engine code that applies them (engine/scenario.ts) on the same
// plan model the forecast reads: whatever `community check` accepts, `simulate --scenario` runs.
// Units and ranges of the new values are checked in values.ts; unknown names by the linker.
import { t, type PlainMessageKey } from '../../engine/messages.js';
import { AstUtils, type ValidationAcceptor } from 'langium';
import { applyScenario, ScenarioError } from '../../engine/scenario.js';
import type { CommunityServices } from '../community-module.js';
import { isDrop, isOverride, type Scenario } from '../generated/ast.js';
import { report } from './report.js';

/** The engine names item kinds in English (engine/scenario.ts); these are their words per language. */
const KIND_WORDS: Record<string, PlainMessageKey> = {
    the: 'override.kind.the',
    plan: 'override.kind.plan',
    platform: 'override.kind.platform',
    audience: 'override.kind.audience',
    community: 'override.kind.community',
    tier: 'override.kind.tier',
    content: 'override.kind.content',
    activity: 'override.kind.activity',
    referral: 'override.kind.referral',
    channel: 'override.kind.channel',
    KPI: 'override.kind.kpi',
};

export function checkScenario(services: CommunityServices, scenario: Scenario, accept: ValidationAcceptor): void {
    const plan = services.community.PlanModel.planOf(AstUtils.getDocument(scenario)).plan;
    if (!plan || !plan.scenarios.some((s) => s.name === scenario.name)) return;
    try {
        applyScenario(plan, scenario.name);
    } catch (e) {
        if (!(e instanceof ScenarioError) || !e.problem) return;
        const { kind, index, params } = e.problem;
        const lang = services.community.Settings.lang;
        const overrides = scenario.changes.filter(isOverride);
        // A name dropped twice: the engine finds nothing to drop the second time (found by the fuzz suite).
        if (kind === 'unknown-drop') {
            const same = scenario.changes.filter(isDrop).filter((d) => d.target.$refText === params.name);
            if (same.length > 1) report(accept, lang, 'drop-twice', { scenario: scenario.name, name: params.name }, { node: same[1], property: 'target' });
            return;
        }
        // Drops are applied after the overrides; the linker already reports a drop of an unknown name.
        if (kind === 'unknown-target' || kind === 'unknown-scenario') return;
        const node = overrides[index ?? 0];
        if (!node) return;
        const kindWord = (k: string) => (KIND_WORDS[k] ? t(KIND_WORDS[k], {}, lang) : k);
        const kinds = (list: string) =>
            list
                .split(', ')
                .map(kindWord)
                .join(t('list.and', {}, lang));
        if (kind === 'unknown-property') {
            report(
                accept,
                lang,
                'override-unknown-property',
                { property: params.property, kind: kindWord(params.kind), name: params.name, known: params.known },
                { node, property: 'property' },
            );
        } else if (kind === 'ambiguous-target') {
            report(accept, lang, 'override-ambiguous', { name: params.name, kinds: kinds(params.kinds) }, { node, property: 'target' });
        } else if (kind === 'needs-period') {
            report(accept, lang, 'override-needs-period', { property: params.property }, { node, property: 'value' });
        }
    }
}
