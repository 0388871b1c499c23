// loadPlans into the services of an earlier load (LoadOptions.reuse, what the unit suites' loader
// does): the earlier plans are gone, the settings are those of the new load, and what it reports is
// what fresh services report.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlans, type LoadedWorkspace } from '../../cli/workspace.js';
import { tempFolder } from '../compile/helpers.js';

const HEAD = 'plan "T" {\n  start 2027-01-04\n  horizon 8 weeks\n  timezone "Asia/Shanghai"\n  currency CNY\n}\n';

const shown = (ws: LoadedWorkspace) => ws.plans.flatMap((p) => p.diagnostics.map((d) => `${p.shown}:${d.range.start.line + 1} ${d.code} ${d.message}`));

describe('loadPlans with the services of an earlier load', () => {
    it('sees none of the earlier plans, speaks the new language and reports what fresh services report', async () => {
        const first = tempFolder({ 'a.community': `${HEAD}platform Groups { kind wechat-group }\n` });
        const earlier = await loadPlans([join(first, 'a.community')], { lang: 'zh-CN', root: first, cwd: first });
        expect(shown(earlier)).toEqual([]);

        // The same platform name again (no duplicate-name against the earlier plan), and a name only the earlier plan had.
        const second = tempFolder({ 'b.community': `${HEAD}platform Groups { kind wechat-group }\ncommunity C {\n  platform Groups\n  platform Lost\n}\n` });
        const fresh = await loadPlans([join(second, 'b.community')], { lang: 'en', root: second, cwd: second });
        const again = await loadPlans([join(second, 'b.community')], { lang: 'en', root: second, cwd: second, reuse: earlier });
        expect(again.services).toBe(earlier.services);
        expect(again.services.shared.workspace.LangiumDocuments.all.map((d) => d.uri.fsPath).toArray()).toEqual([join(second, 'b.community')]);
        expect(shown(again)).toEqual(shown(fresh));
        expect(shown(again).some((d) => d.includes('unresolved-reference') && d.includes('Lost'))).toBe(true);
        expect(again.services.community.Settings.roots).toEqual(fresh.services.community.Settings.roots);
    });

    it('reads the files again: a plan changed on disk since the earlier load is checked as it is now', async () => {
        const dir = tempFolder({ 'p.community': `${HEAD}platform Groups { kind wechat-group }\n` });
        const earlier = await loadPlans([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir });
        writeFileSync(join(dir, 'p.community'), `${HEAD}community C { platform Nowhere }\n`);
        const again = await loadPlans([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir, reuse: earlier });
        expect(shown(again)).toEqual(shown(await loadPlans([join(dir, 'p.community')], { lang: 'en', root: dir, cwd: dir })));
        expect(shown(again).length).toBeGreaterThan(0);
    });
});
