// Dependency injection for the plan language: Langium's defaults plus our scoping, imports,
// validation and settings. `createCommunityServices` is what the server, CLI and tests call.
import { inject, type Module } from 'langium';
import {
    createDefaultModule,
    createDefaultSharedModule,
    type DefaultSharedModuleContext,
    type LangiumServices,
    type LangiumSharedServices,
    type PartialLangiumServices,
} from 'langium/lsp';
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

export type CommunityServices = LangiumServices & CommunityAddedServices;

export function createCommunityModule(settings: CommunitySettings): Module<CommunityServices, PartialLangiumServices & CommunityAddedServices> {
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
    LangiumSharedServices,
    {
        workspace: {
            DocumentBuilder: (s: LangiumSharedServices) => CommunityDocumentBuilder;
            LangiumDocumentFactory: (s: LangiumSharedServices) => LimitedDocumentFactory;
        };
    }
> = {
    workspace: {
        DocumentBuilder: (s) => new CommunityDocumentBuilder(s),
        // File size, line length and comment count are checked before lexing (limits.ts).
        LangiumDocumentFactory: (s) => new LimitedDocumentFactory(s),
    },
};

export interface CommunityServicesContext extends DefaultSharedModuleContext {
    settings?: CommunitySettings;
    /** Extra modules (e.g. editor features) merged over the language module. */
    modules?: Array<Module<CommunityServices, PartialLangiumServices>>;
    /** Extra shared modules (e.g. the server's configuration provider). */
    sharedModules?: Array<Module<LangiumSharedServices, object>>;
}

export function createCommunityServices(context: CommunityServicesContext): { shared: LangiumSharedServices; Community: CommunityServices } {
    const settings = context.settings ?? new CommunitySettings();
    const shared = inject(createDefaultSharedModule(context), CommunityGeneratedSharedModule, CommunitySharedModule, ...(context.sharedModules ?? []));
    const Community = inject(
        createDefaultModule({ shared }),
        CommunityPlansGeneratedModule,
        createCommunityModule(settings),
        ...(context.modules ?? []),
    ) as CommunityServices;
    shared.ServiceRegistry.register(Community);
    registerValidationChecks(Community);
    if (!context.connection) {
        // No client will send configuration: start with defaults so the builder does not wait.
        shared.workspace.ConfigurationProvider.initialized({});
    }
    return { shared, Community };
}
