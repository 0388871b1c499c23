// loadPlans for suites that load many plans one after another: each load goes into the language
// services of the one before (cli/workspace.ts, `reuse`: its documents removed, its settings reset)
// rather than building a new set, whose grammar analysis costs about 60 ms. A suite that keeps a
// workspace across a later load (in a beforeAll) calls loadPlans itself.
import { loadPlans, type LoadedWorkspace, type LoadOptions } from '../../cli/workspace.js';

let previous: LoadedWorkspace | undefined;

/** loadPlans into the services of the previous call (whose workspace is then not to be used again). */
export async function loadPlansAgain(files: string[], options: Omit<LoadOptions, 'reuse'>): Promise<LoadedWorkspace> {
    const reuse = previous;
    previous = undefined;
    previous = await loadPlans(files, { ...options, reuse });
    return previous;
}
