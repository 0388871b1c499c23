// The language services for an editor: Langium's LSP defaults layered on the core wiring
// (language/community-module.ts) and the editor features of the plan language as one Langium module.
// The server (server/services.ts) and the editor tests call createCommunityLspServices. One file per
// feature in this folder.
import type { Module } from 'langium';
import {
    createDefaultLSPModule,
    createDefaultSharedLSPModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
} from 'langium/lsp';
import { createCommunityServices, type CommunityAddedServices, type CommunityServicesContext } from '../community-module.js';
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

/** The language services with Langium's LSP services and ours. */
export type CommunityEditorServices = LangiumServices & CommunityAddedServices;

export type CommunityLspServices = CommunityEditorServices & CommunityLspAddedServices;

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

export interface CommunityLspServicesContext extends DefaultSharedModuleContext, Omit<CommunityServicesContext, 'modules' | 'sharedModules'> {
    /** Extra modules merged over the editor module. */
    modules?: Array<Module<CommunityLspServices, PartialLangiumServices>>;
    /** Extra shared modules (e.g. the server's configuration provider). */
    sharedModules?: Array<Module<LangiumSharedServices, object>>;
    /**
     * false: Langium's LSP defaults only, without CommunityLspModule (what an editor gets from Langium
     * alone; the tests' "fails without it" checks).
     */
    editorFeatures?: boolean;
}

/**
 * The core wiring with Langium's LSP services merged between its core defaults and our modules, as
 * langium/lsp's createDefaultModule does, and the editor module over ours. With a connection the
 * builder waits for the client's configuration (Langium's default).
 */
export function createCommunityLspServices(context: CommunityLspServicesContext): { shared: LangiumSharedServices; Community: CommunityLspServices } {
    const editor = context.editorFeatures === false ? [] : [CommunityLspModule];
    const services = createCommunityServices(
        {
            ...context,
            // Our modules are typed over the LSP services; the core wiring merges them as it merges any module.
            modules: [...editor, ...(context.modules ?? [])] as unknown as CommunityServicesContext['modules'],
            sharedModules: context.sharedModules as unknown as CommunityServicesContext['sharedModules'],
        },
        {
            shared: createDefaultSharedLSPModule(context) as unknown as Module<LangiumSharedServices, object>,
            language: (shared) => createDefaultLSPModule({ shared: shared as LangiumSharedServices }) as unknown as Module<CommunityEditorServices, object>,
            configuredByClient: context.connection !== undefined,
        },
    );
    // The layer above made them the LSP services (Langium's createDefaultModule types the same merge so).
    return services as unknown as { shared: LangiumSharedServices; Community: CommunityLspServices };
}
