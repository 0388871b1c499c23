// Checks of `actuals "file"` (calibration data): the path follows the import rules (relative, inside
// the workspace roots, real paths so symlinks cannot escape), the file exists and reads, and every
// problem of its content is reported on the plan's line with the file's row and column
// (engine/actuals/: the same parser `community calibrate` uses).
import { AstUtils, type ValidationAcceptor } from 'langium';
import { existsSync } from 'node:fs';
import { checkActualsFile } from '../actuals/load.js';
import type * as M from '../../engine/model.js';
import type { CommunityServices } from '../community-module.js';
import * as A from '../generated/ast.js';
import { isInside, resolveImport, unquote } from '../imports.js';
import { planFrameFor } from '../plan-context.js';
import { report, reportStored } from './report.js';

function safeReal(services: CommunityServices, p: string): string {
    try {
        return services.community.Settings.realPath(p);
    } catch {
        return p;
    }
}

/** Why an actuals path may not be read, like an import's (language/imports.ts), or undefined. */
export function actualsRefusal(services: CommunityServices, node: A.Actuals, path: string): 'outside' | undefined {
    if (path.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(path) || /^[a-z]+:/i.test(path)) return 'outside';
    const doc = AstUtils.getDocument(node);
    const target = resolveImport(doc.uri, path);
    const settings = services.community.Settings;
    const roots = (settings.roots.length > 0 ? settings.roots : [resolveImport(doc.uri, '.').fsPath]).map((r) => safeReal(services, r));
    const real = existsSync(target.fsPath) ? safeReal(services, target.fsPath) : target.fsPath;
    return roots.some((root) => isInside(root, real)) ? undefined : 'outside';
}

export function checkActuals(services: CommunityServices, node: A.Actuals, accept: ValidationAcceptor): void {
    if (node.path === undefined) return;
    const lang = services.community.Settings.lang;
    const path = unquote(node.path);
    const doc = AstUtils.getDocument(node);
    if (doc.uri.scheme !== 'file') return;
    if (actualsRefusal(services, node, path) === 'outside') {
        report(
            accept,
            lang,
            'actuals-outside-workspace',
            { path, root: services.community.Settings.roots[0] ?? resolveImport(doc.uri, '.').fsPath },
            { node, property: 'path' },
        );
        return;
    }
    const frame = planFrameFor(services, node);
    if (!frame?.start || !frame.horizonWeeks) return; // the plan block's own checks report what is missing
    const owner = AstUtils.getContainerOfType(node, A.isCommunity);
    const communities = owner ? [owner] : (doc.parseResult.value as A.Model).elements.filter(A.isCommunity);
    const tiers = communities.flatMap((c) => c.tiers.map((t) => ({ name: t.name, flowsFrom: [], demotionsTo: [], benefits: [] })));
    const channels = communities.flatMap((c) => c.channels.map((ch) => ({ name: ch.name })));
    const timezone = frame.plan?.timezone ?? 'UTC';
    const plan = { start: frame.start, horizonWeeks: frame.horizonWeeks, timezone } as M.Plan;
    const community = { tiers, channels } as unknown as M.Community;
    let findings;
    try {
        findings = checkActualsFile(resolveImport(doc.uri, path).fsPath, path, plan, community, node.mapping);
    } catch {
        return; // a plan block the date checks reject (e.g. an impossible start date): they report it
    }
    for (const f of findings.slice(0, 5)) reportStored(accept, lang, f.code, f.args, { node, property: 'path' });
}
