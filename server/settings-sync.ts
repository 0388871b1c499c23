// The `community.*` settings the editor sends, applied to the language services: message language,
// which checks are reported, and a workspace file of platform-limit overrides. They arrive in the
// initialize request (initializationOptions, as the VS Code client sends them), from a
// workspace/configuration pull, and on workspace/didChangeConfiguration; any change re-validates
// every document so the Problems list follows at once.
import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { DefaultConfigurationProvider, DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import {
    DiagnosticSeverity,
    MessageType,
    ShowMessageNotification,
    type Connection,
    type Diagnostic,
    type DidChangeConfigurationParams,
} from 'vscode-languageserver';
import * as z from 'zod';
import { isKnownPlatformKind, PLATFORM_KINDS } from '../engine/platforms.js';
import { langFromEnv, type Lang } from '../engine/diagnostics.js';
import { disabledCodesFrom, type CommunitySettings, type PlatformLimitOverrides } from '../language/settings.js';

/** What the VS Code client puts in initializationOptions (extension/src/client.ts). */
export interface InitializationOptions {
    lang?: string;
    checks?: unknown;
    platformLimits?: string;
    format?: unknown;
}

/** The `community` configuration section (package.json contributes.configuration). */
export interface CommunityConfiguration {
    language?: string;
    checks?: unknown;
    platformLimits?: string;
    /** `community.format.*`: { expandOneLineGroups?: boolean } (formatting only, no re-validation). */
    format?: unknown;
}

const limitValue = z.number().finite().nonnegative();

/** The overrides file: { "<platform-kind>": { "<limit-key>": number } }, kinds and keys from engine/platforms.ts. */
export const PlatformLimitsFile = z.record(z.string(), z.record(z.string(), limitValue)).superRefine((file, ctx) => {
    for (const [kind, limits] of Object.entries(file)) {
        if (!isKnownPlatformKind(kind)) {
            ctx.addIssue({ code: 'custom', path: [kind], message: `unknown platform kind "${kind}"; known: ${Object.keys(PLATFORM_KINDS).join(', ')}` });
            continue;
        }
        const known = Object.keys(PLATFORM_KINDS[kind].limits);
        for (const key of Object.keys(limits)) {
            if (!known.includes(key)) {
                ctx.addIssue({ code: 'custom', path: [kind, key], message: `unknown limit "${key}" for ${kind}; known: ${known.join(', ') || 'none'}` });
            }
        }
    }
});

export interface LimitsProblem {
    /** The overrides file (absolute path). */
    path: string;
    message: string;
    /** Where in the file, when known (0-based line). */
    line: number;
    character: number;
}

export type LimitsLoad = { ok: true; path: string; limits: PlatformLimitOverrides } | { ok: false; problem: LimitsProblem };

/** Reads and checks an overrides file; `file` may be relative to the first workspace root. */
export function loadPlatformLimits(file: string, roots: string[], read: (path: string) => string = (p) => readFileSync(p, 'utf8')): LimitsLoad {
    const path = isAbsolute(file) ? file : resolve(roots[0] ?? process.cwd(), file);
    const fail = (message: string, line = 0, character = 0): LimitsLoad => ({ ok: false, problem: { path, message, line, character } });
    let text: string;
    try {
        text = read(path);
    } catch (error) {
        return fail(`Cannot read the platform-limit overrides file ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`);
    }
    let json: unknown;
    try {
        json = JSON.parse(text);
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        const at = /position (\d+)/.exec(message);
        const { line, character } = at ? positionAt(text, Number(at[1])) : { line: 0, character: 0 };
        return fail(`The platform-limit overrides file is not valid JSON: ${message}`, line, character);
    }
    const parsed = PlatformLimitsFile.safeParse(json);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = issue.path.map(String);
        const { line, character } = locateKey(text, where);
        const more = parsed.error.issues.length > 1 ? ` (and ${parsed.error.issues.length - 1} more)` : '';
        const at = where.length ? ` at ${where.join('.')}` : '';
        return fail(
            `Invalid platform-limit overrides${at}: ${issue.message}${more}. Expected { "<platform-kind>": { "<limit-key>": number } }.`,
            line,
            character,
        );
    }
    return { ok: true, path, limits: parsed.data };
}

function positionAt(text: string, offset: number): { line: number; character: number } {
    const before = text.slice(0, offset).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
}

/** The position of the innermost key of a JSON path (searching in order); the start when not found. */
function locateKey(text: string, path: string[]): { line: number; character: number } {
    let offset = 0;
    let found = -1;
    for (const key of path) {
        const at = text.indexOf(JSON.stringify(key), offset);
        if (at < 0) break;
        found = at;
        offset = at + 1;
    }
    return found < 0 ? { line: 0, character: 0 } : positionAt(text, found);
}

/**
 * Langium ignores a didChangeConfiguration without settings (clients using the pull model send
 * `settings: null`); pull the `community` section then, so a change is never missed.
 */
export class CommunityConfigurationProvider extends DefaultConfigurationProvider {
    private readonly shared: LangiumSharedServices;

    constructor(services: LangiumSharedServices) {
        super(services);
        this.shared = services;
    }

    override updateConfiguration(change: DidChangeConfigurationParams): void {
        if (typeof change.settings === 'object' && change.settings !== null) {
            super.updateConfiguration(change);
            return;
        }
        const connection = this.shared.lsp.Connection;
        if (!connection || !this.workspaceConfig) return;
        void connection.workspace.getConfiguration({ section: 'community' }).then(
            (configuration: unknown) => {
                super.updateConfiguration({ settings: { community: configuration } });
            },
            () => undefined,
        );
    }
}

interface Options {
    shared: LangiumSharedServices;
    settings: CommunitySettings;
    connection?: Connection;
    /** Called after settings changed, before re-validation (e.g. to drop forecasts made with old limits). */
    onChanged?: () => void;
}

/** Applies initialization options and configuration to the settings; re-validates on change. */
export class SettingsSync {
    private locale = '';
    private limitsPath: string | undefined;
    private languageSetting: string | undefined;
    private limitsFileUri: string | undefined;
    private limitsLoad: LimitsLoad | undefined;

    constructor(private readonly options: Options) {
        const { shared } = options;
        shared.lsp.LanguageServer.onInitialize((params) => {
            this.locale = (params.locale ?? '').toLowerCase();
            const init = (params.initializationOptions ?? {}) as InitializationOptions;
            // The VS Code client resolves "auto" itself and sends the language it chose.
            this.languageSetting = init.lang;
            options.settings.lang = this.resolveLang();
            options.settings.disabledCodes = disabledCodesFrom(init.checks);
            this.limitsPath = nonEmpty(init.platformLimits);
            applyFormat(options.settings, init.format);
            // Roots are known by now (server/services.ts sets them first): read the overrides before
            // the workspace is first built; problems are reported once the client is initialized.
            this.reloadLimits(false);
        });
        shared.lsp.LanguageServer.onInitialized(() => {
            this.reportLimits();
            const pulled = shared.workspace.ConfigurationProvider.ready.then(async () => {
                const config = await this.pulled();
                return config !== undefined && this.apply(config);
            });
            this.settle(pulled.then(() => undefined));
            void pulled.then(
                (changed) => (changed ? this.revalidate() : undefined),
                () => undefined,
            );
        });
        shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate((update) => {
            if (update.section !== 'community') return;
            if (this.apply((update.configuration ?? {}) as CommunityConfiguration)) void this.revalidate();
        });
    }

    private settle: (applied: Promise<void>) => void = () => undefined;
    /** Resolves once the settings pulled from the editor after `initialized` are applied (server/open-first-workspace.ts waits for it). */
    readonly applied = new Promise<void>((resolve) => {
        this.settle = (applied) => void applied.then(resolve, () => resolve());
    });

    private async pulled(): Promise<CommunityConfiguration | undefined> {
        const provider = this.options.shared.workspace.ConfigurationProvider;
        const [language, checks, platformLimits, format] = await Promise.all(
            ['language', 'checks', 'platformLimits', 'format'].map((key) => provider.getConfiguration('community', key)),
        );
        if (language === undefined && checks === undefined && platformLimits === undefined && format === undefined) return undefined;
        return { language, checks, platformLimits, format };
    }

    private resolveLang(): Lang {
        const s = this.languageSetting;
        if (s === 'en' || s === 'zh-CN') return s;
        // Editors that send no locale (Neovim 0.7, eglot 1.9): the server's own LANG / LC_ALL.
        if (this.locale === '') return langFromEnv(process.env);
        return this.locale.startsWith('zh') ? 'zh-CN' : 'en';
    }

    /** Applies a configuration section; true when something that affects diagnostics changed. */
    apply(config: CommunityConfiguration): boolean {
        const settings = this.options.settings;
        let changed = false;
        if (config.language !== undefined) {
            this.languageSetting = config.language;
            const lang = this.resolveLang();
            if (lang !== settings.lang) {
                settings.lang = lang;
                changed = true;
            }
        }
        if (config.checks !== undefined) {
            const disabled = disabledCodesFrom(config.checks);
            if (!sameSet(disabled, settings.disabledCodes)) {
                settings.disabledCodes = disabled;
                changed = true;
            }
        }
        applyFormat(settings, config.format);
        if (config.platformLimits !== undefined) {
            const path = nonEmpty(config.platformLimits);
            if (path !== this.limitsPath) {
                this.limitsPath = path;
                this.reloadLimits();
                changed = true;
            }
        }
        return changed;
    }

    /** Reads the overrides file again (no setting: no overrides); reports the outcome unless told not to. */
    reloadLimits(report = true): void {
        const settings = this.options.settings;
        if (!this.limitsPath) {
            settings.platformLimits = {};
            this.limitsLoad = undefined;
        } else {
            this.limitsLoad = loadPlatformLimits(this.limitsPath, settings.roots);
            // On a problem keep the engine defaults rather than half-applied overrides, and say why.
            settings.platformLimits = this.limitsLoad.ok ? this.limitsLoad.limits : {};
        }
        if (report) this.reportLimits();
    }

    /** Publishes the overrides file's problem as a diagnostic on it and a message (or clears it). */
    private reportLimits(): void {
        const connection = this.options.connection;
        if (!connection) return;
        const previous = this.limitsFileUri;
        const load = this.limitsLoad;
        const uri = load ? URI.file(load.ok ? load.path : load.problem.path).toString() : undefined;
        this.limitsFileUri = uri;
        if (previous && previous !== uri) void connection.sendDiagnostics({ uri: previous, diagnostics: [] });
        if (!load || !uri) return;
        if (load.ok) {
            void connection.sendDiagnostics({ uri, diagnostics: [] });
            return;
        }
        const { message, line, character } = load.problem;
        const diagnostic: Diagnostic = {
            range: { start: { line, character }, end: { line, character: character + 1 } },
            severity: DiagnosticSeverity.Error,
            source: 'community',
            code: 'platform-limits-file',
            message,
        };
        void connection.sendDiagnostics({ uri, diagnostics: [diagnostic] });
        // A notification, not a request: nothing waits for the user to close it.
        void connection.sendNotification(ShowMessageNotification.type, {
            type: MessageType.Error,
            message: `Community: ${message} The built-in platform limits are used.`,
        });
    }

    /** Re-validates every document with the current settings (fast checks now, slow ones after a pause). */
    async revalidate(): Promise<void> {
        this.options.onChanged?.();
        const workspace = this.options.shared.workspace;
        await workspace.WorkspaceLock.write(async (token) => {
            for (const doc of workspace.LangiumDocuments.all) {
                if (doc.state >= DocumentState.IndexedReferences) workspace.DocumentBuilder.resetToState(doc, DocumentState.IndexedReferences);
            }
            // An update with no changed files clears the caches and rebuilds what is not validated.
            await workspace.DocumentBuilder.update([], [], token);
        });
    }
}

/** `community.format` ({ expandOneLineGroups }, or the flat key some clients send) onto the settings. */
function applyFormat(settings: CommunitySettings, format: unknown): void {
    if (typeof format !== 'object' || format === null) return;
    const expand = (format as Record<string, unknown>).expandOneLineGroups;
    if (typeof expand === 'boolean') settings.expandOneLineGroups = expand;
    const punctuation = (format as Record<string, unknown>).punctuation;
    if (punctuation === 'half' || punctuation === 'full' || punctuation === 'keep') settings.punctuation = punctuation;
}

function nonEmpty(s: unknown): string | undefined {
    return typeof s === 'string' && s.trim() !== '' ? s.trim() : undefined;
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
    if (a.size !== b.size) return false;
    for (const x of a) if (!b.has(x)) return false;
    return true;
}
