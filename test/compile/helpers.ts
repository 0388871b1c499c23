// Shared helpers for the compile tests: load .community text into a Plan through the real
// language services and lowering, the same path the CLI takes.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { loadPlansAgain } from '../helpers/workspace.js';
import { lowerPlan } from '../../language/lower.js';
import type { Plan } from '../../engine/model.js';

export const ROOT = resolve(__dirname, '../..');

export async function planFromFile(path: string): Promise<Plan> {
    const ws = await loadPlansAgain([path], { lang: 'en', root: dirname(path) === ROOT ? ROOT : resolve(ROOT) });
    const errors = ws.plans.flatMap((p) => p.diagnostics.filter((d) => d.severity === 1).map((d) => `${p.shown}:${d.range.start.line + 1} ${d.message}`));
    if (errors.length) throw new Error(`plan has errors:\n${errors.join('\n')}`);
    return lowerPlan(ws.services, ws.requested[0].document);
}

/** Writes files (name → text) into a fresh temp folder and returns it. */
export function tempFolder(files: Record<string, string> = {}, base = tmpdir()): string {
    const dir = mkdtempSync(join(base, 'community-compile-'));
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), text);
    }
    return dir;
}

export async function planFromText(text: string): Promise<Plan> {
    const dir = tempFolder({ 'plan.community': text });
    const ws = await loadPlansAgain([join(dir, 'plan.community')], { lang: 'en', root: dir });
    const errors = ws.plans.flatMap((p) => p.diagnostics.filter((d) => d.severity === 1).map((d) => `${d.range.start.line + 1}: ${d.message}`));
    if (errors.length) throw new Error(`plan has errors:\n${errors.join('\n')}`);
    return lowerPlan(ws.services, ws.requested[0].document);
}
