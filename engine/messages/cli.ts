import type { Bilingual } from '../messages.js';

export const messagesCli = {
} as const satisfies Record<string, Bilingual>;
