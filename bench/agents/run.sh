#!/usr/bin/env bash
# Agents reporting to one Ferry server (issue 13): 1,000 simulated agents heartbeating every 10 s
# plus 50 transfers patching their progress every second, against a real `ferry serve` on the
# embedded H2 database and then on PostgreSQL, in one run. Prints requests/s, p50/p99 latency and
# the server's CPU use for each (target: p99 < 50 ms).
# PostgreSQL: BENCH_PG_URL (a JDBC URL of an empty database), else a fresh database created with
# psql on 127.0.0.1:5432 as user postgres (dropped at the end); BENCH_DATABASES="h2" skips it.
# Nothing here runs in mvn verify; run it on an otherwise idle machine.
# Usage: [BENCH_AGENTS=1000] [BENCH_INTERVAL=10] [BENCH_TRANSFERS=50] [BENCH_SECONDS=60] bench/agents/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
AGENTS="${BENCH_AGENTS:-1000}"
INTERVAL="${BENCH_INTERVAL:-10}"
TRANSFERS="${BENCH_TRANSFERS:-50}"
SECONDS_RUN="${BENCH_SECONDS:-60}"
DATABASES="${BENCH_DATABASES:-h2 postgresql}"
"$ROOT/ferry" --version >/dev/null            # builds when needed
JAVA_HOME="$("$ROOT/ferry" java-home)"
WORK="$(mktemp -d)"
PID=
PG_DB=
cleanup() {
  [ -n "$PID" ] && { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  [ -n "$PG_DB" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $PG_DB" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# one server on database $1 (h2 or postgresql) in $WORK/$1
bench() {
  local db="$1" url=""
  if [ "$db" = postgresql ]; then
    url="${BENCH_PG_URL:-}"
    if [ -z "$url" ]; then
      command -v psql >/dev/null || { echo "bench/agents: psql not found; set BENCH_PG_URL" >&2; return 1; }
      PG_DB="ferry_bench_agents_$$"
      psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $PG_DB" >/dev/null \
        || { echo "bench/agents: cannot create a database on 127.0.0.1:5432 as postgres; set BENCH_PG_URL" >&2; return 1; }
      url="jdbc:postgresql://127.0.0.1:5432/$PG_DB?user=postgres"
    fi
  fi
  FERRY_ADMIN_PASSWORD=bench-Passw0rd "$ROOT/ferry" serve --data-dir "$WORK/$db" --http-port 0 --sftp-port 0 \
    ${url:+--db-url "$url"} --db-pool-size 20 >"$WORK/$db.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 600); do [ -f "$WORK/$db/server.json" ] && break; sleep 0.1; done
  [ -f "$WORK/$db/server.json" ] || { cat "$WORK/$db.log"; echo "server did not start" >&2; return 1; }
  local opts=()
  [ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')" -ge 24 ] \
    && opts+=(--sun-misc-unsafe-memory-access=allow)
  "$JAVA_HOME/bin/java" "${opts[@]}" -cp "$ROOT/ferry-cli/target/lib/*" "$ROOT/bench/agents/AgentsBench.java" \
    "$WORK/$db" bench-Passw0rd "$AGENTS" "$INTERVAL" "$TRANSFERS" "$SECONDS_RUN" "$db"
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
}

for db in $DATABASES; do bench "$db"; done
