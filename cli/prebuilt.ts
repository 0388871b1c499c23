// Language services built ahead of time: the CLI's V8 startup snapshot (cli/entries/check-snapshot.ts)
// builds one set with the parser and lexer already analysed by Chevrotain, so a `check` started from
// the snapshot deserializes them instead of building them. The first loadPlans of the process takes
// them (once: a second load gets fresh services, as without a snapshot); without a snapshot there is
// nothing to take and loadPlans builds its own.
import { NodeFileSystem } from 'langium/node';
import { createCommunityServices, type CommunityServices } from '../language/community-module.js';
import { CommunitySettings } from '../language/settings.js';

export interface Prebuilt {
    settings: CommunitySettings;
    Community: CommunityServices;
}

let spare: Prebuilt | undefined;

/** Builds the services loadPlans would, and what Langium builds lazily on the first parse. */
export function prebuildServices(): void {
    const settings = new CommunitySettings();
    const { Community } = createCommunityServices({ ...NodeFileSystem, settings });
    // Langium's services are lazy: touching them here builds the lexer and the parser (Chevrotain's analysis).
    void Community.parser.Lexer;
    void Community.parser.LangiumParser;
    void Community.shared.workspace.DocumentBuilder;
    spare = { settings, Community };
}

/** The prebuilt services, if any are left, with settings as a fresh CommunitySettings has them now (the environment of this run, not the build's). */
export function takePrebuilt(): Prebuilt | undefined {
    const taken = spare;
    spare = undefined;
    if (taken) Object.assign(taken.settings, new CommunitySettings());
    return taken;
}
