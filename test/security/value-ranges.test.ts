// Numbers that passed check and failed later (or were silently reinterpreted) are refused at check,
// with a coded diagnostic and the allowed range, so nothing that checks fails in simulate or compile.
import { describe, expect, it } from 'vitest';
import { validate } from '../helpers/language.js';

const plan = (body: string, { start = '2027-01-04', horizon = '8 weeks' } = {}) => `plan "T" {
  start ${start}
  horizon ${horizon}
  timezone "Asia/Shanghai"
  currency CNY
}
community C {
  tier A { seed 100 members }
${body}
}
`;

async function found(text: string, lang: 'en' | 'zh-CN' = 'en'): Promise<string[]> {
    const { diagnostics } = await validate(text, lang);
    return diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1} ${d.code}: ${d.message}`);
}

describe('value ranges at check', () => {
    it('every N: a whole number from 1 to 3,650', async () => {
        expect(await found(plan('  content Tips { kind educational  every 0 days at 09:00 }'))).toEqual([
            '9 out-of-range: The interval of "every" must be a whole number from 1 to 3,650, but is 0.',
        ]);
        expect(await found(plan('  content Tips { kind educational  every 1e308 days at 09:00 }'))).toEqual([
            '9 out-of-range: The interval of "every" must be a whole number from 1 to 3,650, but is 1e+308.',
        ]);
        expect(await found(plan('  content Tips { kind educational  every 2.5 days at 09:00 }'))).toHaveLength(1);
        expect(await found(plan('  content Tips { kind educational  every 2 days at 09:00 }'))).toEqual([]);
    });

    it('N times: a whole number from 1 to 100,000', async () => {
        expect(await found(plan('  content Tips { kind educational  every day at 09:00 0 times }'))).toEqual([
            '9 out-of-range: The number of times must be a whole number from 1 to 100,000, but is 0.',
        ]);
    });

    it('lasts: at most the longest horizon', async () => {
        for (const lasts of ['1e308 minutes', '100000000 days']) {
            const out = await found(plan(`  activity Meet { online workshop  on 2027-01-10 at 10:00  lasts ${lasts} }`));
            expect(out).toHaveLength(1);
            expect(out[0]).toMatch(/^9 out-of-range: duration must be above 0 and at most 520 weeks, but is /);
        }
        expect(await found(plan('  activity Meet { online workshop  on 2027-01-10 at 10:00  lasts 3 days }'))).toEqual([]);
    });

    it('dates: years 1900 to 2200', async () => {
        const out = await found(plan('', { start: '9999-06-01' }));
        expect(out).toEqual(['2 out-of-range: date must be a date from 1900-01-01 to 2200-12-31, but is 9999-06-01.']);
        const zh = await found(plan('', { start: '1800-01-01' }), 'zh-CN');
        expect(zh[0]).toContain('1900-01-01 至 2200-12-31 之间的日期');
    });

    it('horizon in weeks: whole weeks, at least one', async () => {
        expect(await found(plan('', { horizon: '0.5 weeks' }))).toEqual(['3 out-of-range: The horizon must be whole weeks from 1 to 520, but is 0.5 weeks.']);
        expect(await found(plan('', { horizon: '2.5 weeks' }))).toHaveLength(1);
        expect(await found(plan('', { horizon: '14 days' }))).toEqual([]);
    });

    it('expanded events: at most 100,000 per schedule (1,440 posts a day for 520 weeks)', async () => {
        const times = Array.from({ length: 1440 }, (_, i) => `${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`).join(', ');
        const out = await found(plan(`  content Flood { kind news  every day at ${times} }`, { horizon: '520 weeks' }));
        expect(out).toEqual([
            '9 too-many-events: This schedule expands to about 5,241,600 events over 520 weeks, above the limit of 100,000 per schedule: space it out, add "N times" or shorten the horizon.',
        ]);
        // The same with a count stays inside.
        expect(await found(plan(`  content Flood { kind news  every day at ${times} 5000 times }`, { horizon: '520 weeks' }))).toEqual([]);
    });
});
