// `community format --keywords en|zh`: every example converted to Chinese keywords and back is
// byte-identical, and the Chinese version checks clean and forecasts byte-identically.
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, ensureBuilt, ROOT } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

beforeAll(ensureBuilt);

const examples = readdirSync(resolve(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .sort();
const invalid = readdirSync(resolve(ROOT, 'examples/invalid'))
    .filter((f) => f.endsWith('.community') && f !== 'syntax-error.community' && f !== 'full-width-char.community')
    .sort();

/** A copy of examples/ (with shared/ and invalid/) the test may rewrite. */
function copyExamples(): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-format-'));
    cpSync(resolve(ROOT, 'examples'), dir, { recursive: true });
    return dir;
}

describe('community format --keywords', () => {
    let dir: string;
    beforeAll(() => {
        dir = copyExamples();
        const r = community(['format', '--keywords', 'zh', '--write', ...examples, 'shared'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
    });

    it.each(examples)('examples/%s in Chinese keywords reads as Chinese and converts back byte for byte', async (file) => {
        const zh = readFileSync(join(dir, file), 'utf8');
        expect(zh).toMatch(/^计划 "/m);
        expect(zh).toMatch(/^社群 /m);
        expect(zh).not.toMatch(/^\s*(plan|community|tier|content|activity) /m);
        const back = await communityHere(['format', '--keywords', 'en', join(dir, file)]);
        expect(back.code).toBe(0);
        expect(back.stdout).toBe(readFileSync(resolve(ROOT, 'examples', file), 'utf8'));
    });

    it('every invalid example round-trips too (English → Chinese → English, byte for byte)', async () => {
        const files = invalid.map((f) => `invalid/${f}`);
        expect((await communityHere(['format', '--keywords', 'zh', '--write', ...files], { cwd: dir })).code).toBe(0);
        for (const f of files) expect(readFileSync(join(dir, f), 'utf8')).not.toMatch(/^plan /m);
        expect((await communityHere(['format', '--keywords', 'en', '--write', ...files], { cwd: dir })).code).toBe(0);
        for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).toBe(readFileSync(resolve(ROOT, 'examples', f), 'utf8'));
    });

    it('the Chinese examples check with the same diagnostics, lines and codes as the English ones', async () => {
        const where = (out: string) =>
            out
                .split('\n')
                .filter((l) => / - (error|warning|info) /.test(l))
                .map((l) => l.replace(/:(\d+):\d+ - (\w+) ([\w-]+):.*/, ':$1 $2 $3'));
        const en = await communityHere(['check', ...examples.map((f) => `examples/${f}`)]);
        const zh = await communityHere(['check', ...examples], { cwd: dir });
        expect(zh.code).toBe(en.code);
        expect(where(zh.stdout.replaceAll(`${dir}/`, ''))).toEqual(where(en.stdout.replaceAll('examples/', '')));
        expect(zh.stdout).toMatch(/0 errors/);
    });

    it.each(examples)('examples/%s forecasts byte-identically in Chinese keywords (simulate --format json)', async (file) => {
        const args = ['simulate', '--format', 'json', '--runs', '200', '--seed', '11'];
        const en = await communityHere([...args, resolve(ROOT, 'examples', file)]);
        const zh = await communityHere([...args, join(dir, file)]);
        expect(en.code).toBe(0);
        expect(zh.stdout).toBe(en.stdout);
    });

    it('prints a file with syntax errors as errors with positions, exits 1 and leaves the file alone', () => {
        const path = join(dir, 'broken.community');
        writeFileSync(path, 'plan "x" {\n  start 2027-01-04\n  horizon 4 weeks {\n}\n');
        const r = community(['format', '--keywords', 'zh', '--write', path]);
        expect(r.code).toBe(1);
        expect(r.stdout).toMatch(/broken\.community:3:\d+ - error syntax-error: /);
        expect(readFileSync(path, 'utf8')).toBe('plan "x" {\n  start 2027-01-04\n  horizon 4 weeks {\n}\n');
    });

    it('asks for --write when several plans are named', async () => {
        const r = await communityHere(['format', '--keywords', 'zh', ...examples.map((f) => `examples/${f}`)]);
        expect(r.code).toBe(2);
        expect(r.stderr).toMatch(/add --write/);
    });

    it('converts a hand-written Chinese plan with full-width punctuation, Chinese dates and times to English', async () => {
        const path = join(dir, 'hand.community');
        writeFileSync(path, '计划 “试” ｛ 开始 2027年1月4日  规划期 8 周  币种 CNY ｝\n社群 C { 内容 T { 类型 educational  每周四 晚上8点 } }\n');
        const r = await communityHere(['format', '--keywords', 'en', path]);
        expect(r.code).toBe(0);
        expect(r.stdout).toBe(
            'plan “试” { start 2027-01-04  horizon 8 weeks  currency CNY }\ncommunity C { content T { kind educational  every Thursday 20:00 } }\n',
        );
    });
});
