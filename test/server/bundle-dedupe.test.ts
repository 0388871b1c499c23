// One copy of the JSON-RPC stack in every Node bundle: with two (langium's vscode-jsonrpc 10 and the
// 9.x nested under vscode-languageserver), `instanceof ResponseError` fails and errors go out as
// results. Reads the source maps of the built bundles, i.e. what actually shipped.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/cli.js';

/** The package folders (node_modules/…/name) of `name` that a bundle's sources come from. */
export function copiesOf(name: string, sources: string[]): string[] {
    const folders = new Set<string>();
    for (const s of sources) {
        const at = s.lastIndexOf(`node_modules/${name}/`);
        if (at >= 0) folders.add(s.slice(0, at + `node_modules/${name}`.length).replace(/^(\.\.\/)+/, ''));
    }
    return [...folders].sort();
}

describe('bundles hold one copy of the JSON-RPC stack', () => {
    ensureBuilt();
    // out/server/main.cjs and out/cli/main.cjs only pick and load these bundles (server/launch.ts, cli/launch.ts).
    for (const bundle of ['out/server/server.cjs', 'out/cli/all.cjs', 'out/cli/check.cjs', 'out/cli/simulate.cjs', 'out/extension/extension.cjs']) {
        it(bundle, () => {
            const map = JSON.parse(readFileSync(join(ROOT, `${bundle}.map`), 'utf8')) as { sources: string[] };
            for (const name of ['vscode-jsonrpc', 'vscode-languageserver-protocol', 'vscode-languageserver-types']) {
                const copies = copiesOf(name, map.sources);
                expect(copies.length, `${name} in ${bundle}: ${copies.join(', ')}`).toBeLessThanOrEqual(1);
            }
            if (!bundle.startsWith('out/cli/')) expect(copiesOf('vscode-jsonrpc', map.sources)).toEqual(['node_modules/vscode-jsonrpc']);
        });
    }

    it('counts two copies as two (the check itself)', () => {
        const sources = [
            '../../node_modules/vscode-jsonrpc/lib/common/api.js',
            '../../node_modules/vscode-languageserver/node_modules/vscode-jsonrpc/lib/common/api.js',
        ];
        expect(copiesOf('vscode-jsonrpc', sources)).toHaveLength(2);
    });
});
