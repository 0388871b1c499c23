#!/usr/bin/env node
// The `community` command: runs the bundled CLI (built by `npm run build`).
require('./require-node.cjs');
require('../out/cli/main.cjs');
