#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the console's browser test (runtime/ConsoleBrowserIT, Selenium with
# /usr/bin/chromium and /usr/bin/chromedriver named, so nothing is downloaded at run time). Idempotent: does nothing
# when both are already there. Debian/Ubuntu, run as root (CI) or via sudo.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium: chromium $(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo '(not from a package)') and its driver already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "chromium: needs root to install chromium and chromium-driver" >&2; exit 1; fi
else
  SUDO=
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
  || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }
echo "chromium: installed chromium $(dpkg-query -W -f='${Version}' chromium) and chromium-driver"
