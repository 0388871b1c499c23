#!/usr/bin/env bash
# `npm run test:editors`: the language server the way users of other editors install it, driven by
# real editors, headless.
#  1. `npm pack` → `npm install -g` into a temporary prefix: `community` and
#     `community-language-server` on PATH; --version on Node 24; a clear message on an old Node.
#  2. The standalone server (`npm run build:standalone`): --version with no Node on PATH at all.
#  3. Neovim 0.7 (Debian's neovim, vim.lsp.start_client as in the README) with the installed command.
#  4. Emacs + eglot (emacs-nox + elpa-eglot, eglot-ensure as in the README) with the standalone
#     server and a PATH without Node.
#  5. Emacs + lsp-mode (elpa-lsp-mode 8.0, lsp-deferred as in the README) with the installed command.
# Each editor checks diagnostics, hover, completion, definition, rename and formatting.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
bash test/setup/editor-packages.sh

# The project's Node 24 (the `node` devDependency); `npm run` puts it first on PATH already.
NODE24="$ROOT/node_modules/node/bin/node"
"$NODE24" esbuild.mjs
TMP=$(mktemp -d "${TMPDIR:-/tmp}/community-editors-XXXXXX")
trap 'rm -rf "$TMP"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

# 1. The npm package, installed globally.
npm pack --silent --pack-destination "$TMP" >/dev/null
TARBALL=$(ls "$TMP"/community-plans-*.tgz)
npm install -g --prefix "$TMP/prefix" "$TARBALL" --prefer-offline --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
for cmd in community community-language-server; do
  [ -x "$TMP/prefix/bin/$cmd" ] && ok "npm install -g puts $cmd on PATH" || bad "npm install -g puts $cmd on PATH"
done
NODE24_PATH="$TMP/prefix/bin:$(dirname "$NODE24"):/usr/bin:/bin"
version=$(PATH="$NODE24_PATH" community-language-server --version)
[ "$version" = "community-language-server $(node -p 'require("./package.json").version')" ] && ok "installed community-language-server --version on Node 24 ($version)" || bad "installed --version on Node 24: $version"
PATH="$NODE24_PATH" community --version >/dev/null && ok "installed community --version on Node 24" || bad "installed community --version on Node 24"
# Node 22, the oldest supported, through the route the old-Node message offers (npx fetches it from the registry).
version=$(cd "$TMP" && PATH="$TMP/prefix/bin:/usr/bin:/bin" npx --yes --prefer-offline -p node@22 community-language-server --version 2>&1 | tail -1)
[ "$version" = "community-language-server $(node -p 'require("./package.json").version')" ] && ok "installed community-language-server --version on Node 22 (npx -p node@22)" || bad "installed --version on Node 22: $version"
# An old Node first on PATH (the machine's, when it is older than 22): one clear message, exit 2.
OLD_NODE=""
for candidate in /usr/bin/node /usr/local/bin/node; do
  if [ -x "$candidate" ] && [ "$("$candidate" -p 'process.versions.node.split(".")[0]')" -lt 22 ]; then OLD_NODE=$candidate; break; fi
done
if [ -n "$OLD_NODE" ]; then
  OLD_BIN="$TMP/old-node"; mkdir -p "$OLD_BIN"; ln -s "$OLD_NODE" "$OLD_BIN/node"
  set +e; message=$(PATH="$TMP/prefix/bin:$OLD_BIN:/usr/bin:/bin" community-language-server --stdio 2>&1 </dev/null); code=$?; set -e
  if [ $code -eq 2 ] && grep -q "Node.js 22 or newer is needed" <<<"$message" && grep -q "npx -p node@24" <<<"$message" && ! grep -q "    at " <<<"$message"; then
    ok "on $("$OLD_NODE" --version) the installed server says which Node it needs and how to get it (exit 2)"
  else
    bad "old Node message (exit $code): $message"
  fi
else
  echo "note: no Node older than 22 on this machine, so the old-Node message is not exercised here"
fi

# 2. The standalone server: no Node on PATH.
"$NODE24" server/standalone.mjs >"$TMP/standalone.log" 2>&1 || { cat "$TMP/standalone.log" >&2; exit 1; }
STANDALONE="$ROOT/out/standalone/community-language-server"
version=$(env -i PATH=/nonexistent "$STANDALONE" --version)
[ "$version" = "community-language-server $(node -p 'require("./package.json").version')" ] && ok "standalone --version with no Node on PATH ($version)" || bad "standalone --version: $version"

# The README's snippets, run as written: the code block after each heading.
snippet() { awk -v h="$1" 'index($0, h) == 1 { f = 1; next } f && /^```/ { if (inb) exit; inb = 1; next } f && inb { print }' README.md; }
snippet "Neovim 0.7–0.10" > "$TMP/init.lua"
snippet "Emacs with eglot" > "$TMP/eglot-init.el"
snippet "Emacs with lsp-mode" > "$TMP/lsp-mode-init.el"
for f in init.lua eglot-init.el lsp-mode-init.el; do [ -s "$TMP/$f" ] || { bad "README snippet for $f not found"; exit 1; }; done

workspace() {
  local ws="$TMP/$1"
  mkdir -p "$ws/shared"
  cp examples/fitness-wechat.community "$ws/plan.community"
  cp examples/shared/platforms.community "$ws/shared/platforms.community"
  git -C "$ws" init -q  # the project root eglot and Neovim users have
  echo "$ws/plan.community"
}

# 3. Neovim with the globally installed command.
FILE=$(workspace neovim)
if PATH="$NODE24_PATH" COMMUNITY_INIT="$TMP/init.lua" COMMUNITY_FILE="$FILE" timeout 180 nvim --headless -u NONE -c "luafile test/editors/neovim.lua" </dev/null; then :; else bad "neovim ($(nvim --version | head -1))"; fi

# 4. Emacs + eglot with the standalone server, and no Node anywhere on PATH.
FILE=$(workspace eglot)
NO_NODE="$TMP/no-node-bin"; mkdir -p "$NO_NODE"
for tool in emacs git; do ln -s "$(command -v $tool)" "$NO_NODE/$tool"; done
ln -s "$STANDALONE" "$NO_NODE/community-language-server"
if timeout 180 env PATH="$NO_NODE" HOME="$TMP/home" COMMUNITY_INIT="$TMP/eglot-init.el" COMMUNITY_FILE="$FILE" emacs --batch -l test/editors/eglot.el 2> "$TMP/emacs.log" </dev/null; then :; else cat "$TMP/emacs.log" >&2; bad "emacs + eglot ($(emacs --version | head -1))"; fi

# 5. Emacs + lsp-mode with the globally installed command (Node 24 on PATH), its own HOME so no
#    session file of the user's is read or written.
FILE=$(workspace lsp-mode)
if timeout 180 env PATH="$NODE24_PATH" HOME="$TMP/home-lsp" COMMUNITY_INIT="$TMP/lsp-mode-init.el" COMMUNITY_FILE="$FILE" emacs --batch -l test/editors/lsp-mode.el 2> "$TMP/lsp-mode.log" </dev/null; then :; else cat "$TMP/lsp-mode.log" >&2; bad "emacs + lsp-mode ($(emacs --version | head -1), lsp-mode $(dpkg-query -W -f '${Version}' elpa-lsp-mode 2>/dev/null))"; fi

if [ $fail -ne 0 ]; then echo "test:editors: FAILED"; exit 1; fi
echo "test:editors: all passed"
