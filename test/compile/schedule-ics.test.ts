// Schedules and calendars: DST-correct expansion, agreement with the forecast's own counting, and
// .ics files that an independent parser (node-ical) expands to exactly the same occurrences.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { Temporal } from 'temporal-polyfill';
import { beforeAll, describe, expect, it } from 'vitest';
import { occurrencesPerWeek } from '../../engine/cadence.js';
import { buildCalendars, vtimezone } from '../../engine/ics.js';
import type { Plan } from '../../engine/model.js';
import { scheduleCsv } from '../../engine/csv.js';
import { DEFAULT_CONTENT_MINUTES, expandPlan, occurrenceInstant, type PlanSchedule } from '../../engine/schedule.js';
import { planFromFile, planFromText, ROOT } from './helpers.js';

const DST_PLAN = join(ROOT, 'test/compile/fixtures/dst-xss.community');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => join(ROOT, 'examples', f));

let dst: Plan;
let dstSchedule: PlanSchedule;

beforeAll(async () => {
    dst = await planFromFile(DST_PLAN);
    dstSchedule = expandPlan(dst);
});

/** Every occurrence node-ical expands from the calendar text, as (uid, epoch ms) keys. */
function icsInstants(text: string, from: Date, to: Date): string[] {
    const parsed = ical.sync.parseICS(text);
    const keys: string[] = [];
    for (const event of Object.values(parsed)) {
        if (!event || event.type !== 'VEVENT') continue;
        const instances = ical.expandRecurringEvent(event, { from, to });
        for (const inst of instances) keys.push(`${event.uid}|${inst.isFullDay ? dateOnly(inst.start) : inst.start.getTime()}`);
    }
    return keys.sort();
}

function dateOnly(d: Date & { tz?: string }): string {
    // node-ical gives all-day starts as the local midnight of their zone (or UTC when floating).
    const tz = d.tz && d.tz !== 'Etc/Unknown' ? d.tz : 'UTC';
    return new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

function engineInstants(s: PlanSchedule): string[] {
    const keys: string[] = [];
    for (const series of s.series) for (const o of series.occurrences) keys.push(`${series.uid}|${o.time === '' ? o.date : occurrenceInstant(o, s.timezone)}`);
    return keys.sort();
}

function horizon(s: PlanSchedule): [Date, Date] {
    return [new Date(`${s.start}T00:00:00Z`).getTime() - 2 * 86_400_000, new Date(`${s.end}T00:00:00Z`).getTime() + 3 * 86_400_000].map((t) => new Date(t)) as [
        Date,
        Date,
    ];
}

describe('schedule expansion', () => {
    it('keeps local times across the DST change in America/New_York (2027-03-14)', () => {
        const tips = dstSchedule.series.find((s) => s.item === 'Tips')!;
        expect(tips.occurrences.every((o) => o.time === '09:00')).toBe(true);
        const before = tips.occurrences.find((o) => o.date === '2027-03-11')!;
        const after = tips.occurrences.find((o) => o.date === '2027-03-15')!;
        expect(before.start).toBe('2027-03-11T09:00:00-05:00');
        expect(after.start).toBe('2027-03-15T09:00:00-04:00');
        // 4 days minus the lost hour between the two starts.
        expect(Date.parse(after.start) - Date.parse(before.start)).toBe((4 * 24 - 1) * 3_600_000);
    });

    it('applies count across all times of a schedule, until, intervals and month days', () => {
        const digest = dstSchedule.occurrences.filter((o) => o.item === 'Digest');
        expect(digest.map((o) => `${o.date} ${o.time}`)).toEqual([
            '2027-03-01 08:00',
            '2027-03-01 20:30',
            '2027-03-02 08:00',
            '2027-03-02 20:30',
            '2027-03-03 08:00',
        ]);
        const meetups = dstSchedule.occurrences.filter((o) => o.item === 'Meetup');
        expect(meetups.map((o) => o.date)).toEqual(['2027-03-06', '2027-03-20', '2027-04-03', '2027-04-17']);
        expect(meetups[0].end).toBe('2027-03-06T20:00');
        expect(meetups[0].kind).toBe('offline activity');
        expect(meetups[0].staff).toBe(2);
        const sprint = dstSchedule.occurrences.filter((o) => o.item === 'Sprint');
        expect(sprint.map((o) => [o.date, o.end, o.time])).toEqual([
            ['2027-03-15', '2027-03-17', ''],
            ['2027-04-15', '2027-04-17', ''],
        ]);
    });

    it('gives content an end: its `lasts`, a 15-minute slot without one, all-day without a time', async () => {
        const plan = await planFromText(`plan "Ends" {
  start 2027-03-01
  horizon 2 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Club {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content Live { kind product every week on Thursday at 20:00 lasts 30 minutes }
  content Tips { kind tips every week on Monday at 09:00 }
  content Poster { kind news every week on Wednesday }
}
`);
        expect(DEFAULT_CONTENT_MINUTES).toBe(15);
        const schedule = expandPlan(plan);
        const first = (item: string) => schedule.occurrences.find((o) => o.item === item)!;
        expect(first('Live')).toMatchObject({ date: '2027-03-04', time: '20:00', end: '2027-03-04T20:30' });
        expect(first('Tips')).toMatchObject({ date: '2027-03-01', time: '09:00', end: '2027-03-01T09:15' });
        expect(first('Poster')).toMatchObject({ date: '2027-03-03', time: '', end: '2027-03-03' });
        expect(schedule.series.find((s) => s.item === 'Live')!.durationMinutes).toBe(30);
        // CSV `end` column.
        const csv = scheduleCsv(schedule).split('\r\n');
        expect(csv.find((l) => l.includes(',Live,'))).toMatch(/^2027-03-04,20:00,2027-03-04T20:30,/);
        expect(csv.find((l) => l.includes(',Tips,'))).toMatch(/^2027-03-01,09:00,2027-03-01T09:15,/);
        // Calendar DTEND, read back by node-ical.
        const [whole] = buildCalendars(schedule, plan.communities);
        const events = Object.values(ical.sync.parseICS(whole.text)).filter((e) => e?.type === 'VEVENT') as VEvent[];
        const bySummary = (name: string) => events.find((e) => e.summary === name)!;
        const minutes = (e: VEvent) => (e.end!.getTime() - e.start.getTime()) / 60_000;
        expect(minutes(bySummary('Live'))).toBe(30);
        expect(minutes(bySummary('Tips'))).toBe(15);
        expect(bySummary('Poster').datetype).toBe('date');
        expect(minutes(bySummary('Poster'))).toBe(24 * 60);
    });

    it('fills the occurrence row: kind, tiers, owner, cost, source, week', () => {
        const tip = dstSchedule.occurrences.find((o) => o.item === 'Tips')!;
        expect(tip).toMatchObject({
            kind: 'content',
            subkind: 'educational',
            tiers: ['Members'],
            owner: 'Ann & <Bob> | co',
            cost: 10,
            week: 1,
            community: 'Club',
        });
        expect(tip.source).toMatch(/dst-xss\.community:18$/);
    });

    it.each(EXAMPLES.map((f) => [f.replace(/.*\//, ''), f]))('agrees with the forecast engine’s per-week counts: %s', async (_name, file) => {
        const plan = await planFromFile(file);
        const s = expandPlan(plan);
        for (const c of plan.communities) {
            for (const item of [...c.contents, ...c.activities]) {
                const expected = new Float64Array(plan.horizonWeeks);
                for (const sch of item.schedules) occurrencesPerWeek(sch, plan.start, plan.horizonWeeks).forEach((n, w) => (expected[w] += n));
                const actual = new Float64Array(plan.horizonWeeks);
                for (const o of s.occurrences) if (o.community === c.name && o.item === item.name) actual[o.week - 1]++;
                expect([...actual], `${c.name}.${item.name}`).toEqual([...expected]);
            }
        }
    });

    it('is deterministic', async () => {
        expect(JSON.stringify(expandPlan(dst))).toBe(JSON.stringify(dstSchedule));
    });
});

describe('.ics calendars', () => {
    it('parse with node-ical and expand to exactly the engine’s occurrences across the DST change', () => {
        const [whole, club] = buildCalendars(dstSchedule, dst.communities);
        expect(whole.name).toBe('plan.ics');
        expect(club.name).toBe('Club.ics');
        const [from, to] = horizon(dstSchedule);
        expect(icsInstants(whole.text, from, to)).toEqual(engineInstants(dstSchedule));
        expect(icsInstants(club.text, from, to)).toEqual(engineInstants(dstSchedule));
    });

    it.each(EXAMPLES.map((f) => [f.replace(/.*\//, ''), f]))('round-trip through node-ical: %s', async (_name, file) => {
        const plan = await planFromFile(file);
        const s = expandPlan(plan);
        const [from, to] = horizon(s);
        const files = buildCalendars(s, plan.communities);
        expect(icsInstants(files[0].text, from, to)).toEqual(engineInstants(s));
    });

    it('writes RRULEs instead of copies, a VTIMEZONE with both observances, and RFC 5545 basics', () => {
        const text = buildCalendars(dstSchedule, dst.communities)[0].text;
        const unfolded = text.replace(/\r\n[ \t]/g, '');
        expect(unfolded.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:')).toBe(true);
        expect(unfolded.match(/BEGIN:VEVENT/g)).toHaveLength(dstSchedule.series.length);
        expect(unfolded).toContain('RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY=MO,TH;WKST=MO;COUNT=16');
        expect(unfolded).toContain('DTSTART;TZID=America/New_York:20270301T090000');
        expect(unfolded).toMatch(/BEGIN:VTIMEZONE\r\nTZID:America\/New_York\r\n/);
        expect(unfolded).toMatch(/BEGIN:DAYLIGHT\r\nDTSTART:20270314T020000\r\nTZOFFSETFROM:-0500\r\nTZOFFSETTO:-0400/);
        expect(unfolded).toContain('CATEGORIES:offline activity,meetup,Club');
        expect(unfolded).toContain('LOCATION:Hall A\\, Floor 2\\; Room <3>');
        for (const block of unfolded.split('BEGIN:VEVENT').slice(1)) {
            expect(block).toMatch(/\r\nUID:[0-9a-f]{32}@community-plans\r\n/);
            expect(block).toMatch(/\r\nDTSTAMP:\d{8}T\d{6}Z\r\n/);
            expect(block).toMatch(/\r\nSUMMARY:/);
            expect(block).not.toMatch(/UNTIL=.*COUNT=|COUNT=.*UNTIL=/);
        }
        expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
        expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });

    it('folds lines at 75 octets without splitting a UTF-8 character', () => {
        const bytes = Buffer.from(buildCalendars(dstSchedule, dst.communities, { lang: 'zh-CN' })[0].text, 'utf8');
        const decoder = new TextDecoder('utf-8', { fatal: true });
        let start = 0;
        let folded = 0;
        for (let i = 0; i < bytes.length - 1; i++) {
            if (bytes[i] === 0x0d && bytes[i + 1] === 0x0a) {
                const line = bytes.subarray(start, i);
                expect(line.length).toBeLessThanOrEqual(75);
                expect(() => decoder.decode(line)).not.toThrow();
                if (line[0] === 0x20) folded++;
                start = i + 2;
            }
        }
        expect(folded).toBeGreaterThan(0);
        expect(bytes.toString('utf8').replace(/\r\n /g, '')).toContain('每日摘要：社群运营的长标题用于测试按八位字节折行而不会把汉字拆开的情况');
    });

    it('keeps UIDs stable and DTSTAMP fixed unless now is given', async () => {
        const again = expandPlan(await planFromFile(DST_PLAN));
        const a = buildCalendars(dstSchedule, dst.communities)[0].text;
        const b = buildCalendars(again, dst.communities)[0].text;
        expect(b).toBe(a);
        expect(a).toContain('DTSTAMP:20270301T000000Z');
        const withNow = buildCalendars(dstSchedule, dst.communities, { now: new Date('2030-05-06T07:08:09Z') })[0].text;
        expect(withNow).toContain('DTSTAMP:20300506T070809Z');
        const uids = (t: string) => [...t.matchAll(/^UID:(.*)$/gm)].map((m) => m[1]);
        expect(uids(withNow)).toEqual(uids(a));
        expect(new Set(uids(a)).size).toBe(uids(a).length);
    });

    it('writes no VTIMEZONE for UTC and a single observance for zones without DST', () => {
        expect(vtimezone('UTC', '2027-01-01', '2027-12-31')).toBeNull();
        const shanghai = vtimezone('Asia/Shanghai', '2027-01-01', '2027-12-31')!;
        expect(shanghai.match(/BEGIN:STANDARD/g)).toHaveLength(1);
        expect(shanghai).not.toContain('DAYLIGHT');
        expect(shanghai).toContain('TZOFFSETTO:+0800');
    });
});

describe('expansion only inside the plan window', () => {
    const plan = (horizon: string, body: string) => `plan "W" {
  start 2027-01-04
  horizon ${horizon}
  timezone "Europe/Berlin"
  currency EUR
}
community C {
  tier A { seed 10 members  churn 1% per month }
${body}
}
`;
    const dates = (s: PlanSchedule, item: string) => s.occurrences.filter((o) => o.item === item).map((o) => o.date);

    it("a daily series from 1990 in a 26-week plan (once over rrule's 10,000-iteration cap)", async () => {
        const s = expandPlan(await planFromText(plan('26 weeks', '  content D { kind news  every day at 09:00 from 1990-01-01 }')));
        const d = dates(s, 'D');
        expect(d).toHaveLength(26 * 7);
        expect(d[0]).toBe('2027-01-04');
        expect(d.at(-1)).toBe('2027-07-04');
        expect(s.occurrences.every((o) => o.time === '09:00')).toBe(true);
    });

    it('the longest horizon (520 weeks) with daily content', async () => {
        const s = expandPlan(await planFromText(plan('520 weeks', '  content D { kind news  every day at 08:00, 20:00 }')));
        expect(dates(s, 'D')).toHaveLength(520 * 7 * 2);
    });

    it('keeps the INTERVAL phase of a series that started long before the plan', async () => {
        const s = expandPlan(
            await planFromText(
                plan(
                    '52 weeks',
                    `  content W { kind news  every 3 weeks on Monday at 10:00 from 1990-01-01 }
  content M { kind news  every 5 months on day 15 from 1990-01-15 }
  content E { kind news  every 4 days from 1991-03-02 }`,
                ),
            ),
        );
        const days = (a: string, b: string) => Temporal.PlainDate.from(a).until(Temporal.PlainDate.from(b), { largestUnit: 'days' }).days;
        const w = dates(s, 'W');
        expect(w.length).toBeGreaterThan(15);
        for (const d of w) expect(days('1990-01-01', d) % 21).toBe(0);
        const m = dates(s, 'M');
        expect(m.length).toBeGreaterThanOrEqual(2);
        for (const d of m) {
            const pd = Temporal.PlainDate.from(d);
            expect(pd.day).toBe(15);
            expect(((pd.year - 1990) * 12 + pd.month - 1) % 5).toBe(0);
        }
        const e = dates(s, 'E');
        expect(e.length).toBeGreaterThan(80);
        for (const d of e) expect(days('1991-03-02', d) % 4).toBe(0);
    });

    it('counts `n times` from the series start, before the plan window', async () => {
        const s = expandPlan(
            await planFromText(
                plan(
                    '4 weeks',
                    `  content C1 { kind news  every day at 09:00 from 2026-12-30 10 times }
  content C2 { kind news  every day at 09:00 from 1990-01-01 20000 times }
  content C3 { kind news  every day at 09:00 from 1990-01-01 100 times }`,
                ),
            ),
        );
        expect(dates(s, 'C1')).toEqual(['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08']);
        // 1990-01-01 + 19,999 days = 2044-10-04: beyond this plan, so every day of it.
        expect(dates(s, 'C2')).toHaveLength(28);
        expect(dates(s, 'C3')).toEqual([]);
    });
});

describe('lottery draws on the calendar', () => {
    const plan = (draw: string) => `plan "Draws" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community C {
  tier A { seed 10 members }
  activity Quiz "肤质测试抽奖" { online lottery  on 2027-01-20 at 20:00  lasts 3 days
    lottery { top prize 500 CNY  odds "1 in 100"  ${draw}  redemption "Online" }
  }
}
`;

    it('puts the public draw in the schedule and the calendar at its date and time, costing nothing', async () => {
        const model = await planFromText(plan('draw on 2027-01-23 at 9:30'));
        const s = expandPlan(model);
        const draws = s.occurrences.filter((o) => o.item === 'Quiz.draw');
        expect(draws).toHaveLength(1);
        expect(draws[0]).toMatchObject({
            date: '2027-01-23',
            time: '09:30',
            end: '2027-01-23T10:00',
            title: '肤质测试抽奖 (draw)',
            subkind: 'lottery-draw',
            cost: null,
            kind: 'online activity',
        });
        // The lottery's own run is still there, once.
        expect(s.occurrences.filter((o) => o.item === 'Quiz')).toHaveLength(1);
        const ics = buildCalendars(s, model.communities).find((c) => c.name === 'plan.ics')!.text;
        const events = Object.values(ical.sync.parseICS(ics)).filter((e): e is VEvent => e?.type === 'VEVENT');
        expect(events.map((e) => e.summary)).toContain('肤质测试抽奖 (draw) (Quiz.draw)');
    });

    it('has no draw without a draw date, and none outside the plan', async () => {
        expect(expandPlan(await planFromText(plan(''))).occurrences.some((o) => o.item === 'Quiz.draw')).toBe(false);
        expect(expandPlan(await planFromText(plan('draw on 2027-06-01'))).occurrences.some((o) => o.item === 'Quiz.draw')).toBe(false);
    });
});
