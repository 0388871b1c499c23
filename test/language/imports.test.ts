import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { URI } from 'langium';
import { EmptyFileSystem } from 'langium';
import { loadPlansAgain } from '../helpers/workspace.js';
import { createCommunityServices } from '../../language/community-module.js';
import { CommunitySettings } from '../../language/settings.js';

const PLAN = 'plan "P" {\n  start 2027-01-04\n  horizon 8 weeks\n  currency CNY\n}\n';

function workspace(): { root: string; outside: string } {
    const base = mkdtempSync(join(tmpdir(), 'community-imports-'));
    const root = join(base, 'ws');
    const outside = join(base, 'outside');
    mkdirSync(join(root, 'shared'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, 'secret.community'), 'platform Leaked { kind discord }\n');
    writeFileSync(join(root, 'shared', 'platforms.community'), 'platform Groups { kind wechat-group }\n');
    return { root, outside };
}

async function check(root: string, text: string) {
    const file = join(root, 'plan.community');
    writeFileSync(file, text);
    const ws = await loadPlansAgain([file], { lang: 'en', root, cwd: root });
    return ws.requested[0].diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
}

describe('imports', () => {
    it('resolve relative paths and make imported names visible', async () => {
        const { root } = workspace();
        const found = await check(root, `${PLAN}import "shared/platforms.community"\ncommunity C { platform Groups }\n`);
        expect(found).toEqual([]);
    });

    it('only make names visible through an import', async () => {
        const { root } = workspace();
        const found = await check(root, `${PLAN}community C { platform Groups }\n`);
        expect(found).toEqual(['6:24 unresolved-reference']);
    });

    it('refuse ../ paths that leave the workspace', async () => {
        const { root } = workspace();
        const found = await check(root, `${PLAN}import "../outside/secret.community"\ncommunity C { platform Leaked }\n`);
        expect(found).toContain('6:8 import-outside-workspace');
        expect(found).toContain('7:24 unresolved-reference');
    });

    it('refuse absolute paths', async () => {
        const { root, outside } = workspace();
        const found = await check(root, `${PLAN}import "${join(outside, 'secret.community')}"\n`);
        expect(found).toEqual(['6:8 import-outside-workspace']);
    });

    it('refuse a symlink inside the workspace that points outside it', async () => {
        const { root, outside } = workspace();
        symlinkSync(outside, join(root, 'linked'));
        const found = await check(root, `${PLAN}import "linked/secret.community"\ncommunity C { platform Leaked }\n`);
        expect(found).toContain('6:8 import-outside-workspace');
        expect(found).toContain('7:24 unresolved-reference');
    });

    it('report cycles on the importing line of each file in the cycle', async () => {
        const { root } = workspace();
        writeFileSync(join(root, 'b.community'), 'import "plan.community"\n');
        const found = await check(root, `${PLAN}import "b.community"\n`);
        expect(found).toEqual(['6:8 import-cycle']);
    });
});

describe('imports without workspace roots', () => {
    it("fall back to the importing file's folder as the root", () => {
        const settings = new CommunitySettings();
        expect(settings.roots).toEqual([]);
        const imports = createCommunityServices({ ...EmptyFileSystem, settings }).Community.community.Imports;
        const from = URI.file('/home/u/plans/main.community');
        expect(imports.refusal(from, 'shared/platforms.community')).toBeUndefined();
        expect(imports.refusal(from, 'sibling.community')).toBeUndefined();
        expect(imports.refusal(from, '../secret.community')).toBe('outside');
        expect(imports.refusal(from, 'shared/../../secret.community')).toBe('outside');
        expect(imports.refusal(from, '/etc/secret.community')).toBe('outside');
        settings.roots = ['/home/u'];
        expect(imports.refusal(from, '../secret.community')).toBeUndefined();
    });
});
