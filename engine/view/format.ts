// Short numbers for charts and the editor: axis ticks, legends, the preview's tables and the status
// bar. Written out by hand rather than with Intl so a report's SVG is the same bytes on every machine
// whatever its locale or ICU data (determinism: same seed → same bytes).
import type { KpiUnit } from './kpi.js';

/** "18.4k", "1.2M", "950" (en); "1.8万", "2.5亿" (zh-CN). */
export function compactNumber(value: number, lang: 'en' | 'zh-CN' = 'en'): string {
    if (!Number.isFinite(value)) return '–';
    const abs = Math.abs(value);
    const sign = value < 0 ? '-' : '';
    const trim = (n: number) => (n >= 100 ? String(Math.round(n)) : String(Math.round(n * 10) / 10));
    if (lang === 'zh-CN') {
        if (abs >= 1e8) return `${sign}${trim(abs / 1e8)}亿`;
        if (abs >= 1e4) return `${sign}${trim(abs / 1e4)}万`;
    } else {
        if (abs >= 1e9) return `${sign}${trim(abs / 1e9)}B`;
        if (abs >= 1e6) return `${sign}${trim(abs / 1e6)}M`;
        if (abs >= 1e3) return `${sign}${trim(abs / 1e3)}k`;
    }
    if (abs >= 100 || Number.isInteger(value)) return `${sign}${Math.round(abs)}`;
    return `${sign}${trim(abs)}`;
}

/** A value in a KPI's unit: percents are fractions, money gets the currency code. */
export function formatValue(value: number, unit: KpiUnit, currency: string, lang: 'en' | 'zh-CN' = 'en'): string {
    if (!Number.isFinite(value)) return '–';
    switch (unit) {
        case 'percent':
            return `${Math.round(value * 1000) / 10}%`;
        case 'money':
            return `${compactNumber(value, lang)} ${currency}`;
        case 'ratio':
            return (Math.round(value * 100) / 100).toFixed(2);
        default:
            return compactNumber(value, lang);
    }
}

/** A probability as a whole percent; "<1%" and ">99%" rather than a misleading 0 % or 100 %. */
export function formatProbability(p: number): string {
    if (!Number.isFinite(p)) return '–';
    const pct = p * 100;
    if (pct > 0 && pct < 1) return '<1%';
    if (pct < 100 && pct > 99) return '>99%';
    return `${Math.round(pct)}%`;
}
