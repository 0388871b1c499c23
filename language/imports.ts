// Import resolution: which files a plan imports (transitively), and whether an import may be used.
import { AstUtils, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import type { Model } from './generated/ast.js';
import type { CommunitySettings } from './settings.js';

export function resolveImport(from: URI, path: string): URI {
    return UriUtils.resolvePath(UriUtils.dirname(from), path);
}

export function isInside(root: string, fsPath: string): boolean {
    const r = root.endsWith('/') ? root : root + '/';
    return fsPath === root || fsPath.startsWith(r);
}

export class ImportGraph {
    private readonly closureCache: WorkspaceCache<string, Set<string>>;

    constructor(private readonly shared: LangiumSharedCoreServices, private readonly settings: CommunitySettings) {
        this.closureCache = new WorkspaceCache(shared);
    }

    /** Why an import path may not be followed, or undefined when it is fine. */
    refusal(from: URI, path: string): 'outside' | 'not-community' | undefined {
        if (!path.endsWith('.community')) return 'not-community';
        if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || /^[a-z]+:/i.test(path)) return 'outside';
        const target = resolveImport(from, path);
        // Without known roots (an editor opened a single file, no workspace folder), the importing
        // file's own folder is the root: imports may go down from it, never up or out.
        const configured = this.settings.roots.length > 0 ? this.settings.roots : [UriUtils.dirname(from).fsPath];
        let real = target.fsPath;
        try {
            real = this.settings.realPath(target.fsPath);
        } catch {
            // A missing file has no real path; the missing-import check reports it.
        }
        const roots = configured.map((r) => safeReal(this.settings, r));
        return roots.some((root) => isInside(root, real)) ? undefined : 'outside';
    }

    /** Import URIs a document names directly, skipping the ones that are refused. */
    directImports(doc: LangiumDocument): URI[] {
        const model = doc.parseResult.value as Model;
        return (model.imports ?? [])
            .filter((imp) => imp.path !== undefined && this.refusal(doc.uri, unquote(imp.path)) === undefined)
            .map((imp) => resolveImport(doc.uri, unquote(imp.path)));
    }

    /** The document and everything it imports, transitively, as URI strings. */
    closure(doc: LangiumDocument): Set<string> {
        return this.closureCache.get(doc.uri.toString(), () => {
            const seen = new Set<string>([doc.uri.toString()]);
            const queue: LangiumDocument[] = [doc];
            while (queue.length > 0) {
                const current = queue.shift()!;
                for (const uri of this.directImports(current)) {
                    const key = uri.toString();
                    if (seen.has(key)) continue;
                    seen.add(key);
                    const next = this.shared.workspace.LangiumDocuments.getDocument(uri);
                    if (next) queue.push(next);
                }
            }
            return seen;
        });
    }

    /** The first import cycle through `doc`, as a list of URIs starting and ending at it. */
    cycleThrough(doc: LangiumDocument): URI[] | undefined {
        const start = doc.uri.toString();
        const path: URI[] = [doc.uri];
        const visited = new Set<string>();
        const visit = (current: LangiumDocument): boolean => {
            for (const uri of this.directImports(current)) {
                const key = uri.toString();
                if (key === start) {
                    path.push(uri);
                    return true;
                }
                if (visited.has(key)) continue;
                visited.add(key);
                const next = this.shared.workspace.LangiumDocuments.getDocument(uri);
                if (!next) continue;
                path.push(uri);
                if (visit(next)) return true;
                path.pop();
            }
            return false;
        };
        return visit(doc) ? path : undefined;
    }
}

function safeReal(settings: CommunitySettings, p: string): string {
    try {
        return settings.realPath(p);
    } catch {
        return p;
    }
}

/** STRING tokens keep their quotes only if a value converter is missing; strip defensively. */
export function unquote(s: string): string {
    return /^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s;
}

export function modelOf(node: import('langium').AstNode): Model {
    return AstUtils.getDocument(node).parseResult.value as Model;
}
