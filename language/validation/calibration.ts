// The calibration check (数据复盘): a warning on a plan value that lies outside the 90 % interval
// its own actuals give it ("Prospect churn 12% per month; your last 12 weeks of actuals say
// 15.1–18.3%"), with the data for a quick fix that records the fit as `scenario Calibrated` — the
// edit `community calibrate --write` makes (language/lsp/code-actions.ts).
//
// The numbers come from the calibration itself (engine/calibrate: the same fit, seed and draws as
// `community calibrate`). A fit of the fitness example takes about a second, too slow for every
// keystroke: the check is in Langium's 'slow' category (the editor runs it after typing pauses,
// language/lsp/slow-validation.ts; the CLI's `check` runs it always), and each fit is cached by
// what it depends on — the community's model (without source positions) and the weeks of the
// actuals file — so a pause after an edit that changes neither (a comment, a blank line, another
// community) costs no refit.
import { t, type PlainMessageKey } from '../../engine/messages.js';
import { createHash } from 'node:crypto';
import { AstUtils, type LangiumDocument, type ValidationAcceptor } from 'langium';
import {
    calibrateCommunity,
    CALIBRATED_SCENARIO,
    calibratedScenario,
    planNumber,
    type Calibration,
    type CalibratedQuantity,
} from '../../engine/calibrate/calibrate.js';
import type { Lang } from '../../engine/diagnostics.js';
import type { Plan } from '../../engine/model.js';
import { distCentre } from '../../engine/random.js';
import { readActualsSync } from '../actuals/load.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { unquote } from '../imports.js';
import { quantityOf } from '../solve-scenario.js';
import { actualsRefusal } from './actuals.js';
import { report } from './report.js';

/** The seed of `community calibrate` (its --seed default), so the check and the command agree. */
export const CALIBRATION_SEED = 42;
const CACHE_SIZE = 16;

const PERIOD_WORD: Record<string, PlainMessageKey> = { day: 'period.word.day', week: 'period.word.week', month: 'period.word.month', year: 'period.word.year' };

/** What the quick fix needs: the Calibrated scenario block of this fit. */
export interface CalibrationFixData {
    scenario: string;
}

export class CalibrationChecks {
    private readonly cache = new Map<string, Calibration>();
    /** Fits computed (not served from the cache), for tests and measurements. */
    fits = 0;

    constructor(private readonly services: CommunityServices) {}

    community(node: A.Community, accept: ValidationAcceptor): void {
        const doc = AstUtils.getDocument(node);
        if (doc.uri.scheme !== 'file') return;
        // The community's own actuals, else the plan block's for the first community (as `community calibrate`).
        const model = doc.parseResult.value as A.Model;
        const planNode = model.elements.find(A.isPlan);
        const own = node.actuals ?? (model.elements.find(A.isCommunity) === node ? planNode?.actuals : undefined);
        if (!own || own.path === undefined || actualsRefusal(this.services, own, unquote(own.path)) !== undefined) return;
        // Only a file that parses is calibrated; a bad actuals file gives no actuals (its own checks report it).
        if (doc.parseResult.parserErrors.length > 0 || doc.parseResult.lexerErrors.length > 0) return;
        const calibration = this.calibrationOf(doc, node.name);
        if (!calibration) return;
        const plan = this.services.community.PlanModel.planOf(doc).plan;
        if (!plan) return;
        const scenario = calibratedScenario([calibration], plan.currency);
        const lang = this.services.community.Settings.lang;
        for (const q of calibration.quantities) {
            if ((q.verdict !== 'too-optimistic' && q.verdict !== 'too-pessimistic') || !q.fitted) continue;
            if (recordedInside(plan, q)) continue;
            const written = quantityOf(doc, q.quantity);
            if (!written) continue;
            const data: CalibrationFixData = { scenario };
            report(
                accept,
                lang,
                'calibration-outside',
                {
                    quantity: lang === 'zh-CN' ? q.quantity.labelZh : q.quantity.label,
                    value: valueText(q, q.plan.value, plan.currency, lang, true),
                    weeks: calibration.weeks,
                    ...rangeText(q, q.fitted.p5, q.fitted.p95, plan.currency),
                    verdict: verdictText(q.verdict, lang),
                },
                { node: written, data: data as unknown as Record<string, unknown> },
            );
        }
    }

    /** The calibration of one community of the document's plan, or undefined (no actuals, unreadable, a workbook). */
    calibrationOf(doc: LangiumDocument, name: string): Calibration | undefined {
        const model = this.services.community.PlanModel.community(doc, name);
        const community = model?.plan.communities.find((c) => c.name === name);
        if (!model || !community?.actuals) return undefined;
        const loaded = readActualsSync(community.actuals.fsPath, community.actuals.path, model.plan, community, community.actuals.mapping);
        if (!loaded.actuals) return undefined;
        const key = createHash('sha256')
            .update(
                JSON.stringify(
                    { community, start: model.plan.start, horizon: model.plan.horizonWeeks, tz: model.plan.timezone, assumptions: model.plan.assumptions },
                    withoutSources,
                ),
            )
            .update(JSON.stringify([...loaded.actuals.series.entries()]))
            .digest('hex');
        const cached = this.cache.get(key);
        if (cached) return cached;
        const calibration = calibrateCommunity(model.compiled, loaded.actuals, { seed: CALIBRATION_SEED });
        this.fits++;
        this.cache.set(key, calibration);
        if (this.cache.size > CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
        return calibration;
    }
}

/** Source positions move with every edit above an item; the fit does not depend on them. */
function withoutSources(key: string, value: unknown): unknown {
    return key === 'source' ? undefined : value;
}

/** True when the plan's Calibrated scenario already sets the quantity to a value inside the interval. */
function recordedInside(plan: Plan, q: CalibratedQuantity): boolean {
    const scenario = plan.scenarios.find((s) => s.name === CALIBRATED_SCENARIO);
    const o = scenario?.overrides.find((x) => x.target === q.quantity.target && x.property === q.quantity.property);
    if (!o || !q.fitted || typeof o.value !== 'object') return false;
    const v = distCentre(o.value);
    return v >= q.fitted.p5 && v <= q.fitted.p95;
}

function valueText(q: CalibratedQuantity, x: number, currency: string, lang: Lang, withPeriod: boolean): string {
    const u = q.quantity.unit;
    const n = u === 'share' ? `${planNumber(x * 100)}%` : u === 'money' ? `${planNumber(x)} ${currency}` : planNumber(x);
    const per = withPeriod ? q.quantity.per : undefined;
    if (!per) return n;
    return t('calibration.per-period', { value: n, period: PERIOD_WORD[per] ? t(PERIOD_WORD[per], {}, lang) : per }, lang);
}

/** The interval with its unit once ("15.4–18.2%", "16.9–18.8 CNY"), to a tenth. */
function rangeText(q: CalibratedQuantity, low: number, high: number, currency: string): { low: string; high: string } {
    const u = q.quantity.unit;
    const n = (x: number) => String(+x.toFixed(x >= 100 ? 0 : x >= 10 ? 1 : 2));
    if (u === 'share') return { low: n(low * 100), high: `${n(high * 100)}%` };
    if (u === 'money') return { low: n(low), high: `${n(high)} ${currency}` };
    return { low: planNumber(low), high: planNumber(high) };
}

function verdictText(v: 'too-optimistic' | 'too-pessimistic', lang: Lang): string {
    if (lang === 'zh-CN') return v === 'too-optimistic' ? '过于乐观' : '过于悲观';
    return v === 'too-optimistic' ? 'too optimistic' : 'too pessimistic';
}
