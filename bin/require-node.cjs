// Shared by the bin scripts: Langium 4 needs Node 22+ (Object.groupBy); say so in one line
// instead of failing later with a stack trace.
const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
    process.stderr.write(
        `${process.argv[1] ? require('path').basename(process.argv[1], '.cjs') : 'community'}: Node.js 22 or newer is needed, ` +
            `but this is ${process.version}. Run it through npm (npx community …) in this project, which uses its own Node 24, or install Node 22+.\n`,
    );
    process.exit(2);
}
