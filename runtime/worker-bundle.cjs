// Entry of out/runtime/simulation-worker.cjs (esbuild.mjs): piscina's worker runtime and the task
// handler in one file. The bundled pool starts this file as its worker (esbuild.mjs points piscina
// here) and names it again as the task file, so the handler's piscina (which marks results whose
// buffers move) is the very copy the runtime checks the mark with.
require('../node_modules/piscina/dist/worker.js');
module.exports = require('./simulation-worker.ts').default;
