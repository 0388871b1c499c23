// The checks' wrapper (language/validation/registry.ts): a synchronous check runs without a promise,
// and a check that fails still becomes an error diagnostic on its node, as with Langium's wrapper,
// whether it throws or its promise rejects.
import { OperationCancelled, URI, type AstNode, type ValidationAcceptor } from 'langium';
import { parseHelper } from 'langium/test';
import { CancellationToken } from 'vscode-languageserver';
import { describe, expect, it, vi } from 'vitest';
import type { Model } from '../../language/generated/ast.js';
import { makeServices, PLAN_HEADER } from '../helpers/language.js';

function servicesWith(checks: Record<string, (node: AstNode, accept: ValidationAcceptor) => unknown>) {
    const services = makeServices();
    services.Community.validation.ValidationRegistry.register(checks as never, undefined, 'fast');
    return services;
}

describe('validation checks', () => {
    it('a synchronous check returns no promise', () => {
        const services = servicesWith({ Plan: () => undefined });
        const [check] = services.Community.validation.ValidationRegistry.getChecks('Plan', ['fast']).toArray().slice(-1);
        const doc = services.shared.workspace.LangiumDocumentFactory.fromString(PLAN_HEADER, URI.parse('memory:/a.community'));
        expect(check(doc.parseResult.value as AstNode, () => undefined, CancellationToken.None)).toBeUndefined();
    });

    it.each([
        [
            'throws',
            () => {
                throw new Error('boom');
            },
        ],
        ['rejects', () => Promise.reject(new Error('boom'))],
        // A thenable that is no native Promise (another realm's, a library's) is awaited too.
        ['returns a failing thenable', () => ({ then: (_ok: () => void, fail: (e: Error) => void) => fail(new Error('boom')) })],
    ])('a check that %s becomes an error on its node, and the other checks still run', async (_how, failing) => {
        const seen: string[] = [];
        const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
        const services = servicesWith({
            Plan: [failing, (node: AstNode, accept: ValidationAcceptor) => accept('warning', 'after the failure', { node })],
        } as never);
        const doc = await parseHelper<Model>(services.Community)(PLAN_HEADER, { validation: true });
        for (const d of doc.diagnostics ?? []) seen.push(`${d.severity} ${d.range.start.line}:${d.message}`);
        error.mockRestore();
        expect(seen).toContain('1 0:An error occurred during validation: boom');
        expect(seen).toContain('2 0:after the failure');
    });

    it('a cancellation inside a check cancels the validation instead of becoming a diagnostic', async () => {
        const services = servicesWith({
            Plan: () => {
                throw OperationCancelled;
            },
        });
        const doc = services.shared.workspace.LangiumDocumentFactory.fromString(PLAN_HEADER, URI.parse('memory:/c.community'));
        services.shared.workspace.LangiumDocuments.addDocument(doc);
        await expect(services.shared.workspace.DocumentBuilder.build([doc], { validation: true })).rejects.toBe(OperationCancelled);
    });
});
