// `community diff <old> <new>` or `community diff <plan> --base <git-ref>`: what a change to a plan
// changes item by item (properties old → new), what it does to its schedule (events per item
// before → after, then event by event) and to its forecast (P50 and probability of every KPI, total
// cost and chance within budget, before → after; probability changes in percentage points), as
// Markdown for a pull-request comment.
// With --base, the plan and the files it imports are taken from git (git show ref:path) into a
// temporary folder inside the repository, mirroring their paths so relative imports resolve.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { Option, type Command } from 'commander';
import type { Lang } from '../../engine/diagnostics.js';
import type { ForecastReport } from '../../engine/forecast-schema.js';
import type { Plan } from '../../engine/model.js';
import { Formatter } from '../../engine/report/i18n.js';
import { escapeMarkdown as m } from '../../engine/report/markdown.js';
import { forecastFor } from '../../engine/report/outputs.js';
import { expandPlan, type Occurrence, type PlanSchedule } from '../../engine/schedule.js';
import { compareText } from '../../engine/text.js';
import { PlanErrors, UsageError } from '../errors.js';
import { langOption, parseRuns, resolveLang, rootOption, type CommonOptions } from '../options.js';
import { colorsFor, flatten, formatText, summarize } from '../report.js';
import { makeDirs } from '../files.js';
import { diffPlans, type PlanItemChange } from '../plan-diff.js';
import { importPathsOf } from '../workspace.js';
import { DEFAULT_COMPILE_RUNS, DEFAULT_COMPILE_SEED, parseSeed, preparePlans } from './compile.js';

export const MAX_EVENT_ROWS = 60;

export type EventChange = 'added' | 'removed' | 'moved' | 'changed';

/** The fields in which two occurrences of one event differ, as `field value` of the side `o`. */
function changedFields(before: Occurrence, after: Occurrence, o: Occurrence, money: (x: number) => string, zh: boolean): string[] {
    const fields: Array<[string, string, (x: Occurrence) => string]> = [
        ['end', '结束', (x) => x.end ?? '—'],
        ['at', '地点', (x) => x.location ?? '—'],
        ['owner', '负责人', (x) => x.owner ?? '—'],
        ['cost', '成本', (x) => (x.cost === null ? '—' : money(x.cost))],
        ['staff', '人员', (x) => (x.staff === null || x.staff === undefined ? '—' : String(x.staff))],
        ['title', '标题', (x) => x.title ?? '—'],
        ['for', '面向', (x) => x.tiers.join(zh ? '、' : ', ') || '—'],
    ];
    return fields.filter(([, , get]) => get(before) !== get(after)).map(([en, cn, get]) => `${zh ? cn : en} ${get(o)}`);
}

export interface EventDiff {
    change: EventChange;
    community: string;
    item: string;
    before: Occurrence | null;
    after: Occurrence | null;
}

function when(o: Occurrence | null): string {
    if (!o) return '—';
    return o.time ? `${o.date} ${o.time}` : o.date;
}

/** Occurrences matched per community and item: same start = unchanged (or changed), then in order = moved. */
export function diffSchedules(before: PlanSchedule, after: PlanSchedule): EventDiff[] {
    const group = (s: PlanSchedule) => {
        const map = new Map<string, Occurrence[]>();
        for (const o of s.occurrences) {
            const key = `${o.community}\u0000${o.item}`;
            if (!map.has(key)) map.set(key, []);
            map.get(key)!.push(o);
        }
        return map;
    };
    const a = group(before);
    const b = group(after);
    const keys = [...new Set([...a.keys(), ...b.keys()])].sort(compareText);
    const out: EventDiff[] = [];
    for (const key of keys) {
        const olds = a.get(key) ?? [];
        const news = b.get(key) ?? [];
        const [community, item] = key.split('\u0000');
        const newByStart = new Map<string, Occurrence[]>();
        for (const o of news) {
            if (!newByStart.has(o.start)) newByStart.set(o.start, []);
            newByStart.get(o.start)!.push(o);
        }
        const unmatchedOld: Occurrence[] = [];
        const matchedNew = new Set<Occurrence>();
        for (const o of olds) {
            const candidates = newByStart.get(o.start);
            const n = candidates?.shift();
            if (!n) {
                unmatchedOld.push(o);
                continue;
            }
            matchedNew.add(n);
            if (n.end !== o.end || n.location !== o.location || n.owner !== o.owner || n.cost !== o.cost || n.staff !== o.staff || n.title !== o.title || n.tiers.join() !== o.tiers.join()) {
                out.push({ change: 'changed', community, item, before: o, after: n });
            }
        }
        const unmatchedNew = news.filter((n) => !matchedNew.has(n));
        const pairs = Math.min(unmatchedOld.length, unmatchedNew.length);
        for (let i = 0; i < pairs; i++) out.push({ change: 'moved', community, item, before: unmatchedOld[i], after: unmatchedNew[i] });
        for (const o of unmatchedOld.slice(pairs)) out.push({ change: 'removed', community, item, before: o, after: null });
        for (const n of unmatchedNew.slice(pairs)) out.push({ change: 'added', community, item, before: null, after: n });
    }
    const at = (d: EventDiff) => (d.after ?? d.before)!;
    return out.sort((x, y) => compareText(at(x).date, at(y).date) || compareText(at(x).time, at(y).time) || compareText(x.community, y.community) || compareText(x.item, y.item));
}

export interface KpiChange {
    community: string;
    kpi: string;
    metric: string;
    p50Before: number | null;
    p50After: number | null;
    probBefore: number | null;
    probAfter: number | null;
}

export function diffForecasts(before: ForecastReport, after: ForecastReport): KpiChange[] {
    const rows = new Map<string, KpiChange>();
    const add = (f: ForecastReport, side: 'before' | 'after') => {
        for (const c of f.forecasts[0].communities) {
            for (const k of c.kpis) {
                const key = `${c.name}\u0000${k.name}`;
                const row = rows.get(key) ?? { community: c.name, kpi: k.name, metric: k.metric, p50Before: null, p50After: null, probBefore: null, probAfter: null };
                if (side === 'before') {
                    row.p50Before = k.p50;
                    row.probBefore = k.probability;
                } else {
                    row.p50After = k.p50;
                    row.probAfter = k.probability;
                }
                rows.set(key, row);
            }
        }
    };
    add(before, 'before');
    add(after, 'after');
    return [...rows.values()];
}

const CHANGE_LABEL: Record<Lang, Record<EventChange, string>> = {
    en: { added: '➕ added', removed: '➖ removed', moved: '↔️ moved', changed: '✏️ changed' },
    'zh-CN': { added: '➕ 新增', removed: '➖ 删除', moved: '↔️ 改期', changed: '✏️ 修改' },
};

/** Per item: occurrences before → after and what the event-by-event matching found. */
export interface ItemScheduleSummary {
    community: string;
    item: string;
    before: number;
    after: number;
    added: number;
    removed: number;
    moved: number;
    changed: number;
}

export function summarizeScheduleChanges(before: PlanSchedule, after: PlanSchedule, events: EventDiff[]): ItemScheduleSummary[] {
    const rows = new Map<string, ItemScheduleSummary>();
    const row = (community: string, item: string) => {
        const key = `${community}\u0000${item}`;
        if (!rows.has(key)) rows.set(key, { community, item, before: 0, after: 0, added: 0, removed: 0, moved: 0, changed: 0 });
        return rows.get(key)!;
    };
    for (const o of before.occurrences) row(o.community, o.item).before++;
    for (const o of after.occurrences) row(o.community, o.item).after++;
    for (const e of events) row(e.community, e.item)[e.change]++;
    return [...rows.values()].filter((r) => r.added + r.removed + r.moved + r.changed > 0).sort((x, y) => compareText(x.community, y.community) || compareText(x.item, y.item));
}

/** A change of a probability in percentage points: "+15.2 pp", "−3 pp", "±0 pp". */
export function formatPointsDelta(delta: number, lang: Lang): string {
    const points = Math.round(Math.abs(delta) * 1000) / 10;
    const sign = points === 0 ? '±' : delta > 0 ? '+' : '−';
    return `${sign}${new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(points)} pp`;
}

const ITEM_KIND_LABEL: Record<string, string> = {
    plan: '计划', platform: '平台', audience: '受众', scenario: '情景', community: '社群', tier: '层级', content: '内容', activity: '活动', referral: '裂变', channel: '渠道', organic: '自然增长', kpi: '指标',
};

function planChangeLines(before: Plan, after: Plan, lang: Lang): string[] {
    const zh = lang === 'zh-CN';
    const changes = diffPlans(before, after);
    if (changes.length === 0) return [zh ? '计划项目没有变化。' : 'No plan items changed.', ''];
    const several = new Set([...before.communities, ...after.communities].map((c) => c.name)).size > 1;
    const kind = (k: string) => (zh ? (ITEM_KIND_LABEL[k] ?? k) : k);
    const name = (c: PlanItemChange) => (several && c.community ? `${c.community}/${c.item}` : c.item);
    const out: string[] = [];
    for (const c of changes) {
        if (c.change === 'added') out.push(`- ➕ ${zh ? `新增${kind(c.kind)}` : `${c.kind} added:`} \`${m(name(c))}\``);
        else if (c.change === 'removed') out.push(`- ➖ ${zh ? `删除${kind(c.kind)}` : `${c.kind} removed:`} \`${m(name(c))}\``);
        else for (const p of c.properties) out.push(`- ✏️ \`${m(`${name(c)}.${p.property}`)}\` ${m(p.before)} → ${m(p.after)}`);
    }
    out.push('');
    return out;
}

/** Total cost over the horizon (P50) and the chance of staying within budget, for one side. */
function costOf(report: ForecastReport): { cost: number | null; within: number | null; budget: number | null } {
    const f = report.forecasts[0];
    if (f.budget) return { cost: f.budget.cost.p50, within: f.budget.probabilityWithin, budget: f.budget.amount };
    let cost: number | null = null;
    for (const c of f.communities) {
        const s = c.series.find((x) => x.key === 'cumulative-cost');
        const last = s?.p50[s.p50.length - 1];
        if (typeof last === 'number') cost = (cost ?? 0) + last;
    }
    return { cost, within: null, budget: null };
}

export function renderDiff(title: string, before: { plan: Plan; schedule: PlanSchedule; forecast: ForecastReport }, after: { plan: Plan; schedule: PlanSchedule; forecast: ForecastReport }, lang: Lang): string {
    const f = new Formatter(lang, after.plan.currency);
    const zh = lang === 'zh-CN';
    const out: string[] = [`## ${zh ? '计划变更' : 'Plan diff'}: ${m(title)}`, ''];
    out.push(`### ${zh ? '计划项目' : 'Plan changes'}`, '');
    out.push(...planChangeLines(before.plan, after.plan, lang));
    const events = diffSchedules(before.schedule, after.schedule);
    out.push(`### ${zh ? '日程' : 'Schedule'}`, '');
    if (events.length === 0) out.push(zh ? '日程没有变化。' : 'No schedule changes.', '');
    else {
        const items = summarizeScheduleChanges(before.schedule, after.schedule, events);
        out.push(
            zh
                ? `共 ${f.integer(before.schedule.occurrences.length)} → ${f.integer(after.schedule.occurrences.length)} 个日程；${items.length} 个项目的日程有变化：`
                : `${f.integer(before.schedule.occurrences.length)} → ${f.integer(after.schedule.occurrences.length)} events in all; the schedule of ${items.length} item${items.length === 1 ? '' : 's'} changed:`,
            '',
        );
        out.push(zh ? '| 社群 | 项目 | 日程数 之前 → 之后 |' : '| Community | Item | Events before → after |', '| --- | --- | ---: |');
        for (const r of items) out.push(`| ${m(r.community)} | ${m(r.item)} | ${f.integer(r.before)} → ${f.integer(r.after)} |`);
        out.push('');
        const count = (c: EventChange) => events.filter((e) => e.change === c).length;
        out.push(
            '<details>',
            zh
                ? `<summary>逐个日程（按顺序配对：新增 ${count('added')}、删除 ${count('removed')}、改期 ${count('moved')}、修改 ${count('changed')}）</summary>`
                : `<summary>Event by event (paired in order: ${count('added')} added, ${count('removed')} removed, ${count('moved')} moved, ${count('changed')} changed)</summary>`,
            '',
        );
        out.push(zh ? '| 变化 | 社群 | 项目 | 之前 | 之后 |' : '| Change | Community | Item | Before | After |', '| --- | --- | --- | --- | --- |');
        for (const e of events.slice(0, MAX_EVENT_ROWS)) {
            const detail = (o: Occurrence | null) => {
                if (!o) return '—';
                // A changed event shows what changed (end, place, owner, cost, staff, title, tiers), so before and after never read the same.
                const extra = e.change === 'changed' && e.before && e.after ? ` (${changedFields(e.before, e.after, o, (x) => f.currencyAmount(x), zh).join(', ')})` : '';
                return m(when(o) + extra);
            };
            out.push(`| ${CHANGE_LABEL[lang][e.change]} | ${m(e.community)} | ${m(e.item)} | ${detail(e.before)} | ${detail(e.after)} |`);
        }
        if (events.length > MAX_EVENT_ROWS) out.push('', zh ? `……另有 ${events.length - MAX_EVENT_ROWS} 项变化未列出。` : `…and ${events.length - MAX_EVENT_ROWS} more changes not listed.`);
        out.push('', '</details>', '');
    }
    out.push(`### ${zh ? '预测' : 'Forecast'}`, '');
    const kpis = diffForecasts(before.forecast, after.forecast);
    const arrowOf = (delta: number | null) => (delta === null || Math.abs(delta) < 0.005 ? '' : delta > 0 ? ' 📈' : ' 📉');
    if (kpis.length === 0) out.push(zh ? '没有关键指标。' : 'No KPIs.', '');
    else {
        out.push(zh ? '| 社群 | 指标 | P50 之前 → 之后 | 达成概率 之前 → 之后 | 变化 |' : '| Community | KPI | P50 before → after | Probability before → after | Δ probability |', '| --- | --- | ---: | ---: | ---: |');
        for (const k of kpis) {
            const metric = k.metric as Parameters<Formatter['metricValue']>[0];
            const delta = k.probBefore !== null && k.probAfter !== null ? k.probAfter - k.probBefore : null;
            const deltaText = delta === null ? '—' : formatPointsDelta(delta, lang);
            out.push(
                `| ${m(k.community)} | ${m(k.kpi)} | ${m(f.metricValue(metric, k.p50Before))} → ${m(f.metricValue(metric, k.p50After))} | ${m(f.percent(k.probBefore))} → ${m(f.percent(k.probAfter))} | ${m(deltaText)}${arrowOf(delta)} |`,
            );
        }
        out.push('');
    }
    const a = costOf(before.forecast);
    const b = costOf(after.forecast);
    out.push(zh ? '| 成本与预算 | 之前 → 之后 | 变化 |' : '| Cost and budget | Before → after | Change |', '| --- | ---: | ---: |');
    const costDelta = a.cost !== null && b.cost !== null ? b.cost - a.cost : null;
    const costDeltaText = costDelta === null ? '—' : `${costDelta > 0 ? '+' : costDelta < 0 ? '−' : '±'}${f.currencyAmount(Math.abs(costDelta), true)}`;
    out.push(`| ${zh ? '总成本 P50' : 'P50 total cost'} | ${m(f.currencyAmount(a.cost, true))} → ${m(f.currencyAmount(b.cost, true))} | ${m(costDeltaText)} |`);
    if (a.budget !== null || b.budget !== null) {
        out.push(`| ${zh ? '预算' : 'Budget'} | ${m(f.currencyAmount(a.budget, true))} → ${m(f.currencyAmount(b.budget, true))} | |`);
        const withinDelta = a.within !== null && b.within !== null ? b.within - a.within : null;
        out.push(`| ${zh ? '不超预算的概率' : 'Chance within budget'} | ${m(f.percent(a.within))} → ${m(f.percent(b.within))} | ${withinDelta === null ? '—' : m(formatPointsDelta(withinDelta, lang))}${arrowOf(withinDelta)} |`);
    }
    out.push('');
    out.push(zh ? `<sub>${after.forecast.runs} 次模拟，种子 ${after.forecast.seed}；两边使用相同的种子。</sub>` : `<sub>${after.forecast.runs} runs, seed ${after.forecast.seed}, the same for both sides.</sub>`, '');
    return out.join('\n');
}

// ---- git --base ----------------------------------------------------------------------------------

function git(args: string[], cwd: string): string {
    try {
        return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
    } catch (e) {
        const stderr = String((e as { stderr?: string }).stderr ?? '').trim().split('\n')[0];
        throw new UsageError(`git ${args.join(' ')} failed${stderr ? `: ${stderr}` : ''}.`);
    }
}

/**
 * The commit a --base ref names, as a full SHA. A ref starting with "-" would be read by git as an
 * option (`--output=/tmp/x`), so it is refused; the ref is verified with --end-of-options, and only
 * the resolved SHA is passed to later git commands.
 */
export function resolveBaseRef(ref: string, cwd: string): string {
    if (ref === '' || ref.startsWith('-')) throw new UsageError(`--base must name a git commit, branch or tag, not "${ref}".`);
    let sha: string;
    try {
        sha = execFileSync('git', ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    } catch {
        throw new UsageError(`--base "${ref}" is not a commit in this git repository.`);
    }
    if (!/^[0-9a-f]{40,64}$/.test(sha)) throw new UsageError(`--base "${ref}" is not a commit in this git repository.`);
    return sha;
}

// Mirror folders of the base in the repository: removed when done, on SIGINT/SIGTERM (Ctrl+C in the
// middle of a diff must not leave .community-diff-* behind), and, if a run was killed outright, by
// the next run (its process id is in the name).
const mirrors = new Set<string>();
let mirrorCleanupInstalled = false;

function installMirrorCleanup(): void {
    if (mirrorCleanupInstalled) return;
    mirrorCleanupInstalled = true;
    const removeAll = () => {
        for (const dir of mirrors) rmSync(dir, { recursive: true, force: true });
        mirrors.clear();
    };
    const onSignal = (signal: NodeJS.Signals) => {
        removeAll();
        process.exit(signal === 'SIGINT' ? 130 : 143);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.once('exit', removeAll);
}

function yieldToSignals(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}

/** Removes the mirror folder of a finished diff. */
export function removeMirror(root: string): void {
    rmSync(root, { recursive: true, force: true });
    mirrors.delete(root);
}

function cleanStaleMirrors(top: string): void {
    for (const entry of readdirSync(top)) {
        const m = /^\.community-diff-(\d+)-[0-9a-f]{8}$/.exec(entry);
        if (!m) continue;
        const pid = Number(m[1]);
        let alive = pid === process.pid;
        try {
            if (!alive) process.kill(pid, 0);
            alive = true;
        } catch (e) {
            alive = (e as NodeJS.ErrnoException).code === 'EPERM';
        }
        if (!alive) rmSync(join(top, entry), { recursive: true, force: true });
    }
}

/** Writes `ref`'s version of the plan and of everything it imports into a mirror folder; returns the plan's path there. */
export function materializeBase(planPath: string, ref: string): { root: string; plan: string; sha: string } {
    const abs = resolve(planPath);
    const top = git(['rev-parse', '--show-toplevel'], dirname(abs)).trim();
    const sha = resolveBaseRef(ref, top);
    cleanStaleMirrors(top);
    const root = join(top, `.community-diff-${process.pid}-${randomBytes(4).toString('hex')}`);
    mirrors.add(root);
    installMirrorCleanup();
    mkdirSync(root);
    const seen = new Set<string>();
    const fetch = (repoRel: string, required: boolean) => {
        if (seen.has(repoRel)) return;
        seen.add(repoRel);
        let text: string;
        try {
            text = git(['show', `${sha}:${repoRel}`], top);
        } catch (e) {
            if (required) throw e;
            return; // an import missing at the base is reported by validation
        }
        const target = join(root, ...repoRel.split('/'));
        makeDirs(dirname(target));
        writeFileSync(target, text);
        for (const path of importPathsOf(text)) {
            if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || /^[a-z]+:/i.test(path)) continue; // refused by validation
            const next = posix.normalize(posix.join(posix.dirname(repoRel), path.replace(/\\/g, '/')));
            if (next !== '..' && !next.startsWith('../')) fetch(next, false);
        }
    };
    const rel = relative(top, abs).split(sep).join('/');
    try {
        fetch(rel, true);
    } catch (e) {
        removeMirror(root);
        throw e;
    }
    return { root, plan: join(root, ...rel.split('/')), sha };
}

// ---- the command -----------------------------------------------------------------------------

interface DiffOptions extends CommonOptions {
    base?: string;
    runs: number;
    seed: number;
    scenario?: string;
}

async function loadOne(path: string, lang: Lang, root: string | undefined, label: string): Promise<Plan> {
    if (!existsSync(path)) throw new UsageError(`cannot find "${label}".`);
    const { prepared } = await preparePlans([resolve(path)], lang, root);
    const p = prepared[0];
    if (!p) throw new UsageError(`"${label}" has no plan block.`);
    if (!p.plan) {
        const diags = flatten(p.members).filter((d) => d.severity === 'error');
        process.stderr.write(formatText(diags, summarize(diags, p.members.length), lang, colorsFor(process.stderr)));
        throw new PlanErrors(`${label}: the plan has errors.`);
    }
    return p.plan;
}

export async function runDiff(inputs: string[], options: DiffOptions): Promise<number> {
    const lang = resolveLang(options.lang);
    let oldPlan: Plan;
    let newPlan: Plan;
    let title: string;
    if (options.base !== undefined) {
        if (inputs.length !== 1) throw new UsageError('with --base, name exactly one plan: community diff plan.community --base main');
        const current = inputs[0];
        if (!existsSync(current)) throw new UsageError(`cannot find "${current}".`);
        const base = materializeBase(current, options.base);
        try {
            // Loading is synchronous work chained by promises; a signal handler runs only between
            // macrotasks, so give a Ctrl+C that arrived meanwhile its turn while the mirror exists.
            await yieldToSignals();
            oldPlan = await loadOne(base.plan, lang, base.root, `${options.base}:${current}`);
            await yieldToSignals();
        } finally {
            removeMirror(base.root);
        }
        newPlan = await loadOne(current, lang, options.root, current);
        title = `${current} (${options.base} → ${lang === 'zh-CN' ? '工作区' : 'working tree'})`;
    } else {
        if (inputs.length !== 2) throw new UsageError('name the old and the new plan (community diff old.community new.community), or one plan and --base <git-ref>.');
        oldPlan = await loadOne(inputs[0], lang, options.root, inputs[0]);
        newPlan = await loadOne(inputs[1], lang, options.root, inputs[1]);
        title = `${inputs[0]} → ${inputs[1]}`;
    }
    const side = (plan: Plan) => {
        const scenario = options.scenario && plan.scenarios.some((s) => s.name === options.scenario) ? options.scenario : null;
        return { plan, schedule: expandPlan(plan), forecast: forecastFor(plan, { runs: options.runs, seed: options.seed, scenario, withSensitivity: false }) };
    };
    process.stdout.write(renderDiff(title, side(oldPlan), side(newPlan), lang));
    return 0;
}

export function registerDiff(program: Command): void {
    program
        .command('diff')
        .description('compare two versions of a plan: schedule changes and KPI forecasts, as Markdown')
        .argument('<plans...>', 'old.community new.community, or one plan with --base')
        .option('--base <git-ref>', 'compare the plan with its version at this git ref (e.g. origin/main)')
        .addOption(new Option('--runs <n>', 'Monte Carlo runs per side').argParser(parseRuns).default(DEFAULT_COMPILE_RUNS))
        .addOption(new Option('--seed <n>', 'random seed (the same for both sides)').argParser(parseSeed).default(DEFAULT_COMPILE_SEED))
        .option('--scenario <name>', 'compare this scenario (where a side has it)')
        .addOption(langOption())
        .addOption(rootOption())
        .action(async (inputs: string[], options: DiffOptions) => {
            process.exitCode = await runDiff(inputs, options);
        });
}
