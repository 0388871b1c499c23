// The whole pipeline a plan goes through, for fuzzing: parse → validate → lower → forecast.
// Returns what a user would see; throws only if the product itself breaks.
import { EmptyFileSystem, URI } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFolderAtomically } from '../../cli/commands/compile.js';
import { forecast } from '../../engine/forecast.js';
import { COMPILE_FORMATS, compilePlan } from '../../engine/report/outputs.js';
import type { ForecastReport } from '../../engine/forecast-schema.js';
import { createCommunityServices } from '../../language/community-module.js';
import { LoweringError, lowerPlan } from '../../language/lower.js';

const { shared, Community } = createCommunityServices({ ...EmptyFileSystem });
let counter = 0;

export interface PipelineResult {
    diagnostics: Diagnostic[];
    lineCount: number;
    lastLineLength: number[];
    forecast?: ForecastReport;
    /** Files written by compiling the plan into a temporary folder. */
    compiled?: string[];
}

export async function runPipeline(text: string): Promise<PipelineResult> {
    const uri = URI.parse(`memory:/fuzz/${counter++}.community`);
    const doc = shared.workspace.LangiumDocumentFactory.fromString(text, uri);
    shared.workspace.LangiumDocuments.addDocument(doc);
    try {
        await shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const diagnostics = doc.diagnostics ?? [];
        const lines = text.split(/\r\n|\r|\n/);
        const result: PipelineResult = { diagnostics, lineCount: lines.length, lastLineLength: lines.map((l) => l.length) };
        if (!diagnostics.some((d) => d.severity === 1) && /\bcommunity\b/.test(text) && /\bplan\b/.test(text)) {
            // A file whose words are all in comments has no plan block: lowering says so by design.
            let plan;
            try {
                plan = lowerPlan(Community, doc);
            } catch (error) {
                if (error instanceof LoweringError) return result;
                throw error;
            }
            if (plan.communities.length > 0) {
                result.forecast = forecast(plan, { runs: 16, seed: 7 });
                const compiled = await compilePlan(plan, { formats: COMPILE_FORMATS, runs: 16, seed: 7, scenario: null, sensitivityRuns: 8, lang: 'en' });
                const dir = mkdtempSync(join(tmpdir(), 'community-fuzz-'));
                try {
                    writeFolderAtomically(join(dir, 'plan'), compiled.files);
                    result.compiled = readdirSync(join(dir, 'plan')).sort();
                } finally {
                    rmSync(dir, { recursive: true, force: true });
                }
            }
        }
        return result;
    } finally {
        await shared.workspace.DocumentBuilder.update([], [uri]);
    }
}

/** Every number a forecast reports, for finiteness checks; paths name series by their key. */
export function* forecastNumbers(value: unknown, path = ''): Generator<[string, number]> {
    if (typeof value === 'number') yield [path, value];
    else if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const item = value[i] as { key?: unknown; metric?: unknown } | null;
            const key = typeof item?.key === 'string' ? item.key : typeof item?.metric === 'string' ? item.metric : String(i);
            yield* forecastNumbers(value[i], `${path}[${key}]`);
        }
    } else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) yield* forecastNumbers(v, `${path}.${k}`);
}
