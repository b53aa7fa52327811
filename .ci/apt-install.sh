#!/usr/bin/env bash
# Installs Debian packages for a test requirement (used by .ci/faketime.sh and .ci/chromium.sh): as root, or via sudo;
# the package lists are updated only when the first try fails. Usage: .ci/apt-install.sh NAME PACKAGE...
set -euo pipefail
name=$1; shift
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "$name: needs root to install $*" >&2; exit 1; fi
else
  SUDO=
fi
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null \
  || { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null; }
