// The editor features of the plan language as one Langium module, passed to createCommunityServices
// by the server (server/services.ts) and by the tests. One file per feature in this folder.
import type { Module } from 'langium';
import type { PartialLangiumServices } from 'langium/lsp';
import type { CommunityServices } from '../community-module.js';
import { CommunityCodeActionProvider } from './code-actions.js';
import { CommunityCodeLensProvider } from './code-lens.js';
import { CommunityCompletionProvider } from './completion.js';
import { CommunityFoldingRangeProvider } from './folding.js';
import { ForecastLensService } from './forecast-lens.js';
import { CommunityFormatter } from './formatter.js';
import { CommunityHoverProvider } from './hover.js';
import { CommunityInlayHintProvider } from './inlay-hints.js';
import { CommunitySemanticTokenProvider } from './semantic-tokens.js';
import { SlowValidationScheduler } from './slow-validation.js';
import { CommunityDocumentSymbolProvider } from './symbols.js';

export interface CommunityLspAddedServices {
    communityLsp: {
        /** Forecasts behind the CodeLens, computed after typing pauses. */
        Forecasts: ForecastLensService;
        /** Runs the 'slow' validation category after typing pauses. */
        SlowValidation: SlowValidationScheduler;
    };
}

export type CommunityLspServices = CommunityServices & CommunityLspAddedServices;

export const CommunityLspModule: Module<CommunityLspServices, PartialLangiumServices & CommunityLspAddedServices> = {
    lsp: {
        CompletionProvider: (s) => new CommunityCompletionProvider(s),
        HoverProvider: (s) => new CommunityHoverProvider(s),
        DocumentSymbolProvider: () => new CommunityDocumentSymbolProvider(),
        FoldingRangeProvider: (s) => new CommunityFoldingRangeProvider(s),
        SemanticTokenProvider: (s) => new CommunitySemanticTokenProvider(s),
        Formatter: (s) => new CommunityFormatter(s.community.Settings, s),
        CodeActionProvider: (s) => new CommunityCodeActionProvider(s),
        InlayHintProvider: (s) => new CommunityInlayHintProvider(s),
        CodeLensProvider: (s) => new CommunityCodeLensProvider(s),
    },
    communityLsp: {
        Forecasts: (s) => new ForecastLensService(s),
        SlowValidation: (s) => new SlowValidationScheduler(s.shared),
    },
};

/** Starts the background services (they subscribe to the document builder when created). */
export function startCommunityLsp(services: CommunityLspServices): void {
    void services.communityLsp.SlowValidation;
    void services.communityLsp.Forecasts;
}
