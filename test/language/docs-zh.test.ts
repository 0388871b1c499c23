// docs/zh-CN: the keyword table is generated from language/keywords-zh.ts, and every plan shown in the
// Chinese docs checks without errors (so the docs cannot drift from the language).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { withTable } from '../../docs/zh-CN/write-keywords.js';
import { ZH_KEYWORDS } from '../../language/keywords-zh.js';
import { validate } from '../helpers/language.js';

const ROOT = resolve(__dirname, '../..');
const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

describe('docs/zh-CN', () => {
    it('lists every keyword with its Chinese forms as written by docs/zh-CN/write-keywords.ts', () => {
        const page = read('docs/zh-CN/language.md');
        expect(withTable(page)).toBe(page);
        for (const k of ZH_KEYWORDS) expect(page).toContain(`| \`${k.en}\` | ${k.zh.map((z) => `\`${z}\``).join('、')}`);
    });

    it.each(['docs/zh-CN/language.md', 'docs/zh-CN/getting-started.md'])('every plan in %s checks without errors', async (file) => {
        const blocks = [...read(file).matchAll(/```community\n([\s\S]*?)```/g)].map((m) => m[1]);
        expect(blocks.length).toBeGreaterThan(0);
        for (const block of blocks) {
            const { diagnostics } = await validate(block, 'zh-CN');
            expect(diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
        }
    });

    it('is linked from the README', () => {
        const readme = read('README.md');
        expect(readme).toContain('(docs/zh-CN/getting-started.md)');
        expect(readme).toContain('(docs/zh-CN/language.md)');
    });
});
