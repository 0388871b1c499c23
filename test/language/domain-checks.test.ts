// Every domain check (language/validation/domain-*.ts) with a triggering and a non-triggering plan.
import { readFileSync } from 'node:fs';
import { NodeFileSystem } from 'langium/node';
import { URI } from 'langium';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from 'vscode-languageserver';
import { createCommunityServices } from '../../language/community-module.js';
import { CommunitySettings } from '../../language/settings.js';
import { formatMessage } from '../../engine/diagnostics.js';
import { makeServices, validate } from '../helpers/language.js';

const plan = (extra = '') => `plan "T" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 100000 CNY
  team 2 people, 40 hours per week each
${extra}}
platform Groups "微信群" { kind wechat-group }
platform Wecom { kind wecom-group }
platform Server { kind discord }
audience Workers { size 100000  active 07:00-09:00, 19:00-23:00 }
`;
const community = (body: string, extra = 'market CN\n', platform = 'Groups') => `${plan(extra)}
community C {
  platform ${platform}
  audience Workers
${body}
}
`;

async function codesOf(text: string, lang: 'en' | 'zh-CN' = 'en'): Promise<Diagnostic[]> {
    return (await validate(text, lang)).diagnostics;
}

async function expectCode(text: string, code: string, present: boolean): Promise<Diagnostic[]> {
    const diagnostics = await codesOf(text);
    const found = diagnostics.filter((d) => d.code === code);
    if (present) expect(found.length, `expected ${code}; got ${diagnostics.map((d) => `${d.code}: ${d.message}`).join('\n')}`).toBeGreaterThan(0);
    else expect(found.map((d) => d.message)).toEqual([]);
    return found;
}

const CASES: Array<{ code: string; yes: string; no: string; args?: RegExp }> = [
    // platform limits
    {
        code: 'group-outgrown',
        yes: community('  tier A { seed 1200 members  churn 1% per month }'),
        no: community('  tier A { seed 300 members  churn 1% per month }'),
        args: /plan 3 groups/,
    },
    { code: 'qr-join-cap', yes: community('  tier A { entry share post  seed 300 members }'), no: community('  tier A { entry invite  seed 300 members }') },
    {
        code: 'discord-limit',
        yes: community(
            '  tier A { seed 10 members }\n  activity Daily { online qa  every day at 20:00  for A }\n  activity Twice { online qa  every day at 12:00  for A }',
            '',
            'Server',
        ),
        no: community('  tier A { seed 10 members }\n  activity Weekly { online qa  every week on Monday at 20:00 }', '', 'Server'),
        args: /scheduled events/,
    },
    {
        code: 'wecom-mass-messages',
        yes: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 08:00, 20:00 }', 'market CN\n', 'Wecom'),
        no: community('  tier A { seed 10 members }\n  content T { kind educational  every week on Monday, Thursday at 20:00 }', 'market CN\n', 'Wecom'),
    },
    {
        code: 'wecom-mass-messages',
        yes: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 08:00, 20:00 }', 'market CN\n', 'Wecom'),
        no: community(
            '  tier A { seed 10 members }\n  content T { kind educational  every day at 08:00 }\n  content CheckIn { kind interaction  every day at 20:00  sent manually }',
            'market CN\n',
            'Wecom',
        ),
    },
    // schedule
    {
        code: 'offline-overlap',
        yes: community(
            '  tier A { seed 10 members }\n  activity S1 { offline salon on 2027-01-20 at 14:00  lasts 3 hours  owner "Lina" }\n  activity S2 { offline meetup on 2027-01-20 at 16:00  lasts 2 hours  owner "Lina" }',
        ),
        no: community(
            '  tier A { seed 10 members }\n  activity S1 { offline salon on 2027-01-20 at 14:00  lasts 3 hours  owner "Lina" }\n  activity S2 { offline meetup on 2027-01-20 at 18:00  lasts 2 hours  owner "Lina" }',
        ),
    },
    {
        code: 'post-outside-active-hours',
        yes: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 14:00 }'),
        no: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 20:00 }'),
    },
    {
        code: 'cadence-fatigue',
        yes: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 07:30, 12:00, 20:00 }'),
        no: community('  tier A { seed 10 members }\n  content T { kind educational  every day at 20:00 }'),
        args: /21 times a week.*threshold of 14/,
    },
    {
        code: 'promo-heavy',
        yes: community(
            '  tier A { seed 10 members }\n  content S { kind promotional  every day at 20:00  label "广告" }\n  content T { kind educational  every week on Monday at 20:00 }',
        ),
        no: community(
            '  tier A { seed 10 members }\n  content S { kind promotional  every week on Friday at 20:00  label "广告" }\n  content T { kind educational  every day at 20:00 }',
        ),
        args: /^88% of the posts/,
    },
    // resources
    {
        code: 'over-budget',
        yes: community('  tier A { seed 10 members }\n  channel Ads { paid 20000 CNY per week  cost per join 10 CNY }'),
        no: community('  tier A { seed 10 members }\n  channel Ads { paid 2000 CNY per week  cost per join 10 CNY }'),
        args: /160,000 CNY.*paid channels 160,000/,
    },
    {
        code: 'staff-hours',
        yes: community('  tier A { seed 10 members }\n  activity Fair { offline meetup on 2027-01-20 at 09:00  lasts 8 hours  staff 10 }'),
        no: community('  tier A { seed 10 members }\n  activity Fair { offline meetup on 2027-01-20 at 09:00  lasts 8 hours  staff 2 }'),
        args: /Week 3 needs about 100 staff hours/,
    },
    {
        code: 'month-day-skips',
        yes: community('  tier A { seed 10 members }\n  activity S { offline salon  every month on day 31 at 14:00 }'),
        no: community('  tier A { seed 10 members }\n  activity S { offline salon  every month on day 28 at 14:00 }'),
        args: /skips the months without a day 31: 2027-02/,
    },
    {
        code: 'lottery-draw-early',
        yes: community(
            '  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 500 CNY  odds "1 in 100"  draw on 2027-01-10  redemption "Online" }\n  }',
        ),
        no: community(
            '  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 500 CNY  odds "1 in 100"  draw on 2027-01-31  redemption "Online" }\n  }',
        ),
        args: /draws on 2027-01-10, before it opens on 2027-01-20/,
    },
    {
        code: 'activity-capacity',
        yes: community('  tier A { seed 400 members }\n  activity Salon { offline salon on 2027-01-20 at 14:00  for A  reach 20%  capacity 50 }'),
        no: community('  tier A { seed 400 members }\n  activity Salon { offline salon on 2027-01-20 at 14:00  for A  reach 10%  capacity 50 }'),
        args: /about 80 participants in week 3 .*over capacity in 1 of its 1 runs, from week 3/,
    },
    {
        code: 'tier-full',
        yes: community('  tier A { seed 400 members }\n  tier B { from A 20% per month  capacity 100 }'),
        no: community('  tier A { seed 400 members }\n  tier B { from A 1% per month  capacity 100 }'),
        args: /Tier "B" fills its capacity of 100 around week \d+/,
    },
    // strategy
    {
        code: 'paid-tier-no-way-in',
        yes: community('  tier A { entry share post  seed 10 members }\n  tier B { entry fee 1 CNY per day }\n  activity Q { online qa  on 2027-01-20 }'),
        no: community(
            '  tier A { entry share post  seed 10 members }\n  tier B { entry fee 1 CNY per day  from A 5% per month }\n  activity Q { online qa  on 2027-01-20 }',
        ),
    },
    {
        code: 'ab-low-pool-idle',
        yes: community(
            '  tier A { entry share post  seed 10 members }\n  tier B { entry fee 1 CNY per day  from A 5% per month }\n  activity Q { online qa  on 2027-01-20  for B }',
        ),
        no: community(
            '  tier A { entry share post  seed 10 members }\n  tier B { entry fee 1 CNY per day  from A 5% per month }\n  activity Q { online qa  on 2027-01-20  for A }',
        ),
    },
    {
        code: 'kpi-unmodelled',
        yes: community('  tier A { seed 10 members }\n  kpi revenue >= 1000 CNY'),
        no: community('  order value 100 CNY\n  tier A { seed 10 members  buys 5% per month }\n  kpi revenue >= 1000 CNY'),
        args: /no order value/,
    },
    {
        code: 'kpi-impossible',
        yes: community('  tier A { seed 100 members  churn 5% per month }\n  kpi members >= 5000 by week 8'),
        no: community(
            '  tier A { seed 100 members  churn 5% per month }\n  channel Ads { paid 1000 CNY per week  cost per join 2 CNY }\n  kpi members >= 2000 by week 8',
        ),
    },
    // compliance
    {
        code: 'lottery-top-prize',
        yes: community(
            '  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 60000 CNY  odds "1 in 100"  draw on 2027-01-31  redemption "Online" }\n  }',
        ),
        no: community(
            '  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 5000 CNY  odds "1 in 100"  draw on 2027-01-31  redemption "Online" }\n  }',
        ),
    },
    {
        code: 'lottery-disclosure',
        yes: community('  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 500 CNY  odds "1 in 100" }\n  }'),
        no: community(
            '  tier A { seed 10 members }\n  activity D { online lottery  on 2027-01-20\n    lottery { top prize 500 CNY  odds "1 in 100"  draw on 2027-01-31 at 20:00  redemption "Online" }\n  }',
        ),
        args: /the draw time, how prizes are redeemed/,
    },
    {
        code: 'induced-sharing-entry',
        yes: community('  tier A { entry share post  seed 10 members }'),
        no: community('  tier A { entry open  seed 10 members }'),
    },
    {
        code: 'induced-sharing',
        yes: community(
            '  tier A { seed 10 members }\n  referral R { mechanic poster  reward 5 CNY  invites 1 per member per month  conversion 10%  shares to moments }',
        ),
        no: community(
            '  tier A { seed 10 members }\n  referral R { mechanic invite-code  reward 5 CNY  invites 1 per member per month  conversion 10%  shares to in-app }',
        ),
    },
    {
        code: 'data-consent',
        yes: community('  data { collects "phone"  purpose "Delivery" }'),
        no: community('  data { collects "phone"  purpose "Delivery"  retention 90 days  consent }'),
        args: /without a retention period, consent|without consent, a retention period/,
    },
    {
        code: 'sensitive-data',
        yes: community('  data { collects "location"  purpose "Meetups"  retention 30 days  consent }'),
        no: community('  data { collects "location"  purpose "Meetups"  retention 30 days  consent separate }'),
    },
    {
        code: 'sweepstakes-free-entry',
        yes: community('  tier A { seed 10 members }\n  activity G { online sweepstakes  on 2027-01-20 }', 'market US\n', 'Server'),
        no: community(
            '  tier A { seed 10 members }\n  activity G { online sweepstakes  on 2027-01-20\n    lottery { free entry "Mail-in entry" }\n  }',
            'market US\n',
            'Server',
        ),
    },
    {
        code: 'ad-label-missing',
        yes: community('  tier A { seed 10 members }\n  content S { kind promotional  every week on Friday at 20:00  link "https://shop.example.com" }'),
        no: community(
            '  tier A { seed 10 members }\n  content S { kind promotional  every week on Friday at 20:00  link "https://shop.example.com"  label "广告" }',
        ),
    },
];

describe('domain checks', () => {
    for (const c of CASES) {
        it(`${c.code}: triggers`, async () => {
            const found = await expectCode(c.yes, c.code, true);
            if (c.args) expect(found.map((d) => d.message).join('\n')).toMatch(c.args);
            expect(found[0].codeDescription?.href).toMatch(new RegExp(`#${c.code}$`));
        });
        it(`${c.code}: stays quiet when the plan is fine`, async () => {
            await expectCode(c.no, c.code, false);
        });
    }

    it('speaks Chinese when settings.lang is zh-CN', async () => {
        const diagnostics = await codesOf(CASES.find((c) => c.code === 'promo-heavy')!.yes, 'zh-CN');
        expect(diagnostics.find((d) => d.code === 'promo-heavy')?.message).toMatch(/促销/);
    });

    it('every domain code has en and zh-CN messages', () => {
        for (const c of CASES) {
            expect(formatMessage(c.code as never, {}, 'en')).not.toBe(formatMessage(c.code as never, {}, 'zh-CN'));
        }
    });

    it('the retail "promotions only" example draws the promo-mix warning with the share', async () => {
        const settings = new CommunitySettings();
        const { shared } = createCommunityServices({ ...NodeFileSystem, settings });
        const path = new URL('../../examples/retail-promos.community', import.meta.url);
        expect(readFileSync(path, 'utf8')).toMatch(/promotional/);
        const doc = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(path.pathname));
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const promo = (doc.diagnostics ?? []).filter((d) => d.code === 'promo-heavy');
        expect(promo).toHaveLength(1);
        expect(promo[0].severity).toBe(2);
        expect(promo[0].message).toMatch(/^100% of the posts of community "FreshMart" are promotional/);
    });

    it('the projection-based checks run in the slow category, not on every keystroke', async () => {
        const { Community } = makeServices();
        const doc = await parseHelper(Community)(CASES.find((c) => c.code === 'over-budget')!.yes, { validation: { categories: ['built-in', 'fast'] } });
        expect((doc.diagnostics ?? []).map((d) => d.code)).not.toContain('over-budget');
    });
});
