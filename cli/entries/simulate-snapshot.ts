// The V8 startup snapshot of `community simulate`, out/snapshot/simulate.blob: esbuild.mjs bundles
// this file into out/snapshot/simulate.cjs and runs `node --snapshot-blob out/snapshot/simulate.blob
// --build-snapshot out/snapshot/simulate.cjs <example plans>`, as for check (cli/entries/check-snapshot.ts,
// which says what a heap may not hold). The heap holds the simulate bundle evaluated, language
// services with their parser built, and the bytecode of a simulate: each example is checked,
// lowered, forecast with a few runs in this thread and written as JSON, output discarded (not as
// a table: its Intl number formats could not be in the heap). The
// simulation pool is not started here (a snapshot holds no threads): a run from the blob starts it
// as the plain bundle does, and the worker threads load out/runtime/simulation-worker.cjs.
import { createRequire } from 'node:module';
import * as v8 from 'node:v8';
import * as z from 'zod';
import { forecast } from '../../engine/forecast.js';
import type { Plan } from '../../engine/model.js';
import { lowerPlan } from '../../language/lower.js';
import { bundleFor } from '../bundles.js';
import { registerSimulate } from '../commands/simulate.js';
import { prebuildServices } from '../prebuilt.js';
import { main } from '../program.js';
import { flatten, summarize } from '../report.js';
import { loadPlans } from '../workspace.js';

/** Loads, checks and forecasts the plans as `community simulate` does (few runs, in this thread), output discarded. */
async function warmUp(plans: string[]): Promise<void> {
    z.config({ jitless: true }); // as main() sets it
    for (const file of plans) {
        const ws = await loadPlans([file], { lang: 'en' });
        const requested = ws.requested[0];
        if (!requested || summarize(flatten(ws.plans), ws.plans.length).errors > 0) continue;
        let plan: Plan;
        try {
            plan = lowerPlan(ws.services, requested.document);
        } catch {
            continue; // a shared file with no plan block of its own (examples/shared/)
        }
        JSON.stringify(forecast(plan, { runs: 64, seed: 1 }), null, 2);
    }
}

void warmUp(process.argv.slice(2)).then(() => {
    prebuildServices();
    v8.startupSnapshot.setDeserializeMainFunction(() => {
        // argv is [node, <script>, command, …], as cli/launch.ts starts it.
        const bundle = bundleFor(process.argv[2]);
        if (bundle === './simulate.cjs') main([registerSimulate]);
        else createRequire(import.meta.url)(`../cli/${bundle.slice(2)}`); // another command, started from the blob by hand
    });
});
