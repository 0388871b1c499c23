// The team's exports, read back by independent readers: plan.xlsx and sop.xlsx with Debian's
// python3-openpyxl (sheet names, headers, cell types, values, no formulas), the SOP sheet of every
// example against schedule.csv (one row per occurrence per group), Chinese CSV headers, byte-for-byte
// determinism, and report.pdf through Chromium checked with poppler's pdfinfo and pdftotext.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_COLUMNS } from '../../engine/csv.js';
import type { Lang } from '../../engine/diagnostics.js';
import type { Plan } from '../../engine/model.js';
import { compilePlan, type CompiledPlan } from '../../engine/report/outputs.js';
import { SCHEDULE_HEADERS_ZH } from '../../engine/report/table-csv.js';
import { planFromFile, planFromText, ROOT, tempFolder } from './helpers.js';
import { ensureBuilt, finished } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

const PYTHON = '/usr/bin/python3';
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .sort();

/** Reads workbooks with openpyxl, in one Python process: per path, per sheet its rows, each cell as [type, value] (dates as ISO text). */
function openpyxlAll(paths: string[]): Record<string, [string, unknown][][]>[] {
    const script = `
import json, sys, datetime, openpyxl
books = []
for path in sys.argv[1:]:
    wb = openpyxl.load_workbook(path)
    out = {}
    for ws in wb.worksheets:
        rows = []
        for row in ws.iter_rows():
            cells = []
            for c in row:
                v = c.value
                if isinstance(v, datetime.datetime):
                    v = v.isoformat()
                cells.append([c.data_type, v])
            rows.append(cells)
        out[ws.title] = rows
    books.append(out)
print(json.dumps(books, ensure_ascii=False))
`;
    const r = spawnSync(PYTHON, ['-c', script, ...paths], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    if (r.status !== 0) throw new Error(r.stderr);
    return JSON.parse(r.stdout);
}

/** One workbook read with openpyxl. */
function openpyxl(path: string): Record<string, [string, unknown][][]> {
    return openpyxlAll([path])[0];
}

function write(c: CompiledPlan): string {
    const dir = tempFolder();
    for (const f of c.files) writeFileSync(join(dir, f.name), f.content);
    return dir;
}

const text = (c: CompiledPlan, name: string) => c.files.find((f) => f.name === name)!.content as string;

beforeAll(() => {
    expect(
        existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import openpyxl']).status === 0,
        'python3-openpyxl is needed: apt-get install -y python3-openpyxl',
    ).toBe(true);
});

describe.each(EXAMPLES)('exports of %s', (file) => {
    let plan: Plan;
    const compiled: Partial<Record<Lang, CompiledPlan>> = {};
    /** The workbooks of each language as openpyxl reads them (one Python process for all four). */
    const books: Partial<Record<Lang, { plan: Record<string, [string, unknown][][]>; sop: Record<string, [string, unknown][][]> }>> = {};
    beforeAll(async () => {
        plan = await planFromFile(join(ROOT, 'examples', file));
        for (const lang of ['en', 'zh-CN'] as const)
            compiled[lang] = await compilePlan(plan, { formats: ['csv', 'xlsx', 'sop'], runs: 60, seed: 42, scenario: null, lang, sensitivityRuns: 50 });
        const dirs = (['en', 'zh-CN'] as const).map((lang) => write(compiled[lang]!));
        const read = openpyxlAll(dirs.flatMap((dir) => [join(dir, 'plan.xlsx'), join(dir, 'sop.xlsx')]));
        books.en = { plan: read[0], sop: read[1] };
        books['zh-CN'] = { plan: read[2], sop: read[3] };
    });

    it('plan.xlsx has the schedule, weekly bands, KPIs and costs, with real dates and numbers, in both languages', () => {
        for (const [lang, names] of [
            ['en', ['Schedule', 'Weekly forecast', 'KPIs', 'Costs']],
            ['zh-CN', ['日程', '每周预测', '关键指标', '成本']],
        ] as const) {
            const c = compiled[lang]!;
            const book = books[lang]!.plan;
            expect(Object.keys(book)).toEqual(names);
            const schedule = book[names[0]];
            const csv = parse(text(c, 'schedule.csv'), { bom: true }) as string[][];
            expect(schedule.map((r) => r.length)).toEqual(csv.map((r) => r.length));
            expect(schedule[0].map(([, v]) => v)).toEqual(csv[0]);
            expect(schedule).toHaveLength(c.schedule.occurrences.length + 1);
            c.schedule.occurrences.forEach((o, i) => {
                const row = schedule[i + 1];
                expect(row[0]).toEqual(['d', `${o.date}T00:00:00`]);
                // The start is the local wall-clock time in the plan's zone (all-day items: midnight).
                expect(row[3]).toEqual(['d', `${o.date}T${o.time || '00:00'}:00`]);
                expect(row[4]).toEqual(['n', o.week]);
                expect(row[6]).toEqual(['s', o.item]);
                if (o.cost !== null) expect(row[13]).toEqual(['n', Math.round(o.cost * 100) / 100]);
            });
            const weekly = book[names[1]];
            const community = c.forecast!.forecasts[0].communities[0];
            const members = community.series.find((s) => s.key === 'members')!;
            const firstMembers = weekly.find((r) => r[1][1] === 'members' && r[3][1] === 1)!;
            expect(firstMembers[2]).toEqual(['s', lang === 'zh-CN' ? '成员数' : 'Members']);
            expect(firstMembers[4]).toEqual(['d', `${community.weeks[0].start}T00:00:00`]);
            expect(firstMembers.slice(5, 8)).toEqual([
                ['n', members.p10[0]],
                ['n', members.p50[0]],
                ['n', members.p90[0]],
            ]);
            const kpis = book[names[2]];
            expect(kpis).toHaveLength(community.kpis.length + 1);
            community.kpis.forEach((k, i) => expect(kpis[i + 1][9]).toEqual(['n', k.probability]));
            const costs = book[names[3]];
            expect(costs.length).toBeGreaterThan(1);
            for (const row of costs.slice(1)) expect(row[3][0]).toBe('n');
        }
    });

    it('the SOP sheet has one row per scheduled item per group, adding up to schedule.csv, as CSV and xlsx', () => {
        for (const lang of ['en', 'zh-CN'] as const) {
            const c = compiled[lang]!;
            const schedule = parse(text(c, 'schedule.csv'), { bom: true, columns: false }) as string[][];
            const tiersCol = CSV_COLUMNS.indexOf('tiers');
            const expected = new Map<string, number>();
            for (const row of schedule.slice(1)) {
                const key = `${row[0]}|${row[1]}|${row[CSV_COLUMNS.indexOf('item')]}`;
                const groups = row[tiersCol] === '' ? 1 : row[tiersCol].split(';').length;
                expected.set(key, (expected.get(key) ?? 0) + groups);
            }
            const allDay = lang === 'zh-CN' ? '全天' : 'all day';
            const count = (rows: string[][]) => {
                const got = new Map<string, number>();
                for (const r of rows) {
                    const key = `${r[0]}|${r[1] === allDay ? '' : r[1]}|${r[8]}`;
                    got.set(key, (got.get(key) ?? 0) + 1);
                }
                return got;
            };
            const sop = parse(text(c, 'sop.csv'), { bom: true }) as string[][];
            expect(sop[0]).toEqual(
                lang === 'zh-CN'
                    ? ['日期', '时间', '星期', '社群', '群/层级', '类型', '内容类型', '标题', '项目', '负责人', '渠道', '检查清单']
                    : ['Date', 'Time', 'Weekday', 'Community', 'Group / tier', 'Kind', 'Content kind', 'Title', 'Item', 'Owner', 'Channel', 'Checklist'],
            );
            expect(count(sop.slice(1))).toEqual(expected);
            expect(sop.length - 1).toBe([...expected.values()].reduce((a, b) => a + b, 0));
            const book = books[lang]!.sop;
            const sheet = book[lang === 'zh-CN' ? '社群SOP' : 'Community SOP'];
            expect(sheet.map((r) => r.map(([t, v]) => (t === 'd' ? String(v).slice(0, 10) : (v ?? '')))).map((r) => r.map(String))).toEqual(
                sop.map((r) => r.map((v) => v.replace(/^'(?=[=+\-@])/, ''))),
            );
            for (const r of sheet.slice(1)) expect(r[0][0]).toBe('d');
            if (lang === 'zh-CN') for (const r of sop.slice(1)) expect(r[2]).toMatch(/^周[一二三四五六日]$/);
        }
    });

    it('schedule.csv has Chinese headers with --lang zh-CN and the same rows', () => {
        const en = text(compiled.en!, 'schedule.csv').split('\r\n');
        const zh = text(compiled['zh-CN']!, 'schedule.csv').split('\r\n');
        expect(en[0]).toBe(CSV_COLUMNS.join(','));
        expect(zh[0]).toBe(CSV_COLUMNS.map((c) => SCHEDULE_HEADERS_ZH[c]).join(','));
        expect(zh.slice(1)).toEqual(en.slice(1));
    });
});

describe('xlsx safety and determinism', () => {
    it('keeps formula-looking plan text as text cells, and gives the same bytes twice', async () => {
        const p = await planFromText(`plan "=HYPERLINK(\\"http://evil\\",\\"x\\")" {
  start 2027-03-01
  horizon 3 weeks
  timezone "America/New_York"
  currency USD
}
community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content Tips "=1+2" {
    kind educational
    every week on Monday at 09:00
    owner "@SUM(A1)"
  }
  kpi members >= 50
}
`);
        const options = { formats: ['xlsx', 'sop'] as const, runs: 30, seed: 1, scenario: null, lang: 'en' as const, sensitivityRuns: 50 };
        const a = await compilePlan(p, { ...options });
        const b = await compilePlan(p, { ...options });
        for (const name of ['plan.xlsx', 'sop.xlsx'])
            expect(
                Buffer.from(a.files.find((f) => f.name === name)!.content as Uint8Array).equals(
                    Buffer.from(b.files.find((f) => f.name === name)!.content as Uint8Array),
                ),
            ).toBe(true);
        const dir = write(a);
        const sop = openpyxl(join(dir, 'sop.xlsx'))['Community SOP'];
        expect(sop[1][7]).toEqual(['s', '=1+2']);
        expect(sop[1][9]).toEqual(['s', '@SUM(A1)']);
        // 09:00 in New York stays 09:00 across the DST change on 14 March.
        const schedule = openpyxl(join(dir, 'plan.xlsx')).Schedule;
        expect(schedule.slice(1).map((r) => r[3][1])).toEqual(['2027-03-01T09:00:00', '2027-03-08T09:00:00', '2027-03-15T09:00:00']);
        for (const name of ['sop.xlsx', 'plan.xlsx']) {
            const zip = await JSZip.loadAsync(readFileSync(join(dir, name)));
            const sheets = Object.keys(zip.files).filter((f) => f.startsWith('xl/worksheets/sheet'));
            expect(sheets.length).toBeGreaterThan(0);
            for (const sheet of sheets) expect(await zip.file(sheet)!.async('string')).not.toMatch(/<f[ >]/);
        }
        expect(readFileSync(join(dir, 'sop.csv'), 'utf8')).toContain(",'=1+2,");
    });
});

describe('report.pdf', () => {
    const BIN = join(ROOT, 'bin/community.cjs');
    const run = (args: string[], env: Record<string, string> = {}) =>
        finished(process.execPath, [BIN, ...args], {
            cwd: ROOT,
            env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env },
            timeout: 180_000,
        });
    /** The same command in this process (helpers/cli-in-process.ts): same output and files. */
    const here = async (args: string[], env: Record<string, string> = {}) => {
        const r = await communityHere(args, { env: { NO_COLOR: '1', ...env } });
        return { status: r.code, stdout: r.stdout, stderr: r.stderr };
    };
    beforeAll(ensureBuilt);

    // The English report through the shipped CLI (its bundle loads playwright-core from outside), the
    // Chinese one in this process; the two at the same time (each has its own Chromium and folder).
    it.concurrent.each([
        ['en', 'Executive summary', run],
        ['zh-CN', '摘要', here],
    ] as const)('prints the report to A4 with Chromium (%s): pages and first-page text', async (lang, heading, command) => {
        expect(existsSync('/usr/bin/chromium'), 'Chromium is needed: apt-get install -y chromium').toBe(true);
        const out = tempFolder();
        const r = await command(['compile', 'examples/fitness-wechat.community', '--out', out, '--runs', '60', '--formats', 'pdf', '--lang', lang]);
        expect(r.status, r.stderr).toBe(0);
        expect(r.stderr).toBe('');
        const pdf = join(out, 'fitness-wechat', 'report.pdf');
        expect(readdirSync(join(out, 'fitness-wechat')).filter((f) => f !== '.community-output')).toEqual(['report.pdf']);
        const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
        const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
        expect(pages).toBeGreaterThanOrEqual(4);
        expect(pages).toBeLessThan(30);
        expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
        const first = spawnSync('pdftotext', ['-f', '1', '-l', '1', '-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
        expect(first).toContain('FitHome 2027 H1');
        expect(first).toContain(heading);
        // The summary fills the first page on its own: the KPI section starts on page 2.
        expect(first).not.toContain(lang === 'zh-CN' ? '关键指标' : 'Forecast charts');
    });

    it('skips the PDF with one clear line when there is no Chromium, and writes the rest', async () => {
        const out = tempFolder();
        const r = await here(['compile', 'examples/fitness-wechat.community', '--out', out, '--runs', '40', '--formats', 'pdf,csv'], {
            COMMUNITY_CHROMIUM: '/nonexistent/chromium',
        });
        expect(r.status).toBe(0);
        expect(r.stderr.trim()).toBe('report.pdf skipped: no Chromium found (install chromium, or set COMMUNITY_CHROMIUM to a Chromium or Chrome executable)');
        expect(readdirSync(join(out, 'fitness-wechat')).filter((f) => f !== '.community-output')).toEqual(['schedule.csv']);
    });
});
