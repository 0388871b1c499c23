// The `community.*` settings the VS Code client sends, honoured by the real server process over
// stdio: checks switched off are not reported, the message language switches at runtime through
// workspace/didChangeConfiguration, and a platform-limit overrides file changes the limits the
// checks use (a plan's own `limit` still wins) or is reported clearly when it is wrong.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, until, type PublishedDiagnostic, type Server } from './server-process.js';

const PLAN = `plan "T" {
  start 2027-01-04
  horizon 8 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 100000 CNY
  team 2 people, 40 hours per week each
  market CN
}
platform Groups "微信群" { kind wechat-group GROUP }
audience Workers { size 100000  active 07:00-09:00, 19:00-23:00 }
community C {
  platform Groups
  audience Workers
  tier A { entry invite  seed 300 members  churn 1% per month }
  content Tips { kind educational  every day at 14:00 }
  activity D { online lottery  on 2027-01-20
    lottery { top prize 60000 CNY  odds "1 in 100"  draw on 2027-01-31  redemption "Online" }
  }
}
`;

function workspace(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), 'community-settings-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    return dir;
}

const codes = (list: PublishedDiagnostic[] | undefined) => (list ?? []).map((d) => d.code);

let server: Server | undefined;
afterEach(async () => {
    await server?.stop();
    server = undefined;
});

/** Waits for the slow checks (group-outgrown is one) to have been published after the fast ones. */
async function settled(s: Server, uri: string, present: (list: PublishedDiagnostic[]) => boolean): Promise<PublishedDiagnostic[]> {
    return until(
        () => {
            const list = s.latest(uri);
            return list && present(list) ? list : undefined;
        },
        20_000,
        `diagnostics of ${uri}`,
    );
}

describe('community.checks', () => {
    it('does not report the codes of a group switched off, and reports them again when it is switched on', async () => {
        const text = PLAN.replace(' GROUP', '');
        const dir = workspace({ 'plan.community': text });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', checks: { compliance: false, platformLimits: true } } });
        await server.open(uri, text);
        // Other checks still run: the active-hours one is there, the lottery one is not.
        const first = await settled(server, uri, (l) => codes(l).includes('post-outside-active-hours'));
        expect(codes(first)).not.toContain('lottery-top-prize');
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { community: { checks: { compliance: true } } } });
        const again = await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        expect(again.find((d) => d.code === 'lottery-top-prize')?.message).toMatch(/above the ¥50,000 cap/);
    });

    it('silences a single code named in the setting', async () => {
        const text = PLAN.replace(' GROUP', '');
        const dir = workspace({ 'plan.community': text });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', checks: { 'lottery-top-prize': false } } });
        await server.open(uri, text);
        const list = await settled(server, uri, (l) => codes(l).includes('post-outside-active-hours'));
        expect(codes(list)).not.toContain('lottery-top-prize');
    });
});

describe('community.language', () => {
    it('switches the message language at runtime and re-validates open documents', async () => {
        const text = PLAN.replace(' GROUP', '');
        const dir = workspace({ 'plan.community': text });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' } });
        await server.open(uri, text);
        const en = await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        expect(en.find((d) => d.code === 'lottery-top-prize')!.message).toMatch(/Top prize/);
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { community: { language: 'zh-CN' } } });
        const zh = await settled(server, uri, (l) => /奖/.test(l.find((d) => d.code === 'lottery-top-prize')?.message ?? ''));
        expect(zh.find((d) => d.code === 'lottery-top-prize')!.message).not.toMatch(/Top prize/);
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { community: { language: 'en' } } });
        await settled(server, uri, (l) => /Top prize/.test(l.find((d) => d.code === 'lottery-top-prize')?.message ?? ''));
    });

    it('follows a pulled configuration change (didChangeConfiguration without settings)', async () => {
        const text = PLAN.replace(' GROUP', '');
        const dir = workspace({ 'plan.community': text });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' }, configuration: { language: 'en' } });
        await server.open(uri, text);
        await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        server.configuration = { language: 'zh-CN' };
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
        await settled(server, uri, (l) => /奖/.test(l.find((d) => d.code === 'lottery-top-prize')?.message ?? ''));
    });
});

describe('community.platformLimits', () => {
    const text = PLAN.replace(' GROUP', '');

    it('overrides the built-in group capacity from a JSON file relative to the workspace', async () => {
        const dir = workspace({ 'plan.community': text, 'limits.json': JSON.stringify({ 'wechat-group': { 'group-capacity': 100 } }) });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', platformLimits: 'limits.json' } });
        await server.open(uri, text);
        // 300 members fit one 500-member group; with the file's cap of 100 they need 3 or more groups.
        const list = await settled(server, uri, (l) => codes(l).includes('group-outgrown'));
        expect(list.find((d) => d.code === 'group-outgrown')!.message).toMatch(/above the 100-member cap/);
    });

    it("lets the plan's own limit win over the file", async () => {
        const own = PLAN.replace(' GROUP', '  group capacity 1000');
        const dir = workspace({ 'plan.community': own, 'limits.json': JSON.stringify({ 'wechat-group': { 'group-capacity': 100 } }) });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', platformLimits: 'limits.json' } });
        await server.open(uri, own);
        // Wait for the slow checks: the lottery check is fast, kpi/group checks come after the pause
        // (community/settled answers once they have run and been published).
        await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        await server.connection.sendRequest('community/settled');
        expect(codes(server.latest(uri))).not.toContain('group-outgrown');
    });

    it('applies a file named later through didChangeConfiguration', async () => {
        const dir = workspace({ 'plan.community': text, 'limits.json': JSON.stringify({ 'wechat-group': { 'group-capacity': 100 } }) });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en' } });
        await server.open(uri, text);
        await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        await server.connection.sendRequest('community/settled');
        expect(codes(server.latest(uri))).not.toContain('group-outgrown');
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { community: { platformLimits: 'limits.json' } } });
        await settled(server, uri, (l) => codes(l).includes('group-outgrown'));
    });

    it('reports a wrong file on the file itself and in a message, and keeps the built-in limits', async () => {
        const bad = '{\n  "wechat-group": { "group-capacity": 100 },\n  "wechat-grup": { "group-capacity": 50 }\n}\n';
        const dir = workspace({ 'plan.community': text, 'limits.json': bad });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        const limitsUri = pathToFileURL(join(dir, 'limits.json')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', platformLimits: 'limits.json' } });
        const problem = await until(() => server!.latest(limitsUri)?.[0], 10_000, 'a diagnostic on limits.json');
        expect(problem.message).toMatch(/unknown platform kind "wechat-grup"/);
        expect(problem.range.start.line).toBe(2);
        const message = await until(() => server!.messages.find((m) => m.type === 1), 10_000, 'an error message');
        expect(message.message).toMatch(/wechat-grup.*built-in platform limits are used/s);
        await server.open(uri, text);
        await settled(server, uri, (l) => codes(l).includes('lottery-top-prize'));
        await server.connection.sendRequest('community/settled');
        expect(codes(server.latest(uri))).not.toContain('group-outgrown');
    });

    it('reports a value that is not a number and a file that is not JSON', async () => {
        const dir = workspace({
            'plan.community': text,
            'limits.json': '{ "wechat-group": { "group-capacity": "many" } }',
            'broken.json': '{ "wechat-group": ',
        });
        server = await startServer(dir, { initializationOptions: { lang: 'en', platformLimits: 'limits.json' } });
        const limitsUri = pathToFileURL(join(dir, 'limits.json')).href;
        const problem = await until(() => server!.latest(limitsUri)?.[0], 10_000, 'a diagnostic on limits.json');
        expect(problem.message).toMatch(/wechat-group\.group-capacity.*expected number/i);
        await server.connection.sendNotification('workspace/didChangeConfiguration', { settings: { community: { platformLimits: 'broken.json' } } });
        const brokenUri = pathToFileURL(join(dir, 'broken.json')).href;
        const notJson = await until(() => server!.latest(brokenUri)?.[0], 10_000, 'a diagnostic on broken.json');
        expect(notJson.message).toMatch(/not valid JSON/);
        // The previous file's diagnostic is cleared.
        expect(server.latest(limitsUri)).toEqual([]);
    });
});

describe('community/settled', () => {
    /** A server with a plan open whose slow check (group-outgrown) is still to come: its first diagnostics. */
    async function openedBeforeTheSlowChecks(): Promise<{ uri: string; first: PublishedDiagnostic[] }> {
        const text = PLAN.replace(' GROUP', '');
        const dir = workspace({ 'plan.community': text, 'limits.json': JSON.stringify({ 'wechat-group': { 'group-capacity': 100 } }) });
        const uri = pathToFileURL(join(dir, 'plan.community')).href;
        server = await startServer(dir, { initializationOptions: { lang: 'en', platformLimits: 'limits.json' } });
        await server.open(uri, text);
        // The fast checks come first (the lottery's); group-outgrown is a slow one, 250 ms after.
        return { uri, first: await until(() => server!.latest(uri), 20_000, 'the first diagnostics') };
    }

    it('answers once the slow checks that follow the first diagnostics have been published', async () => {
        const { uri, first } = await openedBeforeTheSlowChecks();
        await server!.connection.sendRequest('community/settled');
        expect(codes(first)).toContain('lottery-top-prize');
        expect(codes(first)).not.toContain('group-outgrown');
        expect(codes(server!.latest(uri))).toContain('group-outgrown');
    });
});
