#!/usr/bin/env bash
# Installs libfaketime (Debian package faketime) for the second run of the suite in .ci/run, which moves the
# clock a year ahead. Idempotent: does nothing when the faketime command is already there.
set -euo pipefail
if command -v faketime >/dev/null 2>&1; then
  echo "faketime: $(dpkg-query -W -f='${Version}' faketime 2>/dev/null || echo '(not from a package)') already installed"
  exit 0
fi
"$(dirname "$0")/apt-install.sh" faketime faketime
echo "faketime: installed $(dpkg-query -W -f='${Version}' faketime)"
