// The import boundaries of ARCHITECTURE.md ("Invariants", marked lint-enforced) are ESLint rules
// (eslint.config.mjs). These tests run ESLint's Node API the way `npm run lint` does, on sources
// that break each boundary, so a config change that stops a rule from biting fails here.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

const eslint = new ESLint({ cwd: ROOT });

/** The boundary messages ESLint reports for `code` as if it were the file at `path` (relative to the root). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: join(ROOT, path) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import boundaries (npm run lint)', () => {
    it.each([
        { path: 'engine/probe.ts', from: 'langium', code: "import { URI } from 'langium';\nexport const u = URI;\n", reason: 'engine/ is plain computation' },
        {
            path: 'engine/probe.ts',
            from: 'vscode',
            code: "import type { TextDocument } from 'vscode';\nexport type T = TextDocument;\n",
            reason: 'engine/ is plain computation',
        },
        {
            path: 'engine/probe.ts',
            from: 'vscode-languageserver',
            code: "import { Connection } from 'vscode-languageserver';\nexport const c = Connection;\n",
            reason: 'engine/ is plain computation',
        },
        {
            path: 'engine/probe.ts',
            from: 'node:fs',
            code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
            reason: 'engine/ is plain computation',
        },
        { path: 'engine/probe.ts', from: 'path', code: "import { join } from 'path';\nexport const j = join;\n", reason: 'engine/ is plain computation' },
        {
            path: 'engine/report/probe.ts',
            from: '../../language/lower.js',
            code: "import { lowerPlan } from '../../language/lower.js';\nexport const l = lowerPlan;\n",
            reason: 'engine/ is plain computation',
        },
        {
            path: 'engine/probe.ts',
            from: '../runtime/pool.js',
            code: "import { SimulationPool } from '../runtime/pool.js';\nexport const p = SimulationPool;\n",
            reason: 'engine/ is plain computation',
        },
        {
            path: 'runtime/probe.ts',
            from: '../language/lower.js',
            code: "import { lowerPlan } from '../language/lower.js';\nexport const l = lowerPlan;\n",
            reason: 'runtime/ runs the engine on worker threads',
        },
        {
            path: 'runtime/probe.ts',
            from: 'vscode-languageserver',
            code: "import { Connection } from 'vscode-languageserver';\nexport const c = Connection;\n",
            reason: 'runtime/ runs the engine on worker threads',
        },
        {
            path: 'server/probe.ts',
            from: '../extension/src/preview/shape.js',
            code: "import { FORECAST_REQUEST } from '../extension/src/preview/shape.js';\nexport const f = FORECAST_REQUEST;\n",
            reason: 'the language server must not depend on the VS Code client',
        },
        {
            path: 'server/probe.ts',
            from: 'vscode',
            code: "import * as vscode from 'vscode';\nexport const v = vscode;\n",
            reason: 'the language server must not depend on the VS Code client',
        },
        {
            path: 'language/lsp/probe.ts',
            from: '../../cli/report.js',
            code: "import { oneLine } from '../../cli/report.js';\nexport const o = oneLine;\n",
            reason: 'language/ is the library',
        },
        {
            path: 'language/probe.ts',
            from: '../server/forecast-request.js',
            code: "import { registerForecastRequest } from '../server/forecast-request.js';\nexport const r = registerForecastRequest;\n",
            reason: 'language/ is the library',
        },
        {
            path: 'protocol/probe.ts',
            from: 'langium',
            code: "import { URI } from 'langium';\nexport const u = URI;\n",
            reason: 'protocol/ is plain JSON types',
        },
        {
            path: 'extension/webview/probe.ts',
            from: 'node:fs',
            code: "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
            reason: 'the webview script runs in a browser',
        },
    ])('$path importing $from is an import-boundary error', async ({ path, code, reason }) => {
        const errors = await boundaryErrors(path, code);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('Import boundary: ' + reason);
    });

    it.each([
        { path: 'engine/probe.ts', code: "import { z } from 'zod';\nimport { compareText } from './text.js';\nexport const a = [z, compareText];\n" },
        {
            path: 'server/probe.ts',
            code: "import { URI } from 'langium';\nimport { readFileSync } from 'node:fs';\nimport { FORECAST_REQUEST } from '../protocol/forecast.js';\nexport const a = [URI, readFileSync, FORECAST_REQUEST];\n",
        },
        {
            path: 'language/probe.ts',
            code: "import { URI } from 'langium';\nimport { compareText } from '../engine/text.js';\nexport const a = [URI, compareText];\n",
        },
        {
            path: 'runtime/probe.ts',
            code: "import { Worker } from 'node:worker_threads';\nimport { Piscina } from 'piscina';\nimport { forecast } from '../engine/forecast.js';\nexport const a = [Worker, Piscina, forecast];\n",
        },
        {
            path: 'extension/src/probe.ts',
            code: "import * as vscode from 'vscode';\nimport { FORECAST_REQUEST } from '../../protocol/forecast.js';\nexport const a = [vscode, FORECAST_REQUEST];\n",
        },
    ])('$path: imports within the layering pass', async ({ path, code }) => {
        expect(await boundaryErrors(path, code)).toEqual([]);
    });

    it('fails `eslint` on a real file inside engine/ that imports langium', async () => {
        const dir = mkdtempSync(join(ROOT, 'engine', '.lint-probe-'));
        try {
            const file = join(dir, 'probe.ts');
            writeFileSync(file, "import { URI } from 'langium';\nexport const u = URI;\n");
            const [result] = await eslint.lintFiles([file]);
            expect(relative(ROOT, result.filePath)).toMatch(/^engine\/\.lint-probe-\w+\/probe\.ts$/);
            expect(result.errorCount).toBe(1);
            expect(result.messages[0]).toMatchObject({ ruleId: 'no-restricted-imports', line: 1, severity: 2 });
            expect(result.messages[0].message).toContain("'langium' import is restricted");
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
