// What the preview's webview may ask the extension to open. The webview is a less trusted place
// (it renders plan text): a `reveal` message or a restored state must not open an arbitrary URI
// (another file, a remote or command URI) or a nonsensical position. No vscode import, so it is unit-tested.
import type { SourceRef } from '../../../protocol/forecast.js';

/** Largest line or column accepted (far above any plan file, well below what VS Code chokes on). */
export const MAX_POSITION = 10_000_000;

/** Every `source.uri` in a forecast result: the previewed plan and the files it imports. */
export function sourceUris(result: unknown, into = new Set<string>()): Set<string> {
    const stack: unknown[] = [result];
    while (stack.length > 0) {
        const value = stack.pop();
        if (Array.isArray(value)) stack.push(...value);
        else if (value && typeof value === 'object') {
            for (const [key, v] of Object.entries(value)) {
                if (key === 'source' && v && typeof v === 'object' && typeof (v as SourceRef).uri === 'string') into.add((v as SourceRef).uri);
                else if (v && typeof v === 'object') stack.push(v);
            }
        }
    }
    return into;
}

/** The source to reveal, if it names one of `allowed` and a valid position; else undefined. */
export function acceptedReveal(source: unknown, allowed: ReadonlySet<string>): SourceRef | undefined {
    if (!source || typeof source !== 'object') return undefined;
    const { uri, line, character } = source as Record<string, unknown>;
    if (typeof uri !== 'string' || !allowed.has(uri)) return undefined;
    const position = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0 && (n as number) <= MAX_POSITION;
    return position(line) && position(character) ? { uri, line, character } : undefined;
}

/**
 * The plan a restored preview may reopen: a file (or untitled) .community URI inside one of the
 * workspace folders (URI strings), else undefined.
 */
export function restorableUri(state: unknown, workspaceFolders: readonly string[]): string | undefined {
    const uri = (state as { uri?: unknown } | undefined)?.uri;
    if (typeof uri !== 'string') return undefined;
    const match = /^(file|untitled):/.exec(uri);
    if (!match || !/\.community$/i.test(uri.split(/[?#]/)[0]) || /[?#]/.test(uri)) return undefined;
    if (match[1] === 'untitled') return uri;
    // No ".." segments: the folder prefix must really contain the file.
    if (/(^|\/)(\.\.|%2e%2e)(\/|$)/i.test(uri)) return undefined;
    return workspaceFolders.some((f) => uri.startsWith(f.endsWith('/') ? f : `${f}/`)) ? uri : undefined;
}
