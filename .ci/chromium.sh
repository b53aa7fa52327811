#!/usr/bin/env bash
# Installs Debian's Chromium and its driver for the console's browser test (runtime/ConsoleBrowserIT, Selenium with
# /usr/bin/chromium and /usr/bin/chromedriver named, so nothing is downloaded at run time). Idempotent: does nothing
# when both are already there.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "chromium: chromium $(dpkg-query -W -f='${Version}' chromium 2>/dev/null || echo '(not from a package)') and its driver already installed"
  exit 0
fi
"$(dirname "$0")/apt-install.sh" chromium chromium chromium-driver
echo "chromium: installed chromium $(dpkg-query -W -f='${Version}' chromium) and chromium-driver"
