// The language server's V8 startup snapshot, out/server/snapshot.blob: esbuild.mjs bundles this file
// into out/server/snapshot.cjs (beside server.cjs, so the worker paths are the same) and runs `node
// --snapshot-blob out/server/snapshot.blob --build-snapshot out/server/snapshot.cjs <example plans>`.
// The heap it leaves holds the server bundle evaluated, the connection and every service with the
// document parser and lexer built, on a channel that is not there yet (deferred-transport.ts), and
// the bytecode of parsing and checking a plan (the examples are checked once by throw-away services).
// A process started with `--snapshot-blob out/server/snapshot.blob` (the VS Code client, or
// server/launch.ts) runs the function given to setDeserializeMainFunction: it answers --version and
// --help, opens the editor's channel and attaches it — from there the session is server/main.ts's.
import * as v8 from 'node:v8';
import { eagerLoad, URI } from 'langium';
import { NodeFileSystem } from 'langium/node';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { createCommunityLspServices } from '../language/lsp/lsp-module.js';
import { maxFileBytesFromEnv } from '../language/limits.js';
import { DeferredReader, DeferredWriter } from './deferred-transport.js';
import { consoleToStderr, prepareServer, startSession } from './session.js';
import { openTransport } from './transport.js';
import { answerVersionOrHelp } from './version.js';

/** Parses and checks the plans with services of their own (dropped after): compiles the code the first diagnostics run. */
async function warmUp(plans: string[]): Promise<void> {
    for (const lang of ['en', 'zh-CN'] as const) {
        const { shared, Community } = createCommunityLspServices({ ...NodeFileSystem, editorFeatures: false });
        Community.community.Settings.lang = lang;
        const documents = plans.map((p) => shared.workspace.LangiumDocumentFactory.fromString(readFileSync(p, 'utf8'), URI.file(p)));
        for (const d of documents) shared.workspace.LangiumDocuments.addDocument(d);
        await shared.workspace.DocumentBuilder.build(documents, { validation: true });
    }
    await warmWorkspaceListing(plans);
}

/**
 * Lists the plans' folders and reads one plan the way the server lists and reads a workspace at
 * start-up (Langium's workspace manager, fs.promises): Node loads fs.promises and what it needs on
 * first use (~15 ms in a profile of the first diagnostics), and the listing's code compiles.
 */
async function warmWorkspaceListing(plans: string[]): Promise<void> {
    const { shared } = createCommunityLspServices({ ...NodeFileSystem, editorFeatures: false });
    for (const folder of new Set(plans.map((p) => dirname(p)))) await shared.workspace.WorkspaceManager.searchFolder(URI.file(folder));
    if (plans.length > 0) await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.file(plans[0]));
}

/** vscode-languageserver ends the server when the editor named by --clientProcessId is gone; it reads argv when it loads, which was at build time. */
function endWithClient(args: string[]): void {
    for (let i = 0; i < args.length; i++) {
        const [flag, value] = args[i].split('=', 2);
        if (flag !== '--clientProcessId') continue;
        const pid = Number.parseInt(value ?? args[i + 1], 10);
        if (Number.isNaN(pid)) return;
        setInterval(() => {
            try {
                process.kill(pid, 0);
            } catch {
                process.exit(1);
            }
        }, 3000).unref();
        return;
    }
}

const reader = new DeferredReader();
const writer = new DeferredWriter();

void warmUp(process.argv.slice(2)).then(() => {
    const server = prepareServer(reader, writer);
    // Built now rather than on `initialize` (Langium's eager load, which then finds them made): every
    // service, among them the document parser and lexer, and DefaultReferences, which walks the
    // whole grammar in its constructor.
    eagerLoad(server.shared);
    for (const language of server.shared.ServiceRegistry.all) eagerLoad(language);
    v8.startupSnapshot.setDeserializeMainFunction(() => {
        // argv is [node, <script>, …arguments]: the VS Code client forks out/server/main.cjs with the
        // blob in execArgv, server/launch.ts passes its own script.
        const args = process.argv.slice(2);
        answerVersionOrHelp(args);
        // Read from the environment when the settings were made, at build time: read again for this run.
        server.Community.community.Settings.maxFileBytes = maxFileBytesFromEnv();
        consoleToStderr();
        endWithClient(args);
        const transport = openTransport(args);
        reader.attach(transport.reader);
        writer.attach(transport.writer);
        startSession(server);
    });
});
