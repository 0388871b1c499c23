// Campaign windows in the calendars: each paid channel and referral campaign runs from its `from` to
// its `until` (else the whole horizon) as one all-day event (DTSTART;VALUE=DATE, DTEND the day after
// the last day), escaped like every other event, read back by two independent parsers (node-ical,
// and python3-icalendar from Debian).
import { execFileSync } from 'node:child_process';
import ical, { type VEvent } from 'node-ical';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCalendars, type CalendarFile } from '../../engine/ics.js';
import { campaignWindows } from '../../engine/report/calendar.js';
import { compilePlan } from '../../engine/report/outputs.js';
import type { Plan } from '../../engine/model.js';
import { expandPlan } from '../../engine/schedule.js';
import { planFromText } from './helpers.js';

const PLAN = `
plan "Windows" {
  start 2027-03-01
  horizon 12 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
community Club "Club" {
  tier Members { seed 100 members  churn 5% per month }
  channel Ads "抖音 ads\\r\\nEND:VEVENT\\r\\nUID:evil@attacker; a,b" {
    paid 2000 CNY per week
    cost per join 20 CNY
    into Members
    from 2027-03-08
    until 2027-04-04
  }
  referral Invite "老带新" {
    reward 10 CNY
    invites 0.5 per member per month
    conversion 20%
    for Members
    into Members
  }
  content Tips "Tips" { kind educational  every week on Monday at 09:00  for Members }
}
community Other {
  tier Fans { seed 10 members }
  channel Posters { paid 500 CNY per week  cost per join 10 CNY  into Fans  from 2027-05-01 }
}
`;

let plan: Plan;
let calendars: CalendarFile[];

beforeAll(async () => {
    plan = await planFromText(PLAN);
    const schedule = expandPlan(plan);
    calendars = buildCalendars(schedule, plan.communities, { windows: campaignWindows(plan, schedule) });
});

const events = (text: string) => Object.values(ical.sync.parseICS(text)).filter((e): e is VEvent => e?.type === 'VEVENT');
const isoDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);

/** The all-day events python3-icalendar reads: summary, DTSTART and DTEND as dates, UID. */
function pythonWindows(text: string): { calendars: number; events: { summary: string; start: string; end: string; uid: string; date: boolean }[] } {
    const script = `
import sys, json, datetime, icalendar
cals = icalendar.Calendar.from_ical(sys.stdin.read(), multiple=True)
out = {"calendars": len(cals), "events": []}
for cal in cals:
    for ev in cal.walk("VEVENT"):
        start = ev.decoded("DTSTART")
        if isinstance(start, datetime.datetime):
            continue
        out["events"].append({"summary": str(ev.get("SUMMARY")), "start": start.isoformat(), "end": ev.decoded("DTEND").isoformat(), "uid": str(ev.get("UID")), "date": ev.get("DTSTART").params.get("VALUE") == "DATE"})
print(json.dumps(out))
`;
    return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: text, encoding: 'utf8' }));
}

describe('campaign windows in the .ics calendars', () => {
    it('writes each window as an all-day VEVENT with DTSTART;VALUE=DATE and DTEND the day after', () => {
        const whole = calendars.find((c) => c.name === 'plan.ics')!;
        const unfolded = whole.text.replace(/\r\n[ \t]/g, '');
        expect(unfolded).toContain('DTSTART;VALUE=DATE:20270308\r\nDTEND;VALUE=DATE:20270405');
        // The referral has no dates: it runs over the whole horizon (12 weeks from 2027-03-01).
        expect(unfolded).toContain('DTSTART;VALUE=DATE:20270301\r\nDTEND;VALUE=DATE:20270524');
        expect(unfolded).toContain('TRANSP:TRANSPARENT');
    });

    it('node-ical reads the windows back with their dates and labels, and the rest of the plan intact', () => {
        const whole = events(calendars.find((c) => c.name === 'plan.ics')!.text);
        const ads = whole.find((e) => String(e.summary).startsWith('Paid channel: 抖音 ads'))!;
        expect(ads.datetype).toBe('date');
        expect(isoDay(ads.start)).toBe('2027-03-08');
        expect(isoDay(ads.end!)).toBe('2027-04-05');
        // The title's line break stays text inside SUMMARY: it starts no event of its own.
        expect(String(ads.summary)).toBe('Paid channel: 抖音 ads\nEND:VEVENT\nUID:evil@attacker; a,b (Ads)');
        expect(whole.some((e) => e.uid === 'evil@attacker')).toBe(false);
        const invite = whole.find((e) => e.summary === 'Referral campaign: 老带新 (Invite)')!;
        expect([isoDay(invite.start), isoDay(invite.end!)]).toEqual(['2027-03-01', '2027-05-24']);
        expect(whole.filter((e) => e.summary === 'Tips')).toHaveLength(1);
        // Posters (from 2027-05-01) lies in Other's calendar only, clipped to the horizon's last day.
        expect(whole).toHaveLength(4);
        const club = events(calendars.find((c) => c.community === 'Club')!.text);
        expect(club.map((e) => String(e.summary).split('\n')[0]).sort()).toEqual(['Paid channel: 抖音 ads', 'Referral campaign: 老带新 (Invite)', 'Tips']);
        const other = events(calendars.find((c) => c.community === 'Other')!.text);
        expect(other.map((e) => [e.summary, isoDay(e.start), isoDay(e.end!)])).toEqual([['Paid channel: Posters', '2027-05-01', '2027-05-24']]);
    });

    it('python3-icalendar reads the same windows, escaped, as dates', () => {
        for (const file of calendars) {
            const read = pythonWindows(file.text);
            expect(read.calendars).toBe(1);
            expect(read.events.every((e) => e.date)).toBe(true);
            if (file.community === 'Other')
                expect(read.events).toEqual([expect.objectContaining({ summary: 'Paid channel: Posters', start: '2027-05-01', end: '2027-05-24' })]);
            if (file.community !== 'Other') {
                expect(read.events.map((e) => [e.summary, e.start, e.end]).filter((e) => !String(e[0]).includes('Posters'))).toEqual([
                    ['Paid channel: 抖音 ads\nEND:VEVENT\nUID:evil@attacker; a,b (Ads)', '2027-03-08', '2027-04-05'],
                    ['Referral campaign: 老带新 (Invite)', '2027-03-01', '2027-05-24'],
                ]);
            }
            expect(read.events.some((e) => e.uid === 'evil@attacker')).toBe(false);
        }
    });

    it('compile writes the windows into plan.ics, in Chinese with --lang zh-CN, the same bytes every time', async () => {
        const compiled = async () =>
            (await compilePlan(plan, { formats: ['ics'], runs: 10, seed: 1, scenario: null, lang: 'zh-CN' })).files.find((f) => f.name === 'plan.ics')!
                .content as string;
        const text = await compiled();
        expect(events(text).map((e) => String(e.summary).split('\n')[0])).toEqual(expect.arrayContaining(['投放渠道：抖音 ads', '裂变活动：老带新 (Invite)']));
        expect(await compiled()).toBe(text);
    });
});
