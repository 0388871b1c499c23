// `from … until` on a line of its own bounds a content item's posts, as in an activity, a referral or a channel.
import { describe, expect, it } from 'vitest';
import { codes, PLAN_HEADER, validate } from '../helpers/language.js';

const wrap = (body: string) => `${PLAN_HEADER}community C {\n  tier A { seed 100  churn 5% per month }\n${body}\n}\n`;

describe('content windows', () => {
    it('checks clean and bounds the recurring posts of the content', async () => {
        const { diagnostics, doc } = await validate(
            wrap('  content Tips {\n    kind tips\n    every week on Monday at 20:00\n    from 2027-01-18\n    until 2027-02-15\n  }'),
        );
        expect(codes(diagnostics)).toEqual([]);
        const { lowerPlan } = await import('../../language/lower.js');
        const { createCommunityServices } = await import('../../language/community-module.js');
        const { EmptyFileSystem } = await import('langium');
        const services = createCommunityServices(EmptyFileSystem).Community;
        const schedule = lowerPlan(services, doc).communities[0].contents[0].schedules[0];
        expect(schedule).toMatchObject({ from: '2027-01-18', until: '2027-02-15' });
    });

    it('an until before its from is an error, as everywhere', async () => {
        const { diagnostics } = await validate(
            wrap('  content Tips {\n    kind tips\n    every week on Monday at 20:00\n    from 2027-03-01\n    until 2027-02-01\n  }'),
        );
        expect(codes(diagnostics)).toContain('until-before-from');
    });
});
