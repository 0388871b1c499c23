// Periods in weeks, without the plan schema: the engine's core (and so the worker threads) reads these
// constants without loading zod (engine/model.ts re-exports them beside the schema).
import type { Period } from './model.js';

/** Weeks in one period: a year is 52 weeks and a month is 52/12 weeks. */
export const WEEKS_PER: Record<Period, number> = { day: 1 / 7, week: 1, month: 52 / 12, year: 52 };
