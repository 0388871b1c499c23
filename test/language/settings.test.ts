// Settings the language services read: the check groups of `community.checks` and the workspace
// platform-limit overrides, which lowering and the platform checks use (a plan's `limit` wins).
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { diagnostics } from '../../engine/diagnostics.js';
import { createCommunityServices } from '../../language/community-module.js';
import type { Model } from '../../language/generated/ast.js';
import { lowerPlan } from '../../language/lower.js';
import { CHECK_GROUPS, CommunitySettings, disabledCodesFrom } from '../../language/settings.js';
import { loadPlatformLimits } from '../../server/settings-sync.js';

const text = (platform: string) => `plan "T" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
  market CN
}
platform Groups { kind wechat-group${platform} }
community C {
  platform Groups
  tier A { entry invite  seed 300 members  churn 1% per month }
}
`;

async function build(settings: CommunitySettings, source: string) {
    const { Community } = createCommunityServices({ ...EmptyFileSystem, settings });
    const doc = await parseHelper<Model>(Community)(source, { validation: true });
    return { doc, plan: lowerPlan(Community, doc), codes: (doc.diagnostics ?? []).map((d) => d.code) };
}

describe('community.checks groups', () => {
    it('name only codes of the diagnostics table', () => {
        for (const codes of Object.values(CHECK_GROUPS)) for (const code of codes) expect(diagnostics).toHaveProperty(code);
    });
    it('switch off a group or a single code; syntax errors and unknown names stay on', () => {
        const off = disabledCodesFrom({
            compliance: false,
            units: true,
            'promo-heavy': false,
            'syntax-error': false,
            'unresolved-reference': false,
            nonsense: false,
        });
        expect([...off].sort()).toEqual([...CHECK_GROUPS.compliance, 'promo-heavy'].sort());
        expect(disabledCodesFrom(undefined).size).toBe(0);
        expect(disabledCodesFrom(['compliance']).size).toBe(0);
    });
});

describe('workspace platform-limit overrides', () => {
    it('apply to the platform checks and to lowering', async () => {
        const settings = new CommunitySettings();
        const before = await build(settings, text(''));
        expect(before.codes).not.toContain('group-outgrown');
        expect(before.plan.platforms[0].limits['group-capacity']).toBe(500);
        settings.platformLimits = { 'wechat-group': { 'group-capacity': 100 } };
        const after = await build(settings, text(''));
        expect(after.codes).toContain('group-outgrown');
        expect(after.plan.platforms[0].limits['group-capacity']).toBe(100);
        expect(after.plan.platforms[0].limits['qr-join']).toBe(200);
    });
    it("lose to the plan's own limit", async () => {
        const settings = new CommunitySettings();
        settings.platformLimits = { 'wechat-group': { 'group-capacity': 100, 'qr-join': 150 } };
        const own = await build(settings, text('  group capacity 1000  limit qr-join 180'));
        expect(own.codes).not.toContain('group-outgrown');
        expect(own.plan.platforms[0].limits['group-capacity']).toBe(1000);
        expect(own.plan.platforms[0].limits['qr-join']).toBe(180);
    });
    it('are read from JSON checked against the platform table', () => {
        const files: Record<string, string> = {
            '/ws/ok.json': '{ "discord": { "roles": 300 } }',
            '/ws/kind.json': '{ "discrod": { "roles": 300 } }',
            '/ws/key.json': '{ "discord": { "rolez": 300 } }',
            '/ws/negative.json': '{ "discord": { "roles": -1 } }',
        };
        const read = (p: string) => {
            if (!(p in files)) throw Object.assign(new Error('missing'), { code: 'ENOENT' });
            return files[p];
        };
        expect(loadPlatformLimits('ok.json', ['/ws'], read)).toEqual({ ok: true, path: '/ws/ok.json', limits: { discord: { roles: 300 } } });
        const problem = (f: string) => {
            const r = loadPlatformLimits(f, ['/ws'], read);
            return r.ok ? '' : r.problem.message;
        };
        expect(problem('kind.json')).toMatch(/unknown platform kind "discrod"; known: wechat-group/);
        expect(problem('key.json')).toMatch(/unknown limit "rolez" for discord; known: roles, channels/);
        expect(problem('negative.json')).toMatch(/discord\.roles/);
        expect(problem('missing.json')).toMatch(/Cannot read .*\/ws\/missing\.json: ENOENT/);
    });
});
