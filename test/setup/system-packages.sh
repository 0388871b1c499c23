#!/usr/bin/env bash
# Debian packages the test suite needs, installed when missing (idempotent): `npm run setup:system`,
# once per machine; .ci/run runs it before the tests.
# Chromium opens the HTML reports headless, and a CJK font lets Chinese text render in screenshots;
# python3-openpyxl reads the xlsx exports back, poppler-utils (pdfinfo, pdftotext) checks report.pdf;
# python3-icalendar is the second, independent parser of the .ics files (test/security).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || need+=(fonts-wqy-microhei)
dpkg -s python3-openpyxl >/dev/null 2>&1 || need+=(python3-openpyxl)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
dpkg -s python3-icalendar >/dev/null 2>&1 || need+=(python3-icalendar)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null 2>&1; then
  echo "The tests need these Debian packages: ${need[*]}. Install them with: apt-get install -y ${need[*]}" >&2
  exit 1
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
echo "[test setup] apt-get install ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
