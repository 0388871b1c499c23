// Output never depends on the machine's locale: one code-point comparator (engine/text.ts) orders
// every list of user text, so an English and a Swedish machine write byte-identical files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareText } from '../../engine/text.js';
import { community, ensureBuilt } from '../helpers/cli.js';
import { tempFolder } from './helpers.js';

const PLAN = `plan "Order" {
  start 2027-03-01
  horizon 2 weeks
  timezone "UTC"
  currency USD
}

community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content 张 { kind news every week on Monday at 09:00 }
  content 李 { kind news every week on Monday at 09:00 }
  content Zeta { kind news every week on Monday at 09:00 }
  content Ärger { kind news every week on Monday at 09:00 }
}
`;

beforeAll(ensureBuilt);

function files(dir: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const name of readdirSync(dir).sort(compareText)) out[name] = readFileSync(join(dir, name), 'utf8');
    return out;
}

describe('compareText', () => {
    it('orders by code point, like UTF-8 bytes, whatever the locale', () => {
        const words = ['李', 'Ärger', '张', 'Zeta', 'apfel', 'Apfel', '😀', '\uff5e', 'a', ''];
        const byBytes = [...words].sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
        expect([...words].sort(compareText)).toEqual(byBytes);
        expect(byBytes.slice(0, 7)).toEqual(['', 'Apfel', 'Zeta', 'a', 'apfel', 'Ärger', '张']);
        // Above U+FFFF after the whole BMP (plain `<` on UTF-16 units would put 😀 before U+FF5E).
        expect(compareText('😀', '\uff5e')).toBe(1);
        expect(compareText('Zeta', 'Zeta')).toBe(0);
        expect(compareText('Ze', 'Zeta')).toBe(-1);
    });

    it('compile writes the same bytes under en_US and sv_SE, items in code-point order', () => {
        const dir = tempFolder({ 'plan.community': PLAN });
        const outs = ['en_US.UTF-8', 'sv_SE.UTF-8', 'zh_CN.UTF-8'].map((locale) => {
            const out = join(dir, `out-${locale}`);
            const r = community(['compile', join(dir, 'plan.community'), '--out', out, '--runs', '20', '--lang', 'en'], {
                env: { LANG: locale, LC_ALL: locale },
            });
            expect(r.stderr).toBe('');
            expect(r.code).toBe(0);
            return files(join(out, 'plan'));
        });
        expect(outs[1]).toEqual(outs[0]);
        expect(outs[2]).toEqual(outs[0]);
        const rows = outs[0]['schedule.csv']
            .trim()
            .split('\r\n')
            .slice(1, 5)
            .map((line) => line.split(',')[6]);
        expect(rows).toEqual(['Zeta', 'Ärger', '张', '李']);
        const md = outs[0]['report.md'];
        const at = (name: string) => md.indexOf(`| ${name} |`);
        expect(at('Zeta')).toBeGreaterThan(-1);
        expect(at('Zeta')).toBeLessThan(at('Ärger'));
        expect(at('Ärger')).toBeLessThan(at('张'));
        expect(at('张')).toBeLessThan(at('李'));
    });
});
