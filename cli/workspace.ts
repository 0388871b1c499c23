// Loads plans and everything they import into one set of language services, and validates them.
// Every command that reads plans goes through here, so check, simulate and compile agree.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { URI, type LangiumDocument } from 'langium';
import { EmptyFileSystem } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { Diagnostic } from 'vscode-languageserver-types';
import type { Lang } from '../engine/diagnostics.js';
import { createCommunityServices, type CommunityServices } from '../language/community-module.js';
import type { Model } from '../language/generated/ast.js';
import { isInside as isInsideRoot, resolveImport, unquote } from '../language/imports.js';
import { fileTooLarge, markLimitHit } from '../language/limits.js';
import { CommunitySettings } from '../language/settings.js';
import { NotTextError, readPlanText } from './files.js';
import { takePrebuilt } from './prebuilt.js';

export interface LoadedPlan {
    path: string;
    /** Path as shown to the user: relative to the current folder when inside it. */
    shown: string;
    document: LangiumDocument;
    diagnostics: Diagnostic[];
}

export interface LoadedWorkspace {
    services: CommunityServices;
    /** The files the user named, then files reached only through imports. */
    plans: LoadedPlan[];
    requested: LoadedPlan[];
}

export function showPath(path: string, cwd = process.cwd()): string {
    const rel = relative(cwd, path);
    return rel && !rel.startsWith('..') ? rel : path;
}

export interface LoadOptions {
    lang: Lang;
    root?: string;
    cwd?: string;
    /**
     * A workspace an earlier loadPlans of this process returned, done with: its services are loaded
     * into again instead of new ones built (Chevrotain's analysis of the grammar, on the first parse
     * of a set, costs about 60 ms). Its documents are removed and its settings reset first, so the
     * load sees what fresh services would. For callers that load many plans one after another (the
     * unit suites); the earlier workspace's services are not to be used after.
     */
    reuse?: LoadedWorkspace;
}

export async function loadPlans(files: string[], options: LoadOptions): Promise<LoadedWorkspace> {
    const cwd = options.cwd ?? process.cwd();
    // Services from the startup snapshot when this process started from one (cli/prebuilt.ts), or
    // those of an earlier load handed back.
    const prebuilt = options.reuse ? await emptied(options.reuse.services) : takePrebuilt();
    const settings = prebuilt?.settings ?? new CommunitySettings();
    settings.lang = options.lang;
    settings.realPath = (p) => realpathSync(p);
    const roots = new Set<string>();
    if (options.root) roots.add(resolve(cwd, options.root));
    else for (const f of files) roots.add(isInside(cwd, f) ? cwd : dirname(f));
    settings.roots = [...roots].map((r) => (existsSync(r) ? realpathSync(r) : r));

    const { Community } = prebuilt ?? createCommunityServices({ ...NodeFileSystem, settings });
    const factory = Community.shared.workspace.LangiumDocumentFactory;
    const documents = Community.shared.workspace.LangiumDocuments;
    const imports = Community.community.Imports;

    const loaded = new Map<string, LoadedPlan>();
    const load = (path: string, inside?: (real: string) => boolean): LangiumDocument => {
        const uri = URI.file(path);
        const shown = showPath(path, cwd);
        const read = readPlanText(path, shown, settings.maxFileBytes, inside);
        // A file over the size limit is not read: an empty document carries the diagnostic (language/limits.ts).
        const doc = factory.fromString(read.text ?? '', uri);
        if (read.tooLarge !== undefined) markLimitHit(doc, fileTooLarge(read.tooLarge, settings.maxFileBytes));
        documents.addDocument(doc);
        loaded.set(path, { path, shown, document: doc, diagnostics: [] });
        return doc;
    };
    const queue = files.map((f) => load(f));
    // Follow imports so names resolve; missing or refused imports are reported by validation.
    while (queue.length > 0) {
        const doc = queue.shift()!;
        for (const imp of (doc.parseResult.value as Model).imports) {
            if (imp.path === undefined || imports.refusal(doc.uri, unquote(imp.path))) continue;
            const target = resolveImport(doc.uri, unquote(imp.path)).fsPath;
            if (loaded.has(target) || !existsSync(target)) continue;
            try {
                // The real path of the opened file is checked again, so a symlink swapped after the
                // refusal check cannot make us read a file outside the workspace.
                queue.push(load(target, (real) => settings.roots.some((root) => isInsideRoot(root, real))));
            } catch (e) {
                // Validation reports an unreadable import (folder, device, binary, missing); keep going.
                if (e instanceof NotTextError) imports.binaryFiles.add(URI.file(target).toString());
            }
        }
    }
    const all = [...loaded.values()];
    await Community.shared.workspace.DocumentBuilder.build(
        all.map((p) => p.document),
        { validation: true },
    );
    for (const plan of all) plan.diagnostics = plan.document.diagnostics ?? [];
    const requestedSet = new Set(files);
    return { services: Community, plans: all, requested: all.filter((p) => requestedSet.has(p.path)) };
}

/** The services of a finished load with nothing in them: its documents removed, settings as new. */
async function emptied(Community: CommunityServices): Promise<{ settings: CommunitySettings; Community: CommunityServices }> {
    const workspace = Community.shared.workspace;
    await workspace.DocumentBuilder.update([], workspace.LangiumDocuments.all.map((d) => d.uri).toArray());
    Community.community.Imports.binaryFiles.clear();
    const settings = Community.community.Settings;
    Object.assign(settings, new CommunitySettings());
    return { settings, Community };
}

function isInside(root: string, path: string): boolean {
    const rel = relative(root, path);
    return rel !== '' && !rel.startsWith('..') && !rel.startsWith('/');
}

let parseOnly: CommunityServices | undefined;

/**
 * The import paths a plan's text names, as the parser reads them (either quote style, escapes
 * decoded), without loading or validating anything: for `diff --base`, which fetches a plan's
 * imports from git before the files exist on disk.
 */
export function importPathsOf(text: string): string[] {
    parseOnly ??= createCommunityServices({ ...EmptyFileSystem, settings: new CommunitySettings() }).Community;
    const model = parseOnly.parser.LangiumParser.parse<Model>(text).value;
    return (model.imports ?? []).filter((imp) => imp.path !== undefined).map((imp) => unquote(imp.path));
}
