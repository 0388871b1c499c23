// The CLI's bundles hold the language without the editor: no Langium LSP module and none of our
// editor features (language/community-module.ts builds core services; the server layers the LSP
// ones on top, language/lsp/lsp-module.ts), and no LSP server or protocol packages. Every `community check` started from the CLI's startup
// snapshot deserializes what its bundle evaluated, so what a check never runs must not be in it
// (BENCHMARKS.md, thirteenth session). Reads out/bundle-inputs.json, the build's record of which
// files went into each bundle (esbuild's metafile).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

const CLI_BUNDLES = ['out/cli/check.cjs', 'out/cli/simulate.cjs', 'out/cli/all.cjs', 'out/snapshot/cli.cjs', 'out/snapshot/simulate.cjs'];

/** What an editor session needs and a CLI command does not. */
const EDITOR_ONLY: Array<[string, RegExp]> = [
    ["Langium's LSP module", /^node_modules\/langium\/lib\/lsp\//],
    ['the editor features', /^language\/lsp\//],
    // Their few values the language takes come from language/rpc-core.mjs (esbuild.mjs, `rpcCore`).
    ['vscode-languageserver', /^node_modules\/vscode-languageserver\//],
    ['vscode-languageserver-protocol', /^node_modules\/vscode-languageserver-protocol\//],
];

describe('the CLI bundles leave the editor out', () => {
    ensureBuilt();
    const inputs = JSON.parse(readFileSync(join(ROOT, 'out/bundle-inputs.json'), 'utf8')) as Record<string, string[]>;

    for (const bundle of CLI_BUNDLES) {
        it(bundle, () => {
            expect(inputs[bundle], `${bundle} was built`).toBeDefined();
            for (const [what, pattern] of EDITOR_ONLY)
                expect(
                    inputs[bundle].filter((f) => pattern.test(f)),
                    `${what} in ${bundle}`,
                ).toEqual([]);
        });
    }

    // engine/schedule.ts expands calendars with rrule-temporal for compile's outputs; a check needs only
    // the SARIF fingerprint's hash, engine/stable-hash.ts.
    for (const bundle of ['out/cli/check.cjs', 'out/snapshot/cli.cjs']) {
        it(`${bundle} has no calendar expansion`, () => {
            expect(inputs[bundle].filter((f) => /^node_modules\/rrule-temporal\/|^engine\/schedule\.ts$/.test(f))).toEqual([]);
            expect(inputs['out/cli/all.cjs']).toContain('engine/schedule.ts');
        });
    }

    // zod's messages come in 60-odd languages; with `import { z } from 'zod'` anywhere, the namespace
    // object z keeps every one in the bundle (~300 KB). With `import * as z` only English, the locale
    // zod configures itself with, is left.
    for (const bundle of [...CLI_BUNDLES, 'out/server/server.cjs']) {
        it(`${bundle} has zod's English messages only`, () => {
            const locales = inputs[bundle].filter((f) => f.startsWith('node_modules/zod/v4/locales/'));
            expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
        });
    }

    it('the server bundle has them (what the check above looks for is there to find)', () => {
        for (const [what, pattern] of EDITOR_ONLY)
            expect(
                inputs['out/server/server.cjs'].some((f) => pattern.test(f)),
                what,
            ).toBe(true);
    });
});
