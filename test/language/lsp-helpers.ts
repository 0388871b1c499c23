// Language services with the editor features (language/lsp/) for the lsp-*.test.ts files.
import { EmptyFileSystem } from 'langium';
import type { Lang } from '../../engine/diagnostics.js';
import { createCommunityLspServices, startCommunityLsp, type CommunityEditorServices, type CommunityLspServices } from '../../language/lsp/lsp-module.js';
import { CommunitySettings } from '../../language/settings.js';

export function lspServices(lang: Lang = 'en'): { shared: CommunityLspServices['shared']; Community: CommunityLspServices } {
    const settings = new CommunitySettings();
    settings.lang = lang;
    const { shared, Community } = createCommunityLspServices({ ...EmptyFileSystem, settings });
    startCommunityLsp(Community);
    return { shared, Community };
}

/** Languages services without the editor module: what Langium gives by default (for "fails without it" checks). */
export function plainServices(): { Community: CommunityEditorServices } {
    return createCommunityLspServices({ ...EmptyFileSystem, editorFeatures: false });
}

export const HEADER = `plan "Test" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 100000 CNY
  team 2 people, 40 hours per week each
  market CN
}
platform Groups "微信群" { kind wechat-group }
audience Workers { size 5000  active 07:00-09:00, 19:00-23:00 }
`;

/** A plan of one community with two tiers, a content and a KPI, after HEADER (the LSP suites' fixture). */
export const FIT_PLAN = `${HEADER}
community Fit "健身" {
  platform Groups
  audience Workers
  tier Prospect { entry share post  seed 300 members  churn 12% per month ± 4%  active 25% weekly }
  tier Core { entry fee 1 CNY per day  from Prospect 6% per month  churn 4% per month }
  content Tips { kind educational  every day at 20:00  cost 300 CNY per post }
  kpi Growth: members >= 600 by week 8
}
`;
