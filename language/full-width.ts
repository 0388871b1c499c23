// Full-width characters a Chinese IME types that the language does not read (（）【】。；…): their
// half-width forms, for the `full-width-char` diagnostic and its quick fix, which converts a whole
// file at once. Quoted text and comments are left as they are: there a full-width mark is content.

const EXTRA: Record<string, string> = {
    '【': '[',
    '】': ']',
    '。': '.',
    '、': ',',
    '“': '"',
    '”': '"',
    '‘': "'",
    '’': "'",
    '「': '"',
    '」': '"',
    '『': '"',
    '』': '"',
    '　': ' ',
    '《': '<',
    '》': '>',
    '—': '-',
    '…': '..',
    '￥': '¥',
};

/** The half-width form of one character, or undefined when it has none. */
export function halfWidthOf(ch: string): string | undefined {
    const code = ch.charCodeAt(0);
    if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0);
    return EXTRA[ch];
}

/** Whether a character is a full-width or IME form of an ASCII character. */
export function isFullWidth(ch: string): boolean {
    return halfWidthOf(ch) !== undefined;
}

/**
 * The text with every full-width character outside quoted text and comments made half-width;
 * quotes themselves (“…”, 「…」) become "…". Comment and string contents are copied unchanged.
 */
export function toHalfWidth(text: string): string {
    let out = '';
    let i = 0;
    const close: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '「': '」', '『': '』' };
    while (i < text.length) {
        const ch = text[i];
        if (text.startsWith('//', i)) {
            const end = text.indexOf('\n', i);
            const stop = end === -1 ? text.length : end;
            out += text.slice(i, stop);
            i = stop;
        } else if (text.startsWith('/*', i)) {
            const end = text.indexOf('*/', i + 2);
            const stop = end === -1 ? text.length : end + 2;
            out += text.slice(i, stop);
            i = stop;
        } else if (ch in close) {
            let j = i + 1;
            while (j < text.length && text[j] !== close[ch] && text[j] !== '\n') j += text[j] === '\\' && (ch === '"' || ch === "'") ? 2 : 1;
            const body = text.slice(i + 1, j);
            const ascii = ch === '"' || ch === "'";
            // A quote mark inside full-width-quoted text cannot be kept inside "…"; keep the original then.
            out += ascii || body.includes('"') ? text.slice(i, j + 1) : `"${body}"`;
            i = j + 1;
        } else {
            out += halfWidthOf(ch) ?? ch;
            i++;
        }
    }
    return out;
}
