// Shared by the bin scripts: Langium 4 needs Node 22+ (Object.groupBy); say so, and how to get a
// newer Node, instead of failing later with a stack trace (an editor shows only "server died").
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    const name = process.argv[1] ? require('path').basename(process.argv[1], '.cjs') : 'community';
    process.stderr.write(
        [
            `${name}: Node.js 22 or newer is needed, but this is Node.js ${process.version} (${process.execPath}).`,
            'Get a newer Node.js, then run the command again:',
            '  - from your package manager or https://nodejs.org (22 LTS or 24), or with a version manager: nvm install 24 / fnm install 24',
            '  - through npm alone: npx -p node@24 ' + name + ' …  (npm fetches Node 24 and runs this command with it)',
            'Editors other than VS Code can also use the standalone server, which needs no Node.js at all:',
            '  npm run build:standalone  →  out/standalone/community-language-server (see README, "Other editors").',
            '',
        ].join('\n'),
    );
    process.exit(2);
}
