// An edit's parse, full or in its block (language/incremental-parse.ts), by plan size and by where the
// edit is: one character typed into the theme of the first, the middle and the last community. The
// block's parse moves every syntax node after the block, so an edit near the start costs the most.
// Run alone with
//   node_modules/.bin/node --import tsx bench/scale-reparse.ts
// BENCH_SIZES=5000000,250000 measures those sizes only.
// (the tsx sources: Langium as published, the parser in development mode; the ratio is what it reads).
import { EmptyFileSystem } from 'langium';
import { createCommunityServices } from '../language/community-module.js';
import { reparseBlock } from '../language/incremental-parse.js';
import type { CommunityLexer } from '../language/lexer.js';
import type { CommunityParser } from '../language/parser.js';
import { generatePlanOfSize } from './generate.js';

const { Community } = createCommunityServices({ ...EmptyFileSystem });
const parser = Community.parser.LangiumParser as CommunityParser;
const lexer = Community.parser.Lexer as CommunityLexer;

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)];
}

function typeInto(text: string, which: 'first' | 'middle' | 'last'): string {
    const all = [...text.matchAll(/theme "/g)].map((m) => m.index + 'theme "'.length);
    const at = which === 'first' ? all[0] : which === 'last' ? all[all.length - 1] : all[Math.floor(all.length / 2)];
    return text.slice(0, at) + 'x' + text.slice(at);
}

export function benchReparse(sizes = [8_000, 16_000, 47_000, 100_000, 250_000, 1_000_000, 5_000_000], rounds = 9): string[] {
    const lines: string[] = [];
    for (const bytes of sizes) {
        const text = generatePlanOfSize(bytes);
        const n = bytes >= 1_000_000 ? Math.min(rounds, 3) : rounds;
        // Warm: V8 compiles the parser's paths on the first parses.
        if (bytes < 1_000_000) for (let i = 0; i < 5; i++) reparseBlock(parser, lexer, parser.parse(text), text, typeInto(text, 'middle'), 0);
        const fullTimes: number[] = [];
        for (let i = 0; i < n; i++) {
            const t = performance.now();
            parser.parse(typeInto(text, 'middle'));
            fullTimes.push(performance.now() - t);
        }
        const row = [`${(text.length / 1024).toFixed(0)} KB: full parse ${median(fullTimes).toFixed(1)} ms`];
        for (const which of ['first', 'middle', 'last'] as const) {
            const edited = typeInto(text, which);
            const times: number[] = [];
            for (let i = 0; i < n; i++) {
                const old = parser.parse(text);
                const t = performance.now();
                const r = reparseBlock(parser, lexer, old, text, edited, 0);
                times.push(performance.now() - t);
                if (!('result' in r)) throw new Error(`${which}: parsed in full (${r.fallback})`);
            }
            row.push(`in its block (${which} community) ${median(times).toFixed(1)} ms`);
        }
        lines.push(row.join(', '));
    }
    return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    const sizes = process.env.BENCH_SIZES?.split(',').map(Number);
    for (const line of benchReparse(sizes)) console.log(line);
}
