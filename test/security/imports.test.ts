// Imports at scale and at the edges: a 1,000-file cycle or chain and 1,000 self-imports resolve in
// linear-ish time; only regular text files are read (a folder, FIFO or binary gets import-not-file);
// the file read is checked through the opened handle, so a swapped symlink cannot leak an outside file.
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { readPlanText } from '../../cli/files.js';
import { loadPlans } from '../../cli/workspace.js';
import { tempFolder } from '../compile/helpers.js';
import { mkfifoSync } from './fifo.js';

const HEAD = 'plan "T" {\n  start 2027-01-04\n  horizon 8 weeks\n  timezone "Asia/Shanghai"\n  currency CNY\n}\n';
const N = 1_000;

async function timedCodes(dir: string, file: string) {
    // CPU time of this process, so other work on a shared machine does not count.
    const t = process.cpuUsage();
    const ws = await loadPlans([join(dir, file)], { lang: 'en', root: dir });
    const used = process.cpuUsage(t);
    const ms = (used.user + used.system) / 1000;
    const codes = ws.plans.flatMap((p) => p.diagnostics.map((d) => String(d.code)));
    return { ms, codes, files: ws.plans.length, ws };
}

describe('import resolution at scale', () => {
    // Time the resolution, not the first load of the grammar and the JIT warm-up.
    beforeAll(async () => {
        await timedCodes(tempFolder({ 'w.community': `${HEAD}import "v.community"\n`, 'v.community': 'import "w.community"\n' }), 'w.community');
    });

    it(`a ${N}-file import cycle: every file reports import-cycle, in ≤ 2 s`, async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < N; i++) files[`f${i}.community`] = `${i === 0 ? HEAD : ''}import "f${(i + 1) % N}.community"\nplatform P${i} { kind discord }\n`;
        const { ms, codes, files: count, ws } = await timedCodes(tempFolder(files), 'f0.community');
        expect(count).toBe(N);
        expect(codes.filter((c) => c === 'import-cycle')).toHaveLength(N);
        expect(String(ws.plans[0].diagnostics[0].message)).toBe(
            'Import cycle: f0.community → f1.community → f2.community → f3.community → f4.community → f5.community → … (1000 files) … → f996.community → f997.community → f998.community → f999.community → f0.community.',
        );
        expect(ms).toBeLessThan(2_000);
    }, 30_000);

    it(`a ${N}-file import chain checks clean in ≤ 2 s`, async () => {
        const files: Record<string, string> = {};
        for (let i = 0; i < N; i++)
            files[`f${i}.community`] = `${i === N - 1 ? HEAD : ''}${i < N - 1 ? `import "f${i + 1}.community"\n` : ''}platform P${i} { kind discord }\n`;
        const { ms, codes, files: count } = await timedCodes(tempFolder(files), 'f0.community');
        expect(count).toBe(N);
        expect(codes).toEqual([]);
        expect(ms).toBeLessThan(2_000);
    }, 30_000);

    it(`${N} self-imports: one cycle each, in ≤ 1 s`, async () => {
        const { ms, codes } = await timedCodes(tempFolder({ 'f.community': HEAD + 'import "f.community"\n'.repeat(N) }), 'f.community');
        expect(codes.filter((c) => c === 'import-cycle')).toHaveLength(N);
        expect(ms).toBeLessThan(1_000);
    }, 30_000);
});

describe('only regular text files are imported', () => {
    it('a folder, a FIFO and a binary file each get import-not-file, and nothing blocks', async () => {
        const dir = tempFolder({ 'main.community': `${HEAD}import "folder.community"\nimport "pipe.community"\nimport "blob.community"\n` });
        mkdirSync(join(dir, 'folder.community'));
        mkfifoSync(join(dir, 'pipe.community'));
        writeFileSync(join(dir, 'blob.community'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]));
        const ws = await loadPlans([join(dir, 'main.community')], { lang: 'en', root: dir });
        const found = ws.plans[0].diagnostics.map((d) => `${d.range.start.line + 1} ${d.code} ${d.message}`);
        expect(found).toEqual([
            '7 import-not-file Import "folder.community" is a folder, not a .community plan file.',
            '8 import-not-file Import "pipe.community" is a device or pipe, not a .community plan file.',
            '9 import-not-file Import "blob.community" is a binary file, not a .community plan file.',
        ]);
        const zh = await loadPlans([join(dir, 'main.community')], { lang: 'zh-CN', root: dir });
        expect(String(zh.plans[0].diagnostics[0].message)).toBe('导入的“folder.community”是文件夹，不是 .community 计划文件。');
    });

    it('checks the real path of the opened file, not of the name checked before', () => {
        const outside = tempFolder({ 'secret.community': 'platform Leaked { kind discord }\n' });
        const dir = tempFolder();
        symlinkSync(join(outside, 'secret.community'), join(dir, 'swapped.community'));
        expect(() => readPlanText(join(dir, 'swapped.community'), 'swapped.community', Infinity, (real) => real.startsWith(dir))).toThrow(
            'cannot read "swapped.community": it is outside the workspace.',
        );
        expect(readPlanText(join(dir, 'swapped.community'), 'swapped.community', Infinity, (real) => real.startsWith(outside)).text).toContain('Leaked');
    });
});
