// What an activity does when the plan declares no `lift` of its own: a default lift by kind (in
// percentage points, for the share of targeted members taking part; docs/forecast-model.md,
// "Activities"). Offline events build trust and loyalty beyond their day (domain brief §6), sales
// events and livestreams convert, challenges and Q&A keep people talking. The numbers are modelling
// choices, weak: declare the activity's own `lift retention|activity|promotion|buys N points` (which
// replaces these entirely), scale them all with `assume activity-default-lift-scale`, or calibrate.

export interface ActivityLifts {
    readonly retention: number;
    readonly activity: number;
    readonly promotion: number;
    readonly buys: number;
}

const L = (retention: number, activity: number, promotion: number, buys: number): ActivityLifts => ({ retention, activity, promotion, buys });

/** Default lifts by activity kind, in points. */
export const DEFAULT_ACTIVITY_LIFTS: Readonly<Record<string, ActivityLifts>> = Object.freeze({
    salon: L(2, 10, 1, 0),
    meetup: L(2, 10, 1, 0),
    workshop: L(2, 10, 1, 1),
    trial: L(1, 10, 0, 3),
    'flash-sale': L(0, 5, 0, 5),
    livestream: L(0, 10, 0, 2),
    lottery: L(0, 10, 0, 0),
    sweepstakes: L(0, 10, 0, 0),
    challenge: L(1, 15, 0, 0),
    qa: L(0, 8, 0, 0),
    discussion: L(0, 8, 0, 0),
    vote: L(0, 6, 0, 0),
    'office-hours': L(0, 8, 0, 0),
    hackathon: L(2, 15, 1, 0),
    sport: L(2, 8, 0, 0),
    charity: L(2, 8, 0, 0),
});

/** Any other kind: online a little activity; offline also a little loyalty. */
const OTHER_ONLINE = L(0, 5, 0, 0);
const OTHER_OFFLINE = L(2, 8, 0, 0);

export function defaultActivityLifts(kind: string, mode: 'online' | 'offline'): ActivityLifts {
    return DEFAULT_ACTIVITY_LIFTS[kind.toLowerCase()] ?? (mode === 'offline' ? OTHER_OFFLINE : OTHER_ONLINE);
}
