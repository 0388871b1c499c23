// Actuals in: the canonical layout, each built-in export mapping on a fixture with the export's real
// columns, XLSX, daily → weekly roll-up in the plan's time zone, and every malformed-file case as a
// coded finding with the file's row and column.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadActuals } from '../../language/actuals/load.js';
import { parseActuals, type PlanFrame } from '../../engine/actuals/parse.js';
import { bundledExcel, readCsv, readTable } from '../../engine/actuals/read.js';
import { formatStored } from '../../engine/diagnostics.js';
import { fitnessPlan, TRUTH } from './synthetic.js';

const FIX = join(import.meta.dirname, 'fixtures');
const frame: PlanFrame = {
    start: '2027-01-04',
    horizonWeeks: 26,
    timezone: 'Asia/Shanghai',
    tiers: ['Prospect', 'Core', 'Ambassador'],
    channels: ['DouyinAds'],
};
const parseText = (text: string, mapping?: string) => parseActuals(readCsv(text), frame, mapping);
const week = (r: ReturnType<typeof parseText>, key: string) => [...(r.actuals?.series.get(key) ?? [])].slice(0, 4);

describe('built-in export mappings', () => {
    it('WeCom customer-group statistics (CSV): daily rows roll up to plan weeks', async () => {
        const table = await readTable('x.csv', readFileSync(join(FIX, 'wecom-group-stats.csv')), bundledExcel);
        const r = parseActuals(table, frame);
        expect(r.problems).toEqual([]);
        expect(r.actuals!.mapping).toBe('wecom');
        // joins 40..46 in week 1 (sum), members at the week's last day, active: the largest day
        expect(week(r, 'joins').slice(0, 3)).toEqual([40 + 41 + 42 + 43 + 44 + 45 + 46, 47 + 48 + 49 + 50 + 51 + 52 + 53, 54 + 55 + 56 + 57 + 58 + 59 + 60]);
        expect(r.actuals!.series.get('active')![0]).toBe(66);
        const members = r.actuals!.series.get('members')!;
        expect(members[0]).toBe(300 + (40 + 41 + 42 + 43 + 44 + 45 + 46) - (5 + 6 + 7 + 5 + 6 + 7 + 5));
        expect(r.actuals!.weeks).toEqual([0, 1, 2]);
    });

    it('WeCom statistics as XLSX (exceljs): dates and numbers read from cells', async () => {
        const table = await readTable('x.xlsx', readFileSync(join(FIX, 'wecom-group-stats.xlsx')), bundledExcel);
        const r = parseActuals(table, frame);
        expect(r.problems).toEqual([]);
        expect(week(r, 'joins').slice(0, 2)).toEqual([350, 350]);
        expect(week(r, 'leaves').slice(0, 2)).toEqual([28, 28]);
        expect(r.actuals!.series.get('members')![1]).toBe(300 + 14 * 46);
    });

    it("Discord Server Insights: UTC timestamps land on the plan time zone's days", () => {
        const r = parseText(readFileSync(join(FIX, 'discord-growth-activation.csv'), 'utf8'));
        expect(r.problems).toEqual([]);
        expect(r.actuals!.mapping).toBe('discord');
        // 2027-01-04T00:00Z is 08:00 in Shanghai: still the 4th, so week 1 holds days 0..6
        expect(week(r, 'joins').slice(0, 2)).toEqual([20 + 21 + 22 + 23 + 24 + 25 + 26, 27 + 28 + 29 + 30 + 31 + 32 + 33]);
        // In Los Angeles the same instants are the previous evening: the first falls before the plan.
        const la = parseActuals(readCsv(readFileSync(join(FIX, 'discord-growth-activation.csv'), 'utf8')), { ...frame, timezone: 'America/Los_Angeles' });
        expect(la.problems[0]).toMatchObject({ code: 'actuals-week-outside', row: 2, col: 1 });
    });

    it('Discourse report export ("Day", "Count"): signups by default, engaged users by name', () => {
        const text = readFileSync(join(FIX, 'discourse-signups.csv'), 'utf8');
        const r = parseText(text);
        expect(r.problems).toEqual([]);
        expect(r.actuals!.mapping).toBe('discourse-signups');
        expect(week(r, 'joins')[0]).toBe(3 + 4 + 5 + 6 + 3 + 4 + 5);
        const engaged = parseText(text, 'discourse-engaged-users');
        expect(engaged.actuals!.series.has('active')).toBe(true);
    });

    it('canonical long layout: tier rows, totals and spend per channel', () => {
        const r = parseText(readFileSync(join(FIX, 'canonical-weekly.csv'), 'utf8'));
        expect(r.problems).toEqual([]);
        expect(week(r, 'members:Prospect')).toEqual([700, 1100, 1500, 1900]);
        expect(week(r, 'members:Core')).toEqual([30, 60, 90, 120]);
        expect(week(r, 'spend:DouyinAds')).toEqual([3000, 3000, 3000, 3000]);
        expect(week(r, 'joins')).toEqual([720, 740, 760, 780]);
    });
});

describe('malformed actuals: a coded finding with the row and column', () => {
    const cases: [string, string, string, number, number][] = [
        ['bad header (no week or date)', 'month,members\n1,300\n', 'actuals-bad-header', 1, 1],
        ['unknown column', 'week,members,likes\n1,300,5\n', 'actuals-unknown-column', 1, 3],
        ['unknown tier column', 'week,members:VIP\n1,300\n', 'actuals-unknown-column', 1, 2],
        ['non-numeric cell', 'week,members,joins\n1,300,12\n2,310,many\n', 'actuals-not-a-number', 3, 3],
        ['week outside the plan', 'week,members\n1,300\n27,320\n', 'actuals-week-outside', 3, 1],
        ['date before the plan', 'date,joins\n2026-12-31,3\n', 'actuals-week-outside', 2, 1],
        ['duplicate week', 'week,members\n1,300\n2,310\n2,320\n', 'actuals-duplicate-week', 4, 1],
        ['negative count', 'week,members,leaves\n1,300,-4\n', 'actuals-negative', 2, 3],
        ['unknown tier in a tier column', 'week,tier,members\n1,VIP,30\n', 'actuals-unknown-tier', 2, 2],
        ['not a date', 'date,joins\nyesterday,3\n', 'actuals-not-a-number', 2, 1],
    ];
    for (const [name, text, code, row, col] of cases) {
        it(name, () => {
            const r = parseText(text);
            expect(r.actuals).toBeUndefined();
            expect(r.problems[0]).toMatchObject({ code, row, col });
        });
    }

    it('file-level problems: missing, unreadable, and messages that name file:row:col (en, zh-CN)', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'actuals-'));
        const plan = fitnessPlan(TRUTH, true);
        const missing = await loadActuals(join(dir, 'nope.csv'), 'data/nope.csv', plan, plan.communities[0]);
        expect(missing.findings[0].code).toBe('actuals-missing');
        writeFileSync(join(dir, 'latin1.csv'), Buffer.from([0x77, 0x65, 0x65, 0x6b, 0x0a, 0xe9, 0xff, 0x0a]));
        const unreadable = await loadActuals(join(dir, 'latin1.csv'), 'latin1.csv', plan, plan.communities[0]);
        expect(unreadable.findings[0].code).toBe('actuals-unreadable');
        writeFileSync(join(dir, 'broken.xlsx'), 'not a workbook');
        expect((await loadActuals(join(dir, 'broken.xlsx'), 'broken.xlsx', plan, plan.communities[0])).findings[0].code).toBe('actuals-unreadable');
        writeFileSync(join(dir, 'bad.csv'), 'week,members\n1,300\n2,lots\n');
        const bad = await loadActuals(join(dir, 'bad.csv'), 'data/bad.csv', plan, plan.communities[0]);
        expect(formatStored(bad.findings[0].code, bad.findings[0].args, 'en')).toBe('data/bad.csv:3:2: "lots" in column "members" is not a number.');
        expect(formatStored(bad.findings[0].code, bad.findings[0].args, 'zh-CN')).toBe('data/bad.csv:3:2：“members”列中的“lots”不是数字。');
    });
});

describe('every built-in mapping calibrates', () => {
    it('each fixture parses and gives a fit with P10 ≤ P50 ≤ P90 for what it informs', async () => {
        const { Assumptions } = await import('../../engine/assumptions.js');
        const { compileCommunity } = await import('../../engine/compile.js');
        const { calibrateCommunity } = await import('../../engine/calibrate/calibrate.js');
        const plan = fitnessPlan(TRUTH, true);
        const compiled = compileCommunity(plan, plan.communities[0], new Assumptions(plan.assumptions));
        for (const [file, mapping] of [
            ['wecom-group-stats.csv', 'wecom'],
            ['wecom-group-stats.xlsx', 'wecom'],
            ['discord-growth-activation.csv', 'discord'],
            ['discourse-signups.csv', 'discourse-signups'],
            ['canonical-weekly.csv', 'canonical'],
        ]) {
            const loaded = await loadActuals(join(FIX, file), file, plan, plan.communities[0]);
            expect(loaded.findings, file).toEqual([]);
            expect(loaded.actuals!.mapping).toBe(mapping);
            const cal = calibrateCommunity(compiled, loaded.actuals!, { seed: 1, draws: 120 });
            const fitted = cal.quantities.filter((q) => q.fitted);
            expect(fitted.length, file).toBeGreaterThan(0);
            for (const q of fitted) expect(q.fitted!.p10 <= q.fitted!.p50 && q.fitted!.p50 <= q.fitted!.p90, `${file} ${q.quantity.id}`).toBe(true);
        }
    }, 60_000);
});
