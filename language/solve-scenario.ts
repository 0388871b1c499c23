// The text of a solved scenario (`scenario NAME { Ads.paid = 4500 CNY per week }`): what
// `community solve --write NAME` appends to the plan and what the editor's "find the spend" CodeLens
// offers as a workspace edit (server/solve-request.ts). One writer, so both give the same text.
import { AstUtils, EmptyFileSystem, URI, type LangiumDocument } from 'langium';
import type { Plan, SolvedFor } from '../engine/model.js';
import { currentValue, type Lever, type SolveResult } from '../engine/solve.js';
import { createCommunityServices } from './community-module.js';
import * as A from './generated/ast.js';

/** The block would not parse (a lever the scenario syntax cannot state); the plan stays unchanged. */
export class ScenarioTextError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'ScenarioTextError';
    }
}

/**
 * The answer as a scenario block (with a leading blank line). Each value is written in the units of
 * the property it replaces: the number of the plan's own text for it is swapped (and its spread
 * scaled alike), so `paid 3000 CNY per week` becomes `Ads.paid = 4500 CNY per week`.
 */
export function solvedScenarioBlock(doc: LangiumDocument, plan: Plan, name: string, r: SolveResult, solved?: SolvedFor): string {
    const lines = r.levers.map((l, i) => `  ${l.target}.${l.property} = ${valueText(doc, plan, l, r.best.values[i])}`);
    const block = `\nscenario ${name}${solved ? ` solved for ${solvedText(solved)}` : ''} {\n${lines.join('\n')}\n}\n`;
    // The new block must parse on its own; otherwise the plan is left as it is.
    const { shared } = createCommunityServices({ ...EmptyFileSystem });
    const probe = shared.workspace.LangiumDocumentFactory.fromString(block, URI.parse('memory:/solve-check.community'));
    if (probe.parseResult.parserErrors.length > 0 || probe.parseResult.lexerErrors.length > 0) {
        throw new ScenarioTextError(
            `could not write the scenario (${oneLineOf(block)} does not parse: ${probe.parseResult.parserErrors[0]?.message ?? 'lexer error'}); the plan is unchanged.`,
        );
    }
    return block;
}

/** The plan text with the block appended (trailing blank space trimmed to one line break first). */
export function withSolvedScenario(text: string, block: string): string {
    return text.replace(/\s*$/, '\n') + block;
}

/** A number as a plan would write it: whole numbers plain, others with up to 4 significant decimals. */
export function planNumberText(v: number): string {
    if (Number.isInteger(v)) return String(v);
    const abs = Math.abs(v);
    return String(+v.toFixed(abs >= 100 ? 0 : abs >= 1 ? 2 : 4));
}
const num = planNumberText;

/** `Growth, Paying at 80%`: the words after `solved for` (the plan's own syntax, English keywords). */
export function solvedText(solved: SolvedFor): string {
    return `${solved.kpis.join(', ')} at ${num(+(solved.probability * 100).toFixed(2))}%`;
}

function oneLineOf(text: string): string {
    return text.trim().replace(/\s+/g, ' ');
}

/** The plan's own Quantity for a lever's property (found in the syntax tree), if it writes one. */
export function quantityOf(doc: LangiumDocument, lever: Pick<Lever, 'target' | 'property'>): A.Quantity | undefined {
    for (const node of AstUtils.streamAst(doc.parseResult.value)) {
        if (!('name' in node) || (node as { name?: string }).name !== lever.target) continue;
        const p = lever.property;
        if (A.isChannel(node)) return p === 'paid' || p === 'spend' ? node.spend : p === 'cost' ? node.costPerJoin : undefined;
        if (A.isReferral(node))
            return p === 'invites'
                ? node.invites
                : p === 'conversion'
                  ? node.conversion
                  : p === 'reward'
                    ? node.reward
                    : p === 'cycle'
                      ? node.cycle
                      : undefined;
        if (A.isActivity(node))
            return p === 'reach'
                ? node.reach
                : p === 'cost'
                  ? node.cost
                  : p === 'capacity'
                    ? node.capacity
                    : p === 'staff'
                      ? node.staff
                      : node.lifts.find((l) => l.metric === p)?.amount;
        if (A.isContent(node)) return p === 'cost' ? node.cost : p === 'reach' ? node.reach : p === 'conversion' ? node.conversion : undefined;
        if (A.isTier(node)) {
            if (p === 'churn' || p === 'active' || p === 'buys' || p === 'repurchase' || p === 'seed' || p === 'capacity') return node[p];
            if (p === 'fee') return node.entry?.fee;
            return node.flows.find((f) => f.tier.$refText === p)?.rate;
        }
        if (A.isCommunity(node))
            return p === 'margin'
                ? node.margin
                : p === 'innovation'
                  ? node.organic?.innovation
                  : p === 'imitation'
                    ? node.organic?.imitation
                    : p === 'order-value' || p === 'order'
                      ? node.orderValue
                      : undefined;
        if (A.isAudience(node)) return p === 'size' ? node.size : undefined;
    }
    return undefined;
}

/**
 * The new value in the words of the plan's own text for the property (every number of it scaled
 * alike, so the spread of `15 CNY ± 5 CNY` scales with it; a period such as `per 2 weeks` is kept),
 * or a plain number when the plan does not write the property.
 */
function valueText(doc: LangiumDocument, plan: Plan, lever: Lever, value: number): string {
    const written = quantityOf(doc, lever)?.$cstNode?.text.replace(/\s+/g, ' ').trim();
    const centre = currentValue(plan, lever);
    const first = written ? /-?\d+(?:\.\d+)?/.exec(written) : null;
    // The factor is taken against the value's centre (the mode, the middle of a range) in the
    // model's units, so `4%..8% per month` solved to 9 % becomes `6%..12% per month`.
    if (written && first && centre !== undefined && centre > 0 && /[A-Za-z%\u3400-\u9fff]/.test(written.slice(first.index + first[0].length))) {
        const factor = value / centre;
        return written.replace(/(per\s+\d+\s+\w+)|(-?\d+(?:\.\d+)?)/g, (m, period: string | undefined) => (period ? m : num(Number(m) * factor)));
    }
    // Nothing to copy the unit from: write one, so the next line is never read as this value's unit.
    const unit = UNITS[lever.property];
    if (unit === '%') return `${num(value * 100)}%`;
    // A cadence: posts per week (the plan writes a schedule, not a number).
    if (lever.property === 'posts') return `${num(value)} per week`;
    if (lever.target === 'plan' && lever.property === 'budget') return `${num(value)} ${plan.currency}`;
    return unit ? `${num(value)} ${unit}` : num(value);
}

/** Units for values the plan does not write (each parses as the property expects). */
const UNITS: Record<string, string> = {
    seed: 'members',
    size: 'members',
    capacity: 'members',
    staff: 'people',
    churn: '%',
    active: '%',
    buys: '%',
    repurchase: '%',
    reach: '%',
    conversion: '%',
    margin: '%',
    retention: '%',
    activity: '%',
    promotion: '%',
};
