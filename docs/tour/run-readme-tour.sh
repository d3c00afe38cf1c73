#!/usr/bin/env bash
# Runs the README's tour as a user would and checks what it did: the code blocks marked
# `<!-- tour ... -->` in README.md, in order, in a directory of their own. The test suite runs
# it too (ReadmeTourIT).
#
#   docs/tour/run-readme-tour.sh
#
# Marks: `<!-- tour: server -->` is the first terminal (each `./ferry serve` runs in the
# background until the end); `<!-- tour -->` blocks run in the second terminal, one shell for all
# of them; `<!-- tour: database -->` and `<!-- tour: nodes -->` are the PostgreSQL section, run
# only when FERRY_TOUR_DB_URL names a database (the database block is then replaced by
# `export FERRY_DB_URL=...`, since creating a role needs PostgreSQL's superuser).
#
# Environment:
#   FERRY_TOUR_DIR        where the tour runs (default: a new temporary directory); must be new or empty
#   FERRY_TOUR_CLI        the command `./ferry` runs there (default: this checkout's ./ferry)
#   FERRY_TOUR_ANY_PORTS  1: servers take free ports, and the commands use those instead of the
#                         README's 44399 and 2022 (which a running `ferry serve` may hold):
#                         in URLs and SSH clients' -P/-p, and as `ferry start --host`
#   FERRY_TOUR_DB_URL     a JDBC URL of an empty PostgreSQL database for the several-nodes section
#
# Its own files (blocks as run, server logs, and in `pids` the servers it started, which it stops
# at its end) are in $FERRY_TOUR_DIR/readme-tour-run.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
README="$ROOT/README.md"
DIR="${FERRY_TOUR_DIR:-$(mktemp -d "${TMPDIR:-/tmp}/ferry-tour.XXXXXX")}"
CLI="${FERRY_TOUR_CLI:-$ROOT/ferry}"
ANY_PORTS="${FERRY_TOUR_ANY_PORTS:-}"
DB_URL="${FERRY_TOUR_DB_URL:-}"
START_TIMEOUT=300 # seconds a server may take to start (first start: a build, host keys)

# The tour starts from a clean slate: no FERRY_* setting of the caller's applies to it.
for var in $(compgen -e); do
  case "$var" in FERRY_TOUR_*) ;; FERRY_*) unset "$var" ;; esac
done

mkdir -p "$DIR"
if [ -n "$(ls -A "$DIR")" ]; then
  echo "tour: $DIR is not empty; give FERRY_TOUR_DIR a new or empty directory" >&2
  exit 2
fi
cd "$DIR"
RUN="$DIR/readme-tour-run" # this script's own files: blocks, server logs, pids
BLOCKS="$RUN/blocks"
mkdir -p "$BLOCKS"
printf '#!/bin/sh\nexec %q "$@"\n' "$CLI" > ferry
chmod +x ferry
echo "tour: running in $DIR"

fail() {
  echo "tour: FAILED: $*" >&2
  exit 1
}

# ---- the README's blocks, one file each: NN-kind.sh (the mark is the line right above the fence)
awk -v out="$BLOCKS" '
  /^<!-- tour(: [a-z]+)? -->$/ { kind = ($0 ~ /: /) ? $3 : "shell"; marked = 1; next }
  marked && /^```sh$/ { n++; file = sprintf("%s/%02d-%s.sh", out, n, kind); inblock = 1; marked = 0; next }
  inblock && /^```$/ { inblock = 0; next }
  inblock { print > file; next }
  { marked = 0 }
' "$README"
ls "$BLOCKS"/*-server.sh >/dev/null 2>&1 || fail "README.md has no block marked <!-- tour: server -->"

# ---- servers: each in the background, stopped at the end; tour_serve waits until it serves
: > "$RUN/pids"
tour_serve() { # tour_serve ./ferry serve [flags]: starts it, waits for its server.json
  local data="ferry-data" prev="" arg
  for arg in "$@"; do
    [ "$prev" = "--data-dir" ] && data="$arg"
    prev="$arg"
  done
  local log="$RUN/serve-$(echo "$data" | tr / -).log"
  "$@" > "$log" 2>&1 &
  local pid=$!
  echo "$pid" >> "$RUN/pids"
  local waited=0
  until [ -f "$data/server.json" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      cat "$log" >&2
      echo "tour: '$*' exited before serving (its output is above)" >&2
      return 1
    fi
    [ "$waited" -ge $((START_TIMEOUT * 10)) ] && { cat "$log" >&2; echo "tour: '$*' did not start in ${START_TIMEOUT}s" >&2; return 1; }
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "tour: '$*' serves (output in $log):"
  sed 's/^/    | /' "$log"
}
stop_servers() {
  local pid
  for pid in $(cat "$RUN/pids" 2>/dev/null); do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in $(cat "$RUN/pids" 2>/dev/null); do
    for _ in $(seq 1 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  : > "$RUN/pids"
}
trap stop_servers EXIT
trap 'exit 143' TERM INT

# The README's serve lines as the script runs them: through tour_serve, in the background of
# the script itself (no trailing &), on free ports when asked.
serve_lines() {
  local sed_ports=()
  [ -n "$ANY_PORTS" ] && sed_ports=(-e 's/--(http|sftp)-port [0-9]+/--\1-port 0/g')
  sed -E -e 's/^\.\/ferry serve(.*[^& ])[ ]*&?[ ]*$/tour_serve .\/ferry serve\1/' \
    -e 's/^\.\/ferry serve[ ]*&?[ ]*$/tour_serve .\/ferry serve/' "${sed_ports[@]}"
}

# ---- first terminal
[ -n "$ANY_PORTS" ] && export FERRY_HTTP_PORT=0 FERRY_SFTP_PORT=0
export -f tour_serve
export RUN START_TIMEOUT
for block in "$BLOCKS"/*-server.sh; do
  serve_lines < "$block" > "$RUN/first-terminal.sh"
  bash -euo pipefail "$RUN/first-terminal.sh" || fail "the server block $(basename "$block") did not start"
done
unset FERRY_HTTP_PORT FERRY_SFTP_PORT
info="$(cat ferry-data/server.json)"
HTTP_PORT="$(sed -n 's/.*"url": *"[a-z]*:\/\/[^"]*:\([0-9]*\)".*/\1/p' <<< "$info")"
SFTP_PORT="$(sed -n 's/.*"sftp_port": *\([0-9]*\).*/\1/p' <<< "$info")"
[ -n "$HTTP_PORT" ] && [ -n "$SFTP_PORT" ] || fail "no ports in ferry-data/server.json: $info"

# ---- second terminal: every other block, in one shell, ports as served
body="$RUN/second-terminal.sh"
{
  echo 'trap '\''echo "tour: FAILED at $BASH_SOURCE line $LINENO: $BASH_COMMAND" >&2'\'' ERR'
  for block in "$BLOCKS"/*.sh; do
    kind="${block##*-}"
    kind="${kind%.sh}"
    case "$kind" in
      server) continue ;;
      database | nodes) [ -n "$DB_URL" ] || continue ;;
    esac
    echo "echo '--- README block $(basename "$block")'"
    if [ "$kind" = database ]; then
      printf 'export FERRY_DB_URL=%q\n' "$DB_URL"
    elif [ -n "$ANY_PORTS" ]; then
      # the ports served instead of the README's; `ferry start` calls 127.0.0.1:44399 unless told
      serve_lines < "$block" | sed -E -e "s/(^|[^0-9])44399([^0-9]|$)/\1$HTTP_PORT\2/g" \
        -e "s/(^|[^0-9])2022([^0-9]|$)/\1$SFTP_PORT\2/g" \
        -e "s/^\.\/ferry start /.\/ferry start --host 127.0.0.1:$HTTP_PORT /"
    else
      serve_lines < "$block"
    fi
  done
} > "$body"
[ -n "$DB_URL" ] || echo "tour: FERRY_TOUR_DB_URL is not set: the several-nodes section does not run"
out="$RUN/second-terminal.out"
bash -euo pipefail "$body" 2>&1 | tee "$out"
[ "${PIPESTATUS[0]}" -eq 0 ] || fail "a command of the tour failed (see above)"

# ---- what the tour did
check() { # check DESCRIPTION COMMAND...
  local what="$1"
  shift
  "$@" || fail "$what"
  echo "tour: ok: $what"
}
serve_log="$RUN/serve-ferry-data.log"
check "the first start printed the admin's password" grep -q "Created admin 'admin' with password: " "$serve_log"
check "the script file ran and exited 0" grep -qx 'exit 0' "$out"
check "the copy job copied a.csv into the outbox" cmp -s tour/inbox/a.csv tour/outbox/in/a.csv
check "alice uploaded hello.txt over SFTP" cmp -s tour/hello.txt tour/alice/hello.txt
check "alice copied copy.txt over SCP" cmp -s tour/hello.txt tour/alice/copy.txt
check "the upload into read-only /reports was refused" grep -q 'Permission denied' "$out"
check "nothing arrived in read-only /reports" test ! -e tour/alice/reports/hello.txt
check "the agent registered with a one-time code and got its key" grep -q '"apiKey":"mft_ak_' tour/agent.json
check "alice lists her agent, online" jq -e '.data[] | select(.name == "tour-agent" and .status == "online")' tour/agents.json
check "alice's HTTP upload is in her transfers, with its SHA-256" \
  jq -e '.data[] | select(.protocol == "HTTP" and (.sha256 | length) == 64)' tour/transfers.json
check "the hourly copy job was created" jq -e '.success and .data.schedule == "@hourly"' tour/job13.json
check "the pipeline gzipped a.csv into the outbox" cmp -s tour/inbox/a.csv <(gunzip -c tour/outbox/pipelines/a.csv.gz)
check "the pipeline's manifest names a.csv.gz" grep -q ' a.csv.gz$' tour/outbox/pipelines/SHA256SUMS
check "the pipeline run completed" grep -q completed <(./ferry pipeline runs gzip-inbox)
printed="$(sed -n 's/.*SSH host key \([A-Z0-9]*\) \(SHA256:[A-Za-z0-9+\/]*\).*/\1 \2/p' "$serve_log" | sort)"
scanned="$(ssh-keygen -lf tour/known_hosts | sed -n 's/^[0-9]* \(SHA256:[^ ]*\) .*(\([A-Z0-9]*\))$/\2 \1/p' | sort)"
same_fingerprints() {
  [ -n "$printed" ] && [ "$printed" = "$scanned" ] && return 0
  printf 'printed by ferry serve:\n%s\nssh-keygen -lf tour/known_hosts:\n%s\n' "$printed" "$scanned" >&2
  return 1
}
check "ferry serve printed the fingerprints ssh-keygen shows for the keys it serves" same_fingerprints
if [ -n "$DB_URL" ]; then
  check "both nodes served" test -f tour/node-a/server.json -a -f tour/node-b/server.json
  check "node-b lists the script stored through node-a" \
    grep -q "Nightly Report" <(./ferry script list --data-dir tour/node-b)
fi

stop_servers
echo "tour: passed"
