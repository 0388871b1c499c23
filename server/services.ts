// Server-side services: the language services plus what only an editor session needs
// (workspace roots from the client, its `community.*` settings, the editor features of language/lsp/).
// Transport-free, so tests can drive it. The idle collector is started by server/session.ts (it
// holds V8's gc function, which a startup snapshot cannot).
import { realpathSync } from 'node:fs';
import { URI, type Module } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { CodeLensRefreshRequest } from 'vscode-languageserver';
import { createCommunityLspServices, startCommunityLsp, type CommunityLspServicesContext } from '../language/lsp/lsp-module.js';
import { CommunitySettings } from '../language/settings.js';
import { CommunityConfigurationProvider, SettingsSync } from './settings-sync.js';
import { EditStormLock, EditStormUpdateHandler } from './edit-storm.js';
import { OpenFirstWorkspaceManager } from './open-first-workspace.js';
import { onlyAnnouncedRegistrations } from './registrations.js';

export function createCommunityServerServices(context: Omit<CommunityLspServicesContext, 'settings' | 'sharedModules' | 'editorFeatures'>) {
    const settings = new CommunitySettings();
    settings.realPath = (p) => realpathSync(p);
    const sharedModules = [
        {
            workspace: {
                ConfigurationProvider: (s: LangiumSharedServices) => new CommunityConfigurationProvider(s),
                // Builds finish in an edit storm (edit-storm.ts).
                WorkspaceLock: () => new EditStormLock(),
                // The files the editor has open are built and published before the rest (open-first-workspace.ts).
                WorkspaceManager: (s: LangiumSharedServices) => new OpenFirstWorkspaceManager(s),
            },
            lsp: { DocumentUpdateHandler: (s: LangiumSharedServices) => new EditStormUpdateHandler(s) },
        },
    ] as Array<Module<LangiumSharedServices, object>>;
    const services = createCommunityLspServices({ ...context, sharedModules, settings });
    const lsp = services.Community;
    let lensRefresh = false;
    services.shared.lsp.LanguageServer.onInitialize((params) => {
        const folders = params.workspaceFolders ?? [];
        settings.roots = folders.map((f) => URI.parse(f.uri).fsPath);
        if (settings.roots.length === 0 && params.rootUri) {
            settings.roots = [URI.parse(params.rootUri).fsPath];
            // A client that sends only rootUri (lsp-mode 8) gets it as the one workspace folder, so the
            // files of the workspace are loaded as for clients that send workspaceFolders (LSP 3.17 §initialize).
            if (!params.workspaceFolders)
                services.shared.workspace.WorkspaceManager.initialize({
                    ...params,
                    workspaceFolders: [{ uri: params.rootUri, name: URI.parse(params.rootUri).path.replace(/^.*\//, '') || params.rootUri }],
                });
        }
        // No folder at all (a single file opened): roots stay empty and language/imports.ts confines
        // each file's imports to its own folder.
        lensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
        if (context.connection) onlyAnnouncedRegistrations(context.connection, params.capabilities);
    });
    // Language, enabled checks and platform-limit overrides (after the roots: the overrides path is relative to them).
    const sync = new SettingsSync({
        shared: services.shared,
        settings,
        connection: context.connection,
        onChanged: () => lsp.communityLsp.Forecasts.invalidate(),
    });
    const manager = services.shared.workspace.WorkspaceManager;
    if (manager instanceof OpenFirstWorkspaceManager) manager.settingsApplied = sync.applied;
    startCommunityLsp(lsp);
    const connection = context.connection;
    if (connection) {
        lsp.communityLsp.Forecasts.onResult = () => {
            if (lensRefresh) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
        };
    }
    return { ...services, sync };
}
