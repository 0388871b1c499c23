// One pass over a document's AST, shared by every build phase. Langium's phases (exported and local
// symbols, linking, reference indexing, validation) each stream the whole tree with an iterator per
// node and await a cancellation check per node; on a 2,000-line plan that is most of the garbage of
// an edit. The nodes of a parse result are listed once (pre-order, the order of AstUtils.streamAst)
// and each phase loops over the array, offering to yield every INTERRUPT_EVERY nodes.
import {
    DefaultLinker,
    DefaultReferenceDescriptionProvider,
    interruptAndCheck,
    isMultiReference,
    isReference,
    type AstNode,
    type AstReflection,
    type LangiumCoreServices,
    type LangiumDocument,
    type ReferenceDescription,
    type ReferenceInfo,
} from 'langium';
import { CancellationToken } from 'vscode-languageserver';
import { allNodes } from './ast-list.js';

export { allNodes } from './ast-list.js';

export const INTERRUPT_EVERY = 256;

const referenceHolders = new WeakMap<AstReflection, Map<string, boolean>>();

/**
 * Whether nodes of `type` can hold a cross-reference: the grammar's metadata lists a reference
 * property for it (a type the metadata does not know is looked through). On a 5 MB plan 34,664 of
 * 381,327 nodes hold one; looking through every property of every node was most of linking and of
 * indexing the references.
 */
export function mayHoldReferences(reflection: AstReflection, type: string): boolean {
    let byType = referenceHolders.get(reflection);
    if (!byType) referenceHolders.set(reflection, (byType = new Map()));
    let holds = byType.get(type);
    if (holds === undefined) {
        const meta = reflection.getTypeMetaData(type);
        const properties = Object.values(meta.properties);
        holds = meta.name !== type || properties.length === 0 || properties.some((p) => p.referenceType !== undefined);
        byType.set(type, holds);
    }
    return holds;
}

/** Calls `each` with every cross-reference held directly by `node` (as AstUtils.streamReferences). */
export function forEachReference(node: AstNode, each: (info: ReferenceInfo) => void): void {
    const record = node as unknown as Record<string, unknown>;
    for (const property in record) {
        if (property.charCodeAt(0) === 36) continue;
        const value = record[property];
        if (typeof value !== 'object' || value === null) continue;
        if (isReference(value) || isMultiReference(value)) {
            each({ reference: value, container: node, property });
        } else if (Array.isArray(value)) {
            for (let index = 0; index < value.length; index++) {
                const element = value[index];
                if (isReference(element) || isMultiReference(element)) each({ reference: element, container: node, property, index });
            }
        }
    }
}

/** Loops over the nodes with a cancellation check every INTERRUPT_EVERY nodes. */
export async function forEachNode(nodes: readonly AstNode[], cancelToken: CancellationToken, each: (node: AstNode) => unknown): Promise<void> {
    for (let i = 0; i < nodes.length; i++) {
        if (i % INTERRUPT_EVERY === 0) await interruptAndCheck(cancelToken);
        const r = each(nodes[i]);
        if (r instanceof Promise) await r;
    }
}

export class CommunityLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<void> {
        await forEachNode(allNodes(document.parseResult.value), cancelToken, (node) => {
            if (mayHoldReferences(this.reflection, node.$type)) forEachReference(node, (ref) => this.doLink(ref, document));
        });
    }
}

export class CommunityReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    private readonly reflection: AstReflection;

    constructor(services: LangiumCoreServices) {
        super(services);
        this.reflection = services.shared.AstReflection;
    }

    override async createDescriptions(document: LangiumDocument, cancelToken: CancellationToken = CancellationToken.None): Promise<ReferenceDescription[]> {
        const descriptions: ReferenceDescription[] = [];
        await forEachNode(allNodes(document.parseResult.value), cancelToken, (node) => {
            if (!mayHoldReferences(this.reflection, node.$type)) return;
            forEachReference(node, (info) => {
                if (!info.reference.error) for (const d of this.createInfoDescriptions(info)) descriptions.push(d);
            });
        });
        return descriptions;
    }
}
