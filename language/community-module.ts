// Dependency injection for the plan language: Langium's core defaults plus our scoping, imports,
// validation and settings. `createCommunityServices` is what the CLI and the tests call: parsing,
// linking and checking, no editor. It imports `langium`, never `langium/lsp`: Langium's LSP module
// brings vscode-languageserver and every editor provider, which a check does not run and the CLI's
// startup snapshot would otherwise deserialize at every start (BENCHMARKS.md, thirteenth session).
// The language server and the editor tests add Langium's LSP defaults as a layer on the same wiring
// (language/lsp/lsp-module.ts, createCommunityLspServices), so there is one wiring of our services.
import {
    createDefaultCoreModule,
    createDefaultSharedCoreModule,
    inject,
    type DefaultSharedCoreModuleContext,
    type LangiumCoreServices,
    type LangiumSharedCoreServices,
    type Module,
    type PartialLangiumCoreServices,
} from 'langium';
import { CommunityGeneratedSharedModule, CommunityPlansGeneratedModule } from './generated/module.js';
import { CommunityLinker, CommunityReferenceDescriptionProvider } from './ast-walk.js';
import { CommunityDocumentBuilder } from './document-builder.js';
import { ImportGraph } from './imports.js';
import { LimitedDocumentFactory } from './limits.js';
import { CommunityAstNodeDescriptionProvider, CommunityScopeComputation, CommunityScopeProvider } from './scope.js';
import { CommunitySettings } from './settings.js';
import { PlanModelProvider } from './plan-model.js';
import { CommunityDocumentValidator } from './validation/document-validator.js';
import { CommunityValidationRegistry } from './validation/registry.js';
import { CommunityLexer } from './lexer.js';
import { createCommunityParser } from './parser.js';
import { CommunityTokenBuilder } from './token-builder.js';
import { CommunityValueConverter } from './value-converter.js';
import { registerValidationChecks } from './validation/register.js';

export interface CommunityAddedServices {
    community: {
        Settings: CommunitySettings;
        Imports: ImportGraph;
        PlanModel: PlanModelProvider;
    };
}

export type CommunityServices = LangiumCoreServices & CommunityAddedServices;

export function createCommunityModule(settings: CommunitySettings): Module<CommunityServices, PartialLangiumCoreServices & CommunityAddedServices> {
    return {
        community: {
            Settings: () => settings,
            Imports: (services) => new ImportGraph(services.shared, settings),
            PlanModel: (services) => new PlanModelProvider(services, services.shared),
        },
        // Chinese keywords, full-width punctuation and Chinese numbers, dates and times (keywords-zh.ts).
        parser: {
            TokenBuilder: () => new CommunityTokenBuilder(),
            Lexer: (services) => new CommunityLexer(services),
            ValueConverter: () => new CommunityValueConverter(),
            // One error per mistake: misspelt keywords and broken properties are repaired and parsed again.
            LangiumParser: (services) => createCommunityParser(services),
        },
        references: {
            Linker: (services) => new CommunityLinker(services),
            ScopeComputation: (services) => new CommunityScopeComputation(services),
            ScopeProvider: (services) => new CommunityScopeProvider(services),
        },
        validation: {
            DocumentValidator: (services) => new CommunityDocumentValidator(services),
            ValidationRegistry: (services) => new CommunityValidationRegistry(services),
        },
        workspace: {
            ReferenceDescriptionProvider: (services) => new CommunityReferenceDescriptionProvider(services),
            AstNodeDescriptionProvider: (services) => new CommunityAstNodeDescriptionProvider(services),
        },
    };
}

/** Shared (workspace-wide) services over Langium's defaults. */
export const CommunitySharedModule: Module<
    LangiumSharedCoreServices,
    {
        workspace: {
            DocumentBuilder: (s: LangiumSharedCoreServices) => CommunityDocumentBuilder;
            LangiumDocumentFactory: (s: LangiumSharedCoreServices) => LimitedDocumentFactory;
        };
    }
> = {
    workspace: {
        DocumentBuilder: (s) => new CommunityDocumentBuilder(s),
        // File size, line length and comment count are checked before lexing (limits.ts).
        LangiumDocumentFactory: (s) => new LimitedDocumentFactory(s),
    },
};

export interface CommunityServicesContext extends DefaultSharedCoreModuleContext {
    settings?: CommunitySettings;
    /** Extra modules (e.g. editor features) merged over the language module. */
    modules?: Array<Module<CommunityServices, PartialLangiumCoreServices>>;
    /** Extra shared modules (e.g. the server's configuration provider). */
    sharedModules?: Array<Module<LangiumSharedCoreServices, object>>;
}

/**
 * Services merged between Langium's core defaults and our modules, as Langium's own
 * createDefaultModule/createDefaultSharedModule merge its LSP module over its core one: the editor
 * layer of language/lsp/lsp-module.ts. Typed loosely: the layer's services are the LSP ones, which
 * its caller knows (createCommunityLspServices types the result).
 */
export interface CommunityServiceLayer {
    shared: Module<LangiumSharedCoreServices, object>;
    language(shared: LangiumSharedCoreServices): Module<CommunityServices, object>;
    /** A client will send its configuration: the builder waits for it instead of starting with defaults. */
    configuredByClient: boolean;
}

export function createCommunityServices(
    context: CommunityServicesContext,
    layer?: CommunityServiceLayer,
): { shared: LangiumSharedCoreServices; Community: CommunityServices } {
    const settings = context.settings ?? new CommunitySettings();
    const shared = inject(
        createDefaultSharedCoreModule(context),
        ...(layer ? [layer.shared] : []),
        CommunityGeneratedSharedModule,
        CommunitySharedModule,
        ...(context.sharedModules ?? []),
    ) as LangiumSharedCoreServices;
    const Community = inject(
        createDefaultCoreModule({ shared }),
        ...(layer ? [layer.language(shared)] : []),
        CommunityPlansGeneratedModule,
        createCommunityModule(settings),
        ...(context.modules ?? []),
    ) as CommunityServices;
    shared.ServiceRegistry.register(Community);
    registerValidationChecks(Community);
    if (!layer?.configuredByClient) {
        // No client will send configuration: start with defaults so the builder does not wait.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Community };
}
