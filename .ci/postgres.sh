#!/usr/bin/env bash
# Makes a PostgreSQL server available on the loopback interface for the store tests and prints the JDBC
# URL to use (the only line on standard output; progress goes to standard error). Safe to run again.
#
#   1. a server already answers on 127.0.0.1:5432      -> use it as it is
#   2. the Debian packages are installed               -> start the (first) existing cluster, or create one
#   3. nothing is installed                            -> apt-get install -y postgresql, then as 2
#
# A cluster this script creates (or that the installation in step 3 just created) gets "trust" for
# 127.0.0.1 and ::1 so that the tests can log in as postgres without a password; a cluster that
# existed before is never reconfigured. The tests read the URL from RETRO278_TEST_PG_URL
# (user RETRO278_TEST_PG_USER, default postgres; password RETRO278_TEST_PG_PASSWORD, default empty).
#
#   export RETRO278_TEST_PG_URL="$(.ci/postgres.sh)"
set -euo pipefail

db="${RETRO278_PG_DATABASE:-test}"
user="${RETRO278_TEST_PG_USER:-postgres}"

say() { echo "postgres.sh: $*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else say "need root (or sudo) for: $*"; return 1
  fi
}

answers() { # port
  if command -v pg_isready >/dev/null 2>&1; then
    pg_isready -q -h 127.0.0.1 -p "$1" -t 2
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

wait_for() { # port
  for _ in $(seq 1 60); do
    if answers "$1"; then return 0; fi
    sleep 0.5
  done
  say "no server answers on 127.0.0.1:$1 after 30 s"
  return 1
}

# Lets the tests in without a password over loopback, on a cluster this script is responsible for.
trust_loopback() { # version name
  local hba="/etc/postgresql/$1/$2/pg_hba.conf"
  if ! as_root grep -q '^# retro278 ci' "$hba"; then
    as_root sed -i '1i # retro278 ci: test logins over loopback\nhost all all 127.0.0.1/32 trust\nhost all all ::1/128 trust' "$hba"
    say "loopback logins trusted in $hba"
  fi
}

# Creates the test database when we can log in and it is missing.
ensure_database() { # port
  command -v psql >/dev/null 2>&1 || return 0
  local q=(psql -h 127.0.0.1 -p "$1" -U "$user" -d postgres -tAq -v ON_ERROR_STOP=1)
  if ! exists=$(PGCONNECT_TIMEOUT=5 "${q[@]}" -c "select 1 from pg_database where datname = '$db'" 2>/dev/null); then
    say "cannot log in as $user on 127.0.0.1:$1 without a password; set RETRO278_TEST_PG_PASSWORD for the tests"
    return 0
  fi
  if [ "$exists" != 1 ]; then
    "${q[@]}" -c "create database \"$db\"" >/dev/null
    say "database $db created"
  fi
}

url() { echo "jdbc:postgresql://127.0.0.1:$1/$db"; }

# 1. something already answers
if answers 5432; then
  say "a server answers on 127.0.0.1:5432"
  ensure_database 5432
  url 5432
  exit 0
fi

# 3. nothing installed: install (this creates and configures a cluster we own)
fresh=no
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  say "installing postgresql"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
    || { as_root apt-get update -q >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  fresh=yes
fi

# 2. packages installed: a cluster to start, or one to create
read -r ver name port status _ < <(pg_lsclusters --no-header 2>/dev/null | head -n 1) || true
if [ -z "${ver:-}" ]; then
  ver=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  name=retro278
  say "creating cluster $ver/$name"
  if answers 5432 || ss -ltn 2>/dev/null | grep -q ':5432 '; then portopt=(); else portopt=(-p 5432); fi
  as_root pg_createcluster "${portopt[@]}" -o listen_addresses=localhost "$ver" "$name" >&2
  read -r ver name port status _ < <(pg_lsclusters --no-header "$ver" "$name")
  fresh=yes
fi
if [ "$fresh" = yes ]; then
  trust_loopback "$ver" "$name"
fi
if [ "$status" != online ]; then
  say "starting cluster $ver/$name on port $port"
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" start >&2
elif [ "$fresh" = yes ]; then
  as_root pg_ctlcluster --skip-systemctl-redirect "$ver" "$name" reload >&2
fi
wait_for "$port"
ensure_database "$port"
url "$port"
