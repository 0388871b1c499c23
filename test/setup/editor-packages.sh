#!/usr/bin/env bash
# Debian packages `npm run test:editors` drives (idempotent; .ci/run calls it): Neovim (0.7.2 on
# Debian 12) and Emacs without X with eglot (elpa-eglot 1.9) and lsp-mode (elpa-lsp-mode 8.0).
set -euo pipefail
need=()
command -v nvim >/dev/null 2>&1 || need+=(neovim)
command -v emacs >/dev/null 2>&1 || need+=(emacs-nox)
dpkg -s elpa-eglot >/dev/null 2>&1 || need+=(elpa-eglot)
dpkg -s elpa-lsp-mode >/dev/null 2>&1 || need+=(elpa-lsp-mode)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "The editor tests need these Debian packages: ${need[*]}. Install them with: apt-get install -y ${need[*]}" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "[test setup] apt-get install ${need[*]}"
# Another apt run may hold the lock for a while: wait for it rather than fail.
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  if $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null; then exit 0; fi
  echo "[test setup] apt-get failed (attempt $attempt); retrying in 15 s" >&2
  sleep 15
done
exit 1
