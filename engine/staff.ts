// Staff time of activities: the one definition the forecast prices (× staff-hour-cost), the
// staff-hours series shows and the checker's team-hours check reads.
//  - offline: staff × (duration, at most 8 hours a day, + 2 hours of set-up and tear-down);
//  - online: staff × moderation, at most 2 hours a day of the run's duration.
// An activity without `staff` is run by one person. Modelling choices; weak.

/** Set-up and tear-down hours per staff member for an offline run. */
export const OFFLINE_SETUP_HOURS = 2;
/** Hours a day of an offline run a staff member works at most. */
export const OFFLINE_HOURS_PER_DAY = 8;
/** Hours per staff member and day of an online activity (moderation), capped by its duration. */
export const ONLINE_HOURS_PER_DAY = 2;
/** Hours of staff work assumed per post (writing, review, answering replies); weak. */
export const HOURS_PER_POST = 0.5;
/** Hours a week per person when the team block gives no hours. */
export const DEFAULT_HOURS_PER_PERSON = 40;

/** Staff hours one run of an activity needs. */
export function staffHoursPerRun(mode: 'online' | 'offline', staff: number | undefined, durationMinutes: number): number {
    const people = staff !== undefined && staff > 0 ? staff : staff === 0 ? 0 : 1;
    const minutes = durationMinutes > 0 ? durationMinutes : 0;
    const days = Math.max(1, Math.ceil(minutes / 1440));
    if (mode === 'offline') return people * (Math.min(minutes / 60, OFFLINE_HOURS_PER_DAY * days) + OFFLINE_SETUP_HOURS);
    return people * Math.min(minutes / 60, ONLINE_HOURS_PER_DAY * days);
}
