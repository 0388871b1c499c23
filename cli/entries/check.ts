// out/cli/check.cjs: `community check` and `community format`, the commands an editor task or CI runs
// per save or per plan. Only the language and the checks: no forecast report stack (vega, exceljs…).
import '../format-sarif.js';
import '../format-github.js';
import { registerCheck } from '../commands/check.js';
import { registerFormat } from '../commands/format.js';
import { main } from '../program.js';

main([registerCheck, registerFormat]);
