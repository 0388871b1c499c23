// The outline: plan → communities → tiers / content / activities / referrals / channels / KPIs,
// with platforms, audiences and scenarios of the file beside the communities.
import type { AstNode, CstNode, LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import * as A from '../generated/ast.js';
import { kpiLabel } from '../validation/domain-strategy.js';

export class CommunityDocumentSymbolProvider implements DocumentSymbolProvider {
    getSymbols(document: LangiumDocument): DocumentSymbol[] {
        const model = document.parseResult.value as A.Model;
        const top = model.elements
            .filter((e) => !A.isPlan(e))
            .map((e) => this.symbol(e))
            .filter((s): s is DocumentSymbol => s !== undefined);
        const plan = model.elements.find(A.isPlan);
        if (!plan) return top;
        const planSymbol = this.make(plan, plan.title ?? 'plan', SymbolKind.Module, plan.$cstNode, plan.start ? `${plan.start}` : undefined);
        if (!planSymbol) return top;
        planSymbol.children = top;
        return [planSymbol];
    }

    private symbol(node: AstNode): DocumentSymbol | undefined {
        if (A.isCommunity(node)) {
            const s = this.make(node, node.name, SymbolKind.Namespace, node.$cstNode, node.title);
            if (s) {
                s.children = [
                    ...node.tiers.map((t) => this.make(t, t.name, SymbolKind.Class, t.$cstNode, t.title)),
                    ...node.contents.map((c) => this.make(c, c.name, SymbolKind.Event, c.$cstNode, c.title ?? c.kind)),
                    ...node.activities.map((a) => this.make(a, a.name, SymbolKind.Function, a.$cstNode, a.title ?? `${a.mode ?? ''} ${a.kind ?? ''}`.trim())),
                    ...node.referrals.map((r) => this.make(r, r.name, SymbolKind.Method, r.$cstNode, r.title ?? r.mechanic)),
                    ...node.channels.map((c) => this.make(c, c.name, SymbolKind.Property, c.$cstNode, c.title)),
                    ...node.kpis.map((k) =>
                        this.make(k, `KPI ${kpiLabel(k)}`, SymbolKind.Field, k.$cstNode, k.$cstNode?.text.replace(/^(?:kpi|指标)\s+/, '').replace(/\s+/g, ' ')),
                    ),
                ].filter((x): x is DocumentSymbol => x !== undefined);
            }
            return s;
        }
        if (A.isPlatform(node)) return this.make(node, node.name, SymbolKind.Interface, node.$cstNode, node.title ?? node.kind);
        if (A.isAudience(node)) return this.make(node, node.name, SymbolKind.Struct, node.$cstNode, node.title);
        if (A.isScenario(node)) return this.make(node, node.name, SymbolKind.Object, node.$cstNode, node.title);
        return undefined;
    }

    private make(node: AstNode, name: string | undefined, kind: SymbolKind, cst: CstNode | undefined, detail?: string): DocumentSymbol | undefined {
        if (!cst || !name) return undefined;
        const nameNode = (node as { name?: string }).name !== undefined ? (findName(cst) ?? cst) : cst;
        return { name, kind, detail, range: cst.range, selectionRange: nameNode.range };
    }
}

function findName(cst: CstNode): CstNode | undefined {
    const node = cst.astNode as { name?: string };
    const content = (cst as { content?: CstNode[] }).content ?? [];
    return content.find((c) => c.text === node.name && c.astNode === cst.astNode);
}
