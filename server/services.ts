// Server-side services: the language services plus what only an editor session needs
// (workspace roots and display language from the client, the editor features of language/lsp/).
// Transport-free, so tests can drive it.
import { realpathSync } from 'node:fs';
import { URI, type Module } from 'langium';
import type { DefaultSharedModuleContext, PartialLangiumServices } from 'langium/lsp';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import { createCommunityServices, type CommunityServices, type CommunityServicesContext } from '../language/community-module.js';
import { CommunityLspModule, startCommunityLsp, type CommunityLspServices } from '../language/lsp/lsp-module.js';
import { CommunitySettings } from '../language/settings.js';

export function createCommunityServerServices(context: DefaultSharedModuleContext & Pick<CommunityServicesContext, 'modules'>) {
    const settings = new CommunitySettings();
    settings.realPath = (p) => realpathSync(p);
    const modules = [CommunityLspModule as unknown as Module<CommunityServices, PartialLangiumServices>, ...(context.modules ?? [])];
    const services = createCommunityServices({ ...context, modules, settings });
    const lsp = services.Community as CommunityLspServices;
    let lensRefresh = false;
    services.shared.lsp.LanguageServer.onInitialize((params) => {
        const folders = params.workspaceFolders ?? [];
        settings.roots = folders.map((f) => URI.parse(f.uri).fsPath);
        if (settings.roots.length === 0 && params.rootUri) settings.roots = [URI.parse(params.rootUri).fsPath];
        const locale = (params.locale ?? '').toLowerCase();
        const option = (params.initializationOptions as { lang?: string } | undefined)?.lang;
        settings.lang = option === 'zh-CN' || (option !== 'en' && locale.startsWith('zh')) ? 'zh-CN' : 'en';
        lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    });
    startCommunityLsp(lsp);
    const connection = context.connection;
    if (connection) {
        lsp.communityLsp.Forecasts.onResult = () => {
            if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
        };
    }
    return services;
}
