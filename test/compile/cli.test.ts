// The CLI's compile (determinism, all-or-nothing writes, exit codes), diff, and check --format
// sarif / github. Most commands run in this process (helpers/cli-in-process.ts, the same commands and
// output); the built CLI as a process for what a process shows: the same bytes from the shipped
// binary, the exit codes of plan errors and of an unwritable --out, an interrupted compile, a diff
// against git that cleans up when the process ends.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AjvDraft04 from 'ajv-draft-04';
import { beforeAll, describe, expect, it } from 'vitest';
import { folderNames } from '../../cli/commands/compile.js';
import { escapeData, escapeProperty } from '../../cli/format-github.js';
import { OUTPUT_MARKER } from '../../cli/output-folder.js';
import { fileSafe, MAX_FILE_NAME_BYTES } from '../../engine/ics.js';
import { ROOT, tempFolder } from './helpers.js';
import { ensureBuilt } from '../helpers/cli.js';
import { communityHere } from '../helpers/cli-in-process.js';

const BIN = join(ROOT, 'bin/community.cjs');

/** The built CLI as a process: for what only a process shows (exit codes, signals, the shipped bundles). */
function runProcess(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
    const r = spawnSync(process.execPath, [BIN, ...args], {
        cwd: options.cwd ?? ROOT,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LANG: 'en_US.UTF-8', ...options.env },
        timeout: 120_000,
    });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same command in this process (helpers/cli-in-process.ts): same output, exit code and files. */
function run(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}) {
    return communityHere(args, { cwd: options.cwd, env: { NO_COLOR: '1', LANG: 'en_US.UTF-8', ...options.env } });
}

function tree(dir: string): Record<string, Buffer> {
    const out: Record<string, Buffer> = {};
    const walk = (d: string, prefix: string) => {
        for (const e of readdirSync(d, { withFileTypes: true })) {
            if (e.isDirectory()) walk(join(d, e.name), `${prefix}${e.name}/`);
            else if (e.name !== OUTPUT_MARKER) out[`${prefix}${e.name}`] = readFileSync(join(d, e.name));
        }
    };
    walk(dir, '');
    return out;
}

const GOOD = ['examples/fitness-wechat.community', 'examples/oss-discord.community'];

beforeAll(ensureBuilt);

describe('output names', () => {
    const plan = (name: string, community = 'Club') => `plan "${name}" {
  start 2027-03-01
  horizon 2 weeks
  timezone "UTC"
  currency USD
}
community ${community} {
  tier Members {
    seed 100 members
    churn 5% per month
    active 50% weekly
  }
  content Tips { kind news every week on Monday at 09:00 }
}
`;

    it('folderNames are unique ignoring case, deterministic, suffixed in input order', () => {
        expect(folderNames(['/d/a-x.community', '/d/a/x.community', '/d/b/x.community'])).toEqual(['a-x', 'a-x-2', 'b-x']);
        expect(folderNames(['/d/A-X.community', '/d/a-x.community', '/d/a-x-2.community'])).toEqual(['d-A-X', 'd-a-x-2', 'a-x-2']);
        expect(folderNames(['/d/x-2.community', '/d/x.community', '/e/X.community'])).toEqual(['x-2', 'd-x', 'e-X']);
        expect(folderNames(['/d/p.community', '/e/p.community', '/f/d-p.community'])).toEqual(['d-p', 'e-p', 'd-p-2']);
        expect(folderNames(['/d/CON.community', '/d/plan.community'])).toEqual(['CON_', 'plan']);
        const names = folderNames(['/d/A/x.community', '/d/a/x.community', '/d/a-x.community', '/d/A-X.community']);
        expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(4);
    });

    it('compile writes one folder per plan, none overwritten: a/x, b/x, a-x, A-X', async () => {
        const dir = tempFolder({
            'a/x.community': plan('a/x'),
            'b/x.community': plan('b/x'),
            'a-x.community': plan('a-x'),
            'A-X.community': plan('A-X'),
        });
        const out = join(dir, 'out');
        const r = await run(['compile', '.', '--out', out, '--runs', '10', '--formats', 'json'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const folders = readdirSync(out).sort();
        expect(folders).toHaveLength(4);
        expect(new Set(folders.map((f) => f.toLowerCase())).size).toBe(4);
        const plans = folders.map((f) => JSON.parse(readFileSync(join(out, f, 'schedule.json'), 'utf8')).plan).sort();
        expect(plans).toEqual(['A-X', 'a-x', 'a/x', 'b/x']);
        // The same inputs give the same folders.
        const again = join(dir, 'again');
        await run(['compile', '.', '--out', again, '--runs', '10', '--formats', 'json'], { cwd: dir });
        expect(readdirSync(again).sort()).toEqual(folders);
    });

    it('fileSafe bounds names to 100 UTF-8 bytes without splitting characters and suffixes Windows device names', () => {
        const long = '长'.repeat(300);
        const safe = fileSafe(long);
        expect(Buffer.byteLength(safe)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        expect(safe).toMatch(/^长+-[0-9a-f]{8}$/);
        expect(fileSafe(long)).toBe(safe);
        expect(fileSafe('长'.repeat(299) + '短')).not.toBe(safe);
        const ascii = fileSafe('a'.repeat(300));
        expect(Buffer.byteLength(ascii)).toBe(MAX_FILE_NAME_BYTES);
        const astral = fileSafe('𠀀'.repeat(60));
        expect(astral).toMatch(/^(𠀀)+-[0-9a-f]{8}$/u);
        expect(Buffer.byteLength(astral)).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES);
        for (const reserved of ['CON', 'nul', 'Aux', 'PRN', 'COM1', 'com9', 'LPT1', 'lpt9']) expect(fileSafe(reserved)).toBe(`${reserved}_`);
        expect(fileSafe('con.backup')).toBe('con_.backup');
        expect(fileSafe('CONSOLE')).toBe('CONSOLE');
        expect(fileSafe('COM10')).toBe('COM10');
    });

    it('compile succeeds with a 300-character community ID and a community named CON', async () => {
        const id = 'Community' + 'X'.repeat(291);
        const dir = tempFolder({ 'long.community': plan('Long', id), 'con.community': plan('Con', 'CON') });
        const out = join(dir, 'out');
        const r = await run(['compile', '.', '--out', out, '--runs', '10', '--formats', 'ics'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const ics = readdirSync(join(out, 'long')).filter((f) => f !== 'plan.ics' && f !== OUTPUT_MARKER);
        expect(ics).toHaveLength(1);
        expect(Buffer.byteLength(ics[0])).toBeLessThanOrEqual(MAX_FILE_NAME_BYTES + 4);
        expect(ics[0]).toMatch(/^CommunityX+-[0-9a-f]{8}\.ics$/);
        expect(readdirSync(out).sort()).toEqual(['con_', 'long']);
        expect(
            readdirSync(join(out, 'con_'))
                .filter((f) => f !== OUTPUT_MARKER)
                .sort(),
        ).toEqual(['CON_.ics', 'plan.ics']);
    });
});

describe('community compile', () => {
    it('writes one folder per plan with every format, a summary line each, byte-identical on re-run', async () => {
        const a = tempFolder();
        const b = tempFolder();
        const r1 = await run(['compile', ...GOOD, '--out', a, '--runs', '150']);
        expect(r1.stderr).toBe('');
        expect(r1.code).toBe(0);
        expect(r1.stdout.trim().split('\n')).toHaveLength(2);
        expect(r1.stdout).toMatch(/✓ examples\/fitness-wechat\.community → .*fitness-wechat\/ \(9 files, 221 events/);
        // The shipped CLI, in its own process, writes the same bytes.
        expect(runProcess(['compile', ...GOOD, '--out', b, '--runs', '150']).code).toBe(0);
        const ta = tree(a);
        expect(Object.keys(ta).sort()).toEqual(
            [
                'fitness-wechat/FitHome.ics',
                'fitness-wechat/plan.ics',
                'fitness-wechat/report.html',
                'fitness-wechat/report.md',
                'fitness-wechat/schedule.csv',
                'fitness-wechat/schedule.json',
                'fitness-wechat/plan.xlsx',
                'fitness-wechat/sop.csv',
                'fitness-wechat/sop.xlsx',
                'oss-discord/Lumen.ics',
                'oss-discord/plan.ics',
                'oss-discord/report.html',
                'oss-discord/report.md',
                'oss-discord/schedule.csv',
                'oss-discord/schedule.json',
                'oss-discord/plan.xlsx',
                'oss-discord/sop.csv',
                'oss-discord/sop.xlsx',
            ].sort(),
        );
        expect(tree(b)).toEqual(ta);
        // Compiling one plan alone gives the same bytes as compiling it with others.
        const c = tempFolder();
        await run(['compile', GOOD[1], '--out', c, '--runs', '150']);
        expect(tree(c)['oss-discord/report.html'].equals(ta['oss-discord/report.html'])).toBe(true);
        expect(ta['fitness-wechat/schedule.csv'].toString()).toContain(',fitness-wechat.community:46\r\n');
    });

    it('honours --formats, --bom, --lang, --now and --scenario', async () => {
        const out = tempFolder();
        const r = await run([
            'compile',
            GOOD[0],
            '--out',
            out,
            '--formats',
            'csv,ics,md',
            '--bom',
            '--lang',
            'zh-CN',
            '--now',
            '2027-02-01T08:00:00Z',
            '--scenario',
            'DoubleAds',
            '--runs',
            '100',
        ]);
        expect(r.code).toBe(0);
        const files = tree(out);
        expect(Object.keys(files).sort()).toEqual([
            'fitness-wechat/FitHome.ics',
            'fitness-wechat/plan.ics',
            'fitness-wechat/report.md',
            'fitness-wechat/schedule.csv',
        ]);
        expect([...files['fitness-wechat/schedule.csv'].subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
        expect(files['fitness-wechat/plan.ics'].toString()).toContain('DTSTAMP:20270201T080000Z');
        expect(files['fitness-wechat/report.md'].toString()).toContain('情景: 抖音投放翻倍 (DoubleAds)');
    });

    it('writes nothing for a plan with errors and exits 1; other plans are still written', async () => {
        const out = tempFolder();
        const r = runProcess(['compile', GOOD[0], 'examples/invalid/bad-date.community', '--out', out, '--formats', 'csv']);
        expect(r.code).toBe(1);
        expect(r.stdout).toContain('✗ examples/invalid/bad-date.community: 1 error, nothing written');
        expect(r.stderr).toContain('bad-date');
        expect(readdirSync(out)).toEqual(['fitness-wechat']);
    });

    it('leaves no --out folder behind when it made one and wrote no plan into it', async () => {
        const base = tempFolder();
        const out = join(base, 'reports', '2027');
        const failed = runProcess(['compile', 'examples/invalid/bad-date.community', '--out', out, '--formats', 'csv']);
        expect(failed.code).toBe(1);
        expect(readdirSync(base)).toEqual([]);
        // A folder that was there before stays, empty or not.
        mkdirSync(out, { recursive: true });
        expect(runProcess(['compile', 'examples/invalid/bad-date.community', '--out', out, '--formats', 'csv']).code).toBe(1);
        expect(existsSync(out)).toBe(true);
        const written = runProcess(['compile', GOOD[0], '--out', join(base, 'new'), '--formats', 'csv']);
        expect(written.code).toBe(0);
        expect(readdirSync(join(base, 'new'))).toEqual(['fitness-wechat']);
    });

    it('exits 2 with one line for an unwritable --out, and for bad options', async () => {
        const dir = tempFolder({ 'file.txt': 'x' });
        const r = runProcess(['compile', GOOD[0], '--out', join(dir, 'file.txt', 'out')]);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^community: cannot write to --out/);
        expect((await run(['compile', GOOD[0], '--out', dir, '--formats', 'docx'])).code).toBe(2);
        expect((await run(['compile', GOOD[0], '--out', dir, '--runs', '0'])).code).toBe(2);
        expect((await run(['compile', GOOD[0], '--out', dir, '--scenario', 'Nope'])).stderr).toMatch(/no scenario "Nope"; it has: DoubleAds/);
        expect(readdirSync(dir)).toEqual(['file.txt']);
        // The same lines in Chinese with --lang zh-CN.
        const zh = runProcess(['compile', GOOD[0], '--out', join(dir, 'file.txt', 'out'), '--lang', 'zh-CN']);
        expect([zh.code, zh.stderr]).toEqual([2, `community: 无法写入 --out “${join(dir, 'file.txt', 'out')}”：同名文件挡住了路径。\n`]);
        expect((await run(['compile', GOOD[0], '--out', dir, '--scenario', 'Nope', '--lang', 'zh-CN'])).stderr).toMatch(
            /中没有情景“Nope”；其中有：DoubleAds、/,
        );
    });

    it('--out under /proc or under a file fails fast with one line (no recursive mkdir loop)', async () => {
        if (existsSync('/proc/self')) {
            for (const target of ['/proc/x', '/proc/x/y/z']) {
                const started = Date.now();
                const r = await run(['compile', GOOD[0], '--out', target, '--runs', '10', '--formats', 'json']);
                expect(Date.now() - started).toBeLessThan(30_000);
                expect(r.code).toBe(2);
                expect(r.stderr.trim().split('\n')).toHaveLength(1);
                expect(r.stderr).toMatch(new RegExp(`^community: cannot write to --out "${target}": `));
                expect(existsSync(target)).toBe(false);
            }
        }
        const dir = tempFolder({ 'file.txt': 'x' });
        const r = await run(['compile', GOOD[0], '--out', join(dir, 'file.txt', 'a', 'b'), '--runs', '10', '--formats', 'json']);
        expect(r.code).toBe(2);
        expect(r.stderr.trim().split('\n')).toHaveLength(1);
        expect(r.stderr).toMatch(/^community: cannot write to --out .*: a file is in the way/);
        // Missing segments are created one by one.
        const deep = join(dir, 'new', 'nested', 'out');
        expect((await run(['compile', GOOD[0], '--out', deep, '--runs', '10', '--formats', 'json'])).code).toBe(0);
        expect(readdirSync(deep)).toEqual(['fitness-wechat']);
    });

    it('replaces an earlier output folder whole, and a failing write leaves no partial files', async () => {
        const out = tempFolder();
        // An earlier output (it has the marker) with a stray file: replaced whole.
        mkdirSync(join(out, 'fitness-wechat'));
        writeFileSync(join(out, 'fitness-wechat', OUTPUT_MARKER), '');
        writeFileSync(join(out, 'fitness-wechat', 'stale.txt'), 'old');
        expect((await run(['compile', GOOD[0], '--out', out, '--formats', 'json'])).code).toBe(0);
        expect(readdirSync(join(out, 'fitness-wechat')).sort()).toEqual([OUTPUT_MARKER, 'schedule.json']);
        // A file where the plan's folder goes: the rename fails, the temp folder is removed.
        const blocked = tempFolder({ 'fitness-wechat': 'not a folder' });
        writeFileSync(join(blocked, 'fitness-wechat'), 'not a folder');
        const r = await run(['compile', GOOD[0], '--out', blocked, '--formats', 'json']);
        expect(r.code).toBe(2);
        expect(readdirSync(blocked)).toEqual(['fitness-wechat']);
        expect(readFileSync(join(blocked, 'fitness-wechat'), 'utf8')).toBe('not a folder');
    });

    it('an interrupted compile leaves no temp folders and no partial plan folders', async () => {
        const out = tempFolder();
        const child = spawn(process.execPath, [BIN, 'compile', 'examples', '--out', out, '--runs', '20000'], { cwd: ROOT, stdio: 'ignore' });
        await new Promise((r) => setTimeout(r, 2500));
        child.kill('SIGTERM');
        await new Promise((r) => child.on('exit', r));
        const entries = readdirSync(out);
        expect(entries.filter((e) => e.startsWith('.'))).toEqual([]);
        for (const e of entries)
            expect(readdirSync(join(out, e)).sort()).toEqual(expect.arrayContaining(['plan.ics', 'report.html', 'report.md', 'schedule.csv', 'schedule.json']));
    });
});

describe('community diff', () => {
    it('lists moved events and KPI changes between two files as Markdown', async () => {
        const dir = tempFolder({
            'shared/platforms.community': readFileSync(join(ROOT, 'examples/shared/platforms.community'), 'utf8'),
            'old.community': readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8'),
            'new.community': readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8')
                .replace('every week on Friday at 12:00', 'every week on Thursday at 18:00')
                .replace('seed 300 members', 'seed 3000 members'),
        });
        const r = await run(['diff', 'old.community', 'new.community', '--runs', '100'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('Event by event (paired in order: 0 added, 0 removed, 26 moved, 0 changed)');
        expect(r.stdout).toContain('| ↔️ moved | FitHome | FlashSale | 2027-01-08 12:00 | 2027-01-07 18:00 |');
        expect(r.stdout).toMatch(/\| FitHome \| Growth \| [\d,]+ → [\d,]+ \| \d+(\.\d)?% → \d+(\.\d)?% \| [+−±][\d.]+ pp/);
    });

    it('names plan changes item by item, summarises the schedule per item, and compares probabilities in pp, cost and budget', async () => {
        const original = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8');
        const changed = original
            .replace('every week on Friday at 12:00', 'every 2 weeks on Friday at 12:30')
            .replace('paid 3000 CNY per week', 'paid 6000 CNY per week')
            .replace('  kpi roi >= 1.5\n', '');
        expect(changed).not.toBe(original);
        const dir = tempFolder({
            'shared/platforms.community': readFileSync(join(ROOT, 'examples/shared/platforms.community'), 'utf8'),
            'old.community': original,
            'new.community': changed,
        });
        const r = await run(['diff', 'old.community', 'new.community', '--runs', '100'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        const out = r.stdout;
        // Plan changes: properties old → new, items removed.
        expect(out).toContain('### Plan changes');
        expect(out).toContain('- ✏️ `DouyinAds.spend` 3000 CNY per week → 6000 CNY per week');
        expect(out).toContain('- ✏️ `FlashSale.cadence` every week on Fri 12:00 → every 2 weeks on Fri 12:30');
        expect(out).toContain('- ➖ kpi removed: `roi`');
        expect(out.indexOf('### Plan changes')).toBeLessThan(out.indexOf('### Schedule'));
        // The schedule summary per item comes before the event-by-event pairs.
        expect(out).toContain('221 → 208 events in all; the schedule of 1 item changed:');
        expect(out).toContain('| FitHome | FlashSale | 26 → 13 |');
        expect(out.indexOf('| FitHome | FlashSale | 26 → 13 |')).toBeLessThan(out.indexOf('| ↔️ moved |'));
        // Probability changes in percentage points, never "%".
        expect(out).not.toMatch(/\| [+−±][\d.]+% \|/);
        expect(out).toMatch(/\| FitHome \| Growth \| .* \| [+−±][\d.]+ pp( 📈| 📉)? \|/);
        // Cost and budget rows.
        expect(out).toMatch(/\| P50 total cost \| CN¥[\d,]+ → CN¥[\d,]+ \| \+CN¥[\d,]+ \|/);
        expect(out).toMatch(/\| Budget \| CN¥120,000 → CN¥120,000 \|/);
        expect(out).toMatch(/\| Chance within budget \| [\d.]+% → [\d.]+% \| [+−±][\d.]+ pp/);
    });

    it('compares with a git ref, resolving imports from that ref, and cleans up', async () => {
        const r = runProcess(['diff', 'examples/fitness-wechat.community', '--base', 'HEAD', '--runs', '50']);
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('(HEAD → working tree)');
        expect(readdirSync(ROOT).filter((e) => e.startsWith('.community-diff-'))).toEqual([]);
        expect((await run(['diff', 'examples/fitness-wechat.community', '--base', 'no-such-ref-xyz'])).code).toBe(2);
    });

    /** A fresh git repository with the fitness plan importing its platforms with single quotes. */
    function repo(extraBlankLines = 0): string {
        const plan = readFileSync(join(ROOT, 'examples/fitness-wechat.community'), 'utf8').replace(/import "([^"]+)"/g, "import '$1'");
        expect(plan).toContain("import '");
        const dir = tempFolder({
            'shared/platforms.community': readFileSync(join(ROOT, 'examples/shared/platforms.community'), 'utf8'),
            'plans/fit.community': '\n'.repeat(extraBlankLines) + plan.replace(/import '(?:\.\.\/)?(?:examples\/)?shared\//g, "import '../shared/"),
        });
        const git = (...args: string[]) => {
            const r = spawnSync('git', args, {
                cwd: dir,
                encoding: 'utf8',
                env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@x', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@x' },
            });
            expect(r.status, r.stderr).toBe(0);
        };
        git('init', '-q');
        git('add', '.');
        git('commit', '-q', '-m', 'base');
        return dir;
    }

    it('--base follows single-quoted imports from the AST, fast on many blank lines', async () => {
        const dir = repo(150_000);
        expect((await run(['check', 'plans/fit.community'], { cwd: dir })).code).toBe(0);
        const started = Date.now();
        const r = await run(['diff', 'plans/fit.community', '--base', 'HEAD', '--runs', '20'], { cwd: dir });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        expect(r.stdout).toContain('No schedule changes.');
        expect(Date.now() - started).toBeLessThan(15_000);
        expect(readdirSync(dir).filter((e) => e.startsWith('.community-diff-'))).toEqual([]);
    });

    it('--base refuses option-like refs (no git argument injection) and resolves refs to a commit', async () => {
        const dir = repo();
        const victim = join(dir, 'injected.txt');
        for (const ref of ['--output=' + victim, '-p', '--all']) {
            const r = await run(['diff', 'plans/fit.community', `--base=${ref}`, '--runs', '20'], { cwd: dir });
            expect(r.code).toBe(2);
            expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
            expect(r.stderr).toMatch(/^community: --base must name a git commit/);
        }
        expect(existsSync(victim)).toBe(false);
        // A ref that is not a commit (the tree of HEAD) or does not exist: one line, exit 2.
        for (const ref of ['HEAD^{tree}', 'nope']) {
            const r = await run(['diff', 'plans/fit.community', '--base', ref, '--runs', '20'], { cwd: dir });
            expect(r.code).toBe(2);
            expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        }
        expect((await run(['diff', 'plans/fit.community', '--base', 'HEAD~0', '--runs', '20'], { cwd: dir })).code).toBe(0);
    });
});

describe('community check --format sarif / github', () => {
    // The official OASIS SARIF 2.1.0 schema (draft-04), as shipped by Microsoft's @microsoft/jest-sarif.
    const ajv = new AjvDraft04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false });
    const validate = ajv.compile(JSON.parse(readFileSync(join(ROOT, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8')));

    it('writes SARIF 2.1.0 that validates, with ruleId = code and partialFingerprints', async () => {
        const r = await run(['check', 'examples/invalid', '--format', 'sarif']);
        expect(r.code).toBe(1);
        const log = JSON.parse(r.stdout);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        expect(log.version).toBe('2.1.0');
        const results = log.runs[0].results;
        expect(results.length).toBeGreaterThan(10);
        const bad = results.find((x: { ruleId: string }) => x.ruleId === 'bad-date');
        expect(bad).toMatchObject({
            level: 'error',
            locations: [{ physicalLocation: { artifactLocation: { uri: 'examples/invalid/bad-date.community' }, region: { startLine: 12, startColumn: 8 } } }],
        });
        expect(Object.values(bad.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}:1$/);
        expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('bad-date');
        // Stable across runs.
        expect((await run(['check', 'examples/invalid', '--format', 'sarif'])).stdout).toBe(r.stdout);
        const clean = JSON.parse((await run(['check', 'examples/fitness-wechat.community', '--format', 'sarif'])).stdout);
        expect(validate(clean)).toBe(true);
    });

    it('percent-encodes artifactLocation.uri per path segment (#, ?, %, spaces) and still validates', async () => {
        const dir = tempFolder({ 'sub dir/my plan#1 100%.community': readFileSync(join(ROOT, 'examples/invalid/bad-date.community'), 'utf8') });
        const r = await run(['check', 'sub dir/my plan#1 100%.community', '--format', 'sarif'], { cwd: dir });
        expect(r.code).toBe(1);
        const log = JSON.parse(r.stdout);
        expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
        const uris = log.runs[0].results.map(
            (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri,
        );
        expect(uris.length).toBeGreaterThan(0);
        for (const uri of uris) {
            expect(uri).toBe('sub%20dir/my%20plan%231%20100%25.community');
            // A URI reference that resolves back to the file's path.
            expect(decodeURIComponent(new URL(uri, 'file:///base/').pathname)).toBe('/base/sub dir/my plan#1 100%.community');
        }
        // A file outside the current folder is shown by its absolute path: a file: URI.
        const outside = await run(['check', join(dir, 'sub dir/my plan#1 100%.community'), '--format', 'sarif'], { cwd: ROOT });
        const abs = JSON.parse(outside.stdout);
        expect(validate(abs)).toBe(true);
        const absUri: string = abs.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
        expect(absUri).toMatch(/^file:\/\/\/.*\/sub%20dir\/my%20plan%231%20100%25\.community$/);
    });

    it('writes escaped annotations, at most 10 per type, the rest to the step summary, exit 1 on errors', async () => {
        const summaryDir = tempFolder();
        const summary = join(summaryDir, 'summary.md');
        const r = await run(['check', 'examples/invalid', '--format', 'github'], { env: { GITHUB_STEP_SUMMARY: summary } });
        expect(r.code).toBe(1);
        const errors = r.stdout.split('\n').filter((l) => l.startsWith('::error '));
        expect(errors).toHaveLength(10);
        expect(errors[0]).toMatch(/^::error file=examples\/invalid\/[\w.-]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=community [\w-]+::/);
        expect(r.stdout).toMatch(/\d+ more diagnostics .* listed in the step summary/);
        const md = readFileSync(summary, 'utf8');
        expect(md).toContain('| Severity | Location | Code | Message | Annotated |');
        expect(md.split('\n').filter((l) => l.startsWith('| error')).length).toBeGreaterThan(10);
        expect(md).toContain('| no |');
        expect(escapeData('100%\r\nok')).toBe('100%25%0D%0Aok');
        expect(escapeProperty('a:b,c%')).toBe('a%3Ab%2Cc%25');
        expect(existsSync(summary)).toBe(true);
    });
});
