#!/usr/bin/env bash
# Installs libfaketime (Debian package faketime) for the second run of the suite in .ci/run, which moves the
# clock a year ahead. Idempotent: does nothing when the faketime command is already there.
set -euo pipefail
if command -v faketime >/dev/null 2>&1; then
  echo "faketime: $(dpkg-query -W -f='${Version}' faketime 2>/dev/null || echo '(not from a package)') already installed"
  exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "faketime: needs root to install the faketime package" >&2; exit 1; fi
else
  SUDO=
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime >/dev/null \
  || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends faketime >/dev/null; }
echo "faketime: installed $(dpkg-query -W -f='${Version}' faketime)"
