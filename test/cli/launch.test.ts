// `community` starts in out/cli/main.cjs (cli/launch.ts), which loads only the bundle a command
// needs: `check` and `format` never load the compile outputs' libraries (echarts, exceljs,
// ical-generator…), `--version` loads no bundle at all. Whichever bundle runs a command, its output,
// help and errors are those of the whole program (out/cli/all.cjs).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { community, communityAsync, ensureBuilt, finished, ROOT } from '../helpers/cli.js';

beforeAll(ensureBuilt);

const TMP = mkdtempSync(join(tmpdir(), 'community-launch-'));
// Preloaded into the CLI process: at exit, writes which files of out/ it loaded.
const RECORDER = join(TMP, 'record-loaded.cjs');
writeFileSync(RECORDER, "process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_LIST, JSON.stringify(Object.keys(require.cache))));\n");

/** The files of out/ that `community …args` loaded, relative to the project. */
async function loadedBundles(args: string[], env: Record<string, string> = {}): Promise<{ code: number; bundles: string[] }> {
    const list = join(TMP, `loaded-${Math.random().toString(36).slice(2)}.json`);
    const r = await communityAsync(args, { env: { NODE_OPTIONS: `--require ${RECORDER}`, LOADED_LIST: list, ...env } });
    const files = JSON.parse(readFileSync(list, 'utf8')) as string[];
    return {
        code: r.code,
        bundles: files
            .filter((f) => f.startsWith(join(ROOT, 'out')))
            .map((f) => relative(ROOT, f))
            .sort(),
    };
}

/** The npm packages whose files went into a bundle (from its source map). */
function packagesIn(bundle: string): Set<string> {
    const map = JSON.parse(readFileSync(join(ROOT, `${bundle}.map`), 'utf8')) as { sources: string[] };
    return new Set(map.sources.flatMap((s) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(s)?.[1] ?? []));
}

const REPORT_STACK = ['echarts', 'zrender', 'exceljs', 'jszip', 'ical-generator', 'archiver'];

/** The whole program, as `community` ran every command before the split. */
async function wholeProgram(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    const r = await finished(process.execPath, [join(ROOT, 'out/cli/all.cjs'), ...args], {
        env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, LANG: 'en_US.UTF-8' } as NodeJS.ProcessEnv,
    });
    return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

describe('community loads only what a command needs', () => {
    it('check of an example loads the launcher and the check bundle only (without the startup snapshot: test/cli/startup-snapshot.test.ts)', async () => {
        const r = await loadedBundles(['check', 'examples/fitness-wechat.community'], { COMMUNITY_SNAPSHOT: 'off' });
        expect(r.code).toBe(0);
        expect(r.bundles).toEqual(['out/cli/check.cjs', 'out/cli/main.cjs']);
    });

    it('--version loads no bundle beyond the launcher', async () => {
        const [long, short] = await Promise.all([loadedBundles(['--version']), loadedBundles(['-V'])]);
        expect(long.bundles).toEqual(['out/cli/main.cjs']);
        expect(short.bundles).toEqual(['out/cli/main.cjs']);
    });

    it('simulate loads the simulate bundle (without its startup snapshot), compile and help the whole program', async () => {
        // Three processes at the same time, each recording what it loaded.
        const [simulate, help, compileHelp] = await Promise.all([
            loadedBundles(['simulate', 'examples/fitness-wechat.community', '--runs', '20'], { COMMUNITY_SNAPSHOT: 'off' }),
            loadedBundles(['--help']),
            loadedBundles(['compile', '--help']),
        ]);
        expect(simulate.bundles).toEqual(['out/cli/main.cjs', 'out/cli/simulate.cjs']);
        expect(help.bundles).toEqual(['out/cli/all.cjs', 'out/cli/main.cjs']);
        expect(compileHelp.bundles).toEqual(['out/cli/all.cjs', 'out/cli/main.cjs']);
    });

    it('the check and simulate bundles hold none of the report stack; the whole program does', () => {
        for (const bundle of ['out/cli/check.cjs', 'out/cli/simulate.cjs']) {
            const packages = packagesIn(bundle);
            expect(
                REPORT_STACK.filter((p) => packages.has(p)),
                bundle,
            ).toEqual([]);
            expect(packages.has('langium'), bundle).toBe(true);
        }
        const all = packagesIn('out/cli/all.cjs');
        expect(REPORT_STACK.filter((p) => !all.has(p))).toEqual([]);
    });

    it.each([
        [['--version']],
        [['-V']],
        [['check', 'examples/fitness-wechat.community']],
        [['check', '--format', 'json', 'examples/fitness-wechat.community', 'examples/oss-discord.community']],
        [['check', '--format', 'sarif', 'examples/invalid']],
        [['check', '--lang', 'zh-CN', 'examples/invalid']],
        [['check', '--help']],
        [['check', '--formt', 'json', 'examples/fitness-wechat.community']],
        [['check']],
        [['format', '--keywords', 'zh', 'examples/fitness-wechat.community']],
        [['simulate', 'examples/fitness-wechat.community', '--runs', '300', '--format', 'json']],
        [['simulate', 'examples/fitness-wechat.community', '--runs', '0']],
    ])('community %j prints what the whole program prints', async (args) => {
        // The two processes run at the same time.
        const [whole, launched] = await Promise.all([wholeProgram(args), communityAsync(args)]);
        expect(launched).toEqual(whole);
    });

    it('keeps compiled code in Node’s compile cache (the OS temp folder) when it runs the plain bundle', () => {
        const temp = mkdtempSync(join(TMP, 'tmp-'));
        const r = community(['check', 'examples/fitness-wechat.community'], {
            env: { TMPDIR: temp, NODE_COMPILE_CACHE: undefined, COMMUNITY_SNAPSHOT: 'off' },
        });
        expect(r.code).toBe(0);
        expect(existsSync(join(temp, 'node-compile-cache'))).toBe(true);
        expect(readdirSync(join(temp, 'node-compile-cache'), { recursive: true }).length).toBeGreaterThan(0);
    });
});
