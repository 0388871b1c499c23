// The typed message catalogue (engine/messages.ts, engine/diagnostics.ts): every message says the same
// placeholders in English and Chinese, `t` fills them and refuses unknown ids and wrong parameters at
// compile time (the @ts-expect-error lines below fail `npm run typecheck` if the compiler stops
// complaining), and quick fixes act on structured diagnostic data, so they work on a Chinese diagnostic.
import fc from 'fast-check';
import { parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { CodeAction, type Diagnostic } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnostics, formatMessage, type DiagnosticArgs } from '../../engine/diagnostics.js';
import { messagesCli } from '../../engine/messages/cli.js';
import { messagesEditor } from '../../engine/messages/editor.js';
import { messagesValidation } from '../../engine/messages/validation.js';
import { fill, listOf, messages, placeholdersOf, t, type ExpectNone, type MessageKey, type MismatchedPlaceholders } from '../../engine/messages.js';
import { HEADER, lspServices } from './lsp-helpers.js';

const sorted = (xs: string[]) => [...xs].sort();

describe('message catalogue', () => {
    it('every diagnostic code uses the same placeholders in en and zh-CN', () => {
        const mismatched = Object.entries(diagnostics)
            .filter(([, d]) => sorted(placeholdersOf(d.en)).join() !== sorted(placeholdersOf(d.zh)).join())
            .map(([code]) => code);
        expect(mismatched).toEqual([]);
        expect(Object.keys(diagnostics).length).toBeGreaterThan(80);
    });

    it('every fragment uses the same placeholders in en and zh-CN, and has text in both', () => {
        const entries = Object.entries(messages);
        const mismatched = entries.filter(([, m]) => sorted(placeholdersOf(m.en)).join() !== sorted(placeholdersOf(m.zh)).join()).map(([key]) => key);
        expect(mismatched).toEqual([]);
        // Only the article "the" has no Chinese word (scenario overrides: "the plan" → 计划).
        expect(entries.filter(([, m]) => `${m.en}` === '' || `${m.zh}` === '').map(([key]) => key)).toEqual(['override.kind.the']);
    });

    it('no two surfaces define the same fragment id', () => {
        const tables = [messagesValidation, messagesEditor, messagesCli];
        const ids = tables.flatMap((table) => Object.keys(table));
        expect(new Set(ids).size).toBe(ids.length);
        expect(Object.keys(messages).length).toBe(ids.length);
    });

    it('fills placeholders in the chosen language and keeps a value that looks like a placeholder as written', () => {
        expect(t('diff.more-events', { count: 3 }, 'en')).toBe('…and 3 more changes not listed.');
        expect(t('diff.more-events', { count: 3 }, 'zh-CN')).toBe('……另有 3 项变化未列出。');
        expect(t('fix.create-tier', { name: '{name}' }, 'en')).toBe('Create tier "{name}"');
        expect(listOf(['A', 'B'], 'en')).toBe('A, B');
        expect(listOf(['A', 'B'], 'zh-CN')).toBe('A、B');
        expect(formatMessage('wrong-unit', { property: 'churn', expected: 'a percentage', actual: 'money' }, 'zh-CN')).toBe(
            'churn应为a percentage，实际为money。',
        );
    });

    it('fill reads a template as {word} placeholders between texts, whatever the template and the values', () => {
        // The definition fill's split-once cache must keep: each {word} replaced by its value, one
        // without a value left as written, everything else (braces that are no placeholder) verbatim.
        const byDefinition = (template: string, params: Record<string, string | number>) =>
            template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
        const piece = fc.oneof(fc.constantFrom('{a}', '{b_1}', '{}', '{ a}', '{{a}}', '{a', 'b}', '{中}', '，', '\n'), fc.string({ maxLength: 6 }));
        fc.assert(
            fc.property(
                fc.array(piece, { maxLength: 8 }),
                fc.dictionary(fc.constantFrom('a', 'b_1', 'c', 'toString'), fc.oneof(fc.string(), fc.integer())),
                (pieces, params) => {
                    const template = pieces.join('');
                    expect(fill(template, params)).toBe(byDefinition(template, params));
                    expect(fill(template, params)).toBe(byDefinition(template, params));
                },
            ),
            { numRuns: 500 },
        );
    });

    it('an unknown id does not compile; one forced past the compiler comes back as the id, not blank', () => {
        // @ts-expect-error: not a message id
        expect(t('diff.no-such-message', {}, 'en')).toBe('diff.no-such-message');
        expect(t('diff.no-such-message' as MessageKey as 'diff.title', {}, 'zh-CN')).toBe('diff.no-such-message');
    });

    it('a missing, misspelt or extra parameter does not compile', () => {
        // @ts-expect-error: `count` is missing
        expect(t('diff.more-events', {}, 'en')).toBe('…and {count} more changes not listed.');
        // @ts-expect-error: `cuont` is not a placeholder of the message
        t('diff.more-events', { cuont: 3 }, 'en');
        // @ts-expect-error: a message without placeholders takes no parameters
        t('diff.title', { title: 'x' }, 'en');
        // @ts-expect-error: `actual` is missing
        formatMessage('wrong-unit', { property: 'churn', expected: 'a percentage' }, 'en');
        // @ts-expect-error: `proprety` is misspelt
        const misspelt: DiagnosticArgs<'wrong-unit'> = { proprety: 'churn', expected: 'a percentage', actual: 'money' };
        expect(misspelt).toBeDefined();
    });

    it('a table whose en and zh placeholders differ is named by the compile-time check', () => {
        type Table = { good: { en: '{a} of {b}'; zh: '{b}中的{a}' }; bad: { en: '{a} of {b}'; zh: '{a}' } };
        const named: MismatchedPlaceholders<Table> = 'bad';
        expect(named).toBe('bad');
        // @ts-expect-error: `good` is consistent, so it is not among the mismatched keys
        const notNamed: MismatchedPlaceholders<Table> = 'good';
        expect(notNamed).toBe('good');
        // @ts-expect-error: the assertion the real tables pass fails on this one
        type _Fails = ExpectNone<MismatchedPlaceholders<Table>>;
        const none: ExpectNone<MismatchedPlaceholders<{ ok: { en: '{x}'; zh: '{x}' } }>> = undefined as never;
        expect(none).toBeUndefined();
    });
});

describe('quick fixes read structured data, not translated text', () => {
    const text = `${HEADER}\ncommunity Fit {\n  platform Groups\n  audience Workers\n  tier A { churn 5% per month }\n  tier B { from Missing 5% per month }\n}\n`;

    async function createTier(lang: 'en' | 'zh-CN', tamper?: (d: Diagnostic) => Diagnostic) {
        const { Community } = lspServices(lang);
        const doc = await parseHelper(Community)(text, { validation: true });
        const found = (doc.diagnostics ?? []).find((d) => d.code === 'unresolved-reference');
        expect(found).toBeDefined();
        // The server answers for the diagnostics it published (code-action-diagnostics.ts): change those.
        const diagnostic = tamper ? tamper(found!) : found!;
        doc.diagnostics = (doc.diagnostics ?? []).map((d) => (d === found ? diagnostic : d));
        const actions = (
            (await Community.lsp.CodeActionProvider!.getCodeActions(doc, {
                textDocument: { uri: doc.uri.toString() },
                range: diagnostic.range,
                context: { diagnostics: [diagnostic] },
            })) ?? []
        ).filter(CodeAction.is);
        const create = actions.find((a) => a.edit?.changes?.[doc.uri.toString()]?.some((e) => e.newText.includes('tier Missing {')));
        return {
            diagnostic: found!,
            create,
            after: create ? TextDocument.applyEdits(doc.textDocument as TextDocument, create.edit!.changes![doc.uri.toString()]) : undefined,
        };
    }

    it('creates the missing tier from a zh-CN diagnostic, titled in Chinese', async () => {
        const { diagnostic, create, after } = await createTier('zh-CN');
        expect(diagnostic.message).toBe('未知的层级“Missing”。');
        expect(diagnostic.data).toMatchObject({ code: 'unresolved-reference', referenceType: 'Tier', args: { kind: '层级', name: 'Missing' } });
        expect(create?.title).toBe('创建层级“Missing”');
        expect(after).toContain('  tier Missing {\n  }');
    });

    it('does not depend on the kind word: a diagnostic whose words changed still gets the fix', async () => {
        const reworded = (d: Diagnostic): Diagnostic => {
            const data = d.data as { args: Record<string, string> };
            return { ...d, message: 'reworded', data: { ...data, args: { ...data.args, kind: 'Stufe' } } };
        };
        for (const lang of ['en', 'zh-CN'] as const) {
            const { create } = await createTier(lang, reworded);
            expect(create?.title, lang).toBe(lang === 'en' ? 'Create tier "Missing"' : '创建层级“Missing”');
        }
    });

    it('offers no tier for a reference that looked for something else, whatever its words say', async () => {
        const asPlatform = (d: Diagnostic): Diagnostic => ({
            ...d,
            data: { ...(d.data as object), referenceType: 'Platform', args: { kind: '层级', name: 'Missing', hint: '' } },
        });
        const { create } = await createTier('zh-CN', asPlatform);
        expect(create).toBeUndefined();
    });
});
