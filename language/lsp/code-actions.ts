// Quick fixes for the common diagnostics. Every diagnostic carries `data: { code, args, … }` (see
// validation/report.ts); the fix reads that, finds the AST node under the diagnostic and edits text.
import { listOf, t } from '../../engine/messages.js';
import type { Lang } from '../../engine/diagnostics.js';
import { AstUtils, CstUtils, isLeafCstNode, type AstNode, type LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Command, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { planFrameFor } from '../plan-context.js';
import { amountValue } from '../quantity.js';
import { diagnosticsForRequest } from './code-action-diagnostics.js';
import { calibratedScenarioEdit } from './calibration-fix.js';
import { toHalfWidth } from '../full-width.js';
import type { CommunitySettings } from '../settings.js';

interface DiagnosticData {
    code?: string;
    args?: Record<string, string | number>;
    [key: string]: unknown;
}

export class CommunityCodeActionProvider implements CodeActionProvider {
    private readonly settings: CommunitySettings;

    constructor(private readonly services: CommunityServices) {
        this.settings = services.community.Settings;
    }

    async getCodeActions(document: LangiumDocument, params: CodeActionParams): Promise<Array<Command | CodeAction>> {
        const actions: CodeAction[] = [];
        for (const diagnostic of await diagnosticsForRequest(this.services, document, params)) {
            const data = diagnostic.data as DiagnosticData | undefined;
            const code = data?.code ?? (typeof diagnostic.code === 'string' ? diagnostic.code : undefined);
            if (!code) continue;
            // A likely slip (a misspelt name or keyword) is replaced by what it probably meant.
            if (typeof data?.suggestion === 'string') {
                const suggestion = data.suggestion;
                actions.push(
                    this.action(t('fix.change-to', { suggestion }, this.lang), document, diagnostic, [{ range: diagnostic.range, newText: suggestion }], true),
                );
            }
            if (code === 'full-width-char') {
                // One fix for the whole file: every full-width mark outside quoted text and comments.
                const text = document.textDocument.getText();
                const end = document.textDocument.positionAt(text.length);
                actions.push(
                    this.action(
                        t('fix.half-width', {}, this.lang),
                        document,
                        diagnostic,
                        [{ range: { start: { line: 0, character: 0 }, end }, newText: toHalfWidth(text) }],
                        true,
                    ),
                );
                continue;
            }
            if (code === 'calibration-outside') {
                // The fitted values as scenario Calibrated, exactly as `community calibrate --write` records them.
                const edit = typeof data?.scenario === 'string' ? calibratedScenarioEdit(document, data.scenario) : undefined;
                if (edit) actions.push(this.action(t('fix.record-calibrated', {}, this.lang), document, diagnostic, [edit], true));
                continue;
            }
            for (const action of this.fixes(document, diagnostic, code, data ?? {})) actions.push(action);
        }
        return actions;
    }

    private get lang(): Lang {
        return this.settings.lang;
    }

    private nodeAt(document: LangiumDocument, diagnostic: Diagnostic): AstNode | undefined {
        const root = document.parseResult.value.$cstNode;
        if (!root) return undefined;
        const offset = document.textDocument.offsetAt(diagnostic.range.start);
        return CstUtils.findLeafNodeAtOffset(root, offset)?.astNode;
    }

    private action(title: string, document: LangiumDocument, diagnostic: Diagnostic, edits: TextEdit[], preferred = false): CodeAction {
        return {
            title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [diagnostic],
            isPreferred: preferred,
            edit: { changes: { [document.textDocument.uri]: edits } },
        };
    }

    private fixes(document: LangiumDocument, diagnostic: Diagnostic, code: string, data: DiagnosticData): CodeAction[] {
        const node = this.nodeAt(document, diagnostic);
        if (!node) return [];
        const args = data.args ?? {};
        switch (code) {
            case 'unresolved-reference':
            case 'kpi-unknown-tier': {
                const name = String(args.name ?? args.tier ?? '');
                const community = AstUtils.getContainerOfType(node, A.isCommunity);
                // What the reference looked for comes from the structured data, never from the (translated) kind word.
                const isTier = code === 'kpi-unknown-tier' || (data.langiumCode === 'linking-error' && data.referenceType === 'Tier');
                if (!community || !isTier || !/^[^\s{}"]+$/.test(name)) return [];
                const anchor = community.tiers[community.tiers.length - 1];
                const edit = anchor ? insertAfterNode(document, anchor, `tier ${name} {\n}`) : insertIntoBlock(document, community, `tier ${name} {\n}`);
                return edit ? [this.action(t('fix.create-tier', { name }, this.lang), document, diagnostic, [edit], data.suggestion === undefined)] : [];
            }
            case 'unknown-unit': {
                // The word is not a unit: read the number as people, or keep the number and drop the word.
                const people = t('fix.people-word', {}, this.lang);
                return [
                    this.action(t('fix.count-people', { people }, this.lang), document, diagnostic, [{ range: diagnostic.range, newText: people }]),
                    this.action(t('fix.remove-word', {}, this.lang), document, diagnostic, [{ range: diagnostic.range, newText: '' }]),
                ];
            }
            case 'missing-period': {
                const q = AstUtils.getContainerOfType(node, A.isQuantity);
                const end = q?.$cstNode?.range.end;
                if (!q || !end) return [];
                const insertAt = end;
                return (['month', 'week'] as const).map((period, i) =>
                    this.action(
                        t('fix.add-period', { period }, this.lang),
                        document,
                        diagnostic,
                        [{ range: { start: insertAt, end: insertAt }, newText: ` per ${period}` }],
                        i === 0,
                    ),
                );
            }
            case 'wrong-unit': {
                const q = AstUtils.getContainerOfType(node, A.isQuantity);
                const classes = data.expectedClasses as string[] | undefined;
                if (!q || !classes) return [];
                const currency = planFrameFor(this.services, q)?.currency ?? 'CNY';
                const unit = classes.includes('percent')
                    ? '%'
                    : classes.includes('money')
                      ? currency
                      : classes.includes('duration')
                        ? 'days'
                        : classes.includes('points')
                          ? 'points'
                          : undefined;
                if (!unit) return [];
                const edits = amountsOf(q)
                    .map((a) => setUnit(a, unit))
                    .filter((e): e is TextEdit => e !== undefined);
                return edits.length ? [this.action(t('fix.use-unit', { unit }, this.lang), document, diagnostic, edits, true)] : [];
            }
            case 'currency-mismatch': {
                const q = AstUtils.getContainerOfType(node, A.isQuantity);
                const currency = String(data.currency ?? args.expected ?? '');
                if (!q || !currency) return [];
                const edits = amountsOf(q)
                    .filter((a) => a.unit)
                    .map((a) => setUnit(a, currency))
                    .filter((e): e is TextEdit => e !== undefined);
                return [this.action(t('fix.use-currency', { currency }, this.lang), document, diagnostic, edits, true)];
            }
            case 'group-outgrown': {
                const tier = AstUtils.getContainerOfType(node, A.isTier);
                const capacity = Number(data.capacity);
                if (!tier || !Number.isFinite(capacity)) return [];
                const text = `capacity ${capacity} members  // ${data.groups} groups × ${data.cap}`;
                const edit = tier.capacity?.$cstNode
                    ? { range: tier.capacity.$cstNode.range, newText: `${capacity} members` }
                    : insertIntoBlock(document, tier, text);
                return edit
                    ? [this.action(t('fix.split-groups', { groups: String(data.groups), capacity }, this.lang), document, diagnostic, [edit], true)]
                    : [];
            }
            case 'activity-capacity': {
                const activity = AstUtils.getContainerOfType(node, A.isActivity);
                const turnout = Number(data.turnout);
                const sessions = Number(data.sessions);
                if (!activity?.capacity?.$cstNode || !Number.isFinite(turnout)) return [];
                const current = amountValue(activity.capacity.low);
                const actions = [
                    this.action(t('fix.raise-capacity', { turnout }, this.lang), document, diagnostic, [
                        { range: activity.capacity.$cstNode.range, newText: String(turnout) },
                    ]),
                ];
                if (sessions > 1 && activity.reach?.$cstNode && current > 0) {
                    // Split the turnout over sessions: each session takes its share of the reach.
                    const reach = activity.reach.low.value / sessions;
                    actions.push(
                        this.action(t('fix.split-sessions', { sessions, reach: +reach.toFixed(1) }, this.lang), document, diagnostic, [
                            { range: activity.reach.$cstNode.range, newText: `${+reach.toFixed(1)}%` },
                        ]),
                    );
                }
                return actions;
            }
            case 'lottery-disclosure': {
                const activity = AstUtils.getContainerOfType(node, A.isActivity);
                const missing = (data.missing as string[] | undefined) ?? [];
                if (!activity || missing.length === 0) return [];
                const lines = missing.map((m) => DISCLOSURE_LINES[m]).filter(Boolean);
                const edit = activity.lottery
                    ? insertIntoBlock(document, activity.lottery, lines.join('\n'))
                    : insertIntoBlock(document, activity, `lottery {\n${lines.map((l) => `  ${l}`).join('\n')}\n}`);
                return edit
                    ? [this.action(t('fix.add-disclosure', { missing: listOf(missing, this.lang) }, this.lang), document, diagnostic, [edit], true)]
                    : [];
            }
            case 'sweepstakes-free-entry': {
                const activity = AstUtils.getContainerOfType(node, A.isActivity);
                if (!activity) return [];
                const line = 'free entry "No purchase necessary: enter by mail or online form"';
                const edit = activity.lottery
                    ? insertIntoBlock(document, activity.lottery, line)
                    : insertIntoBlock(document, activity, `lottery {\n  ${line}\n}`);
                return edit ? [this.action(t('fix.free-entry', {}, this.lang), document, diagnostic, [edit], true)] : [];
            }
            case 'data-consent': {
                const data_ = AstUtils.getContainerOfType(node, A.isDataCollection);
                const missing = (data.missing as string[] | undefined) ?? [];
                if (!data_ || missing.length === 0) return [];
                const lines = missing.map((m) => DATA_LINES[m]).filter(Boolean);
                const edit = insertIntoBlock(document, data_, lines.join('\n'));
                return edit ? [this.action(t('fix.add-missing', { missing: listOf(missing, this.lang) }, this.lang), document, diagnostic, [edit], true)] : [];
            }
            case 'sensitive-data': {
                const data_ = AstUtils.getContainerOfType(node, A.isDataCollection);
                if (!data_) return [];
                const consentNode = data_.$cstNode ? CstUtils.streamCst(data_.$cstNode).find((n) => n.text === 'consent' && n.astNode === data_) : undefined;
                const edit = consentNode
                    ? {
                          range: {
                              start: consentNode.range.start,
                              end: data_.consentKind
                                  ? CstUtils.streamCst(data_.$cstNode!).find((n) => n.text === data_.consentKind && n.astNode === data_)!.range.end
                                  : consentNode.range.end,
                          },
                          newText: 'consent separate',
                      }
                    : insertIntoBlock(document, data_, 'consent separate');
                return edit ? [this.action(t('fix.separate-consent', {}, this.lang), document, diagnostic, [edit], true)] : [];
            }
            case 'ad-label-missing': {
                const content = AstUtils.getContainerOfType(node, A.isContent);
                if (!content) return [];
                const labelNode =
                    content.label !== undefined && content.$cstNode
                        ? CstUtils.streamCst(content.$cstNode).find(
                              (n) => n.astNode === content && n.text.startsWith('"') && n.text.slice(1, -1) === content.label,
                          )
                        : undefined;
                const edit = labelNode ? { range: labelNode.range, newText: '"广告"' } : insertIntoBlock(document, content, 'label "广告"');
                return edit ? [this.action(t('fix.ad-label', {}, this.lang), document, diagnostic, [edit], true)] : [];
            }
        }
        return [];
    }
}

const DISCLOSURE_LINES: Record<string, string> = {
    odds: 'odds "1 in 100 (state the real odds)"',
    draw: 'draw on 2027-01-31 at 20:00',
    redemption: 'redemption "Winners claim in the group within 7 days"',
};

const DATA_LINES: Record<string, string> = {
    consent: 'consent',
    purpose: 'purpose "State why the data is needed"',
    retention: 'retention 90 days',
};

function amountsOf(q: A.Quantity): A.Amount[] {
    return [q.low, ...(q.high ? [q.high] : []), ...(q.likely ? [q.likely] : []), ...q.spreads];
}

/** Replaces an amount's unit, or adds one after its number. */
function setUnit(a: A.Amount, unit: string): TextEdit | undefined {
    const cst = a.$cstNode;
    if (!cst) return undefined;
    const leaves = [...CstUtils.streamCst(cst)].filter((n) => isLeafCstNode(n) && !n.hidden);
    const number = leaves.find((n) => /^[0-9０-９]/.test(n.text));
    if (!number) return undefined;
    const unitNode = a.unit ? leaves[leaves.length - 1] : undefined;
    if (unitNode && unitNode !== number) return { range: { start: number.range.end, end: unitNode.range.end }, newText: unit === '%' ? '%' : ` ${unit}` };
    return { range: { start: number.range.end, end: number.range.end }, newText: unit === '%' ? '%' : ` ${unit}` };
}

function lineIndent(document: LangiumDocument, line: number): string {
    const text = document.textDocument.getText({ start: { line, character: 0 }, end: { line, character: 10_000 } });
    return /^[ \t]*/.exec(text)![0];
}

/** Inserts lines just before a block's closing brace, indented one level deeper than its header. */
export function insertIntoBlock(document: LangiumDocument, node: AstNode, text: string): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const close = [...CstUtils.streamCst(cst)].reverse().find((n) => isLeafCstNode(n) && n.text === '}' && n.astNode === node);
    if (!close) return undefined;
    const headerIndent = lineIndent(document, cst.range.start.line);
    const inner = headerIndent + '  ';
    const body = text
        .split('\n')
        .map((l) => inner + l)
        .join('\n');
    const closeLine = close.range.start.line;
    const beforeClose = document.textDocument.getText({ start: { line: closeLine, character: 0 }, end: close.range.start });
    if (/^\s*$/.test(beforeClose)) {
        return { range: { start: { line: closeLine, character: 0 }, end: { line: closeLine, character: 0 } }, newText: `${body}\n` };
    }
    const trailing = /[ \t]*$/.exec(beforeClose)![0].length;
    const start = { line: closeLine, character: close.range.start.character - trailing };
    return { range: { start, end: close.range.start }, newText: `\n${body}\n${headerIndent}` };
}

/** Inserts a block after a sibling node, at the sibling's indentation. */
function insertAfterNode(document: LangiumDocument, node: AstNode, text: string): TextEdit | undefined {
    const cst = node.$cstNode;
    if (!cst) return undefined;
    const indent = lineIndent(document, cst.range.start.line);
    const body = text
        .split('\n')
        .map((l) => indent + l)
        .join('\n');
    return { range: { start: cst.range.end, end: cst.range.end }, newText: `\n${body}` };
}
