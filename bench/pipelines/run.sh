#!/usr/bin/env bash
# Ferry's pipeline steps beside the Debian tools doing the same work on the same files, in one run:
#   small: N files (2,000 x 4 KiB) -> zip -> pgp-encrypt, vs `zip -q -j` then `gpg --encrypt`
#   big:   one file (1 GiB)        -> gzip -> pgp-encrypt, vs `gzip -c | gpg --encrypt`
# Ferry: a real `./ferry serve` (heap capped, default -Xmx256m, GC logged for the peak heap), local
# folders of the VFS Library as source and destination, a manual run per repetition through
# /api/pipelines; its time is the run's own startedAt..endedAt. The shell: the same commands a user
# would type, timed around them. Both encrypt to the same key (made by gpg, default algorithms);
# gpg does not compress again what zip or gzip compressed (-z 0). Every output is
# decrypted with gpg and compared with the input before it counts. Prints medians and the ratio
# shell time / Ferry time (1.00x = as fast as the shell pipeline; our own target: >= 0.8x).
# Nothing here runs in mvn verify; run it on an otherwise idle machine.
#
# Usage: bench/pipelines/run.sh
#   BENCH_FILES (2000)  BENCH_FILE_KB (4)   the small files (base64 text of random bytes)
#   BENCH_SIZE_MB (1024)                    the big file (random bytes; gzip barely shrinks them)
#   BENCH_REPS (3)                          timed runs per scenario and side; the median counts
#   BENCH_WARMUP (1)                        untimed Ferry runs per scenario first (a warm server)
#   BENCH_SCENARIOS ("small big")
#   BENCH_XMX (256m)                        Ferry's heap
#   BENCH_TMPDIR=DIR                        parent of the temp dir; needs about 4x BENCH_SIZE_MB free
# Quick run: BENCH_FILES=200 BENCH_SIZE_MB=64 BENCH_REPS=1 bench/pipelines/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
FILES="${BENCH_FILES:-2000}"
FILE_KIB="${BENCH_FILE_KB:-4}"
SIZE_MIB="${BENCH_SIZE_MB:-1024}"
REPS="${BENCH_REPS:-3}"
WARMUP="${BENCH_WARMUP:-1}"
SCENARIOS="${BENCH_SCENARIOS:-small big}"
XMX="${BENCH_XMX:-256m}"

die() { echo "bench/pipelines: $*" >&2; exit 3; }
note() { echo "bench/pipelines: $*" >&2; }
for tool in curl jq gpg zip gzip cmp ss; do command -v "$tool" >/dev/null || die "$tool not found"; done

WORK="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/ferry-bench-pipelines.XXXXXX")"
SERVER_PID=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ]; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  [ -d "$WORK/gnupg" ] && gpgconf --homedir "$WORK/gnupg" --kill gpg-agent 2>/dev/null
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- inputs ----------------------------------------------------------------------------------
mkdir -p "$WORK/small" "$WORK/big" "$WORK/out" "$WORK/shell"
for i in $(seq -w 1 "$FILES"); do
  head -c $((FILE_KIB * 768)) /dev/urandom | base64 -w 76 >"$WORK/small/f$i.txt"
done
head -c $((SIZE_MIB * 1024 * 1024)) /dev/urandom >"$WORK/big/big.bin"
note "inputs: $FILES files of ~${FILE_KIB} KiB, one file of $SIZE_MIB MiB in $WORK"

# --- the key: gpg's, for both sides ----------------------------------------------------------
export GNUPGHOME="$WORK/gnupg"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-gen-key 'Bench <bench@example.com>' default default never
# -z 0: no compression of what zip or gzip already compressed (gpg skips it for zip files it sees,
# not for a pipe); Ferry's pgp-encrypt is measured as it ships
GPG=(gpg --batch --quiet --yes --trust-model always -z 0)

# --- Ferry -----------------------------------------------------------------------------------
DATA="$WORK/ferry-data"
port="$(for _ in $(seq 1 50); do p=$((20000 + RANDOM % 40000)); [ -z "$(ss -Hltn "sport = :$p")" ] && { echo "$p"; break; }; done)"
[ -n "$port" ] || die "no free port"
FERRY_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" FERRY_JAVA_OPTS="-Xmx$XMX -Xlog:gc:file=$WORK/gc.log" \
  "$ROOT/ferry" serve --data-dir "$DATA" --http-port "$port" --sftp-port -1 >"$WORK/ferry.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 3000); do
  [ -f "$DATA/server.json" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/ferry.log" >&2; die "ferry serve exited"; }
  sleep 0.1
done
[ -f "$DATA/server.json" ] || die "ferry serve did not start"
URL="$(jq -r .url "$DATA/server.json")"
KEY="$(cat "$DATA/cli.key")"
api() { # api METHOD PATH [JSON]: the envelope's data, failing on a non-2xx
  local out code
  out="$(curl -sS --cacert "$DATA/tls/server-cert.pem" -X "$1" -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
    ${3:+--data-binary "$3"} -w '\n%{http_code}' "$URL$2")"
  code="${out##*$'\n'}"
  out="${out%$'\n'*}"
  [ "${code:0:1}" = 2 ] || die "$1 $2 answered $code: $out"
  if [ "${out:0:1}" = "{" ] && jq -e 'has("data")' <<<"$out" >/dev/null 2>&1; then jq -c .data <<<"$out"; else echo "$out"; fi
}
# the API's per-caller rate limit (60 a minute for an admin) would stop the polling below
api PATCH /v1/adm/settings '{"rateLimitAuthenticated":100000000}' >/dev/null
api PUT /v1/adm/secrets/bench-pub "$(gpg --armor --export bench@example.com | jq -Rs '{value: .}')" >/dev/null
for dir in small big out; do
  api POST /v1/adm/folders "$(jq -nc --arg n "bench-$dir" --arg p "$WORK/$dir" '{name: $n, mapped_path: $p, filesystem: {provider: 0}}')" >/dev/null
done
pipeline() { # pipeline IDENTIFIER YAML: its id
  api POST /api/pipelines "$(jq -nc --arg i "$1" --arg y "$2" '{identifier: $i, name: $i, yaml: $y}')" | jq -r .id
}
SMALL_ID="$(pipeline bench-small "$(printf '%s\n' 'source: {vfs: bench-small, path: /}' 'steps:' \
  '  - {type: zip, name: batch.zip}' '  - {type: pgp-encrypt, recipients: [bench-pub]}' \
  'destination: {vfs: bench-out, path: /small, overwrite: replace}')")"
BIG_ID="$(pipeline bench-big "$(printf '%s\n' 'source: {vfs: bench-big, path: /}' 'steps:' \
  '  - {type: gzip}' '  - {type: pgp-encrypt, recipients: [bench-pub]}' \
  'destination: {vfs: bench-out, path: /big, overwrite: replace}')")"
note "ferry: pid $SERVER_PID on $URL, -Xmx$XMX ($("$ROOT/ferry" --version 2>/dev/null | head -1))"

ferry_run() { # ferry_run PIPELINE_ID: seconds of the run (startedAt..endedAt)
  local run status r
  run="$(api POST "/api/pipelines/$1/runs" '{}' | jq -r .id)"
  for _ in $(seq 1 36000); do
    r="$(api GET "/api/pipelines/$1/runs/$run")"
    status="$(jq -r .status <<<"$r")"
    case "$status" in queued | running) sleep 0.2 ;; completed) break ;; *) die "run $run: $status: $(jq -c . <<<"$r")" ;; esac
  done
  [ "$status" = completed ] || die "run $run did not end"
  echo "$r" >"$WORK/last-run.json"
  awk -v a="$(date -d "$(jq -r .startedAt <<<"$r")" +%s.%N)" -v b="$(date -d "$(jq -r .endedAt <<<"$r")" +%s.%N)" \
    'BEGIN {printf "%.3f\n", b - a}'
}
secs() { # secs FROM TO: seconds between two ISO-8601 instants
  awk -v a="$(date -d "$1" +%s.%N)" -v b="$(date -d "$2" +%s.%N)" 'BEGIN {printf "%.2f", b - a}'
}
steps() { # the last Ferry run's steps with their times
  local line=""
  while read -r type from to; do line+=" $type $(secs "$from" "$to") s,"; done \
    < <(jq -r '.steps[] | "\(.type) \(.startedAt) \(.endedAt)"' "$WORK/last-run.json")
  echo "        Ferry's last run:${line%,}"
}
timed() { # timed CMD...: seconds it took
  local t0 t1
  t0="$(date +%s.%N)"
  "$@"
  t1="$(date +%s.%N)"
  awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.3f\n", b - a}'
}
shell_small() {
  rm -f "$WORK/shell/batch.zip" "$WORK/shell/batch.zip.pgp"
  (cd "$WORK/small" && zip -q -j "$WORK/shell/batch.zip" ./*)
  "${GPG[@]}" -r bench@example.com -o "$WORK/shell/batch.zip.pgp" --encrypt "$WORK/shell/batch.zip"
}
shell_big() {
  gzip -c "$WORK/big/big.bin" | "${GPG[@]}" -r bench@example.com -o "$WORK/shell/big.bin.gz.pgp" --encrypt
}
check_small() { # the zip inside the encrypted file holds the inputs
  rm -rf "$WORK/check" && mkdir "$WORK/check"
  "${GPG[@]}" -o "$WORK/check/batch.zip" --decrypt "$1"
  (cd "$WORK/check" && unzip -q batch.zip -d files) && diff -rq "$WORK/small" "$WORK/check/files" >/dev/null \
    || die "$1 does not hold the small files"
}
check_big() {
  "${GPG[@]}" --decrypt "$1" | gunzip -c | cmp -s - "$WORK/big/big.bin" || die "$1 does not hold big.bin"
}
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

printf '%-7s %-34s %10s %10s %10s\n' scenario work "Ferry s" "shell s" "ratio"
for scenario in $SCENARIOS; do
  case "$scenario" in
    small) id="$SMALL_ID"; out="$WORK/out/small/batch.zip.pgp"; shell_out="$WORK/shell/batch.zip.pgp"
      work="$FILES x ${FILE_KIB} KiB: zip, pgp-encrypt" ;;
    big) id="$BIG_ID"; out="$WORK/out/big/big.bin.gz.pgp"; shell_out="$WORK/shell/big.bin.gz.pgp"
      work="$SIZE_MIB MiB: gzip, pgp-encrypt" ;;
    *) die "unknown scenario $scenario" ;;
  esac
  for _ in $(seq 1 "$WARMUP"); do ferry_run "$id" >/dev/null; done
  : >"$WORK/ferry.times"
  : >"$WORK/shell.times"
  for _ in $(seq 1 "$REPS"); do
    ferry_run "$id" >>"$WORK/ferry.times"
    "check_$scenario" "$out"
    timed "shell_$scenario" >>"$WORK/shell.times"
    "check_$scenario" "$shell_out"
  done
  f="$(median <"$WORK/ferry.times")"
  s="$(median <"$WORK/shell.times")"
  printf '%-7s %-34s %10.2f %10.2f %9.2fx\n' "$scenario" "$work" "$f" "$s" "$(awk -v s="$s" -v f="$f" 'BEGIN {print s / f}')"
  steps
done
peak="$(sed -n 's/.* \([0-9]*\)M->[0-9]*M([0-9]*M).*/\1/p' "$WORK/gc.log" | sort -n | tail -1)"
echo "Ferry's peak heap (before a GC, from -Xlog:gc): ${peak:-?} MiB of -Xmx$XMX"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $(gpg --version | head -1); $(zip -v | sed -n 2p | sed 's/^ *//')"
