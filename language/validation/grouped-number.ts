// The checker's readable numbers ("18,400", "0.63"): exactly what
// `new Intl.NumberFormat('en-US', { maximumFractionDigits: digits })` prints, without Intl.
// Why not Intl: the first Intl.NumberFormat of a process loads ICU's number data, ~20 ms of CPU —
// two-thirds of a bare `node -e 0` — paid by every `community check` that prints a number, and
// Intl objects cannot sit in a V8 startup snapshot. test/language/grouped-number.test.ts compares
// this with Intl over random and edge values.
//
// Intl rounds the shortest decimal that reads back as the double (1.005 → "1.01", where toFixed,
// working on the binary value 1.00499…, gives "1.00"), half away from zero; so does this: it starts
// from toExponential()'s digits, which are that shortest decimal.

/** `n` with en-US thousands separators and at most `digits` decimals, trailing zeros dropped. */
export function groupedNumber(n: number, digits = 0): string {
    if (Number.isNaN(n)) return 'NaN';
    const sign = n < 0 || Object.is(n, -0) ? '-' : '';
    if (!Number.isFinite(n)) return `${sign}∞`;
    const [mantissa, exp] = Math.abs(n).toExponential().split('e');
    let decimals = mantissa.replace('.', '');
    let intDigits = Number(exp) + 1; // digits before the decimal point (≤ 0: a leading "0.00…")
    const keep = intDigits + digits; // significant digits that survive the rounding
    if (keep < 0) decimals = '';
    else if (keep < decimals.length) {
        const roundUp = decimals.charCodeAt(keep) >= 53; // '5'
        decimals = decimals.slice(0, keep);
        if (roundUp) {
            const carried = increment(decimals);
            if (carried.length > decimals.length) intDigits++;
            decimals = carried;
        }
    }
    decimals = decimals.replace(/0+$/, '');
    if (decimals === '') return `${sign}0`;
    let whole: string;
    let fraction: string;
    if (intDigits <= 0) {
        whole = '0';
        fraction = '0'.repeat(-intDigits) + decimals;
    } else {
        whole = decimals.slice(0, intDigits).padEnd(intDigits, '0');
        fraction = decimals.slice(intDigits);
    }
    return `${sign}${group(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** "0999" → "1000" ("" → "1"): a digit string plus one in its last place. */
function increment(digits: string): string {
    let i = digits.length - 1;
    while (i >= 0 && digits[i] === '9') i--;
    if (i < 0) return `1${'0'.repeat(digits.length)}`;
    return digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1) + '0'.repeat(digits.length - 1 - i);
}

/** "1234567" → "1,234,567". */
function group(whole: string): string {
    const head = whole.length % 3 || 3;
    let out = whole.slice(0, head);
    for (let i = head; i < whole.length; i += 3) out += `,${whole.slice(i, i + 3)}`;
    return out;
}
