#!/usr/bin/env bash
# Ferry's /api/v2 file transfers over HTTPS beside nginx (TLS, WebDAV PUT, plain GET), with the same
# curl client, in one run: a bulk upload and download (1 GiB) and many small files (1,000 x 4 KiB)
# up and down, each on one kept-alive connection. Prints each time, its MiB/s and the ratio
# nginx time / Ferry time (1 = as fast as nginx; the issue's targets: >= 0.9 bulk, >= 0.7 small).
# Both servers write to and read from directories on the same file system.
# nginx comes from Debian's package (nginx-light, else nginx); this script installs it with
# apt-get when it is missing (root only), without starting the system's nginx service.
# Nothing here runs in mvn verify; run it on an otherwise idle machine.
#
# Usage: bench/http/run.sh
#   BENCH_SIZE_MB (1024)        bulk file, uploaded and downloaded once per run
#   BENCH_SMALL_FILES (1000)    BENCH_SMALL_KB (4)   small files, one curl process, one connection
#   BENCH_REPS (3)              timed runs per scenario and server; the median counts
#   BENCH_WARMUP (2)            untimed runs per scenario and server first (Ferry's JVM is measured
#                               warm, as a long-running server is; nginx gets the same runs)
#   BENCH_TARGETS ("nginx ferry")
#   BENCH_SCENARIOS ("upload download small_up small_down")
#   BENCH_TLS13_CIPHERS (TLS_AES_128_GCM_SHA256)  what curl offers, so both servers use the same suite
#   BENCH_FERRY_OPTS            extra JVM options for Ferry (e.g. -Xmx256m)
#   BENCH_PRIORITY              rt: both servers and every curl run under SCHED_FIFO (root only), so that on
#                               a machine others keep busy they get the cores as on a quiet machine
#   BENCH_TMPDIR=DIR            parent of the temp dir (both servers' roots); needs about 3x BENCH_SIZE_MB
#                               free. Default /dev/shm when it has the room, else $TMPDIR or /tmp.
# Quick run: BENCH_SIZE_MB=64 BENCH_SMALL_FILES=200 BENCH_REPS=1 BENCH_WARMUP=1 bench/http/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
SIZE_MIB="${BENCH_SIZE_MB:-1024}"
SMALL_FILES="${BENCH_SMALL_FILES:-1000}"
SMALL_KIB="${BENCH_SMALL_KB:-4}"
REPS="${BENCH_REPS:-3}"
WARMUP="${BENCH_WARMUP:-2}"
TARGETS="${BENCH_TARGETS:-nginx ferry}"
SCENARIOS="${BENCH_SCENARIOS:-upload download small_up small_down}"
TLS13_CIPHERS="${BENCH_TLS13_CIPHERS:-TLS_AES_128_GCM_SHA256}"
PRIO=()
[ "${BENCH_PRIORITY:-}" = rt ] && PRIO=(chrt -f 10)

die() { echo "bench/http: $*" >&2; exit 3; }
note() { echo "bench/http: $*" >&2; }

for tool in curl openssl awk split ss cmp; do command -v "$tool" >/dev/null || die "$tool not found"; done

# --- nginx: Debian's package, installed here when missing ------------------------------------
NGINX="$(command -v nginx || true)"
[ -z "$NGINX" ] && [ -x /usr/sbin/nginx ] && NGINX=/usr/sbin/nginx
if [ -z "$NGINX" ] && [[ " $TARGETS " == *" nginx "* ]]; then
  [ "$(id -u)" = 0 ] || die "nginx is not installed (apt-get install nginx-light, as root)"
  note "installing nginx (Debian package nginx-light, else nginx)"
  # policy-rc.d 101: the package's scripts must not start the system's nginx service on port 80
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && made_policy=1
  fi
  apt-get update -qq >&2 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >&2 \
    || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >&2 || install_failed=1
  [ -n "$made_policy" ] && rm -f /usr/sbin/policy-rc.d
  [ -z "${install_failed:-}" ] || die "apt-get could not install nginx"
  NGINX=/usr/sbin/nginx
fi

# --- temp dir and cleanup --------------------------------------------------------------------
default_tmpdir() {
  local free_kib
  free_kib="$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')"
  if [ -n "$free_kib" ] && [ "$free_kib" -gt $((SIZE_MIB * 1024 * 4)) ]; then echo /dev/shm; else echo "${TMPDIR:-/tmp}"; fi
}
WORK="$(mktemp -d "${BENCH_TMPDIR:-$(default_tmpdir)}/ferry-bench-http.XXXXXX")"
chmod 755 "$WORK"
PIDS=()
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    [ -z "$(ss -Hltn "sport = :$port")" ] && { echo "$port"; return 0; }
  done
  return 1
}

# --- test data ---------------------------------------------------------------------------------
mkdir -p "$WORK/data/small" "$WORK/dl"
note "writing ${SIZE_MIB} MiB and ${SMALL_FILES} x ${SMALL_KIB} KiB of test data to $WORK"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/data/big.bin"
head -c "$((SMALL_FILES * SMALL_KIB * 1024))" /dev/urandom >"$WORK/data/small.blob"
(cd "$WORK/data/small" && split -b "$((SMALL_KIB * 1024))" -a 6 -d "$WORK/data/small.blob" f)
rm "$WORK/data/small.blob"
SMALL_NAMES=()
while IFS= read -r f; do SMALL_NAMES+=("$f"); done < <(ls "$WORK/data/small")
for t in $TARGETS; do # the files to download: hard links, so both servers read the same page cache
  mkdir -m 777 "$WORK/root-$t"
  ln "$WORK/data/big.bin" "$WORK/root-$t/big.bin"
  cp -al "$WORK/data/small" "$WORK/root-$t/small"
done
declare -A PID BASE

# --- nginx: TLS on a free loopback port, WebDAV PUT into root-nginx ----------------------------
start_nginx() {
  local dir="$WORK/nginx" port
  mkdir -p "$dir/tmp" "$dir/logs"
  # P-256, as Ferry's own certificate
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj /CN=127.0.0.1 \
    -keyout "$dir/key.pem" -out "$dir/cert.pem" 2>/dev/null
  port="$(free_port)" || die "no free port"
  local user_line=""
  [ "$(id -u)" = 0 ] && user_line="user root;"
  cat >"$dir/nginx.conf" <<CONF
$user_line
worker_processes auto;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { application/octet-stream bin; }
  default_type application/octet-stream;
  client_body_temp_path $dir/tmp;
  server {
    listen 127.0.0.1:$port ssl;
    ssl_certificate $dir/cert.pem;
    ssl_certificate_key $dir/key.pem;
    ssl_protocols TLSv1.3 TLSv1.2;
    root $WORK/root-nginx;
    client_max_body_size 0;
    location / {
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw group:r all:r;
    }
  }
}
CONF
  "$NGINX" -t -p "$dir" -c "$dir/nginx.conf" >/dev/null 2>&1 || { "$NGINX" -t -p "$dir" -c "$dir/nginx.conf"; die "nginx rejects the generated config"; }
  "${PRIO[@]}" "$NGINX" -p "$dir" -c "$dir/nginx.conf" -g 'daemon off;' &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 100); do
    [ -n "$(ss -Hltn "sport = :$port")" ] && break
    kill -0 "$pid" 2>/dev/null || die "nginx did not start ($(cat "$dir/logs/error.log" 2>/dev/null))"
    sleep 0.05
  done
  PID[nginx]=$pid
  BASE[nginx]="https://127.0.0.1:$port"
  note "nginx: $("$NGINX" -v 2>&1 | sed 's/.*: //') pid $pid on 127.0.0.1:$port (TLS, WebDAV PUT, sendfile)"
}

# --- Ferry: ./ferry serve, one user whose home is root-ferry ------------------------------------
FERRY_DATA="$WORK/ferry-data"
FERRY_PASSWORD="bench-$RANDOM-$RANDOM-Pw"
start_ferry() {
  local port
  port="$(free_port)" || die "no free port"
  FERRY_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" FERRY_JAVA_OPTS="${BENCH_FERRY_OPTS:-}" \
    "${PRIO[@]}" "$ROOT/ferry" serve --data-dir "$FERRY_DATA" --http-port "$port" --sftp-port -1 \
      --defender-safe-list 127.0.0.1/32 >"$WORK/ferry.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    [ -f "$FERRY_DATA/server.json" ] && [ -n "$(ss -Hltn "sport = :$port")" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/ferry.log" >&2; die "ferry serve exited"; }
    sleep 0.1
  done
  [ -f "$FERRY_DATA/server.json" ] || { cat "$WORK/ferry.log" >&2; die "ferry serve did not start"; }
  local tries=0
  until "$ROOT/ferry" user add --data-dir "$FERRY_DATA" --username bench --password "$FERRY_PASSWORD" \
    --home-dir "$WORK/root-ferry" --permissions '/=*' >"$WORK/user-add.log" 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 10 ] || { cat "$WORK/user-add.log" >&2; die "ferry user add failed"; }
    sleep 1
  done
  PID[ferry]=$pid
  BASE[ferry]="https://127.0.0.1:$port"
  if [ "$(curl -sk -o /dev/null -w '%{http_code}' -u "bench:$FERRY_PASSWORD" "${BASE[ferry]}/api/v2/user/token")" != 200 ]; then
    note "this build of Ferry does not serve GET /api/v2/user/token; measuring nginx only"
    return 1
  fi
  note "ferry: pid $pid on 127.0.0.1:$port (JVM: $("$ROOT/ferry" java-home))"
}

ferry_token() {
  curl -sk -u "bench:$FERRY_PASSWORD" "${BASE[ferry]}/api/v2/user/token" \
    | sed -n 's/.*"access_token" *: *"\([^"]*\)".*/\1/p'
}

# --- one run of a scenario ---------------------------------------------------------------------
CURL=("${PRIO[@]}" curl -sS --fail -k --http1.1 --tls13-ciphers "$TLS13_CIPHERS")

# A curl config file: one transfer per small file, all in one process over one connection.
small_config() { # target direction(up|down) -> path of the config
  local t=$1 dir=$2 cfg="$WORK/curl-$1-$2.cfg" f
  : >"$cfg"
  for f in "${SMALL_NAMES[@]}"; do
    if [ "$dir" = up ]; then
      if [ "$t" = ferry ]; then
        printf 'upload-file = "%s"\nurl = "%s/api/v2/user/files/upload?path=small-up/%s&mkdir_parents=true"\noutput = "/dev/null"\n' \
          "$WORK/data/small/$f" "${BASE[$t]}" "$f" >>"$cfg"
      else
        printf 'upload-file = "%s"\nurl = "%s/small-up/%s"\noutput = "/dev/null"\n' "$WORK/data/small/$f" "${BASE[$t]}" "$f" >>"$cfg"
      fi
    else
      if [ "$t" = ferry ]; then
        printf 'url = "%s/api/v2/user/files?path=small/%s"\noutput = "%s"\n' "${BASE[$t]}" "$f" "$WORK/dl/small/$f" >>"$cfg"
      else
        printf 'url = "%s/small/%s"\noutput = "%s"\n' "${BASE[$t]}" "$f" "$WORK/dl/small/$f" >>"$cfg"
      fi
    fi
  done
  echo "$cfg"
}

AUTH=()
run_once() { # target scenario
  local t=$1 s=$2
  case "$t/$s" in
    ferry/upload)
      "${CURL[@]}" "${AUTH[@]}" -X POST -H 'Content-Type: application/octet-stream' -T "$WORK/data/big.bin" \
        -o /dev/null "${BASE[ferry]}/api/v2/user/files/upload?path=up.bin" ;;
    nginx/upload) "${CURL[@]}" -T "$WORK/data/big.bin" -o /dev/null "${BASE[nginx]}/up.bin" ;;
    ferry/download) "${CURL[@]}" "${AUTH[@]}" -o "$WORK/dl/big.bin" "${BASE[ferry]}/api/v2/user/files?path=big.bin" ;;
    nginx/download) "${CURL[@]}" -o "$WORK/dl/big.bin" "${BASE[nginx]}/big.bin" ;;
    ferry/small_up)
      "${CURL[@]}" "${AUTH[@]}" -X POST -H 'Content-Type: application/octet-stream' -K "${CFG[ferry_up]}" ;;
    nginx/small_up) "${CURL[@]}" -K "${CFG[nginx_up]}" ;;
    */small_down) mkdir -p "$WORK/dl/small" && "${CURL[@]}" "${AUTH[@]}" -K "${CFG[${t}_down]}" ;;
  esac
}

# The bytes must have arrived whole: a fast wrong answer is no result.
verify() { # target scenario
  local t=$1 s=$2
  case "$s" in
    upload) cmp -s "$WORK/data/big.bin" "$WORK/root-$t/up.bin" ;;
    download) cmp -s "$WORK/data/big.bin" "$WORK/dl/big.bin" ;;
    small_up) diff -rq "$WORK/data/small" "$WORK/root-$t/small-up" >/dev/null ;;
    small_down) diff -rq "$WORK/data/small" "$WORK/dl/small" >/dev/null ;;
  esac
}

clean_outputs() {
  rm -rf "$WORK/dl"/* "$WORK"/root-*/up.bin "$WORK"/root-*/small-up
  sync
}

mib_of() {
  case "$1" in
    upload | download) echo "$SIZE_MIB" ;;
    *) awk -v n="$SMALL_FILES" -v k="$SMALL_KIB" 'BEGIN { print n * k / 1024 }' ;;
  esac
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

measure() { # target scenario -> median seconds
  local t=$1 s=$2 times=() r t0 t1
  AUTH=()
  if [ "$t" = ferry ]; then
    local token
    token="$(ferry_token)"
    [ -n "$token" ] || { note "no user token from Ferry"; return 1; }
    AUTH=(-H "Authorization: Bearer $token")
  fi
  for r in $(seq 1 "$WARMUP"); do
    clean_outputs
    run_once "$t" "$s" || { note "$t $s failed (warm-up)"; return 1; }
  done
  for r in $(seq 1 "$REPS"); do
    clean_outputs
    t0=$EPOCHREALTIME
    run_once "$t" "$s" || { note "$t $s failed"; return 1; }
    t1=$EPOCHREALTIME
    verify "$t" "$s" || { note "$t $s: the bytes that arrived differ from the bytes sent"; return 1; }
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
  done
  printf '%s\n' "${times[@]}" | median
}

# --- go ----------------------------------------------------------------------------------------
ACTIVE=()
for t in $TARGETS; do
  case "$t" in
    nginx) start_nginx; ACTIVE+=(nginx) ;;
    ferry) if start_ferry; then ACTIVE+=(ferry); fi ;;
    *) die "unknown target '$t' (nginx, ferry)" ;;
  esac
done
[ "${#ACTIVE[@]}" -gt 0 ] || die "nothing to measure (BENCH_TARGETS=$TARGETS)"
declare -A CFG # written before any timing
for t in "${ACTIVE[@]}"; do
  CFG[${t}_up]="$(small_config "$t" up)"
  CFG[${t}_down]="$(small_config "$t" down)"
done
echo "client: $(curl --version | head -1 | cut -d' ' -f1-2), HTTP/1.1, TLS 1.3 $TLS13_CIPHERS; $(nproc) CPUs; data in $WORK"
echo "sizes${PRIO:+ (servers and client under ${PRIO[*]})}: bulk ${SIZE_MIB} MiB, small ${SMALL_FILES} x ${SMALL_KIB} KiB; median of $REPS after $WARMUP warm-up; load before: $(uptime | sed 's/.*load average: //')"

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for s in $SCENARIOS; do
  for t in "${ACTIVE[@]}"; do
    sec="$(measure "$t" "$s" || echo FAILED)"
    echo "$s $t $sec" >>"$RESULTS"
    note "$s $t: $sec s"
  done
done

echo
printf '%-11s %-6s %9s %9s %9s %8s\n' scenario server seconds 'MiB/s' 'files/s' 'vs nginx'
while read -r s t sec; do
  base="$(awk -v s="$s" '$1 == s && $2 == "nginx" { print $3 }' "$RESULTS")"
  ratio=- rate=- fps=-
  if [[ "$sec" =~ ^[0-9.]+$ ]]; then
    rate="$(awk -v m="$(mib_of "$s")" -v x="$sec" 'BEGIN { printf "%.1f", m / x }')"
    [[ "$s" == small_* ]] && fps="$(awk -v n="$SMALL_FILES" -v x="$sec" 'BEGIN { printf "%.0f", n / x }')"
    if [[ "$base" =~ ^[0-9.]+$ && "$t" != nginx ]]; then
      ratio="$(awk -v o="$base" -v f="$sec" 'BEGIN { printf "%.2fx", o / f }')"
    fi
  fi
  printf '%-11s %-6s %9s %9s %9s %8s\n' "$s" "$t" "$sec" "$rate" "$fps" "$ratio"
done <"$RESULTS"
echo "vs nginx = nginx time / Ferry time (1.00x: as fast as nginx). Targets: >= 0.90x upload and download,"
echo ">= 0.70x small_up and small_down."
