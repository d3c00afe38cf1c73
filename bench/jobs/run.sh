#!/usr/bin/env bash
# Jobs per second end to end (POST /v1/jobs to completed) for a trivial script with 1 and 8
# concurrent clients, trigger-to-start latency when idle, and the script engine's raw
# context-create-and-eval rate, all measured in one run against a real `ferry serve`.
# The engine and the server are first warmed up with BENCH_WARMUP runs and jobs (default 6000):
# GraalJS on a stock JDK runs in the Truffle interpreter, which HotSpot compiles over thousands of
# runs, so a short warm-up would measure a cold engine.
# Usage: [BENCH_WORKERS=N] [BENCH_WARMUP=N] bench/jobs/run.sh [jobs-per-phase]   (defaults: 8 workers, 2000 jobs)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-2000}"
"$ROOT/ferry" --version >/dev/null            # builds when needed
JAVA_HOME="$("$ROOT/ferry" java-home)"
WORK="$(mktemp -d)"
trap 'kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

FERRY_ADMIN_PASSWORD=bench "$ROOT/ferry" serve --data-dir "$WORK/data" --http-port 0 --workers "${BENCH_WORKERS:-8}" \
  >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do [ -f "$WORK/data/server.json" ] && break; sleep 0.1; done
[ -f "$WORK/data/server.json" ] || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }

OPTS=(--enable-native-access=ALL-UNNAMED)
[ "$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')" -ge 24 ] \
  && OPTS+=(--sun-misc-unsafe-memory-access=allow)
"$JAVA_HOME/bin/java" "${OPTS[@]}" -cp "$ROOT/ferry-cli/target/lib/*" \
  "$ROOT/bench/jobs/JobsBench.java" "$WORK/data" "$N" "${BENCH_WARMUP:-6000}"
