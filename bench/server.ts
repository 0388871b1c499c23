// Language-server benchmarks: edit → diagnostics (p50/p95) on a generated 2,000-line plan, validating
// a 20,000-line plan (time and heap), and completion latency. Run alone with
//   node_modules/.bin/node --import tsx bench/server.ts
import { EmptyFileSystem, URI, type LangiumDocument, type Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import { setTextDocument } from 'langium/test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createCommunityServices, type CommunityServices } from '../language/community-module.js';
import { CommunityLspModule } from '../language/lsp/lsp-module.js';

export interface BenchResult { name: string; value: number; unit: string }

/** A plan with one plan block, shared platforms and as many communities as needed for ~`lines` lines. */
export function generatePlan(lines: number): string {
    const head = `plan "Bench" {
  start 2027-01-04
  horizon 26 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 5000000 CNY
  team 20 people, 40 hours per week each
  market CN
}
platform Groups "微信群" { kind wechat-group }
audience Workers { size 200000  active 07:00-09:00, 19:00-23:00 }
`;
    const block = (i: number) => `
community C${i} "社群 ${i}" {
  platform Groups
  audience Workers
  order value 199 CNY ± 40 CNY
  tier Prospect${i} {
    entry share post
    seed 300 members
    churn 12% per month ± 4%
    active 25% weekly
    buys 1% per month
  }
  tier Core${i} {
    entry fee 1 CNY per day
    from Prospect${i} 6% per month ± 2%
    churn 4% per month
    active 60% weekly
  }
  content Tips${i} {
    kind educational
    format video
    every day at 20:00
    for Prospect${i}, Core${i}
    cost 300 CNY per post
  }
  activity Salon${i} {
    offline salon at "Shanghai"
    on 2027-03-20 at 14:00
    lasts 3 hours
    for Core${i}
    capacity 60
    staff 3
    cost 15000 CNY
  }
  channel Ads${i} { paid 3000 CNY per week  cost per join 15 CNY ± 5 CNY }
  kpi Growth${i}: members >= 2000 by week 26
  kpi active rate >= 20%
}
`;
    let text = head;
    let i = 0;
    while (text.split('\n').length < lines) text += block(i++);
    return text;
}

function services() {
    return createCommunityServices({ ...EmptyFileSystem, modules: [CommunityLspModule as unknown as Module<CommunityServices, PartialLangiumServices>] });
}

function percentile(values: number[], p: number): number {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function open(s: ReturnType<typeof services>, uri: URI, text: string, version: number): Promise<LangiumDocument> {
    setTextDocument(s.shared, TextDocument.create(uri.toString(), 'community', version, text));
    const docs = s.shared.workspace.LangiumDocuments;
    if (!docs.hasDocument(uri)) {
        const doc = docs.createDocument(uri, text);
        await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
        return doc;
    }
    await s.shared.workspace.DocumentBuilder.update([uri], []);
    return docs.getDocument(uri)!;
}

export async function benchServer(): Promise<BenchResult[]> {
    const results: BenchResult[] = [];

    // Edit → diagnostics on 2,000 lines: an edit as the editor sends it (fast + built-in checks).
    {
        const s = services();
        const uri = URI.parse('file:///bench/plan2k.community');
        const text = generatePlan(2000);
        await open(s, uri, text, 0);
        const times: number[] = [];
        for (let i = 1; i <= 40; i++) {
            const edited = text.replace('seed 300 members', `seed ${300 + i} members`);
            const t = performance.now();
            const doc = await open(s, uri, edited, i);
            times.push(performance.now() - t);
            if (!doc.diagnostics) throw new Error('no diagnostics');
        }
        results.push({ name: 'edit→diagnostics p50 (2,000 lines)', value: +percentile(times, 50).toFixed(1), unit: 'ms' });
        results.push({ name: 'edit→diagnostics p95 (2,000 lines)', value: +percentile(times, 95).toFixed(1), unit: 'ms' });

        // Completion latency at a tier reference deep in the file.
        const doc = s.shared.workspace.LangiumDocuments.getDocument(uri)!;
        const offset = doc.textDocument.getText().lastIndexOf('from Prospect') + 5;
        const position = doc.textDocument.positionAt(offset);
        const ctimes: number[] = [];
        for (let i = 0; i < 30; i++) {
            const t = performance.now();
            const list = await s.Community.lsp.CompletionProvider!.getCompletion(doc, { textDocument: { uri: uri.toString() }, position });
            ctimes.push(performance.now() - t);
            if (!list || list.items.length === 0) throw new Error('no completion');
        }
        results.push({ name: 'completion p50 (2,000 lines)', value: +percentile(ctimes, 50).toFixed(1), unit: 'ms' });
        results.push({ name: 'completion p95 (2,000 lines)', value: +percentile(ctimes, 95).toFixed(1), unit: 'ms' });
    }

    // Full validation (all categories, slow checks included) of 20,000 lines.
    {
        const s = services();
        const text = generatePlan(20_000);
        globalThis.gc?.();
        const before = process.memoryUsage().heapUsed;
        const t = performance.now();
        const doc = s.shared.workspace.LangiumDocuments.createDocument(URI.parse('file:///bench/plan20k.community'), text);
        await s.shared.workspace.DocumentBuilder.build([doc], { validation: true });
        const elapsed = performance.now() - t;
        const heap = process.memoryUsage().heapUsed;
        results.push({ name: 'validate 20,000 lines (all checks)', value: +elapsed.toFixed(0), unit: 'ms' });
        results.push({ name: 'heap used after validating 20,000 lines', value: +(heap / 1048576).toFixed(0), unit: 'MB' });
        results.push({ name: 'heap added by the 20,000-line document', value: +((heap - before) / 1048576).toFixed(0), unit: 'MB' });
    }
    return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
    for (const r of await benchServer()) console.log(`${r.name}: ${r.value} ${r.unit}`);
}
