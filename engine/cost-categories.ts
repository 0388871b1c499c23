// The categories a forecast splits cost into, in output order. Its own module so the forecast schema
// (engine/forecast-schema.ts) can name them without loading the simulation.
export const COST_CATEGORIES = ['content', 'activities', 'paid', 'referral'] as const;
export type CostCategory = (typeof COST_CATEGORIES)[number];
