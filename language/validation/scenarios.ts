// Scenario overrides checked by the engine code that applies them (engine/scenario.ts) on the same
// plan model the forecast reads: whatever `community check` accepts, `simulate --scenario` runs.
// Units and ranges of the new values are checked in values.ts; unknown names by the linker.
import { AstUtils, type ValidationAcceptor } from 'langium';
import { applyScenario, ScenarioError } from '../../engine/scenario.js';
import type { CommunityServices } from '../community-module.js';
import { isDrop, isOverride, type Scenario } from '../generated/ast.js';
import { report } from './report.js';

const KIND_ZH: Record<string, string> = {
    the: '', plan: '计划', platform: '平台', audience: '受众', community: '社群', tier: '层级', content: '内容',
    activity: '活动', referral: '裂变活动', channel: '渠道', KPI: '指标',
};

export function checkScenario(services: CommunityServices, scenario: Scenario, accept: ValidationAcceptor): void {
    const plan = services.community.PlanModel.planOf(AstUtils.getDocument(scenario)).plan;
    if (!plan || !plan.scenarios.some((s) => s.name === scenario.name)) return;
    try {
        applyScenario(plan, scenario.name);
    } catch (e) {
        if (!(e instanceof ScenarioError) || !e.problem) return;
        const { kind, index, params } = e.problem;
        const zh = services.community.Settings.lang === 'zh-CN';
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
        const kinds = (list: string) => (zh ? list.split(', ').map((k) => KIND_ZH[k] ?? k).join('和') : list.split(', ').join(' and '));
        if (kind === 'unknown-property') {
            report(accept, lang, 'override-unknown-property', { property: params.property, kind: zh ? (KIND_ZH[params.kind] ?? params.kind) : params.kind, name: params.name, known: params.known }, { node, property: 'property' });
        } else if (kind === 'ambiguous-target') {
            report(accept, lang, 'override-ambiguous', { name: params.name, kinds: kinds(params.kinds) }, { node, property: 'target' });
        } else if (kind === 'needs-period') {
            report(accept, lang, 'override-needs-period', { property: params.property }, { node, property: 'value' });
        }
    }
}
