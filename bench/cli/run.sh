#!/usr/bin/env bash
# Wall time of whole `./ferry` calls, as cron jobs and scripts pay it: N runs each (default 20) of
# `ferry --version`, `ferry --help` and `ferry start -n NAME` against a running server, with the
# median and p90 of each. The server runs on a temporary data dir on a free port (never 44399/2022).
# Usage: [BENCH_LAUNCHER=/path/to/ferry] [BENCH_PRIORITY=rt] bench/cli/run.sh [runs]
#   BENCH_LAUNCHER  measures another checkout's launcher (e.g. one of the commit before a change)
#   BENCH_PRIORITY  rt: runs the server and each measured call under SCHED_FIFO (root only), so that
#                   on a machine others keep busy they get the cores as on a quiet machine
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
N="${1:-20}"
FERRY="${BENCH_LAUNCHER:-$ROOT/ferry}"
WORK="$(mktemp -d)"
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
PRIO=()
[ "${BENCH_PRIORITY:-}" = rt ] && PRIO=(chrt -f 10)

"$FERRY" --version >/dev/null # builds when needed, so that no run below pays for it
echo "launcher: $FERRY"
echo "machine: $(nproc) cores, load before: $(uptime | sed 's/.*load average: //')${PRIO:+, measured under ${PRIO[*]}}"

FERRY_ADMIN_PASSWORD=bench "$FERRY" serve --data-dir "$WORK/data" --http-port 0 --sftp-port -1 \
  --workers 2 >"$WORK/server.log" 2>&1 &
PID=$!
for _ in $(seq 1 600); do [ -f "$WORK/data/server.json" ] && break; sleep 0.1; done
[ -f "$WORK/data/server.json" ] || { cat "$WORK/server.log"; echo "server did not start" >&2; exit 1; }
URL="$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$WORK/data/server.json")"
if [ ${#PRIO[@]} -gt 0 ]; then # every thread of the server's JVM (the launcher exec'd into it)
  for task in /proc/"$PID"/task/*; do chrt -f -p 10 "${task##*/}" >/dev/null 2>&1 || true; done
fi

echo 'Log("bench")' >"$WORK/bench.js"
"$FERRY" script put --data-dir "$WORK/data" --name bench -f "$WORK/bench.js" >/dev/null
KEY="$("$FERRY" apikey create --data-dir "$WORK/data" --name bench --json 2>"$WORK/err" \
  | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p')"
[ -n "$KEY" ] || { cat "$WORK/err" >&2; echo "no API key was created" >&2; exit 1; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# times N runs of the command "$@" (its output discarded, a failure stops the bench) and prints
# "label  median  p90  min  max" in seconds
measure() {
  local label="$1"; shift
  local times=() i start
  for ((i = 0; i < N; i++)); do
    start="$(now_ms)"
    "${PRIO[@]}" "$@" >/dev/null 2>"$WORK/err" || { cat "$WORK/err" >&2; echo "failed: $*" >&2; exit 1; }
    times+=($(($(now_ms) - start)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
    { t[NR] = $1 }
    END {
      p90 = int(NR * 0.9 + 0.999); if (p90 > NR) p90 = NR
      median = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
      printf "%-24s %7.3f %7.3f %7.3f %7.3f\n", label, median / 1000, t[p90] / 1000, t[1] / 1000, t[NR] / 1000
    }'
}

printf '%-24s %7s %7s %7s %7s   (seconds, %d runs each)\n' command median p90 min max "$N"
measure "ferry --version" "$FERRY" --version
measure "ferry --help" "$FERRY" --help
measure "ferry start -n bench" "$FERRY" start -n bench -a "$KEY" --host "$URL" --data-dir "$WORK/data"
echo "load after: $(uptime | sed 's/.*load average: //')"
