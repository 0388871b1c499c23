// Text helpers shared by every output: one deterministic string order for sorting.
//
// `localeCompare` without a fixed locale follows the machine (LANG / LC_ALL / ICU data), so the same
// plan sorted differently on a Swedish laptop and an English CI runner. Everything that orders user
// text (schedules, reports, diagnostics, diffs, the preview) sorts with `compareText` instead:
// Unicode code-point order, which is also the byte order of the UTF-8 the files are written in.

/**
 * Compares two strings by Unicode code point (= UTF-8 byte order), independent of the locale.
 * Returns -1, 0 or 1. Unlike `a < b` (UTF-16 code units), characters above U+FFFF sort after
 * every character of the Basic Multilingual Plane.
 */
export function compareText(a: string, b: string): number {
    if (a === b) return 0;
    const n = Math.min(a.length, b.length);
    for (let i = 0; i < n; i++) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if (x === y) continue;
        // A surrogate (U+D800–U+DFFF) starts or continues a code point above U+FFFF.
        const xs = x >= 0xd800 && x <= 0xdfff;
        const ys = y >= 0xd800 && y <= 0xdfff;
        if (xs !== ys) return xs ? 1 : -1;
        return x < y ? -1 : 1;
    }
    return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}
