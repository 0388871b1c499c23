// Shared by the bin scripts: Langium 4 needs Node 22+ (Object.groupBy); say so in one line, with how
// to get a newer Node, instead of failing later with a stack trace (an editor shows only "server died").
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    const name = process.argv[1] ? require('path').basename(process.argv[1], '.cjs') : 'community';
    process.stderr.write(
        `${name}: Node.js 22 or newer is needed, but this is Node.js ${process.version}. ` +
            'Install Node 22+ (your package manager, nodejs.org, or nvm install 24), ' +
            `or run it with Node 24 fetched by npm: npx -p node@24 ${name} …` +
            (name === 'community-language-server' ? '; editors can also use the standalone server (npm run build:standalone), which needs no Node.' : '.') +
            '\n',
    );
    process.exit(2);
}
