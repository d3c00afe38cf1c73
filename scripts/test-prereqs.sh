#!/usr/bin/env bash
# What `./ferry test` needs besides a JDK, checked before Maven starts: Maven, the commands the
# tests drive (curl with jq, the OpenSSH client and server, sshpass, lftp, gpg, zip and unzip, chromium with chromium-driver, Node.js with npm for s3rver) and
# PostgreSQL's server binaries, from which the tests start their own database (not needed when
# FERRY_TEST_PG_URL or -Dferry.pg.url names a server). As root it installs the missing Debian
# packages; otherwise it prints the apt-get line to run and exits 1.
# Arguments: those of `./ferry test` (only -Dferry.pg.url=... matters here).
set -euo pipefail

missing=()
need() { # need PACKAGE COMMAND...: PACKAGE is missing when one of its commands is
  local package=$1 command
  shift
  for command in "$@"; do
    command -v "$command" >/dev/null 2>&1 || { missing+=("$package"); return 0; }
  done
}

pg_url_given() {
  [ -n "${FERRY_TEST_PG_URL:-}" ] && return 0
  local arg
  for arg in "$@"; do case "$arg" in -Dferry.pg.url=?*) return 0 ;; esac; done
  return 1
}

pg_server_binaries() { # where the tests look (ferry-store PrivatePostgres): Debian's dirs, then PATH
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/initdb" ] && [ -x "$dir/postgres" ] && return 0
  done
  command -v initdb >/dev/null 2>&1 && command -v postgres >/dev/null 2>&1
}

need maven mvn
need curl curl
need jq jq # the seed-004 curl examples pipe into it
need openssh-client ssh sftp scp ssh-keygen ssh-keyscan
need sshpass sshpass
# AgentProcessIT's `ferry agent` pulls from OpenSSH's own sshd on a loopback port (not in PATH as a user)
[ -x /usr/sbin/sshd ] || command -v sshd >/dev/null 2>&1 || missing+=(openssh-server)
need lftp lftp
# pipelines: OpenPGP interop with GnuPG, and the delivered zips opened by Info-ZIP's unzip
need gnupg gpg
need unzip unzip
need zip zip
# Node.js from another packaging (NodeSource) bundles npm, and Debian's npm would conflict with it:
# ask for the commands, not the packages.
need nodejs node
need npm npm
# the browser tests (ferry-it's ferry.it.web) drive Debian's chromium through its chromedriver
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing+=(chromium chromium-driver)
pg_url_given "$@" || pg_server_binaries || missing+=(postgresql)

[ "${#missing[@]}" -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ferry: installing what the tests need: apt-get install -y ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq "${missing[@]}" >&2
else
  echo "ferry: the tests need: apt-get install -y ${missing[*]}" >&2
  exit 1
fi
