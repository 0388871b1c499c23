// A module of this tree bundled as the shipped bundles are (esbuild, with the plugins given), written to
// `outfile` and loaded: for suites that hold the shipped parser to Langium's as published.
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build, type Plugin } from 'esbuild';

const ROOT = resolve(import.meta.dirname, '../..');

/** Bundles `contents` (a module resolved from the repository's root) into `outfile` and requires it. */
export async function bundled<T>(contents: string, outfile: string, plugins: Plugin[], loader: 'js' | 'ts' = 'js'): Promise<T> {
    await build({
        stdin: { contents, resolveDir: ROOT, loader },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile,
        logLevel: 'silent',
        plugins,
    });
    return createRequire(import.meta.url)(outfile) as T;
}
