// `community check --format sarif`: SARIF 2.1.0 (node-sarif-builder) for code-scanning uploads.
// ruleId is the diagnostic code (stable), paths are relative with forward slashes, and every result
// carries a partialFingerprints entry derived from rule, file and message (not the line, so a result
// keeps its identity when lines above it move).
import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SarifBuilder, SarifResultBuilder, SarifRuleBuilder, SarifRunBuilder } from 'node-sarif-builder';
import { diagnostics, docsUrl, type DiagnosticCode } from '../engine/diagnostics.js';
import { stableHash } from '../engine/stable-hash.js';
import { compareText } from '../engine/text.js';
import { extraCheckFormats, type CheckFormatter } from './commands/check.js';
import type { FlatDiagnostic } from './report.js';

declare const __VERSION__: string | undefined;

export const SARIF_FINGERPRINT_KEY = 'communityDiagnostic/v1';

function level(d: FlatDiagnostic): 'error' | 'warning' | 'note' {
    return d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note';
}

/**
 * artifactLocation.uri: a URI reference (RFC 3986), so every path segment is percent-encoded
 * ("my plan#1.community" → "my%20plan%231.community"). Relative paths stay relative (forward
 * slashes); an absolute path (a file outside the current folder) becomes a file: URI.
 */
export function uriOf(path: string): string {
    if (isAbsolute(path)) return pathToFileURL(path).href;
    return path.split(/[\\/]/).map(encodeURIComponent).join('/');
}

export const formatSarif: CheckFormatter = ({ diags }) => {
    const builder = new SarifBuilder();
    const run = new SarifRunBuilder().initSimple({
        toolDriverName: 'community',
        toolDriverVersion: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0',
        url: 'https://community-plans.dev',
    });
    const codes = [...new Set(diags.map((d) => d.code))].sort(compareText);
    for (const code of codes) {
        const known = (diagnostics as Record<string, { en: string } | undefined>)[code];
        run.addRule(
            new SarifRuleBuilder().initSimple({
                ruleId: code,
                shortDescriptionText: known ? known.en.replace(/\{(\w+)\}/g, '…') : code,
                helpUri: known ? docsUrl(code as DiagnosticCode) : undefined,
            }),
        );
    }
    const seen = new Map<string, number>();
    for (const d of diags) {
        const result = new SarifResultBuilder().initSimple({
            level: level(d),
            messageText: d.message,
            ruleId: d.code,
            fileUri: uriOf(d.path),
            startLine: Math.max(1, d.line),
            startColumn: Math.max(1, d.column),
            endLine: Math.max(1, d.endLine),
            endColumn: Math.max(1, d.endColumn),
        });
        const key = `${d.code}\u0000${uriOf(d.path)}\u0000${d.message}`;
        const n = seen.get(key) ?? 0;
        seen.set(key, n + 1);
        result.result.partialFingerprints = { [SARIF_FINGERPRINT_KEY]: `${stableHash(key)}:${n + 1}` };
        run.addResult(result);
    }
    builder.addRun(run);
    return builder.buildSarifJsonString({ indent: true }) + '\n';
};

extraCheckFormats.set('sarif', formatSarif);
