// Writes docs/diagnostics.md from the one diagnostics table (engine/diagnostics.ts), so the page the
// diagnostics link to lists every code with its severity and both languages' wording.
// Run: node --import tsx docs/write-diagnostics.ts   (a test fails when the page is stale)
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { diagnostics } from '../engine/diagnostics.js';

export function diagnosticsPage(): string {
    const lines = [
        '# Diagnostics',
        '',
        'Every message the checker, the editor and the CLI can show, by code. Severities: **error** stops',
        '`simulate` and `compile` (exit 1), **warning** and **info** do not. `{…}` are filled in from the plan.',
        'Codes can be switched off in the editor with the `community.checks` setting.',
        '',
    ];
    for (const [code, def] of Object.entries(diagnostics)) {
        lines.push(`## ${code}`, '', `**${def.severity}**`, '', `- en: ${def.en}`, `- zh-CN: ${def.zh}`, '');
    }
    return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    writeFileSync(new URL('./diagnostics.md', import.meta.url), diagnosticsPage());
}
