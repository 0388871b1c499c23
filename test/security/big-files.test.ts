// One big or pathological file must not kill the workspace: limits are checked before lexing, the
// file gets one coded diagnostic (en + zh-CN) and everything else is read and served as usual.
import { mkfifoSync } from './fifo.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadPlans } from '../../cli/workspace.js';
import { checkText, DEFAULT_MAX_FILE_BYTES, maxFileBytesFromEnv } from '../../language/limits.js';
import { tempFolder } from '../compile/helpers.js';
import { community, ensureBuilt } from '../helpers/cli.js';
import { startServer, until, type Server } from '../server/server-process.js';

const HEAD = 'plan "T" {\n  start 2027-01-04\n  horizon 8 weeks\n  timezone "Asia/Shanghai"\n  currency CNY\n}\n';
const SMALL = `${HEAD}community C {\n  tier A { seed 10 members }\n}\n`;

async function diagnosticsOf(text: string, lang: 'en' | 'zh-CN' = 'en') {
    const dir = tempFolder({ 'big.community': text });
    const ws = await loadPlans([join(dir, 'big.community')], { lang, root: dir });
    return ws.plans[0].diagnostics.map((d) => ({ code: String(d.code), line: d.range.start.line + 1, message: String(d.message) }));
}

beforeAll(() => ensureBuilt());

describe('limits before lexing', () => {
    it('a 4 MB and an 8 MB string literal: token-too-long, no stack overflow', async () => {
        for (const size of [4e6, 8e6]) {
            const found = await diagnosticsOf(`${HEAD}community C "${'x'.repeat(size)}" {}\n`);
            expect(found).toEqual([
                {
                    code: 'token-too-long',
                    line: 7,
                    message: expect.stringContaining(`Line 7 is ${(size + 17).toLocaleString('en-US')} characters long, above the limit of 1,000,000`),
                },
            ]);
        }
    });

    it('16 MB of // comments: file-too-large with the size and the limit; 9 MB of them: too-many-comments', async () => {
        const big = await diagnosticsOf(HEAD + `// ${'y'.repeat(60)}\n`.repeat(250_000));
        expect(big).toHaveLength(1);
        expect(big[0].code).toBe('file-too-large');
        expect(big[0].message).toContain('16,000,092 bytes (15.3 MB), above the limit of 10,485,760 bytes (10.0 MB)');
        const many = await diagnosticsOf(HEAD + `// ${'y'.repeat(60)}\n`.repeat(140_000));
        expect(many.map((d) => d.code)).toEqual(['too-many-comments']);
        expect(many[0].message).toContain('140,000 comments, above the limit of 50,000');
    });

    it('says it in Chinese too', async () => {
        const found = await diagnosticsOf(`${HEAD}community C "${'x'.repeat(1_200_000)}" {}\n`, 'zh-CN');
        expect(found[0].message).toContain('第 7 行长 1,200,017 个字符，超过上限 1,000,000');
    });

    it('700,000 repeated properties: at most 2,000 problems listed, then one too-many-problems', async () => {
        const found = await diagnosticsOf(`${HEAD}community C {\n${'  theme "x"\n'.repeat(700_000)}}\n`);
        expect(found.length).toBeLessThanOrEqual(2_001);
        expect(found.at(-1)).toMatchObject({
            code: 'too-many-problems',
            message: expect.stringContaining('more problems in this file are not listed (at most 2,000 are shown)'),
        });
    }, 60_000);

    it('checks in one linear pass, and COMMUNITY_MAX_FILE_MB sets the file limit', () => {
        const text = SMALL.repeat(20_000);
        const t = process.cpuUsage();
        expect(checkText(text, { maxFileBytes: DEFAULT_MAX_FILE_BYTES })).toBeNull();
        const used = process.cpuUsage(t);
        expect((used.user + used.system) / 1000).toBeLessThan(200);
        expect(maxFileBytesFromEnv({ COMMUNITY_MAX_FILE_MB: '1' })).toBe(1024 * 1024);
        expect(maxFileBytesFromEnv({ COMMUNITY_MAX_FILE_MB: 'lots' })).toBe(DEFAULT_MAX_FILE_BYTES);
        expect(checkText(SMALL, { maxFileBytes: 100 })?.code).toBe('file-too-large');
    });
});

describe('the CLI with a file over the limit', () => {
    it('prints the coded diagnostic with file:line:col and exits 1, checking the other file too', () => {
        const dir = tempFolder({ 'small.community': SMALL });
        writeFileSync(join(dir, 'big.community'), HEAD + `// ${'y'.repeat(60)}\n`.repeat(200_000));
        const r = community(['check', 'big.community', 'small.community'], { cwd: dir, env: { COMMUNITY_MAX_FILE_MB: '5' } });
        expect(r.code).toBe(1);
        expect(r.stdout + r.stderr).toMatch(/big\.community:1:1 .*error.*file-too-large/);
        expect(r.stdout + r.stderr).not.toMatch(/small\.community:\d/);
        expect(r.stderr).not.toContain('Maximum call stack');
    });

    it('does not read a FIFO named *.community in a folder, nor when it is named', () => {
        const dir = tempFolder({ 'small.community': SMALL });
        mkfifoSync(join(dir, 'pipe.community'));
        const folder = community(['check', '.'], { cwd: dir });
        expect(folder.code).toBe(0);
        const named = community(['check', 'pipe.community'], { cwd: dir });
        expect(named.code).toBe(2);
        expect(named.stderr).toContain('not a file or folder');
    });
});

describe('the server with a 50 MB plan in the workspace', () => {
    let server: Server | undefined;
    afterEach(async () => {
        await server?.stop();
        server = undefined;
    });

    it('answers hover in the other file within 1 s and shows the size diagnostic on the big one', async () => {
        const dir = tempFolder({ 'small.community': SMALL });
        writeFileSync(join(dir, 'big.community'), HEAD + `// ${'z'.repeat(60)}\n`.repeat((50 * 1024 * 1024) / 64));
        const small = pathToFileURL(join(dir, 'small.community')).href;
        const big = pathToFileURL(join(dir, 'big.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' } });
        await server.open(small, SMALL);
        await until(() => server!.latest(small), 20_000, 'diagnostics of small.community');
        const t = performance.now();
        const hover = (await server.connection.sendRequest('textDocument/hover', { textDocument: { uri: small }, position: { line: 2, character: 3 } })) as {
            contents: unknown;
        } | null;
        expect(performance.now() - t).toBeLessThan(1_000);
        expect(JSON.stringify(hover?.contents)).toContain('horizon');
        const shown = await until(() => server!.latest(big), 20_000, 'diagnostics of big.community');
        expect(shown.map((d) => d.code)).toEqual(['file-too-large']);
        expect(shown[0].message).toContain('above the limit of 10,485,760 bytes (10.0 MB)');
        expect(server.stderr()).not.toContain('Maximum call stack');
    }, 60_000);
});
