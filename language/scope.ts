// Names: every named item is exported (scenarios and other files refer to channels, tiers…),
// but a file only sees what it imports, and tiers are only visible inside their own community.
import {
    AstUtils,
    CstUtils,
    DefaultAstNodeDescriptionProvider,
    DefaultScopeComputation,
    DefaultScopeProvider,
    EMPTY_SCOPE,
    interruptAndCheck,
    MultiMap,
    MultiMapScope,
    type AstNode,
    type AstNodeDescription,
    type DocumentSegment,
    type LangiumDocument,
    type LocalSymbols,
    type NameProvider,
    type ReferenceInfo,
    type Scope,
} from 'langium';

import { CancellationToken } from 'vscode-languageserver';
import { allNodes, forEachNode, INTERRUPT_EVERY } from './ast-walk.js';
import { isCommunity, Tier, type Community } from './generated/ast.js';
import type { CommunityServices } from './community-module.js';
import type { ImportGraph } from './imports.js';

/** What a description's two segment getters read, kept on it under a symbol (not an own key Object.keys lists). */
const LATE = Symbol('late segments');

interface LateSegments {
    nameProvider: NameProvider;
    nameSegment?: DocumentSegment;
    selectionSegment?: DocumentSegment;
    selected: boolean;
}

type Described = AstNodeDescription & { [LATE]: LateSegments };

/**
 * The two getters every description shares. An object literal with its own `get` closures is one
 * V8 cannot give a shared hidden class: each one went to dictionary mode (~600 bytes with its two
 * closures, ~25 MB for the ~43,000 descriptions of a 5 MB plan). The same two functions defined on
 * every description keep them all on one hidden class (~150 bytes each).
 */
const NAME_SEGMENT: PropertyDescriptor = {
    get(this: Described) {
        const late = this[LATE];
        return (late.nameSegment ??= CstUtils.toDocumentSegment(late.nameProvider.getNameNode(this.node!) ?? this.node!.$cstNode));
    },
    enumerable: true,
    configurable: true,
};
const SELECTION_SEGMENT: PropertyDescriptor = {
    get(this: Described) {
        const late = this[LATE];
        if (!late.selected) {
            late.selected = true;
            late.selectionSegment = CstUtils.toDocumentSegment(this.node!.$cstNode);
        }
        return late.selectionSegment;
    },
    enumerable: true,
    configurable: true,
};

/**
 * Langium's descriptions, with the selection segment computed when it is first read instead of for
 * every named node as it is described: nothing in Langium or here reads it while indexing or linking
 * (a 5 MB plan describes ~100,000 nodes, each range a walk to its first and last token and three
 * objects kept on the CST). Same own keys, same order, same values.
 */
export class CommunityAstNodeDescriptionProvider extends DefaultAstNodeDescriptionProvider {
    override createDescription(node: AstNode, name: string | undefined, document?: LangiumDocument): AstNodeDescription {
        const doc = document ?? AstUtils.getDocument(node);
        name ??= this.nameProvider.getName(node);
        const path = this.astNodeLocator.getAstNodePath(node);
        if (!name) throw new Error(`Node at path ${path} has no name.`);
        const description = { node, name } as Described;
        Object.defineProperty(description, 'nameSegment', NAME_SEGMENT);
        Object.defineProperty(description, 'selectionSegment', SELECTION_SEGMENT);
        description.type = node.$type;
        description.documentUri = doc.uri;
        description.path = path;
        description[LATE] = { nameProvider: this.nameProvider, nameSegment: undefined, selectionSegment: undefined, selected: false };
        return description;
    }
}

export class CommunityScopeComputation extends DefaultScopeComputation {
    /**
     * The exported descriptions of each parse result. Every named node is exported, and every named
     * node but the root is also a local symbol of its container with the very same description
     * (node, name, path, segments): the local symbols reuse them instead of describing every node a
     * second time (on a 5 MB plan, 160 ms and 30 MB per build). Keyed by the root, which every
     * edit replaces (one re-parsed in its block too: incremental-parse.ts makes a new root).
     */
    private readonly exported = new WeakMap<AstNode, AstNodeDescription[]>();

    override async collectExportedSymbols(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        const root = document.parseResult.value;
        await forEachNode(allNodes(root), cancelToken, (node) => this.addExportedSymbol(node, exports, document));
        this.exported.set(root, exports);
        return exports;
    }

    override async collectLocalSymbols(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const root = document.parseResult.value;
        const exports = this.exported.get(root);
        if (exports) {
            // Pre-order, as the nodes are: each container lists its symbols in the same order.
            for (let i = 0; i < exports.length; i++) {
                if (i % INTERRUPT_EVERY === 0) await interruptAndCheck(cancelToken);
                const description = exports[i];
                const container = description.node?.$container;
                if (container) symbols.add(container, description);
            }
            return symbols;
        }
        // The root has no container: what streamAllContents visits is every node after it.
        await forEachNode(allNodes(root).slice(1), cancelToken, (node) => this.addLocalSymbol(node, document, symbols));
        return symbols;
    }
}

export class CommunityScopeProvider extends DefaultScopeProvider {
    private readonly imports: ImportGraph;
    /**
     * One tier scope per community, built once and looked up by name: a scope made per reference
     * costs O(tiers) each, so a community with many flows linked in O(tiers × flows). An edit inside
     * one block of a large plan keeps the other blocks' nodes and moves their text
     * (language/incremental-parse.ts), and a scope's descriptions keep the ranges they were asked
     * for: the scopes are dropped at every update.
     */
    private tierScopes = new WeakMap<Community, Scope>();

    constructor(services: CommunityServices) {
        super(services);
        this.imports = services.community.Imports;
        services.shared.workspace.DocumentBuilder.onUpdate(() => {
            this.tierScopes = new WeakMap();
        });
    }

    override getScope(context: ReferenceInfo): Scope {
        if (this.reflection.getReferenceType(context) === Tier.$type) {
            const community = AstUtils.getContainerOfType(context.container, isCommunity);
            if (!community) return EMPTY_SCOPE;
            let scope = this.tierScopes.get(community);
            if (!scope) {
                const named = community.tiers.filter((t) => this.nameProvider.getName(t) !== undefined);
                scope = new MultiMapScope(named.map((t) => this.descriptions.createDescription(t, this.nameProvider.getName(t))));
                this.tierScopes.set(community, scope);
            }
            return scope;
        }
        return super.getScope(context);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const uris = this.imports.closure(AstUtils.getDocument(context.container));
        return this.createScope(this.indexManager.allElements(referenceType, uris));
    }
}
