// The HTML report of every example, in English and Chinese, laid out by headless Chromium: the
// executive summary is the first section; no table cell is narrower than two CJK characters; no
// element sticks out of its container; the Chinese report has no Latin word left outside the
// plan's own names and texts, diagnostic codes, model-coefficient keys and units.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { preparePlans, reportChecks } from '../../cli/commands/compile.js';
import { ASSUMPTION_KEYS } from '../../engine/assumptions.js';
import { ACTIVITY_KINDS, CONTENT_FORMATS, CONTENT_KINDS, REFERRAL_MECHANICS } from '../../engine/catalog.js';
import type { Lang } from '../../engine/diagnostics.js';
import { diagnostics } from '../../engine/diagnostics.js';
import type { Plan } from '../../engine/model.js';
import { compilePlan } from '../../engine/report/outputs.js';
import { ROOT } from './helpers.js';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .sort();
let browser: Browser;

beforeAll(async () => {
    expect(CHROMIUM, 'Chromium is needed: apt-get install -y chromium fonts-wqy-microhei').toBeDefined();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
});
afterAll(async () => {
    await browser?.close();
});

async function reportOf(file: string, lang: Lang): Promise<{ html: string; plan: Plan; files: string[] }> {
    const { prepared } = await preparePlans([join(ROOT, 'examples', file)], lang, ROOT);
    const p = prepared[0];
    const compiled = await compilePlan(p.plan!, { formats: ['html'], runs: 100, seed: 42, scenario: null, lang, sensitivityRuns: 50, checks: reportChecks(p) });
    return { html: compiled.files.find((f) => f.name === 'report.html')!.content as string, plan: p.plan!, files: reportChecks(p).map((c) => c.file) };
}

/** Fields of the plan model that hold the language's keywords (metric, kind, frequency…), not the plan's own words. */
const KEYWORD_FIELDS = new Set([
    'source',
    'metric',
    'op',
    'mode',
    'kind',
    'format',
    'frequency',
    'weekdays',
    'per',
    'targetPer',
    'spendPer',
    'mechanic',
    'consentKind',
]);

/** Every string in the plan model that the plan's author wrote: names, titles and texts a report may quote. */
function planStrings(value: unknown, out: string[] = []): string[] {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) for (const v of value) planStrings(v, out);
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) if (!KEYWORD_FIELDS.has(k)) planStrings(v, out);
    return out;
}

const LATIN_WORD = /[A-Za-z][A-Za-z0-9_'’.-]*[A-Za-z0-9]|[A-Za-z]{2,}/g;

/** The language's own keywords (`every`, `online`, `educational`…): code a Chinese plan is written in too. */
const KEYWORDS = [...readFileSync(join(ROOT, 'language/community.langium'), 'utf8').matchAll(/'([A-Za-z][A-Za-z-]*)'/g)].map((m) => m[1]);
const CATALOG_WORDS = [CONTENT_KINDS, CONTENT_FORMATS, ACTIVITY_KINDS, REFERRAL_MECHANICS].flatMap((c) => Object.keys(c));

/**
 * Latin words of the zh-CN report that are neither the plan's own words (names, titles, texts, file
 * names) nor codes (diagnostic codes, model-coefficient keys, the language's keywords) and units.
 */
function strayLatin(text: string, plan: Plan, files: string[] = []): string[] {
    const allowed = new Set<string>();
    const add = (s: string) => {
        for (const w of s.match(LATIN_WORD) ?? []) allowed.add(w.toLowerCase());
        for (const w of s.match(/[A-Za-z]+/g) ?? []) allowed.add(w.toLowerCase());
    };
    for (const s of planStrings(plan)) add(s);
    for (const s of [...files, ...Object.keys(diagnostics), ...ASSUMPTION_KEYS, ...KEYWORDS, ...CATALOG_WORDS, 'P10 P50 P90 CNY USD EUR US$ community compile'])
        add(s);
    return [
        ...new Set(
            (text.match(LATIN_WORD) ?? []).filter(
                (w) => !allowed.has(w.toLowerCase()) && !w.split(/[.'’_-]/).every((part) => part === '' || allowed.has(part.toLowerCase())),
            ),
        ),
    ];
}

/** What the page reports about its own layout (runs in Chromium: plain JavaScript, DOM types not in this program). */
interface Layout {
    firstId?: string;
    firstHeading?: string;
    narrow: string[];
    overflow: string[];
    figures: number[];
    text: string;
}

const LAYOUT_PROBE = `(() => {
    // Every text node, SVG text and folded <details> included, one word boundary apart.
    const texts = () => {
        const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
        const out = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) out.push(n.nodeValue ?? '');
        return out.join(' ');
    };
    const main = document.querySelector('main');
    const first = main.querySelector(':scope > section');
    const fontPx = (el) => parseFloat(getComputedStyle(el).fontSize);
    const narrow = [];
    for (const cell of Array.from(document.querySelectorAll('td, th'))) {
        const w = cell.getBoundingClientRect().width;
        if (w < 2 * fontPx(cell)) narrow.push(\`\${cell.tagName} \${w.toFixed(1)}px "\${(cell.textContent ?? '').slice(0, 30)}"\`);
    }
    const overflow = [];
    for (const el of Array.from(main.querySelectorAll('*'))) {
        if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
        const parent = el.parentElement;
        if (!parent) continue;
        const r = el.getBoundingClientRect();
        const p = parent.getBoundingClientRect();
        if (r.width === 0 && r.height === 0) continue;
        if (r.right > p.right + 1 || r.left < p.left - 1) overflow.push(\`\${el.tagName}.\${el.className} in \${parent.tagName}: \${r.left.toFixed(0)}–\${r.right.toFixed(0)} vs \${p.left.toFixed(0)}–\${p.right.toFixed(0)}\`);
        if (el instanceof HTMLElement && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') overflow.push(\`\${el.tagName} scrolls\`);
    }
    const figures = Array.from(document.querySelectorAll('figure.chart svg')).map((s) => s.getBoundingClientRect().width / s.closest('section').getBoundingClientRect().width);
    return { firstId: first?.id, firstHeading: first?.querySelector('h2')?.textContent, narrow, overflow: overflow.slice(0, 10), figures, text: texts() };
})()`;

describe.each(EXAMPLES)('report.html of %s', (file) => {
    it.each(['en', 'zh-CN'] as const)('lays out cleanly in %s', async (lang) => {
        const { html, plan, files } = await reportOf(file, lang);
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        try {
            await page.setContent(html, { waitUntil: 'load' });
            const layout = (await page.evaluate(LAYOUT_PROBE)) as Layout;
            expect(layout.firstId).toBe('summary');
            expect(layout.firstHeading).toBe(lang === 'zh-CN' ? '摘要' : 'Executive summary');
            expect(layout.narrow).toEqual([]);
            expect(layout.overflow).toEqual([]);
            // Charts use the full width of their section (less its padding).
            expect(layout.figures.length).toBeGreaterThan(2);
            for (const share of layout.figures) expect(share).toBeGreaterThan(0.9);
            if (lang === 'zh-CN') expect(strayLatin(layout.text, plan, files)).toEqual([]);
        } finally {
            await page.close();
        }
    });
});

describe('the Latin-word check itself', () => {
    it('finds English words that are not the plan’s', async () => {
        const { plan } = await reportOf('fitness-wechat.community', 'zh-CN');
        expect(strayLatin('第 26 周 Sensitivity 成员 DouyinAds P50 CNY over-budget Compiled fatigue-churn', plan)).toEqual(['Sensitivity', 'Compiled']);
    });
});
