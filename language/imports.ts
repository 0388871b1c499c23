// Import resolution: which files a plan imports (transitively), and whether an import may be used.
import { AstUtils, UriUtils, WorkspaceCache, type LangiumDocument, type LangiumSharedCoreServices } from 'langium';
import { URI } from 'langium';
import { statSync } from 'node:fs';
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
    private readonly closureCache: WorkspaceCache<string, { keys: Set<string>; docs: LangiumDocument[] }>;
    // Resolution is asked for per import, per document, per scope lookup: without these caches a
    // 1,000-file chain or cycle made a million real-path look-ups (super-linear, minutes). Every
    // cache is dropped on any workspace change, like the closure.
    private readonly refusalCache: WorkspaceCache<string, 'outside' | 'not-community' | undefined>;
    private readonly directCache: WorkspaceCache<string, URI[]>;
    private readonly cycleCache: WorkspaceCache<string, URI[] | undefined>;
    private readonly documentCache: WorkspaceCache<string, LangiumDocument | undefined>;
    private readonly componentsCache: WorkspaceCache<string, { of: Map<string, LangiumDocument[]> }>;
    private readonly treeCache: WorkspaceCache<string, ReturnType<ImportGraph['cycleTrees']>>;
    private readonly componentCache: WorkspaceCache<string, { keys: Set<string>; docs: LangiumDocument[] }>;

    constructor(
        private readonly shared: LangiumSharedCoreServices,
        private readonly settings: CommunitySettings,
    ) {
        this.closureCache = new WorkspaceCache(shared);
        this.refusalCache = new WorkspaceCache(shared);
        this.directCache = new WorkspaceCache(shared);
        this.cycleCache = new WorkspaceCache(shared);
        this.documentCache = new WorkspaceCache(shared);
        this.componentsCache = new WorkspaceCache(shared);
        this.componentCache = new WorkspaceCache(shared);
        this.treeCache = new WorkspaceCache(shared);
    }

    /** Why an import path may not be followed, or undefined when it is fine. */
    refusal(from: URI, path: string): 'outside' | 'not-community' | undefined {
        // The roots are part of the key: the server learns them after start-up.
        return this.refusalCache.get(`${this.settings.roots.join('\0')}\n${UriUtils.dirname(from).toString()}\n${path}`, () => this.computeRefusal(from, path));
    }

    private computeRefusal(from: URI, path: string): 'outside' | 'not-community' | undefined {
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

    /** Files the CLI found to be binary when it loaded them (URI strings). */
    readonly binaryFiles = new Set<string>();

    /**
     * Why an existing import target is not a plan file to read: a folder, a device or pipe (reading
     * would block or never end), or binary (a NUL byte), else undefined.
     */
    notAPlanFile(target: URI): 'folder' | 'device' | 'binary' | undefined {
        if (this.binaryFiles.has(target.toString())) return 'binary';
        const text = this.documentAt(target, target.toString())?.textDocument.getText();
        if (text?.includes('\u0000')) return 'binary';
        if (target.scheme !== 'file') return undefined;
        const stat = statSync(target.fsPath, { throwIfNoEntry: false });
        if (!stat) return undefined;
        return stat.isDirectory() ? 'folder' : stat.isFile() ? undefined : 'device';
    }

    /** Import URIs a document names directly, skipping the ones that are refused. */
    directImports(doc: LangiumDocument): URI[] {
        return this.directCache.get(doc.uri.toString(), () => {
            const model = doc.parseResult.value as Model;
            const seen = new Set<string>();
            const uris: URI[] = [];
            for (const imp of model.imports ?? []) {
                if (imp.path === undefined || this.refusal(doc.uri, unquote(imp.path)) !== undefined) continue;
                const uri = resolveImport(doc.uri, unquote(imp.path));
                // The same file imported many times is one edge.
                if (!seen.has(uri.toString())) {
                    seen.add(uri.toString());
                    uris.push(uri);
                }
            }
            return uris;
        });
    }

    /** The document and everything it imports, transitively, as URI strings (loaded or not). */
    closure(doc: LangiumDocument): Set<string> {
        return this.reach(doc).keys;
    }

    /** The document and every loaded document it imports, transitively (breadth first, each once). */
    closureDocuments(doc: LangiumDocument): LangiumDocument[] {
        return this.reach(doc).docs;
    }

    private reach(doc: LangiumDocument): { keys: Set<string>; docs: LangiumDocument[] } {
        return this.closureCache.get(doc.uri.toString(), () => {
            const component = this.components().of.get(doc.uri.toString());
            if (component && component.length > 1) {
                // Every file of an import cycle reaches the same files: walk once, share the set.
                const shared = this.componentReach(component);
                return { keys: shared.keys, docs: [doc, ...shared.docs.filter((d) => d !== doc)] };
            }
            return this.walk(doc);
        });
    }

    private componentReach(component: LangiumDocument[]): { keys: Set<string>; docs: LangiumDocument[] } {
        return this.componentCache.get(component[0].uri.toString(), () => this.walk(component[0]));
    }

    /** Breadth-first walk of the imports from `doc`: each file once, `doc` first. */
    private walk(doc: LangiumDocument): { keys: Set<string>; docs: LangiumDocument[] } {
        const keys = new Set<string>([doc.uri.toString()]);
        const docs: LangiumDocument[] = [doc];
        for (let i = 0; i < docs.length; i++) {
            for (const uri of this.directImports(docs[i])) {
                const key = uri.toString();
                if (keys.has(key)) continue;
                keys.add(key);
                const next = this.documentAt(uri, key);
                if (next) docs.push(next);
            }
        }
        return { keys, docs };
    }

    private documentAt(uri: URI, key: string): LangiumDocument | undefined {
        return this.documentCache.get(key, () => this.shared.workspace.LangiumDocuments.getDocument(uri));
    }

    /**
     * The strongly connected components of the import graph of the loaded documents (Tarjan's
     * algorithm, iterative so a 10,000-file chain cannot overflow the stack), once per workspace state.
     */
    private components(): { of: Map<string, LangiumDocument[]> } {
        return this.componentsCache.get('all', () => {
            const of = new Map<string, LangiumDocument[]>();
            const index = new Map<string, number>();
            const low = new Map<string, number>();
            const onStack = new Set<string>();
            const stack: LangiumDocument[] = [];
            let counter = 0;
            for (const root of this.shared.workspace.LangiumDocuments.all) {
                const rootKey = root.uri.toString();
                if (index.has(rootKey)) continue;
                const work: Array<{ doc: LangiumDocument; key: string; next: URI[]; i: number }> = [];
                const enter = (doc: LangiumDocument, key: string) => {
                    index.set(key, counter);
                    low.set(key, counter++);
                    stack.push(doc);
                    onStack.add(key);
                    work.push({ doc, key, next: this.directImports(doc), i: 0 });
                };
                enter(root, rootKey);
                while (work.length > 0) {
                    const frame = work[work.length - 1];
                    if (frame.i < frame.next.length) {
                        const uri = frame.next[frame.i++];
                        const key = uri.toString();
                        if (!index.has(key)) {
                            const target = this.documentAt(uri, key);
                            if (target) enter(target, key);
                        } else if (onStack.has(key)) {
                            low.set(frame.key, Math.min(low.get(frame.key)!, index.get(key)!));
                        }
                        continue;
                    }
                    work.pop();
                    const parent = work[work.length - 1];
                    if (parent) low.set(parent.key, Math.min(low.get(parent.key)!, low.get(frame.key)!));
                    if (low.get(frame.key) === index.get(frame.key)) {
                        const component: LangiumDocument[] = [];
                        for (;;) {
                            const member = stack.pop()!;
                            const memberKey = member.uri.toString();
                            onStack.delete(memberKey);
                            component.push(member);
                            of.set(memberKey, component);
                            if (memberKey === frame.key) break;
                        }
                        component.reverse();
                    }
                }
            }
            return { of };
        });
    }

    /** The shortest import cycle through `doc`, as a list of URIs starting and ending at it. */
    cycleThrough(doc: LangiumDocument): URI[] | undefined {
        return this.cycleCache.get(doc.uri.toString(), () => this.findCycle(doc));
    }

    private findCycle(doc: LangiumDocument): URI[] | undefined {
        const start = doc.uri.toString();
        if (this.directImports(doc).some((u) => u.toString() === start)) return [doc.uri, doc.uri];
        const component = this.components().of.get(start);
        if (!component || component.length < 2) return undefined;
        const trees = this.cycleTrees(component);
        // doc → … → root along the shortest paths to the root, then root → … → doc along the
        // shortest paths from it: a closed walk through doc, built once per component (linear).
        if (doc === trees.root) {
            // root → … → a file importing the root → root.
            const back: URI[] = [];
            for (let x: LangiumDocument | undefined = trees.rootPredecessor; x && x !== doc; x = trees.fromRoot.get(x)) back.push(x.uri);
            return [doc.uri, ...back.reverse(), doc.uri];
        }
        const path: URI[] = [];
        let at = doc;
        while (at !== trees.root) {
            path.push(at.uri);
            at = trees.toRoot.get(at)!;
        }
        const back: URI[] = [];
        for (let x: LangiumDocument | undefined = doc; x && x !== trees.root; x = trees.fromRoot.get(x)) back.push(x.uri);
        path.push(trees.root.uri, ...back.reverse());
        if (path[path.length - 1].toString() !== start) path.push(doc.uri);
        return path;
    }

    /** Shortest-path trees to and from the first file of a cycle component, inside the component. */
    private cycleTrees(component: LangiumDocument[]): {
        root: LangiumDocument;
        rootPredecessor: LangiumDocument;
        toRoot: Map<LangiumDocument, LangiumDocument>;
        fromRoot: Map<LangiumDocument, LangiumDocument>;
    } {
        return this.treeCache.get(component[0].uri.toString(), () => {
            const members = new Map(component.map((d) => [d.uri.toString(), d]));
            const root = component[0];
            const edges = new Map<LangiumDocument, LangiumDocument[]>();
            const reverse = new Map<LangiumDocument, LangiumDocument[]>();
            for (const d of component) {
                const targets = this.directImports(d)
                    .map((u) => members.get(u.toString()))
                    .filter((x): x is LangiumDocument => x !== undefined);
                edges.set(d, targets);
                for (const t of targets) {
                    const list = reverse.get(t) ?? [];
                    list.push(d);
                    reverse.set(t, list);
                }
            }
            const bfs = (next: Map<LangiumDocument, LangiumDocument[]>): Map<LangiumDocument, LangiumDocument> => {
                const parent = new Map<LangiumDocument, LangiumDocument>();
                const queue = [root];
                for (let i = 0; i < queue.length; i++) {
                    for (const n of next.get(queue[i]) ?? []) {
                        if (n === root || parent.has(n)) continue;
                        parent.set(n, queue[i]);
                        queue.push(n);
                    }
                }
                return parent;
            };
            // fromRoot: x → its parent on the path root → … → x; toRoot: x → next file towards the root.
            const fromRoot = bfs(edges);
            const toRoot = bfs(reverse);
            const rootPredecessor = (reverse.get(root) ?? []).reduce((best, d) => (depth(fromRoot, d, root) < depth(fromRoot, best, root) ? d : best));
            return { root, rootPredecessor, toRoot, fromRoot };
        });
    }
}

function depth(tree: Map<LangiumDocument, LangiumDocument>, from: LangiumDocument, root: LangiumDocument): number {
    let n = 0;
    for (let at = from; at !== root; at = tree.get(at)!) n++;
    return n;
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
