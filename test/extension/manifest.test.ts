// The extension manifest and its localisation: every %key% in package.json has an English and a
// Chinese entry, every vscode.l10n.t string in the extension has a Chinese translation, and the
// contributed commands are all registered.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const nls = JSON.parse(readFileSync(join(ROOT, 'package.nls.json'), 'utf8'));
const nlsZh = JSON.parse(readFileSync(join(ROOT, 'package.nls.zh-cn.json'), 'utf8'));
const bundleZh = JSON.parse(readFileSync(join(ROOT, 'extension/l10n/bundle.l10n.zh-cn.json'), 'utf8'));
const bundleEn = JSON.parse(readFileSync(join(ROOT, 'extension/l10n/bundle.l10n.json'), 'utf8'));

function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
}

/** String literals passed to t(...) / vscode.l10n.t(...), joined across lines. */
function l10nStrings(): Set<string> {
    const found = new Set<string>();
    for (const file of sources(join(ROOT, 'extension/src'))) {
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/\bt\(\s*'((?:[^'\\]|\\.)*)'/g)) found.add(m[1].replace(/\\'/g, "'").replace(/\\"/g, '"'));
    }
    return found;
}

describe('package.json as the extension manifest', () => {
    it('points at the bundled extension and files that exist', () => {
        expect(pkg.main).toBe('./out/extension/extension.cjs');
        for (const p of [pkg.icon, pkg.contributes.languages[0].configuration, pkg.contributes.grammars[0].path, pkg.contributes.snippets[0].path, pkg.l10n]) {
            expect(existsSync(join(ROOT, p)), p).toBe(true);
        }
        for (const w of pkg.contributes.walkthroughs[0].steps) expect(existsSync(join(ROOT, w.media.markdown))).toBe(true);
    });

    it('localises every %key% in English and Chinese', () => {
        const keys = [...JSON.stringify(pkg.contributes).matchAll(/"%([\w.]+)%"/g)].map((m) => m[1]);
        expect(keys.length).toBeGreaterThan(20);
        for (const k of keys) {
            expect(nls[k], k).toBeTypeOf('string');
            expect(nlsZh[k], k).toBeTypeOf('string');
        }
        expect(Object.keys(nlsZh).sort()).toEqual(Object.keys(nls).sort());
    });

    it('registers every contributed command', () => {
        const code = sources(join(ROOT, 'extension/src'))
            .map((f) => readFileSync(f, 'utf8'))
            .join('\n');
        for (const c of pkg.contributes.commands) expect(code, c.command).toContain(`'${c.command}'`);
    });

    it('has a problem matcher that reads `community check` lines', () => {
        const m = pkg.contributes.problemMatchers[0];
        const re = new RegExp(m.pattern.regexp);
        const hit = re.exec('examples/invalid/bad-date.community:7:9 - error bad-date: "2027-02-31" is not a calendar date.');
        expect(hit).not.toBeNull();
        expect(hit![m.pattern.file]).toBe('examples/invalid/bad-date.community');
        expect(hit![m.pattern.line]).toBe('7');
        expect(hit![m.pattern.severity]).toBe('error');
        expect(hit![m.pattern.code]).toBe('bad-date');
        expect(hit![m.pattern.message]).toBe('"2027-02-31" is not a calendar date.');
    });
});

describe('@vscode/l10n bundles', () => {
    it('translate every string the extension shows', () => {
        const strings = l10nStrings();
        expect(strings.size).toBeGreaterThan(40);
        const missing = [...strings].filter((s) => typeof bundleZh[s] !== 'string');
        expect(missing).toEqual([]);
    });

    it('keep the placeholders of each message', () => {
        for (const [en, zh] of Object.entries(bundleZh)) {
            const ph = (s: string) => [...s.matchAll(/\{\d+\}/g)].map((m) => m[0]).sort();
            expect(ph(zh as string), en).toEqual(ph(en));
            expect(bundleEn[en]).toBe(en);
        }
    });
});

describe('the .vsix contents (vsce ls)', () => {
    it('hold the bundles, the bundled CLI and the assets, and no source maps or sources', () => {
        const vsce = join(ROOT, 'node_modules/.bin/vsce');
        const files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
            .split('\n')
            .map((l) => l.trim())
            .filter(Boolean)
            .sort();
        for (const f of [
            'package.json',
            'out/extension/extension.cjs',
            'out/server/main.cjs',
            'out/server/server.cjs',
            'out/cli/main.cjs',
            'out/cli/check.cjs',
            'out/cli/simulate.cjs',
            'out/cli/all.cjs',
            'out/runtime/simulation-worker.cjs',
            'out/server/solve-worker.cjs',
            'out/webview/preview.js',
            'out/webview/preview.css',
            'extension/media/icon.png',
            'extension/media/file-icon.svg',
            'extension/syntaxes/community.tmLanguage.json',
            'extension/l10n/bundle.l10n.zh-cn.json',
            'examples/fitness-wechat.community',
            'examples/shared/platforms.community',
        ]) {
            expect(files, f).toContain(f);
        }
        expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
        // No startup snapshot: a blob is made for the Node that built it, never VS Code's (runtime/startup-snapshot.ts).
        expect(files.filter((f) => /snapshot/.test(f))).toEqual([]);
        expect(files.filter((f) => /\.(ts|mjs)$/.test(f) || /^(node_modules|test|engine|language|server|cli|bench|docs)\//.test(f))).toEqual([]);
        expect(files).not.toContain('extension/media/icon.svg');
        // 25 files before the CLI and the server were split into a launcher and the bundles it picks (4 more).
        expect(files.length).toBeLessThanOrEqual(29);
    }, 60_000);
});
