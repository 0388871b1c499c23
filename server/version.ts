// The server's version (package.json's, set by esbuild) and its command-line help.
declare const __VERSION__: string | undefined;

export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';

export function usage(): string {
    return [
        `community-language-server ${VERSION}: the language server for .community plans.`,
        '',
        'Usage: community-language-server [--stdio | --node-ipc | --socket=<port> | --pipe=<name>]',
        '',
        '  --stdio          talk LSP over stdin/stdout (the default; what Neovim, Emacs, Helix, Sublime and Zed use)',
        '  --node-ipc       talk over Node IPC (what the VS Code extension uses)',
        '  --socket=<port>  connect to a client listening on a TCP port',
        '  --pipe=<name>    connect to a client listening on a named pipe or socket file',
        '  --version        print the version and exit',
        '',
    ].join('\n');
}

/** Answers `--version`/`-v` and `--help`/`-h` and exits; any other arguments return (the plain bundle and the snapshot share this). */
export function answerVersionOrHelp(args: readonly string[]): void {
    if (args.includes('--version') || args.includes('-v')) {
        process.stdout.write(`community-language-server ${VERSION}\n`);
        process.exit(0);
    }
    if (args.includes('--help') || args.includes('-h')) {
        process.stdout.write(usage());
        process.exit(0);
    }
}
