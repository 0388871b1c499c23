// Test helpers: fresh language services per test file, parsing and validating text or files.
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { clearDocuments, parseHelper } from 'langium/test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createCommunityServices } from '../../language/community-module.js';
import type { Model } from '../../language/generated/ast.js';
import { CommunitySettings } from '../../language/settings.js';
import type { Lang } from '../../engine/diagnostics.js';

export const PLAN_HEADER = `plan "Test" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
}
`;

export function makeServices(lang: Lang = 'en') {
    const settings = new CommunitySettings();
    settings.lang = lang;
    return createCommunityServices({ ...EmptyFileSystem, settings });
}

/**
 * One set of services per language for `validate`: building Chevrotain's parser costs ~70 ms, a check
 * of an example ~12 ms, so a fresh set per call made the mutation suites six times slower. Each
 * document is removed from the workspace once built, so no plan links against an earlier test's plan.
 */
const shared = new Map<Lang, ReturnType<typeof makeServices>>();

export async function validate(text: string, lang: Lang = 'en'): Promise<{ doc: LangiumDocument<Model>; diagnostics: Diagnostic[] }> {
    let services = shared.get(lang);
    if (!services) shared.set(lang, (services = makeServices(lang)));
    const doc = await parseHelper<Model>(services.Community)(text, { validation: true });
    await clearDocuments(services.shared, [doc]);
    return { doc, diagnostics: doc.diagnostics ?? [] };
}

export function codes(diagnostics: Diagnostic[]): string[] {
    return diagnostics.map((d) => String(d.code));
}

/** `line:col` (1-based) of each diagnostic with a code. */
export function at(diagnostics: Diagnostic[], code: string): string[] {
    return diagnostics.filter((d) => d.code === code).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`);
}
