// Per-process settings the language services read: message language, workspace roots, which checks
// are reported and workspace-wide platform-limit overrides. The CLI sets them from flags; the server
// from the client's initialize request and `community.*` configuration (server/settings-sync.ts).
import { diagnostics, type DiagnosticCode, type Lang } from '../engine/diagnostics.js';
import { maxFileBytesFromEnv } from './limits.js';
import type { PunctuationStyle } from './punctuation.js';

/**
 * The check groups of the `community.checks` setting and the codes each one silences. Syntax errors,
 * unknown names and structural errors are not in any group: they cannot be switched off.
 */
export const CHECK_GROUPS = {
    units: ['unknown-unit', 'wrong-unit', 'missing-period', 'currency-mismatch', 'out-of-range', 'bad-range', 'bad-uncertainty'],
    schedule: [
        'bad-date',
        'bad-time',
        'bad-timezone',
        'date-outside-horizon',
        'until-before-from',
        'offline-overlap',
        'post-outside-active-hours',
        'cadence-fatigue',
        'promo-heavy',
    ],
    flows: ['self-flow', 'outflow-over-100', 'no-entry-tier'],
    imports: ['import-missing', 'import-outside-workspace', 'import-cycle', 'import-not-community'],
    platformLimits: ['group-outgrown', 'qr-join-cap', 'discord-limit', 'wecom-mass-messages'],
    compliance: ['lottery-top-prize', 'lottery-disclosure', 'induced-sharing', 'data-consent', 'sensitive-data', 'sweepstakes-free-entry', 'ad-label-missing'],
} as const satisfies Record<string, readonly DiagnosticCode[]>;

export type CheckGroup = keyof typeof CHECK_GROUPS;

/** Codes that are always reported, whatever the settings say. */
const ALWAYS_ON = new Set<string>(['syntax-error', 'unresolved-reference']);

/** Platform kind → limit key → value, as read from the workspace's overrides file. */
export type PlatformLimitOverrides = Record<string, Record<string, number>>;

export class CommunitySettings {
    /** Language of diagnostic messages. */
    lang: Lang = 'en';
    /** Folders imports may not leave (file-system paths). Empty: no restriction is known yet. */
    roots: string[] = [];
    /** Resolves symlinks so an import cannot leave the workspace through one; identity by default. */
    realPath: (fsPath: string) => string = (p) => p;
    /** Diagnostic codes that are not reported (filtered by the document validator). */
    disabledCodes: ReadonlySet<string> = new Set();
    /** Workspace-wide platform limits over engine/platforms.ts; a plan's own `limit` still wins. */
    platformLimits: PlatformLimitOverrides = {};
    /** `community.format.expandOneLineGroups`: the formatter expands blocks written on one line too. */
    expandOneLineGroups = false;
    /** `community.format.punctuation`: the formatter writes punctuation half-width, full-width where Chinese prose does, or as written (punctuation.ts). */
    punctuation: PunctuationStyle = 'keep';
    /** Largest plan file read (bytes); bigger files get `file-too-large` and are not parsed (limits.ts). */
    maxFileBytes: number = maxFileBytesFromEnv();

    isReported(code: unknown): boolean {
        return typeof code !== 'string' || !this.disabledCodes.has(code);
    }

    /** The workspace overrides of one platform kind (empty when there are none). */
    limitsFor(kind: string): Readonly<Record<string, number>> {
        return this.platformLimits[kind] ?? NO_LIMITS;
    }
}

const NO_LIMITS: Readonly<Record<string, number>> = Object.freeze({});

/**
 * The codes switched off by a `community.checks` value: `{ "<group>": false }` silences a group
 * (see CHECK_GROUPS), `{ "<code>": false }` a single code. Anything else is ignored.
 */
export function disabledCodesFrom(checks: unknown): Set<string> {
    const disabled = new Set<string>();
    if (typeof checks !== 'object' || checks === null || Array.isArray(checks)) return disabled;
    for (const [key, on] of Object.entries(checks as Record<string, unknown>)) {
        if (on !== false) continue;
        if (key in CHECK_GROUPS) for (const code of CHECK_GROUPS[key as CheckGroup]) disabled.add(code);
        else if (key in diagnostics && !ALWAYS_ON.has(key)) disabled.add(key);
    }
    return disabled;
}
