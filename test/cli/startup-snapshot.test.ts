// The CLI's V8 startup snapshot (out/snapshot/cli.blob, made by `npm run build`): `community check`
// and `format` start from it when it was made by the Node that runs them, and print exactly what the
// plain bundle prints; a blob that does not fit this process — moved, made by another Node, made
// from an older bundle, missing, or turned off — is never used, and the plain bundle runs instead.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { snapshotRefusal, type SnapshotRecord } from '../../runtime/startup-snapshot.js';
import { BIN, ensureBuilt, finished, ROOT } from '../helpers/cli.js';

beforeAll(ensureBuilt);

const TMP = mkdtempSync(join(tmpdir(), 'community-snapshot-'));
// Preloaded into the CLI process (NODE_OPTIONS): at exit, writes the Node flags the process ran with.
const RECORDER = join(TMP, 'record-flags.cjs');
writeFileSync(RECORDER, "process.on('exit', () => require('fs').writeFileSync(process.env.FLAGS_FILE, JSON.stringify(process.execArgv)));\n");

interface Run {
    code: number | null;
    stdout: string;
    stderr: string;
    fromSnapshot: boolean;
}

/** `community …args` run by `bin` (the project's by default), with whether its last process started from the snapshot. */
async function run(args: string[], env: Record<string, string | undefined> = {}, bin = BIN): Promise<Run> {
    const file = join(TMP, `flags-${Math.random().toString(36).slice(2)}.json`);
    const r = await finished(process.execPath, [bin, ...args], {
        env: {
            ...process.env,
            NO_COLOR: undefined,
            FORCE_COLOR: undefined,
            LANG: 'en_US.UTF-8',
            LC_ALL: undefined,
            NODE_OPTIONS: `--require ${RECORDER}`,
            FLAGS_FILE: file,
            ...env,
        } as NodeJS.ProcessEnv,
    });
    const flags = JSON.parse(readFileSync(file, 'utf8')) as string[];
    return { code: r.status, stdout: r.stdout, stderr: r.stderr, fromSnapshot: flags.includes('--snapshot-blob') };
}

/** The Node flags of the last process of `community …args`. */
async function flagsOf(args: string[]): Promise<string[]> {
    const file = join(TMP, `flags-${Math.random().toString(36).slice(2)}.json`);
    await finished(process.execPath, [BIN, ...args], { env: { ...process.env, NODE_OPTIONS: `--require ${RECORDER}`, FLAGS_FILE: file } });
    return JSON.parse(readFileSync(file, 'utf8')) as string[];
}

/** `community …args` started from its snapshot prints, and exits, exactly as the plain bundle (the two run at the same time). */
async function expectSameAsPlain(args: string[]): Promise<void> {
    const [snap, plain] = await Promise.all([run(args), run(args, { COMMUNITY_SNAPSHOT: 'off' })]);
    expect(snap.fromSnapshot).toBe(true);
    expect(plain.fromSnapshot).toBe(false);
    expect({ ...snap, fromSnapshot: undefined }).toEqual({ ...plain, fromSnapshot: undefined });
}

const EXAMPLES = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.community'))
    .map((f) => `examples/${f}`);

describe('community check from the startup snapshot', () => {
    it('the build made the blob for this Node', () => {
        expect(snapshotRefusal(join(ROOT, 'out/snapshot/cli.blob'), {})).toBeUndefined();
    });

    it.each([
        ...EXAMPLES.map((e) => ['check', e]),
        ['check', '--format', 'json', ...EXAMPLES],
        ['check', '--format', 'sarif', 'examples/invalid'],
        ['check', '--format', 'github', 'examples/invalid'],
        ['check', '--lang', 'zh-CN', 'examples/invalid'],
        ['check', '--min-severity', 'error', 'examples'],
        ['format', '--keywords', 'zh', 'examples/fitness-wechat.community'],
        ['check', 'examples/no-such-plan.community'],
        ['check', '--formt', 'json'],
    ])('community %s … prints what the plain bundle prints', (...args) => expectSameAsPlain(args));

    it("checks small plans without V8's optimising tiers, large inputs, folders and globs with them (cli/snapshot-flags.ts)", async () => {
        const big = join(TMP, 'large.community');
        writeFileSync(big, readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8') + `\n// ${'x'.repeat(80)}\n`.repeat(2_000));
        const large = [
            ['check', big],
            ['check', 'examples'],
            ['check', 'examples/*.community'],
        ];
        // Each command's flags come from its own process; the processes run at the same time.
        const [one, two, formatted, ...largeFlags] = await Promise.all(
            [
                ['check', 'examples/fitness-wechat.community'],
                ['check', '--format', 'json', 'examples/fitness-wechat.community', 'examples/oss-discord.community'],
                ['format', 'examples/fitness-wechat.community'],
                ...large,
            ].map(flagsOf),
        );
        expect(one).toContain('--max-opt=1');
        expect(two).toContain('--max-opt=1');
        expect(formatted).toContain('--max-opt=1');
        for (const [i, args] of large.entries()) {
            const flags = largeFlags[i];
            expect(flags, args.join(' ')).toContain('--snapshot-blob');
            expect(flags, args.join(' ')).not.toContain('--max-opt=1');
        }
        // Every start from the blob keeps the blob's hash seed (no rehashing of its heap at start).
        for (const flags of [one, two, formatted, ...largeFlags]) expect(flags).toContain('--no-rehash-snapshot');
    });

    it('simulates with a larger young generation (fewer scavenges in every thread; cli/snapshot-flags.ts)', async () => {
        const flags = await flagsOf(['simulate', 'examples/fitness-wechat.community', '--runs', '20', '--format', 'json']);
        expect(flags).toContain('--snapshot-blob');
        expect(flags).toContain('--min-semi-space-size=16');
        expect(flags).toContain('--no-rehash-snapshot');
    });

    it('reads the environment of the run, not of the build (file size limit, message language)', async () => {
        const big = join(TMP, 'big.community');
        writeFileSync(big, readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8') + `\n// ${'x'.repeat(80)}\n`.repeat(14_000));
        const envs = [{ COMMUNITY_MAX_FILE_MB: '1' }, { LANG: 'zh_CN.UTF-8' }];
        const runs = await Promise.all(envs.map((env) => Promise.all([run(['check', big], env), run(['check', big], { ...env, COMMUNITY_SNAPSHOT: 'off' })])));
        for (const [snap, plain] of runs) {
            expect(snap.fromSnapshot).toBe(true);
            expect(snap).toEqual({ ...plain, fromSnapshot: true });
        }
        // The snapshot's start with COMMUNITY_MAX_FILE_MB=1 (runs[0][0]) refused the 1.2 MB plan.
        expect(runs[0][0].stdout).toContain('file-too-large');
    });
});

describe('community simulate from its startup snapshot', () => {
    it('the build made the blob for this Node', () => {
        expect(snapshotRefusal(join(ROOT, 'out/snapshot/simulate.blob'), {})).toBeUndefined();
    });

    it.each([
        // 10,000 × 26 run-weeks go to the simulation pool's worker threads; the others run in the main thread.
        ['simulate', 'examples/fitness-wechat.community', '--format', 'json', '--runs', '10000'],
        ['simulate', 'examples/fitness-wechat.community', '--all-scenarios', '--format', 'csv', '--runs', '500'],
        ['simulate', 'examples/education-ab.community', '--runs', '300', '--no-progress'],
        ['simulate', 'examples/fitness-wechat.community', '--sensitivity', '--runs', '200', '--lang', 'zh-CN', '--no-progress'],
        ['simulate', 'examples/invalid/' + readdirSync(join(ROOT, 'examples/invalid')).filter((f) => f.endsWith('.community'))[0]],
        ['simulate', '--runs', 'many', 'examples/fitness-wechat.community'],
    ])('community %s … prints what the plain bundle prints', (...args) => expectSameAsPlain(args));
});

describe('a blob that does not fit is not used', () => {
    // A copy of what `community` needs (bin/ and out/cli, out/snapshot), so the blob's record can be changed.
    const copy = join(TMP, 'install');
    const blob = join(copy, 'out/snapshot/cli.blob');
    const recordFile = join(copy, 'out/snapshot/cli.json');
    const bin = join(copy, 'bin/community.cjs');
    beforeAll(() => {
        for (const dir of ['bin', 'out/cli', 'out/snapshot']) {
            mkdirSync(join(copy, dir), { recursive: true });
            cpSync(join(ROOT, dir), join(copy, dir), { recursive: true, preserveTimestamps: true });
        }
    });
    const stat = (f: string) => {
        const st = statSync(f);
        return { size: st.size, mtimeMs: st.mtimeMs };
    };
    /** The record the build would have written had it made the blob in the copy, changed by `change`. */
    const fitting = (): SnapshotRecord => {
        const made = JSON.parse(readFileSync(join(ROOT, 'out/snapshot/cli.json'), 'utf8')) as SnapshotRecord;
        return { ...made, dir: join(copy, 'out/snapshot'), bundle: { file: 'cli.cjs', ...stat(join(copy, 'out/snapshot/cli.cjs')) }, blob: stat(blob) };
    };
    const write = (r: SnapshotRecord) => writeFileSync(recordFile, JSON.stringify(r));
    const args = ['check', '--format', 'json', 'examples/fitness-wechat.community', 'examples/invalid'];
    // What the plain bundle prints for `args`: one run, which every case below is compared with.
    let plainRun: Promise<Run> | undefined;
    const plain = () => (plainRun ??= run(args, { COMMUNITY_SNAPSHOT: 'off' }));
    const fromCopy = () => run(args, {}, bin);

    it('moved to another folder (the blob holds the paths it was made with)', async () => {
        expect(snapshotRefusal(blob, {})).toMatch(/^made in /);
        const [copied, plainly] = await Promise.all([fromCopy(), plain()]);
        expect(copied).toEqual(plainly);
        write(fitting());
        expect(snapshotRefusal(blob, {})).toBeUndefined();
    });

    it('made by another Node version, or another Node binary', async () => {
        write({ ...fitting(), node: 'v23.0.0' });
        expect(snapshotRefusal(blob, {})).toBe('made by Node v23.0.0');
        expect(await fromCopy()).toEqual(await plain());
        write({ ...fitting(), execPath: '/opt/other/node' });
        expect(snapshotRefusal(blob, {})).toBe('made by /opt/other/node');
        expect(await fromCopy()).toEqual(await plain());
    });

    it('made from an older bundle, or the blob replaced since', async () => {
        write(fitting());
        const later = new Date(Date.now() + 60_000);
        utimesSync(join(copy, 'out/snapshot/cli.cjs'), later, later);
        expect(snapshotRefusal(blob, {})).toBe('bundle rebuilt since');
        expect(await fromCopy()).toEqual(await plain());
        write({ ...fitting(), blob: { size: 1, mtimeMs: 0 } });
        expect(snapshotRefusal(blob, {})).toBe('blob changed since');
        expect(await fromCopy()).toEqual(await plain());
    });

    it('missing, or turned off', async () => {
        expect(snapshotRefusal(join(ROOT, 'out/snapshot/cli.blob'), { COMMUNITY_SNAPSHOT: 'off' })).toBe('COMMUNITY_SNAPSHOT=off');
        rmSync(recordFile);
        expect(snapshotRefusal(blob, {})).toBe('no snapshot built');
        rmSync(blob);
        expect(await fromCopy()).toEqual(await plain());
    });
});
