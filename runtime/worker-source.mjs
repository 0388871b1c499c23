// The pool's worker when the project runs from source (tests, `tsx` scripts): registers tsx in this
// thread, then loads the TypeScript worker. Built bundles use out/runtime/simulation-worker.cjs.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./simulation-worker.ts');
export default worker.default;
