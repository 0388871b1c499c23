// Names: every named item is exported (scenarios and other files refer to channels, tiers…),
// but a file only sees what it imports, and tiers are only visible inside their own community.
import {
    AstUtils, DefaultScopeComputation, DefaultScopeProvider, EMPTY_SCOPE, MultiMap,
    type AstNode, type AstNodeDescription, type LangiumDocument, type LocalSymbols, type ReferenceInfo, type Scope,
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { allNodes, forEachNode } from './ast-walk.js';
import { isCommunity, Tier } from './generated/ast.js';
import type { CommunityServices } from './community-module.js';
import type { ImportGraph } from './imports.js';

export class CommunityScopeComputation extends DefaultScopeComputation {
    override async collectExportedSymbols(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<AstNodeDescription[]> {
        const exports: AstNodeDescription[] = [];
        await forEachNode(allNodes(document.parseResult.value), cancelToken, (node) => this.addExportedSymbol(node, exports, document));
        return exports;
    }

    override async collectLocalSymbols(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<LocalSymbols> {
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        const nodes = allNodes(document.parseResult.value);
        // The root has no container: what streamAllContents visits is every node after it.
        await forEachNode(nodes.slice(1), cancelToken, (node) => this.addLocalSymbol(node, document, symbols));
        return symbols;
    }
}

export class CommunityScopeProvider extends DefaultScopeProvider {
    private readonly imports: ImportGraph;

    constructor(services: CommunityServices) {
        super(services);
        this.imports = services.community.Imports;
    }

    override getScope(context: ReferenceInfo): Scope {
        if (this.reflection.getReferenceType(context) === Tier.$type) {
            const community = AstUtils.getContainerOfType(context.container, isCommunity);
            return community ? this.createScopeForNodes(community.tiers) : EMPTY_SCOPE;
        }
        return super.getScope(context);
    }

    protected override getGlobalScope(referenceType: string, context: ReferenceInfo): Scope {
        const uris = this.imports.closure(AstUtils.getDocument(context.container));
        return this.createScope(this.indexManager.allElements(referenceType, uris));
    }
}
