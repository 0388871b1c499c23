// Writes the keyword table of docs/zh-CN/language.md from language/keywords-zh.ts (the one table),
// between its <!-- keywords:start --> and <!-- keywords:end --> markers.
// Run: node --import tsx docs/zh-CN/write-keywords.ts   (a test fails when the page is stale)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ZH_KEYWORDS } from '../../language/keywords-zh.js';

const START = '<!-- keywords:start -->';
const END = '<!-- keywords:end -->';

export function keywordTable(): string {
    const rows = ZH_KEYWORDS.map((k) => {
        const also = k.zhIn
            ? `（${Object.entries(k.zhIn)
                  .map(([rule, z]) => `${rule} 中写作 ${z}`)
                  .join('；')}）`
            : '';
        return `| \`${k.en}\` | ${k.zh.map((z) => `\`${z}\``).join('、')}${also} |`;
    });
    return ['| English | 中文 |', '| --- | --- |', ...rows].join('\n');
}

export function withTable(page: string): string {
    const a = page.indexOf(START);
    const b = page.indexOf(END);
    if (a < 0 || b < a) throw new Error('docs/zh-CN/language.md has no keyword table markers');
    return `${page.slice(0, a + START.length)}\n${keywordTable()}\n${page.slice(b)}`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    const path = fileURLToPath(new URL('./language.md', import.meta.url));
    writeFileSync(path, withTable(readFileSync(path, 'utf8')));
}
