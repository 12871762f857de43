#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed for the Playwright tests.
# Playwright cannot download its own browser on these machines (`npx playwright install` fails), so
# the tests launch the Debian package: executablePath $CHROMIUM_PATH, default /usr/bin/chromium.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "install-chromium: found $CHROMIUM ($("$CHROMIUM" --version 2>/dev/null | head -n1 || true))"
  exit 0
fi

if [ -n "${CHROMIUM_PATH:-}" ]; then
  echo "install-chromium: CHROMIUM_PATH=$CHROMIUM_PATH is not an executable; unset it to install Debian's chromium" >&2
  exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo -n)   # non-interactive: fail rather than hang on a password prompt
else
  echo "install-chromium: /usr/bin/chromium is missing and we are neither root nor have sudo;" >&2
  echo "  install it with: apt-get install chromium   (or set CHROMIUM_PATH)" >&2
  exit 1
fi

echo "install-chromium: installing Debian's chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${SUDO[@]}" apt-get update
# With what chromium recommends (fonts-liberation among them: fonts decide how wide text renders,
# which the layout tests measure). Installing without the recommends would save ~45 MB, but it has
# never been tried on a fresh CI machine; npm test runs this in the background, off the critical path.
"${SUDO[@]}" apt-get install -y chromium

if [ ! -x "$CHROMIUM" ]; then
  echo "install-chromium: apt-get finished but $CHROMIUM is still missing" >&2
  exit 1
fi
echo "install-chromium: installed ($("$CHROMIUM" --version 2>/dev/null | head -n1 || true))"
