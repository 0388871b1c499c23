// Mutations of real plans for fuzzing: what a half-typed, pasted or corrupted file looks like.
import fc from 'fast-check';

const TOKEN = /\s+|[A-Za-z_\u3400-\u9fff][\w\u3400-\u9fff-]*|\d+(?:\.\d+)?|"[^"\n]*"|\S/g;

export function tokens(text: string): string[] {
    return text.match(TOKEN) ?? [];
}

const hostile = fc.constantFrom(
    '1e308',
    '1e309',
    '-0',
    '0',
    'NaN',
    'Infinity',
    '-1',
    '999999999999999999999',
    '100%',
    '1000%',
    '0.0000001',
    '{',
    '}',
    '{{{{{{{{',
    '}}}}',
    '"',
    "'",
    '..',
    '±',
    '->',
    '//',
    '/*',
    '*/',
    '\u0000',
    '\uFEFF',
    '\r',
    '\t',
    '真爱粉丝',
    'مرحبا',
    'שלום',
    '😀🎉',
    '\u202e',
    '<script>alert(1)</script>',
    '"><img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'tier',
    'community',
    'kpi',
    'every',
    'per month',
    'from',
    'import "../../etc/x.community"',
    // Forecast model v2 constructs.
    'margin 40%',
    'margin 140%',
    'baseline buys 2% per month',
    'baseline buys',
    'kpi participation >= 70%',
    'participation',
    'reach 3000 ± 1000',
    'conversion 0.5%',
    'into',
    'lift buys 3 points',
    'lift retention 1e308 points',
    'shares to group',
    '>= 40% above 3000',
    'above',
    'above -1',
    '>= 1e308% above 0',
    'platform',
    'tier T { platform Nowhere }',
    'sent manually',
    'sent as broadcast',
    'sent',
    'manually',
    'reach 0',
    'reach -5',
    'conversion 1e9%',
    'into Nowhere',
    'via',
    'kind bilibili',
    'kind wechat-official-account',
    'margin -1%',
    'baseline buys 1e308 per month',
    'kpi participation <= 0%',
    'lift buys',
    'lift promotion 200 points',
);

const unicode = fc.string({ unit: 'grapheme', maxLength: 12 });

/** One edit of a token list. */
const edit = fc.oneof(
    fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 30 }) }),
    fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(hostile, unicode) }),
    fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

export function applyEdits(source: string[], edits: Edit[]): string {
    const t = [...source];
    for (const e of edits) {
        if (t.length === 0) break;
        const at = e.at % t.length;
        switch (e.op) {
            case 'delete':
                t.splice(at, e.len);
                break;
            case 'duplicate':
                t.splice(at, 0, ...t.slice(at, at + e.len));
                break;
            case 'swap': {
                const o = e.other % t.length;
                [t[at], t[o]] = [t[o], t[at]];
                break;
            }
            case 'insert':
                t.splice(at, 0, ' ', e.text, ' ');
                break;
            case 'truncate':
                t.length = at;
                break;
        }
    }
    return t.join('');
}

/** Mutated versions of the given plans, deep nesting, and random text. */
export function planInputs(plans: string[]): fc.Arbitrary<string> {
    const mutated = fc
        .tuple(fc.constantFrom(...plans.map(tokens)), fc.array(edit, { minLength: 1, maxLength: 6 }))
        .map(([src, edits]) => applyEdits(src, edits));
    const nested = fc.integer({ min: 1, max: 2000 }).map((n) => `community X {${' tier A {'.repeat(n)}${'}'.repeat(n)}`);
    const random = fc.string({ unit: 'binary', maxLength: 400 });
    return fc.oneof({ arbitrary: mutated, weight: 8 }, { arbitrary: nested, weight: 1 }, { arbitrary: random, weight: 1 });
}
