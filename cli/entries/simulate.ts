// out/cli/simulate.cjs: `community simulate`, the language and the forecast engine without the
// compile outputs (reports, charts, workbooks, calendars).
import { registerSimulate } from '../commands/simulate.js';
import { main } from '../program.js';

main([registerSimulate]);
