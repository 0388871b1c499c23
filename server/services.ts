// Server-side services: the language services plus what only an editor session needs
// (workspace roots and display language from the client). Transport-free, so tests can drive it.
import { realpathSync } from 'node:fs';
import { URI } from 'langium';
import type { DefaultSharedModuleContext } from 'langium/lsp';
import { createCommunityServices, type CommunityServicesContext } from '../language/community-module.js';
import { CommunitySettings } from '../language/settings.js';

export function createCommunityServerServices(context: DefaultSharedModuleContext & Pick<CommunityServicesContext, 'modules'>) {
    const settings = new CommunitySettings();
    settings.realPath = (p) => realpathSync(p);
    const services = createCommunityServices({ ...context, settings });
    services.shared.lsp.LanguageServer.onInitialize((params) => {
        const folders = params.workspaceFolders ?? [];
        settings.roots = folders.map((f) => URI.parse(f.uri).fsPath);
        if (settings.roots.length === 0 && params.rootUri) settings.roots = [URI.parse(params.rootUri).fsPath];
        const locale = (params.locale ?? '').toLowerCase();
        const option = (params.initializationOptions as { lang?: string } | undefined)?.lang;
        settings.lang = option === 'zh-CN' || (option !== 'en' && locale.startsWith('zh')) ? 'zh-CN' : 'en';
    });
    return services;
}
