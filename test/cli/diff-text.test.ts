// community diff says what changed in words a plan uses: rates keep "per member", changed events show the field that changed.
import { copyFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';

beforeAll(() => ensureBuilt());

describe('community diff text', () => {
    it('keeps "per member" on invitation rates and shows the field of a changed event', () => {
        const dir = mkdtempSync(join(tmpdir(), 'diff-'));
        cpSync(join(ROOT, 'examples/shared'), join(dir, 'shared'), { recursive: true });
        copyFileSync(join(ROOT, 'examples/fitness-wechat.community'), join(dir, 'a.community'));
        const text = readFileSync(join(dir, 'a.community'), 'utf8');
        const changed = text
            .replace('invites 0.8 per member per month', 'invites 1.2 per member per month')
            .replace('capacity 60  staff 3', 'capacity 60  staff 4');
        expect(changed).not.toBe(text);
        writeFileSync(join(dir, 'b.community'), changed);
        const r = community(['diff', 'a.community', 'b.community', '--runs', '20'], { cwd: dir });
        expect(r.code, r.stderr).toBe(0);
        expect(r.stdout).toMatch(/0\.8 per member per month → 1\.2 per member per month/);
        const row = r.stdout.split('\n').find((l) => l.includes('SpringSalon') && l.includes('changed'));
        expect(row).toMatch(/staff 3\).*staff 4\)/);
    }, 120_000);
});
