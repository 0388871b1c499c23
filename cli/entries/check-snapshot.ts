// The CLI's V8 startup snapshot, out/snapshot/cli.blob: esbuild.mjs bundles this file into
// out/snapshot/cli.cjs and runs `node --snapshot-blob out/snapshot/cli.blob --build-snapshot
// out/snapshot/cli.cjs <example plans>` (three examples, esbuild.mjs says why). The heap it leaves
// holds the check bundle evaluated, the language services with their lexer and parser built
// (cli/prebuilt.ts), and the bytecode of a check: the example plans are checked once here, by
// throw-away services, so the functions a check runs are compiled already (V8 compiles a function on its first call; the snapshot keeps the
// bytecode). A start from the blob runs the function given to setDeserializeMainFunction below.
//
// What the heap may not hold: Intl objects (V8 cannot serialize them, the build would abort), open
// handles, and anything read from the environment at build time — prebuilt settings are reset from
// this run's environment when taken (cli/prebuilt.ts).
import { createRequire } from 'node:module';
import * as v8 from 'node:v8';
import * as z from 'zod';
import '../format-sarif.js';
import '../format-github.js';
import { bundleFor } from '../bundles.js';
import { registerCheck } from '../commands/check.js';
import { registerFormat } from '../commands/format.js';
import { prebuildServices } from '../prebuilt.js';
import { main } from '../program.js';
import { flatten, formatJson, formatText, summarize } from '../report.js';
import { loadPlans } from '../workspace.js';

/** Checks the plans as `community check` does (text and JSON), output discarded: compiles the code a check runs. */
async function warmUp(plans: string[]): Promise<void> {
    z.config({ jitless: true }); // as main() sets it: a check never builds zod's compiled parsers
    for (const lang of ['en', 'zh-CN'] as const) {
        for (const plan of plans) {
            const ws = await loadPlans([plan], { lang });
            const all = flatten(ws.plans);
            const summary = summarize(all, ws.plans.length);
            formatText(all, summary, lang);
            formatJson(all, summary, [plan]);
        }
    }
}

void warmUp(process.argv.slice(2)).then(() => {
    prebuildServices();
    v8.startupSnapshot.setDeserializeMainFunction(() => {
        // argv is [node, <script>, command, …]: cli/launch.ts passes its own script first, as a
        // user starting the blob by hand does (`node --snapshot-blob out/snapshot/cli.blob bin/community.cjs check …`).
        const bundle = bundleFor(process.argv[2]);
        if (bundle === './check.cjs') main([registerCheck, registerFormat]);
        else createRequire(import.meta.url)(`../cli/${bundle.slice(2)}`); // another command, started from the blob by hand
    });
});
