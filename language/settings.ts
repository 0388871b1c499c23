// Per-process settings the language services read: message language and workspace roots.
// The CLI sets them from flags; the server from the client's initialize request.
import type { Lang } from '../engine/diagnostics.js';

export class CommunitySettings {
    /** Language of diagnostic messages. */
    lang: Lang = 'en';
    /** Folders imports may not leave (file-system paths). Empty: no restriction is known yet. */
    roots: string[] = [];
    /** Resolves symlinks so an import cannot leave the workspace through one; identity by default. */
    realPath: (fsPath: string) => string = (p) => p;
}
