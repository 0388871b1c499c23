// Single mistakes in the shipped examples, the way a strategist makes them: a misspelt keyword, a
// bad value, a date in another format, a forgotten brace. Each mutation changes one place and says
// which line it is on, so a test can ask that the checker reports it once, there, and nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const EXAMPLES_DIR = join(ROOT, 'examples');

export interface Example {
    file: string;
    /** The example with its imports inlined at the end, so it checks on its own in memory. */
    text: string;
}

/** Every shipped example, imports appended (line numbers of the example itself are unchanged). */
export function examples(): Example[] {
    return readdirSync(EXAMPLES_DIR)
        .filter((f) => f.endsWith('.community'))
        .sort()
        .map((file) => {
            const own = readFileSync(join(EXAMPLES_DIR, file), 'utf8');
            const imported: string[] = [];
            const text = own.replace(/^import "([^"]+)"[^\n]*$/gm, (_, path: string) => {
                imported.push(readFileSync(join(EXAMPLES_DIR, path), 'utf8'));
                return '';
            });
            return { file, text: `${text}\n${imported.join('\n')}` };
        });
}

export interface Mistake {
    kind: 'keyword-typo' | 'bad-value' | 'date-format' | 'missing-brace';
    /** 0-based line of the mistake. */
    line: number;
    text: string;
    /** What changed, for failure messages. */
    what: string;
    /** The word as it should be written (keyword typos). */
    intended?: string;
}

/** A misspelling a hurried typist makes: two inner letters swapped, or one dropped. */
function misspell(word: string, variant: number): string {
    const i = 1 + (variant % Math.max(1, word.length - 2));
    const swapped = word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
    // Swapping two equal letters (s-ee-d) changes nothing: drop one instead.
    if (variant % 2 === 0 && i + 1 < word.length && swapped !== word) return swapped;
    return word.slice(0, i) + word.slice(i + 1);
}

/** Keywords that start a property or a block inside a block, as written at the start of a line. */
const LEADING_KEYWORDS = new Set([
    'start',
    'horizon',
    'timezone',
    'currency',
    'budget',
    'team',
    'market',
    'assume',
    'kind',
    'group',
    'limit',
    'size',
    'interests',
    'active',
    'region',
    'theme',
    'platform',
    'audience',
    'rules',
    'order',
    'margin',
    'baseline',
    'tier',
    'content',
    'activity',
    'referral',
    'channel',
    'organic',
    'kpi',
    'entry',
    'from',
    'down',
    'churn',
    'seed',
    'buys',
    'capacity',
    'benefits',
    'format',
    'every',
    'for',
    'via',
    'sent',
    'reach',
    'conversion',
    'into',
    'lasts',
    'cost',
    'owner',
    'link',
    'label',
    'lift',
    'staff',
    'materials',
    'incentive',
    'lottery',
    'data',
    'collects',
    'purpose',
    'retention',
    'consent',
    'mechanic',
    'reward',
    'invites',
    'cycle',
    'until',
    'shares',
    'paid',
    'innovation',
    'imitation',
    'scenario',
    'drop',
    'top',
    'odds',
    'draw',
    'redemption',
    'free',
]);

/** Every single-mistake mutation of one example's text. */
export function mistakesOf(text: string): Mistake[] {
    const lines = text.split('\n');
    const out: Mistake[] = [];
    const replaceLine = (line: number, next: string, kind: Mistake['kind'], what: string, intended?: string) => {
        const copy = [...lines];
        copy[line] = next;
        out.push({ kind, line, text: copy.join('\n'), what, intended });
    };
    let typo = 0;
    lines.forEach((content, line) => {
        const code = content.replace(/\/\/.*$/, '');
        // A misspelt leading keyword (several keywords on a line: the first).
        const lead = /^(\s*)([a-z]+)\b/.exec(code);
        if (lead && LEADING_KEYWORDS.has(lead[2]) && lead[2].length >= 4) {
            const wrong = misspell(lead[2], typo++);
            replaceLine(line, content.replace(lead[2], wrong), 'keyword-typo', `${lead[2]} → ${wrong}`, lead[2]);
        }
        // A bad value: a word where the number of a quantity goes ("churn lots% per month").
        const number = /^(\s*[a-z][a-z ]*?\s)(\d+(?:\.\d+)?)(\s*(?:%|CNY|members|people|days|weeks|hours|per\b))/.exec(code);
        if (number) replaceLine(line, content.replace(number[0], `${number[1]}lots${number[3]}`), 'bad-value', `${number[2]} → lots`);
        // A date written day-first with slashes, as many calendars show it.
        const date = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(code);
        if (date)
            replaceLine(line, content.replace(date[0], `${date[3]}/${date[2]}/${date[1]}`), 'date-format', `${date[0]} → ${date[3]}/${date[2]}/${date[1]}`);
        // A forgotten opening brace of a block that spans several lines.
        const open = /^(\s*(?:plan|platform|audience|community|tier|content|activity|referral|channel|scenario|data|lottery)\b[^{]*)\{\s*$/.exec(code);
        if (open) replaceLine(line, content.replace(/\{(\s*)$/, '$1'), 'missing-brace', 'opening { dropped');
        // A forgotten closing brace of an inner block.
        if (/^\s+\}\s*$/.test(code)) replaceLine(line, '', 'missing-brace', 'closing } dropped');
        // A date with dots, as some phones write it.
        if (date)
            replaceLine(line, content.replace(date[0], `${date[1]}.${date[2]}.${date[3]}`), 'date-format', `${date[0]} → ${date[1]}.${date[2]}.${date[3]}`);
    });
    return out;
}
