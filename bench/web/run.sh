#!/usr/bin/env bash
# The web UI at scale: the server-side time of the first page of the console's users list with
# 20,000 users, and of the web client's file browser on a folder of 100,000 files. Starts its own
# `ferry serve` on a temporary data dir, creates the users through /v1/adm/users (one curl
# process, one kept-alive connection; a public key instead of a password, so no password hashing
# slows the set-up) and the files with one loop on disk, logs in through the real web forms
# (cookie jar, CSRF token from the page's meta), then times each page with curl's
# %{time_starttransfer} (request sent to first byte back: the server's work plus loopback) and
# prints the median and p95 in ms beside the issue's target (< 200 ms).
# Nothing here runs in mvn verify; run it on an otherwise idle machine.
#
# Usage: bench/web/run.sh
#   BENCH_USERS (20000)   users created      BENCH_FILES (100000)   files in the browsed folder
#   BENCH_REPS (50)       timed requests per page, after BENCH_WARMUP (10) untimed ones
#   BENCH_TMPDIR=DIR      parent of the temp dir (default $TMPDIR or /tmp)
# Quick run: BENCH_USERS=2000 BENCH_FILES=10000 BENCH_REPS=20 bench/web/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
USERS="${BENCH_USERS:-20000}"
FILES="${BENCH_FILES:-100000}"
REPS="${BENCH_REPS:-50}"
WARMUP="${BENCH_WARMUP:-10}"
TARGET_MS=200

die() { echo "bench/web: $*" >&2; exit 3; }
note() { echo "bench/web: $*" >&2; }
for tool in curl awk sort ssh-keygen; do command -v "$tool" >/dev/null || die "$tool not found"; done

WORK="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/ferry-bench-web.XXXXXX")"
SERVER_PID=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ -n "$SERVER_PID" ]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT INT TERM

# --- server ------------------------------------------------------------------------------------
ADMIN_PW="bench-Admin-Passw0rd"
note "starting ferry serve (built first when the sources changed) on a free port (data dir $WORK/data)"
FERRY_ADMIN_PASSWORD="$ADMIN_PW" "$ROOT/ferry" serve --data-dir "$WORK/data" --http-port 0 --sftp-port 0 \
  >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 600); do
  [ -f "$WORK/data/server.json" ] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; die "ferry serve exited"; }
  sleep 0.1
done
[ -f "$WORK/data/server.json" ] || die "ferry serve did not start in 60 s"
URL="$(sed -n 's/.*"url" *: *"\([^"]*\)".*/\1/p' "$WORK/data/server.json")"
KEY="$(tr -d '[:space:]' <"$WORK/data/cli.key")"
CURL=(curl -sS --insecure)
note "server at $URL"
"${CURL[@]}" -o /dev/null -X PATCH -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d '{"rateLimitPublic":100000000,"rateLimitAuthenticated":100000000,"rateLimitAgent":100000000}' "$URL/v1/adm/settings"

# --- data: users and a big folder --------------------------------------------------------------
ssh-keygen -q -t ed25519 -N '' -f "$WORK/key" >/dev/null
PUB="$(cut -d' ' -f1,2 "$WORK/key.pub")"
mkdir -p "$WORK/homes"
note "creating $USERS users through /v1/adm/users (one connection)"
start=$(date +%s)
awk -v n="$USERS" -v url="$URL/v1/adm/users" -v key="$KEY" -v pub="$PUB" -v homes="$WORK/homes" 'BEGIN {
  for (i = 1; i <= n; i++) {
    printf "url = \"%s\"\nheader = \"X-API-Key: %s\"\nheader = \"Content-Type: application/json\"\n", url, key
    printf "data = \"{\\\"username\\\":\\\"u%05d\\\",\\\"public_keys\\\":[\\\"%s\\\"],\\\"home_dir\\\":\\\"%s/u%05d\\\",\\\"permissions\\\":{\\\"/\\\":[\\\"*\\\"]}}\"\n", i, pub, homes, i
    printf "insecure\noutput = \"/dev/null\"\nwrite-out = \"%%{http_code}\\\\n\"\n"
    if (i < n) print "next"
  }
}' >"$WORK/users.curl"
created="$("${CURL[@]}" -K "$WORK/users.curl" | grep -c '^201$' || true)"
[ "$created" = "$USERS" ] || die "only $created of $USERS users were created (HTTP 201)"
note "users created in $(( $(date +%s) - start )) s"

BROWSER_PW="bench-User-Passw0rd"
mkdir -p "$WORK/homes/browser/big"
"${CURL[@]}" -o /dev/null -w '%{http_code}\n' -H "X-API-Key: $KEY" -H 'Content-Type: application/json' \
  -d "{\"username\":\"browser\",\"password\":\"$BROWSER_PW\",\"home_dir\":\"$WORK/homes/browser\",\"permissions\":{\"/\":[\"*\"]}}" \
  "$URL/v1/adm/users" | grep -q '^201$' || die "could not create the browsing user"
note "writing $FILES files into one folder"
start=$(date +%s)
(cd "$WORK/homes/browser/big" && seq -f 'file-%06g.txt' 1 "$FILES" | xargs touch)
note "files written in $(( $(date +%s) - start )) s"

# --- log in through the web forms --------------------------------------------------------------
login() { # login AREA USER PASSWORD JAR
  local page csrf
  page="$("${CURL[@]}" -c "$4" -b "$4" "$URL/web/$1/login")"
  csrf="$(printf '%s' "$page" | sed -n 's/.*<meta name="csrf-token" content="\([^"]*\)".*/\1/p' | head -1)"
  [ -n "$csrf" ] || die "no CSRF token on /web/$1/login"
  local code
  code="$("${CURL[@]}" -c "$4" -b "$4" -o /dev/null -w '%{http_code}' --data-urlencode "_csrf=$csrf" \
    --data-urlencode "username=$2" --data-urlencode "password=$3" "$URL/web/$1/login")"
  [ "$code" = 303 ] || die "login of $2 at /web/$1 answered $code"
}
login admin admin "$ADMIN_PW" "$WORK/admin.jar"
login client browser "$BROWSER_PW" "$WORK/client.jar"

# --- timing ------------------------------------------------------------------------------------
RESULTS=()
time_page() { # time_page NAME JAR PATH
  local name=$1 jar=$2 path=$3 code
  code="$("${CURL[@]}" -b "$jar" -o "$WORK/page.html" -w '%{http_code}' "$URL$path")"
  [ "$code" = 200 ] || die "$path answered $code"
  for _ in $(seq 1 "$WARMUP"); do "${CURL[@]}" -b "$jar" -o /dev/null "$URL$path"; done
  # one curl process, one connection, REPS requests: each line is one request's time to first byte
  local urls=()
  for _ in $(seq 1 "$REPS"); do urls+=(-o /dev/null "$URL$path"); done
  "${CURL[@]}" -b "$jar" -w '%{time_starttransfer}\n' "${urls[@]}" | awk '{ printf "%.2f\n", $1 * 1000 }' \
    | sort -n >"$WORK/times.txt"
  local median p95
  median="$(awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' "$WORK/times.txt")"
  p95="$(awk '{ a[NR] = $1 } END { i = int(NR * 0.95 + 0.999); if (i < 1) i = 1; print a[i] }' "$WORK/times.txt")"
  local verdict=ok
  awk -v m="$p95" -v t="$TARGET_MS" 'BEGIN { exit !(m < t) }' || verdict=SLOW
  RESULTS+=("$(printf '%-42s median %8s ms   p95 %8s ms   target < %d ms: %s' "$name" "$median" "$p95" "$TARGET_MS" "$verdict")")
}
time_page "console users list, page 1 ($USERS users)" "$WORK/admin.jar" "/web/admin/users"
time_page "console users list, searched" "$WORK/admin.jar" "/web/admin/users?q=u1999"
time_page "client file browser ($FILES files)" "$WORK/client.jar" "/web/client/files?path=/big"
time_page "client file browser, sorted by name desc" "$WORK/client.jar" "/web/client/files?path=/big&sort=name&dir=desc"

echo
echo "bench/web: $REPS requests per page after $WARMUP warm-up ones, curl %{time_starttransfer} on loopback"
printf '%s\n' "${RESULTS[@]}"
