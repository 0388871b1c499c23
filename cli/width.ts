// Terminal display width of text, for padding table columns: East Asian wide and fullwidth
// characters (CJK, Hangul, fullwidth forms, most emoji) take two cells; combining marks,
// variation selectors and zero-width joiners take none; ambiguous characters (–, ±, “) count as
// narrow, as in most terminals outside East Asian legacy locales.
import { eastAsianWidth } from 'get-east-asian-width';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]$/u;

export function displayWidth(text: string): number {
    let width = 0;
    for (const ch of text) {
        if (ZERO_WIDTH.test(ch)) continue;
        width += eastAsianWidth(ch.codePointAt(0)!, { ambiguousAsWide: false });
    }
    return width;
}

/** Pads `text` with spaces to `width` terminal cells, on the right (left-aligned) or on the left. */
export function padDisplay(text: string, width: number, alignRight = false): string {
    const fill = ' '.repeat(Math.max(0, width - displayWidth(text)));
    return alignRight ? fill + text : text + fill;
}
