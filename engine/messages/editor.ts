import type { Bilingual } from '../messages.js';

export const messagesEditor = {
} as const satisfies Record<string, Bilingual>;
