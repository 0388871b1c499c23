// The typed message catalogue: every user-visible fragment the validators, the editor features, the
// CLI tables and the server build (not whole diagnostics: those are engine/diagnostics.ts) is a
// message id here, with its English and Simplified Chinese text and {placeholders}. The parameter
// names of a message are read from its English string literal by the type checker, so
// `t('diff.more-events', { count }, lang)` fails to compile when `count` is missing or misspelt, and
// a table whose Chinese text names other placeholders than its English text does not compile either
// (test/language/messages.test.ts checks the same at run time).
import { messagesCli } from './messages/cli.js';
import { messagesEditor } from './messages/editor.js';
import { messagesValidation } from './messages/validation.js';

export type Lang = 'en' | 'zh-CN';

/** One message: an English and a Simplified Chinese template. */
export interface Bilingual {
    readonly en: string;
    readonly zh: string;
}

/** A value a placeholder takes. */
export type MessageValue = string | number;

/** The {placeholder} names of a template literal type, as a union ("{a} of {b}" → "a" | "b"). */
export type Placeholders<S extends string> = S extends `${string}{${infer P}}${infer Rest}` ? P | Placeholders<Rest> : never;

/** The parameters a template needs: exactly one value per placeholder. */
export type ParamsOf<S extends string> = [Placeholders<S>] extends [never]
    ? Readonly<Record<string, never>>
    : { readonly [P in Placeholders<S>]: MessageValue };

/** Two unions are the same set (tuple-wrapped so a union is not distributed). */
type SameSet<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

/** The keys of a table whose zh text names other placeholders than its en text; never when consistent. */
export type MismatchedPlaceholders<T extends Readonly<Record<string, Bilingual>>> = {
    [K in keyof T]: SameSet<Placeholders<T[K]['en']>, Placeholders<T[K]['zh']>> extends true ? never : K;
}[keyof T];

/**
 * A compile-time assertion: `ExpectNone<MismatchedPlaceholders<typeof table>>` is a type error
 * naming the messages whose en and zh placeholders differ.
 */
export type ExpectNone<T extends never> = T;

/** The placeholder names of a template at run time, in order of first use. */
export function placeholdersOf(template: string): string[] {
    return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];
}

/**
 * Each template split once at its placeholders: text, name, text, name, …, text. A 20,000-line plan
 * fills ~3,000 messages per validation; a regular expression with a callback per call cost ~10× this.
 * The templates are the tables' own strings, so the cache holds at most one entry per table entry.
 */
const templateParts = new Map<string, string[]>();

/** Fills {placeholders}; one without a value stays visible, so a slip shows instead of vanishing. */
export function fill(template: string, params: Readonly<Record<string, MessageValue>>): string {
    let parts = templateParts.get(template);
    if (parts === undefined) templateParts.set(template, (parts = template.split(/\{(\w+)\}/g)));
    let text = parts[0];
    for (let i = 1; i < parts.length; i += 2) {
        const key = parts[i];
        text += (key in params ? String(params[key]) : `{${key}}`) + parts[i + 1];
    }
    return text;
}

/** The text of a bilingual table entry in a language (catalogue entries of engine/catalog.ts, limits …). */
export function inLang(entry: Bilingual, lang: Lang): string {
    return lang === 'zh-CN' ? entry.zh : entry.en;
}

/** Every fragment, by surface; the prefixes (`check.`, `hover.`, `diff.` …) keep the ids apart. */
export const messages = { ...messagesValidation, ...messagesEditor, ...messagesCli } as const;

export type MessageKey = keyof typeof messages;
export type MessageParams<K extends MessageKey> = ParamsOf<(typeof messages)[K]['en']>;
/** The ids of fragments without placeholders (a word, a table head): what a lookup table may map to. */
export type PlainMessageKey = { [K in MessageKey]: [Placeholders<(typeof messages)[K]['en']>] extends [never] ? K : never }[MessageKey];

// Compile-time: the en and zh text of every fragment use the same placeholders.
export type MessagesConsistent = ExpectNone<MismatchedPlaceholders<typeof messages>>;

/**
 * A fragment in the chosen language. An unknown id does not compile; one that reaches here anyway
 * (a cast) comes back as the id itself, visible rather than blank.
 */
export function t<K extends MessageKey>(key: K, params: MessageParams<K>, lang: Lang): string {
    const entry = (messages as Readonly<Record<string, Bilingual | undefined>>)[key];
    if (entry === undefined) return key;
    return fill(lang === 'zh-CN' ? entry.zh : entry.en, params);
}

/** A list joined the way the language joins it: "a, b" / "a、b". */
export function listOf(items: readonly string[], lang: Lang): string {
    return items.join(t('list.separator', {}, lang));
}
