#!/usr/bin/env node
// The `community-language-server` command: LSP over --stdio (or node IPC when started by VS Code).
require('./require-node.cjs');
require('../out/server/main.cjs');
