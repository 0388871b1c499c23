// The simulation pool's worker threads load engine/jobs.ts and the engine's core only: no zod plan
// schema and no report shaping (ARCHITECTURE.md, runtime/). Evaluating zod's schemas cost each thread
// ~0.1–0.2 s of CPU at start, twice per `community simulate`. Checked on esbuild's own module graph
// of the worker bundle's entry, as `npm run build` bundles it.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('the worker bundle', () => {
    it('reaches no zod, no plan schema and no forecast shaping', async () => {
        const result = await build({
            absWorkingDir: ROOT,
            entryPoints: ['runtime/worker-bundle.cjs'],
            bundle: true,
            platform: 'node',
            format: 'cjs',
            write: false,
            metafile: true,
            external: ['@napi-rs/nice'],
            logLevel: 'silent',
        });
        const inputs = Object.keys(result.metafile.inputs);
        expect(inputs).toContain('engine/jobs.ts');
        expect(inputs).toContain('engine/simulate.ts');
        expect(inputs.filter((f) => f.includes('node_modules/zod/'))).toEqual([]);
        expect(inputs).not.toContain('engine/model.ts');
        expect(inputs).not.toContain('engine/forecast.ts');
        expect(inputs).not.toContain('engine/forecast-schema.ts');
        expect(result.outputFiles[0].contents.length).toBeLessThan(400_000);
    });
});
