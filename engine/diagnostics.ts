// The one diagnostics table: every code the server, the CLI and the reports can show, with its
// severity, message in English and Simplified Chinese, and a docs anchor. Messages use {placeholders}.
// Add a code here (and a test that triggers it) before using it anywhere.

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'en' | 'zh-CN';

interface DiagnosticDef {
    readonly severity: Severity;
    readonly en: string;
    readonly zh: string;
}

export const DOCS_BASE = 'https://community-plans.dev/docs/diagnostics';

export const diagnostics = {
    // ---- syntax and names ----
    'syntax-error': { severity: 'error', en: 'Syntax error: {detail}', zh: '语法错误：{detail}' },
    'unresolved-reference': { severity: 'error', en: 'Unknown {kind} "{name}".', zh: '未知的{kind}“{name}”。' },
    'duplicate-name': { severity: 'error', en: '"{name}" is already defined in this {scope}.', zh: '“{name}”在此{scope}中已定义。' },
    'duplicate-property': { severity: 'warning', en: '"{property}" is set more than once; the last value wins.', zh: '“{property}”设置了多次，以最后一次为准。' },
    'missing-property': { severity: 'error', en: '{element} needs "{property}".', zh: '{element}缺少“{property}”。' },
    'multiple-plans': { severity: 'error', en: 'Only one plan block is allowed per plan (also found in {other}).', zh: '一个计划只能有一个 plan 块（另见 {other}）。' },
    'no-plan': { severity: 'error', en: 'This file defines communities but no plan block (start, horizon, currency) is in it or its imports.', zh: '此文件定义了社群，但本文件及其导入中没有 plan 块（开始日期、周期、币种）。' },
    'unknown-kind': { severity: 'warning', en: 'Unknown {what} "{value}"; known: {known}.', zh: '未知的{what}“{value}”；可选：{known}。' },
    'unknown-assumption': { severity: 'error', en: 'Unknown model assumption "{key}"; known: {known}.', zh: '未知的模型假设“{key}”；可选：{known}。' },
    // ---- units and values ----
    'wrong-unit': { severity: 'error', en: '{property} expects {expected}, but got {actual}.', zh: '{property}应为{expected}，实际为{actual}。' },
    'missing-period': { severity: 'error', en: '{property} is a rate: say per what period (e.g. "per month" or "weekly").', zh: '{property}是比率：请注明周期（如 “per month” 或 “weekly”）。' },
    'currency-mismatch': { severity: 'error', en: 'Money in {actual}, but the plan is in {expected}.', zh: '金额币种为 {actual}，但计划币种为 {expected}。' },
    'out-of-range': { severity: 'error', en: '{property} must be {range}, but is {value}.', zh: '{property}必须{range}，当前为 {value}。' },
    'bad-range': { severity: 'error', en: 'Range {low}..{high} runs backwards: the first number must not exceed the second.', zh: '区间 {low}..{high} 顺序颠倒：前一个数不能大于后一个数。' },
    'bad-uncertainty': { severity: 'error', en: 'Uncertainty is given twice; use one of "x ± y", "a..b" or "a..b likely m".', zh: '不确定性重复给出；请只用 “x ± y”、“a..b” 或 “a..b likely m” 之一。' },
    'bad-date': { severity: 'error', en: '"{value}" is not a calendar date.', zh: '“{value}”不是有效日期。' },
    'bad-time': { severity: 'error', en: '"{value}" is not a time of day (00:00–23:59).', zh: '“{value}”不是有效时刻（00:00–23:59）。' },
    'bad-timezone': { severity: 'error', en: '"{value}" is not an IANA time zone (e.g. "Asia/Shanghai").', zh: '“{value}”不是 IANA 时区（如 “Asia/Shanghai”）。' },
    // ---- schedule ----
    'date-outside-horizon': { severity: 'warning', en: '{date} is outside the plan ({start} to {end}).', zh: '{date} 不在计划周期内（{start} 至 {end}）。' },
    'until-before-from': { severity: 'error', en: '"until" {until} is before "from" {from}.', zh: '结束日期 {until} 早于开始日期 {from}。' },
    // ---- tiers and flows ----
    'self-flow': { severity: 'error', en: 'Tier "{tier}" cannot flow from itself.', zh: '层级“{tier}”不能从自身流入。' },
    'outflow-over-100': { severity: 'error', en: 'Tier "{tier}" loses {total} per {period} (churn + promotions + demotions), above 100%.', zh: '层级“{tier}”每{period}流出 {total}（流失 + 晋升 + 降级），超过 100%。' },
    'no-entry-tier': { severity: 'warning', en: 'Community "{community}" has tiers but every tier is reached only by promotion; new members have nowhere to land.', zh: '社群“{community}”的每个层级都只能通过晋升进入，新成员无处落脚。' },
    'kpi-unknown-tier': { severity: 'error', en: 'KPI names tier "{tier}", which community "{community}" does not have.', zh: 'KPI 引用了社群“{community}”中不存在的层级“{tier}”。' },
    // ---- imports ----
    'import-missing': { severity: 'error', en: 'Cannot find imported file "{path}".', zh: '找不到导入的文件“{path}”。' },
    'import-outside-workspace': { severity: 'error', en: 'Import "{path}" leaves the workspace; imports must stay inside {root}.', zh: '导入“{path}”超出工作区；导入必须位于 {root} 之内。' },
    'import-cycle': { severity: 'error', en: 'Import cycle: {cycle}.', zh: '循环导入：{cycle}。' },
    'import-not-community': { severity: 'error', en: 'Imported file "{path}" is not a .community file.', zh: '导入的文件“{path}”不是 .community 文件。' },
} as const satisfies Record<string, DiagnosticDef>;

export type DiagnosticCode = keyof typeof diagnostics;

export function severityOf(code: DiagnosticCode): Severity {
    return diagnostics[code].severity;
}

export function docsUrl(code: DiagnosticCode): string {
    return `${DOCS_BASE}#${code}`;
}

/** Fills a code's message template in the chosen language; unknown placeholders stay visible. */
export function formatMessage(code: DiagnosticCode, args: Record<string, string | number> = {}, lang: Lang = 'en'): string {
    const def: DiagnosticDef = diagnostics[code];
    const template = lang === 'zh-CN' ? def.zh : def.en;
    return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in args ? String(args[key]) : whole));
}

/** The message language from the environment (LANG / LC_ALL / LC_MESSAGES), English by default. */
export function langFromEnv(env: Record<string, string | undefined>): Lang {
    const value = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
    return /^zh/i.test(value) ? 'zh-CN' : 'en';
}
