#!/usr/bin/env bash
# The browser tests need chromium and CJK fonts. Install Debian's packages where this machine
# allows it (root with apt-get); otherwise say exactly what is missing and how to get it.
# The browser is Debian's chromium-headless-shell (a third less CPU than full chromium for the
# same checks, tools/browser.py); a machine that only has full chromium runs the tests in it.
set -euo pipefail

can_install() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; }

missing=()
if [ -z "${CHROMIUM:-}" ] && ! command -v chromium-headless-shell >/dev/null 2>&1 \
    && { can_install || ! command -v chromium >/dev/null 2>&1; }; then
  missing+=(chromium-headless-shell)
fi
# grep reads the whole list (no -q): with pipefail, a grep that quits at the first match makes
# fc-list die of SIGPIPE, and the fonts looked missing on every other run.
if ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then
  missing+=(fonts-noto-cjk)
fi
[ ${#missing[@]} -eq 0 ] && exit 0

if can_install; then
  echo "installing ${missing[*]} for the browser tests (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  exit 0
fi

echo "The browser tests need: ${missing[*]}." >&2
echo "Install them with:  sudo apt-get install ${missing[*]}" >&2
echo "(or point CHROMIUM=/path/to/chromium at a Chromium you already have)." >&2
exit 1
