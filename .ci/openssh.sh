#!/usr/bin/env bash
# Installs the OpenSSH server binary for the real-OpenSSH interoperability test (OpenSshServer in
# src/test/java/org/retro278/sim), without starting or enabling the system ssh service: the test runs
# its own sshd as a child process on a free loopback port. Idempotent: does nothing when
# /usr/sbin/sshd and the sftp server are already there. Debian/Ubuntu, run as root (CI) or via sudo.
set -euo pipefail

if [ -x /usr/sbin/sshd ] && { [ -x /usr/lib/openssh/sftp-server ] || [ -x /usr/libexec/sftp-server ]; }; then
  echo "openssh: openssh-server $(dpkg-query -W -f='${Version}' openssh-server 2>/dev/null || echo "(not from a package)") already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=sudo; else echo "openssh: needs root to install openssh-server" >&2; exit 1; fi
else
  SUDO=
fi

# Keep the package's maintainer scripts from starting the ssh service (the Debian policy-rc.d
# convention: exit 101 = "action forbidden"). An existing policy file is put back afterwards.
policy=/usr/sbin/policy-rc.d
backup=
if [ -e "$policy" ]; then
  backup=$(mktemp)
  $SUDO cp -p "$policy" "$backup"
fi
cleanup() {
  if [ -n "$backup" ]; then $SUDO cp -p "$backup" "$policy"; rm -f "$backup"; else $SUDO rm -f "$policy"; fi
}
trap cleanup EXIT
printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy" >/dev/null
$SUDO chmod 755 "$policy"

export DEBIAN_FRONTEND=noninteractive
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
# openssh-sftp-server is a separate package on Debian; openssh-server depends on it, named for clarity
$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server openssh-sftp-server >/dev/null

# Belt and braces on machines with systemd: the unit must not be running or enabled because of us.
if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  $SUDO systemctl disable --now ssh.service ssh.socket >/dev/null 2>&1 || true
fi

echo "openssh: installed openssh-server $(dpkg-query -W -f='${Version}' openssh-server)"
