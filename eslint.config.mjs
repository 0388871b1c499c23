// ESLint (flat config): the recommended rules that need no type information, plus the import
// boundaries ARCHITECTURE.md lists as invariants. Kept modest on purpose: style is Prettier's job,
// and the layering rules are the point. `npm run lint` runs it over the whole tree; CI runs it too.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

/** Node's built-in modules under both spellings (`node:fs` and `fs`). */
const nodeBuiltins = [...new Set(builtinModules.filter((m) => !m.startsWith('_')).flatMap((m) => [m, m.startsWith('node:') ? m : `node:${m}`]))];

/**
 * The layering rules, one block per folder. Each entry is a regular expression matched against the
 * import specifier as written (relative imports included, so `../extension/…` is caught too).
 * Exported so test/tooling/lint-boundaries.test.ts can check every rule still bites.
 */
export const boundaries = {
    engine: {
        files: ['engine/**/*.ts'],
        reason: 'engine/ is plain computation shared by the CLI, the server and the reports: no parser, no editor, no Node I/O (ARCHITECTURE.md, Invariants)',
        regex: [
            '^langium($|/)',
            '^vscode($|/)',
            '^vscode-languageserver',
            '^vscode-languageclient',
            '^chevrotain($|/)',
            '(^|/)(language|server|cli|extension)/',
            '(^|/)runtime/',
        ],
        builtins: true,
    },
    runtime: {
        files: ['runtime/**/*.ts'],
        reason: 'runtime/ runs the engine on worker threads for the CLI and the server: Node yes, but no parser, no editor, no CLI or server code',
        regex: [
            '^langium($|/)',
            '^vscode($|/)',
            '^vscode-languageserver',
            '^vscode-languageclient',
            '^chevrotain($|/)',
            '(^|/)(language|server|cli|extension)/',
        ],
        builtins: false,
    },
    server: {
        files: ['server/**/*.ts'],
        reason: 'the language server must not depend on the VS Code client: shared types live in protocol/',
        regex: ['^vscode$', '^vscode-languageclient', '(^|/)extension/'],
        builtins: false,
    },
    language: {
        files: ['language/**/*.ts'],
        reason: 'language/ is the library the CLI and the server are built on, not the other way round',
        regex: ['(^|/)(cli|server|extension)/', '^vscode$', '^vscode-languageclient'],
        builtins: false,
    },
    protocol: {
        files: ['protocol/**/*.ts'],
        reason: 'protocol/ is plain JSON types shared by the server, the extension host and the webview',
        regex: ['^langium($|/)', '^vscode($|/)', '^vscode-languageserver', '^vscode-languageclient', '(^|/)(language|server|cli|extension)/'],
        builtins: true,
    },
    webview: {
        files: ['extension/webview/**/*.ts'],
        reason: 'the webview script runs in a browser under a strict CSP: no Node, no vscode API, no engine',
        regex: ['^langium($|/)', '^vscode($|/)', '^vscode-languageserver', '^vscode-languageclient', '(^|/)(language|server|cli)/'],
        builtins: true,
    },
};

/** Escapes a module name for use inside a regular expression. */
const literal = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const boundaryBlocks = Object.entries(boundaries).map(([name, b]) => ({
    name: `community/boundaries/${name}`,
    files: b.files,
    rules: {
        'no-restricted-imports': [
            'error',
            {
                patterns: [
                    ...b.regex.map((regex) => ({ regex, message: `Import boundary: ${b.reason}.` })),
                    ...(b.builtins ? [{ regex: `^(${nodeBuiltins.map(literal).join('|')})$`, message: `Import boundary: ${b.reason}.` }] : []),
                ],
            },
        ],
    },
}));

export default defineConfig(
    {
        ignores: ['node_modules/**', 'out/**', 'language/generated/**', 'test/e2e/.harness/**', '**/*.d.ts', '.vscode-test/**'],
    },
    js.configs.recommended,
    tseslint.configs.recommended,
    {
        name: 'community/base',
        languageOptions: {
            ecmaVersion: 2023,
            sourceType: 'module',
            globals: { ...globals.node },
        },
        linterOptions: { reportUnusedDisableDirectives: 'error' },
        rules: {
            // `_` marks a parameter or binding kept for its position; tsc's noUnusedLocals covers the rest.
            '@typescript-eslint/no-unused-vars': [
                'error',
                { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
            ],
            // Output escaping strips and matches C0/C1 control characters on purpose (.ics, CSV,
            // terminal output, the lexer's NUL guard): the patterns are the point, not a typo.
            'no-control-regex': 'off',
        },
    },
    {
        name: 'community/webview-globals',
        files: ['extension/webview/**/*.ts'],
        languageOptions: { globals: { ...globals.browser } },
    },
    {
        // Playwright's page.evaluate() callbacks run in the page, not in Node.
        name: 'community/e2e-page-callbacks',
        files: ['test/e2e/**/*.mjs', 'test/vscode-electron/**/*.mjs'],
        languageOptions: { globals: { ...globals.node, ...globals.browser } },
    },
    {
        name: 'community/commonjs',
        files: ['**/*.cjs'],
        languageOptions: { sourceType: 'commonjs' },
        rules: { '@typescript-eslint/no-require-imports': 'off' },
    },
    ...boundaryBlocks,
);
