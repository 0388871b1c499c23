// Keystroke → preview update latency on the fitness example, measured server-side: apply an edit
// to the document, re-validate it (what the language server does on didChange), then answer
// `community/forecast` with the preview's default run count. Run alone with
//   node_modules/.bin/node --import tsx bench/preview.ts
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCommunityServices, type CommunityServices } from '../language/community-module.js';
import { CommunitySettings } from '../language/settings.js';
import { computeForecast } from '../server/forecast-request.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = resolve(ROOT, 'examples/fitness-wechat.community');
const PREVIEW_RUNS = 500;

export interface BenchResult {
    name: string;
    value: number;
    unit: string;
}

function percentile(sorted: number[], q: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

async function load(): Promise<{ services: CommunityServices; doc: LangiumDocument; text: string }> {
    const settings = new CommunitySettings();
    settings.roots = [realpathSync(resolve(ROOT, 'examples'))];
    settings.realPath = (p) => realpathSync(p);
    const { Community } = createCommunityServices({ ...NodeFileSystem, settings });
    const docs = Community.shared.workspace.LangiumDocuments;
    const text = readFileSync(EXAMPLE, 'utf8');
    const doc = Community.shared.workspace.LangiumDocumentFactory.fromString(text, URI.file(EXAMPLE));
    docs.addDocument(doc);
    const shared = resolve(ROOT, 'examples/shared/platforms.community');
    docs.addDocument(Community.shared.workspace.LangiumDocumentFactory.fromString(readFileSync(shared, 'utf8'), URI.file(shared)));
    await Community.shared.workspace.DocumentBuilder.build(docs.all.toArray(), { validation: true });
    return { services: Community, doc, text };
}

/** Replaces the document's text (as a keystroke would) and rebuilds it like the server does. */
function docs(services: CommunityServices, uri: URI): LangiumDocument {
    return services.shared.workspace.LangiumDocuments.getDocument(uri)!;
}

async function edit(services: CommunityServices, uri: URI, text: string, version: number): Promise<LangiumDocument> {
    const docs = services.shared.workspace.LangiumDocuments;
    const old = docs.getDocument(uri)!;
    TextDocument.update(old.textDocument as TextDocument, [{ text }], version);
    await services.shared.workspace.DocumentBuilder.update([uri], []);
    return docs.getDocument(uri)!;
}

export async function benchPreview(): Promise<BenchResult[]> {
    const { services, doc, text } = await load();
    const uri = doc.uri;
    const params = { uri: uri.toString(), runs: PREVIEW_RUNS, seed: 42 };
    // Warm up the engine and the builder.
    for (let i = 0; i < 3; i++) computeForecast(services, await edit(services, uri, text, i + 2), params);
    const total: number[] = [];
    const forecastOnly: number[] = [];
    const spends = [3000, 3100, 3200, 6000, 4500, 3000, 3300, 5100, 2900, 3800, 4100, 3600];
    let version = 10;
    for (const spend of spends) {
        const changed = text.replace('paid 3000 CNY per week', `paid ${spend} CNY per week`);
        const t0 = performance.now();
        const d = await edit(services, uri, changed, version++);
        const t1 = performance.now();
        const { result } = computeForecast(services, d, params);
        const t2 = performance.now();
        if (result.status !== 'ok') throw new Error(`forecast failed: ${JSON.stringify(result).slice(0, 300)}`);
        total.push(t2 - t0);
        forecastOnly.push(t2 - t1);
    }
    // The preview's second, slower request: the same forecast plus the sensitivity tornado.
    const sensitivity: number[] = [];
    for (let i = 0; i < 4; i++) {
        const t0 = performance.now();
        const { result } = computeForecast(services, docs(services, uri), { ...params, sensitivity: true });
        sensitivity.push(performance.now() - t0);
        if (result.status !== 'ok' || !result.forecasts[0].communities[0]?.sensitivity) throw new Error('no sensitivity in the result');
    }
    sensitivity.sort((a, b) => a - b);
    total.sort((a, b) => a - b);
    forecastOnly.sort((a, b) => a - b);
    const r = (x: number) => Math.round(x * 10) / 10;
    return [
        { name: `preview: edit → validated → community/forecast (${PREVIEW_RUNS} runs), fitness example, P50`, value: r(percentile(total, 0.5)), unit: 'ms' },
        { name: `preview: edit → validated → community/forecast (${PREVIEW_RUNS} runs), fitness example, P90`, value: r(percentile(total, 0.9)), unit: 'ms' },
        { name: `preview: community/forecast only (${PREVIEW_RUNS} runs), fitness example, P50`, value: r(percentile(forecastOnly, 0.5)), unit: 'ms' },
        { name: `preview: follow-up community/forecast with sensitivity tornado, fitness example, P50`, value: r(percentile(sensitivity, 0.5)), unit: 'ms' },
    ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    benchPreview().then(
        (results) => {
            for (const x of results) console.log(`${x.name}: ${x.value} ${x.unit}`);
        },
        (error) => {
            console.error(error);
            process.exitCode = 1;
        },
    );
}
