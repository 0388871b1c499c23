// Langium's registry wraps every check in two async functions so that a check that throws becomes
// a diagnostic instead of ending the validation. Almost all of our checks are synchronous, and that
// wrapper made each call on each node allocate and await several promises (~40 MB per validation
// of a 20,000-line plan, and a suspended walk per node). This wrapper keeps Langium's handling —
// a cancellation passes through, any other error is logged and reported on the node — and returns a
// promise only for a check that returned one.
import { isOperationCancelled, ValidationRegistry, type ValidationAcceptor, type ValidationCheck } from 'langium';
import type { AstNode } from 'langium';

const CONTEXT = 'An error occurred during validation';

/** A promise of any kind (another realm's, a library's thenable): what `await` would wait for. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
    return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof (value as { then?: unknown }).then === 'function';
}

export class CommunityValidationRegistry extends ValidationRegistry {
    protected override wrapValidationException(check: ValidationCheck, thisObj: unknown): ValidationCheck {
        return (node: AstNode, accept: ValidationAcceptor, cancelToken) => {
            let result: unknown;
            try {
                result = check.call(thisObj, node, accept, cancelToken);
            } catch (err) {
                if (isOperationCancelled(err)) throw err;
                return this.handleException(() => Promise.reject(err), CONTEXT, accept, node);
            }
            if (isThenable(result)) return this.handleException(() => result as PromiseLike<void> as Promise<void>, CONTEXT, accept, node);
            return undefined;
        };
    }
}
