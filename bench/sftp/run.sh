#!/usr/bin/env bash
# Ferry's SFTP server against OpenSSH's, with the same OpenSSH sftp client, per cipher
# (aes128-gcm@openssh.com, chacha20-poly1305@openssh.com): bulk upload and download, many small
# files in one session, concurrent downloads, sequential logins; each as a ratio Ferry/OpenSSH
# (OpenSSH time / Ferry time, so > 1 means Ferry is faster) with the servers' CPU seconds per MiB
# (from /proc/<pid>/stat: the Ferry JVM; sshd with its reaped session children) and Ferry's peak
# heap. Then N idle SFTP sessions held open against Ferry, with its live heap after a full GC.
# Nothing here runs in mvn verify; run it on an otherwise idle machine.
#
# Usage: bench/sftp/run.sh
#   BENCH_SIZE_MB (1024)      bulk file, uploaded and downloaded once per run
#   BENCH_SMALL_FILES (2000)  BENCH_SMALL_KB (4)   small files, put -r and get -r in one session
#   BENCH_CONC (20)           BENCH_CONC_MB (50)   concurrent sessions, each downloading this much
#   BENCH_LOGINS (200)        sequential logins, each fetching one small file
#   BENCH_IDLE (1000)         idle sessions against Ferry, else plain MINA (0 skips)
#   BENCH_REPS (1)            runs per scenario and server; the median time counts
#   BENCH_WARMUP (3)          untimed runs per scenario and server first (JVM servers are measured
#                             warm, as a long-running server is; OpenSSH gets the same runs)
#   BENCH_CIPHERS ("aes128-gcm@openssh.com chacha20-poly1305@openssh.com")
#   BENCH_TARGETS ("openssh ferry"); also "mina" (a plain MINA 2.20 SFTP server with Ferry's ciphers,
#                 the reference for what Ferry's layers cost) and "mina-builtin" (the same with MINA's
#                 own ciphers)
#   BENCH_SCENARIOS ("upload download small_up small_down concurrent logins")
#   BENCH_FERRY_OPTS          extra JVM options for Ferry (e.g. -Xmx1g)
#   BENCH_TMPDIR=DIR          parent of the temp dir (the servers' roots); needs about 2.5x BENCH_SIZE_MB
#                             free. Default /dev/shm when it has the room, else $TMPDIR or /tmp: on ext4
#                             the small-file runs measured the file system more than the servers (creating
#                             2,000 files right after deleting the last run's 2,000 made ext4 scan past
#                             recently deleted inodes: half of the server's CPU, growing run by run).
# Quick run: BENCH_SIZE_MB=64 BENCH_SMALL_FILES=200 BENCH_CONC=4 BENCH_CONC_MB=8 BENCH_LOGINS=20 BENCH_IDLE=50 bench/sftp/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/sftp"
SIZE_MIB="${BENCH_SIZE_MB:-1024}"
SMALL_FILES="${BENCH_SMALL_FILES:-2000}"
SMALL_KIB="${BENCH_SMALL_KB:-4}"
CONC="${BENCH_CONC:-20}"
CONC_MIB="${BENCH_CONC_MB:-50}"
LOGINS="${BENCH_LOGINS:-200}"
IDLE="${BENCH_IDLE:-1000}"
REPS="${BENCH_REPS:-1}"
WARMUP="${BENCH_WARMUP:-3}"
CIPHERS="${BENCH_CIPHERS:-aes128-gcm@openssh.com chacha20-poly1305@openssh.com}"
TARGETS="${BENCH_TARGETS:-openssh ferry}"
SCENARIOS="${BENCH_SCENARIOS:-upload download small_up small_down concurrent logins}"
CLK_TCK="$(getconf CLK_TCK)"

die() { echo "bench/sftp: $*" >&2; exit 3; }
note() { echo "bench/sftp: $*" >&2; }

SSHD="$(command -v sshd || true)"
[ -z "$SSHD" ] && [ -x /usr/sbin/sshd ] && SSHD=/usr/sbin/sshd
[ -n "$SSHD" ] || die "sshd (package openssh-server) is not installed"
for tool in ssh-keygen ssh sftp awk split ss; do command -v "$tool" >/dev/null || die "$tool not found"; done

# --- temp dir and cleanup --------------------------------------------------------------------
default_tmpdir() {
  local free_kib
  free_kib="$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')"
  if [ -n "$free_kib" ] && [ "$free_kib" -gt $((SIZE_MIB * 1024 * 3)) ]; then echo /dev/shm; else echo "${TMPDIR:-/tmp}"; fi
}
WORK="$(mktemp -d "${BENCH_TMPDIR:-$(default_tmpdir)}/ferry-bench-sftp.XXXXXX")"
PIDS=()
IDLE_PID=
MADE_PRIVSEP_DIR=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  [ -n "$IDLE_PID" ] && kill "$IDLE_PID" 2>/dev/null
  local pid
  for pid in "${PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true # sshd's session children, if any are left
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "$MADE_PRIVSEP_DIR" ] && rmdir /run/sshd 2>/dev/null
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

# --- test data: hard links put the same bytes (and page cache) under both servers -------------
KEY="$WORK/client_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C ferry-bench-client -f "$KEY"
mkdir -p "$WORK/data/small" "$WORK/dl"
note "writing ${SIZE_MIB} MiB, ${CONC_MIB} MiB and ${SMALL_FILES} x ${SMALL_KIB} KiB of test data to $WORK"
head -c "$((SIZE_MIB * 1024 * 1024))" /dev/urandom >"$WORK/data/big.bin"
head -c "$((CONC_MIB * 1024 * 1024))" /dev/urandom >"$WORK/data/conc.bin"
head -c "$((SMALL_FILES * SMALL_KIB * 1024))" /dev/urandom >"$WORK/data/small.blob"
(cd "$WORK/data/small" && split -b "$((SMALL_KIB * 1024))" -a 6 -d "$WORK/data/small.blob" f)
rm "$WORK/data/small.blob"
cp "$WORK/data/small/f000000" "$WORK/data/one.bin"
for t in $TARGETS; do
  mkdir "$WORK/root-$t"
  ln "$WORK/data/big.bin" "$WORK/data/conc.bin" "$WORK/data/one.bin" "$WORK/root-$t/"
  cp -al "$WORK/data/small" "$WORK/root-$t/small"
done
declare -A PID PORT USER_OF GCLOG

# --- OpenSSH: a second sshd on a free loopback port, internal-sftp rooted in root-openssh ------
LOGIN="$(id -un)"
start_openssh() {
  local dir="$WORK/sshd"
  mkdir -m 700 "$dir"
  ssh-keygen -q -t ed25519 -N '' -C ferry-bench-host -f "$dir/host_ed25519_key"
  echo "restrict $(cat "$KEY.pub")" >"$dir/authorized_keys"
  cat >"$dir/sshd_config" <<CONF
ListenAddress 127.0.0.1
HostKey $dir/host_ed25519_key
PidFile none
AuthorizedKeysFile $dir/authorized_keys
AuthorizedKeysCommand none
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AllowUsers $LOGIN
Ciphers aes128-gcm@openssh.com,chacha20-poly1305@openssh.com
MaxStartups 100:30:200
MaxSessions 10
Subsystem sftp internal-sftp -d $WORK/root-openssh
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
UseDNS no
LogLevel INFO
CONF
  if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then mkdir -m 755 /run/sshd; MADE_PRIVSEP_DIR=1; fi
  "$SSHD" -t -f "$dir/sshd_config" || die "sshd rejects the generated config"
  local port pid
  port="$(free_port)" || die "no free port"
  "$SSHD" -D -f "$dir/sshd_config" -p "$port" -E "$dir/sshd.log" &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q "Server listening on 127.0.0.1 port $port" "$dir/sshd.log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$dir/sshd.log" >&2; die "sshd did not start"; }
    sleep 0.05
  done
  PIDS+=("$pid")
  PID[openssh]=$pid
  PORT[openssh]=$port
  USER_OF[openssh]=$LOGIN
  echo "openssh: $("$SSHD" -V 2>&1 | head -1 || true) pid $pid on 127.0.0.1:$port, internal-sftp" >&2
}

# --- Ferry: ./ferry serve with its SFTP server, one user whose home is root-ferry -------------
FERRY_DATA="$WORK/ferry-data"
start_ferry() {
  if ! "$ROOT/ferry" serve --help 2>/dev/null | grep -q -- '--sftp-port'; then
    note "this build of Ferry has no SFTP server ('ferry serve --sftp-port'); measuring OpenSSH only"
    return 1
  fi
  local port
  port="$(free_port)" || die "no free port"
  FERRY_ADMIN_PASSWORD="bench-$RANDOM-$RANDOM" \
    FERRY_JAVA_OPTS="-Xlog:gc:file=$WORK/gc-ferry.log ${BENCH_FERRY_OPTS:-}" \
    "$ROOT/ferry" serve --data-dir "$FERRY_DATA" --http-port 0 --sftp-port "$port" \
      --defender-safe-list 127.0.0.1/32 >"$WORK/ferry.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 1200); do
    [ -f "$FERRY_DATA/server.json" ] && [ -n "$(ss -Hltn "sport = :$port")" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/ferry.log" >&2; die "ferry serve exited"; }
    sleep 0.1
  done
  [ -f "$FERRY_DATA/server.json" ] || { cat "$WORK/ferry.log" >&2; die "ferry serve did not start"; }
  # The CLI's health probe gives a cold server 3 s; on a loaded machine its first answer can take longer.
  local tries=0
  until "$ROOT/ferry" user add --data-dir "$FERRY_DATA" --username bench --public-key "$KEY.pub" \
    --home-dir "$WORK/root-ferry" --permissions '/=*' >"$WORK/user-add.log" 2>&1; do
    tries=$((tries + 1))
    [ "$tries" -lt 10 ] || { cat "$WORK/user-add.log" >&2; die "ferry user add failed"; }
    sleep 1
  done
  PID[ferry]=$pid
  PORT[ferry]=$port
  USER_OF[ferry]=bench
  GCLOG[ferry]="$WORK/gc-ferry.log"
  echo "ferry: pid $pid on 127.0.0.1:$port (JVM: $("$ROOT/ferry" java-home))" >&2
}

# --- plain MINA: the same SFTP library without Ferry's layers --------------------------------
SFTPD_CLASSES=
start_mina() { # target mode(ferry|builtin)
  local t=$1 mode=$2
  if [ -z "$SFTPD_CLASSES" ]; then
    (cd "$ROOT" && mvn -B -q -o -pl ferry-sftpd -am package -DskipTests >&2) || die "building ferry-sftpd failed"
    "$ROOT/ferry" --version >/dev/null || die "building Ferry failed" # ferry-cli/target/lib: MINA, BouncyCastle
    SFTPD_CLASSES="$WORK/sftpd-classes"
    cp -r "$ROOT/ferry-sftpd/target/classes" "$SFTPD_CLASSES"
    cp -r "$ROOT/ferry-cli/target/lib" "$WORK/lib"
  fi
  cp "$KEY.pub" "$WORK/authorized_keys"
  "$JAVA_HOME/bin/java" "-Xlog:gc:file=$WORK/gc-$t.log" -cp "$SFTPD_CLASSES:$WORK/lib/*" "$HERE/PlainMina.java" \
    "$WORK/root-$t" "$WORK/authorized_keys" "$WORK/hostkey-$t" "$WORK/port-$t" "$mode" >"$WORK/$t.log" 2>&1 &
  local pid=$!
  PIDS+=("$pid")
  for _ in $(seq 1 600); do
    [ -s "$WORK/port-$t" ] && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/$t.log" >&2; die "$t did not start"; }
    sleep 0.1
  done
  [ -s "$WORK/port-$t" ] || die "$t did not start in 60 s"
  PID[$t]=$pid
  PORT[$t]="$(cat "$WORK/port-$t")"
  USER_OF[$t]=$LOGIN
  GCLOG[$t]="$WORK/gc-$t.log"
  echo "$t: plain MINA SSHD 2.20 SFTP ($mode ciphers) pid $pid on 127.0.0.1:${PORT[$t]}" >&2
}

# --- measuring ---------------------------------------------------------------------------------
# CPU ticks of a server: the Ferry JVM, or sshd plus the session children it has reaped.
cpu_ticks() {
  local pid=$1
  awk '{ print $14 + $15 + $16 + $17 }' "/proc/$pid/stat"
}
# sshd counts a session's CPU only once the session process has exited and been reaped.
await_no_children() {
  local pid=$1
  for _ in $(seq 1 200); do
    [ -z "$(pgrep -P "$pid" || true)" ] && return 0
    sleep 0.05
  done
}
heap_mib() { # a JVM's used heap now, MiB
  "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null \
    | awk '/used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit } }'
}
gc_peak_mib() { # the largest heap before a GC in GC log $1 after line $2
  [ -f "$1" ] || { echo 0; return; }
  awk -v from="$2" 'NR > from && match($0, /[0-9]+M->[0-9]+M/) {
    split(substr($0, RSTART, RLENGTH), a, "M->"); if (a[1] + 0 > max) max = a[1] + 0 }
    END { print max + 0 }' "$1"
}
gc_lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }

sftp_cmd() { # target cipher batchfile
  local port=${PORT[$1]} user=${USER_OF[$1]}
  sftp -q -b "$3" -P "$port" -i "$KEY" -o IdentitiesOnly=yes -o StrictHostKeyChecking=no \
    -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o Ciphers="$2" -o Compression=no \
    "$user@127.0.0.1" >/dev/null
}

batch() { # name, commands...
  local f="$WORK/batch-$1"
  shift
  printf '%s\n' "$@" >"$f"
  echo "$f"
}

clean_outputs() {
  rm -rf "$WORK/dl"/* "$WORK"/root-*/up.bin "$WORK"/root-*/small-up
  sync
}

# run_once target cipher scenario -> prints "seconds"
run_once() {
  local t=$1 c=$2 s=$3 b i
  case "$s" in
    upload) b="$(batch up "put $WORK/data/big.bin up.bin")"; sftp_cmd "$t" "$c" "$b" ;;
    download) b="$(batch down "get big.bin $WORK/dl/big.bin")"; sftp_cmd "$t" "$c" "$b" ;;
    small_up) b="$(batch sup "put -r $WORK/data/small small-up")"; sftp_cmd "$t" "$c" "$b" ;;
    small_down) b="$(batch sdown "get -r small $WORK/dl/small")"; sftp_cmd "$t" "$c" "$b" ;;
    concurrent)
      local pids=()
      for i in $(seq 1 "$CONC"); do
        b="$(batch "conc$i" "get conc.bin $WORK/dl/conc$i.bin")"
        sftp_cmd "$t" "$c" "$b" &
        pids+=("$!")
      done
      for i in "${pids[@]}"; do wait "$i" || return 1; done
      ;;
    logins)
      b="$(batch one "get one.bin $WORK/dl/one.bin")"
      for i in $(seq 1 "$LOGINS"); do sftp_cmd "$t" "$c" "$b"; done
      ;;
  esac
}

mib_of() {
  case "$1" in
    upload | download) echo "$SIZE_MIB" ;;
    small_up | small_down) awk -v n="$SMALL_FILES" -v k="$SMALL_KIB" 'BEGIN { print n * k / 1024 }' ;;
    concurrent) echo "$((CONC * CONC_MIB))" ;;
    logins) awk -v n="$LOGINS" -v k="$SMALL_KIB" 'BEGIN { print n * k / 1024 }' ;;
  esac
}

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# measure target cipher scenario -> "seconds cpu_s_per_mib peak_heap_mib" (heap: JVM servers only)
measure() {
  local t=$1 c=$2 s=$3 pid=${PID[$1]} gclog=${GCLOG[$1]:-} times=() cpus=() peak=- r
  for r in $(seq 1 "$WARMUP"); do
    clean_outputs
    run_once "$t" "$c" "$s" || { echo "bench/sftp: $t $s with $c failed (warm-up)" >&2; return 1; }
  done
  for r in $(seq 1 "$REPS"); do
    clean_outputs
    local gl c0 c1 t0 t1
    gl="$(gc_lines "$gclog")"
    await_no_children "$pid"
    c0="$(cpu_ticks "$pid")"
    t0=$EPOCHREALTIME
    run_once "$t" "$c" "$s" || { echo "bench/sftp: $t $s with $c failed" >&2; return 1; }
    t1=$EPOCHREALTIME
    await_no_children "$pid"
    c1="$(cpu_ticks "$pid")"
    times+=("$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')")
    cpus+=("$(awk -v d="$((c1 - c0))" -v hz="$CLK_TCK" -v m="$(mib_of "$s")" 'BEGIN { printf "%.4f", d / hz / m }')")
    if [ -n "$gclog" ]; then
      local p h
      p="$(gc_peak_mib "$gclog" "$gl")"
      h="$(heap_mib "$pid")"
      [ "${h:-0}" -gt "$p" ] && p=$h
      if [ "$peak" = - ] || [ "$p" -gt "$peak" ]; then peak=$p; fi
    fi
  done
  echo "$(printf '%s\n' "${times[@]}" | median) $(printf '%s\n' "${cpus[@]}" | median) $peak"
}

# --- go ----------------------------------------------------------------------------------------
JAVA_HOME="$("$ROOT/ferry" java-home)"
export JAVA_HOME
ACTIVE=()
for t in $TARGETS; do
  case "$t" in
    openssh) start_openssh; ACTIVE+=(openssh) ;;
    ferry) if start_ferry; then ACTIVE+=(ferry); fi ;;
    mina) start_mina mina ferry; ACTIVE+=(mina) ;;
    mina-builtin) start_mina mina-builtin builtin; ACTIVE+=(mina-builtin) ;;
    *) die "unknown target '$t' (openssh, ferry, mina, mina-builtin)" ;;
  esac
done
[ "${#ACTIVE[@]}" -gt 0 ] || die "nothing to measure (BENCH_TARGETS=$TARGETS)"
echo "client: $(ssh -V 2>&1); $(nproc) CPUs; data in $WORK; sizes: bulk ${SIZE_MIB} MiB, small ${SMALL_FILES}x${SMALL_KIB} KiB, concurrent ${CONC}x${CONC_MIB} MiB, ${LOGINS} logins; reps $REPS after $WARMUP warm-up"

RESULTS="$WORK/results.txt"
: >"$RESULTS"
for c in $CIPHERS; do
  for s in $SCENARIOS; do
    for t in "${ACTIVE[@]}"; do
      read -r -a m <<<"$(measure "$t" "$c" "$s" || echo FAILED FAILED -)"
      echo "$c $s $t ${m[0]} ${m[1]} ${m[2]}" >>"$RESULTS"
      echo "  $c $s $t: ${m[0]} s" >&2
    done
  done
done

echo
printf '%-30s %-11s %-13s %9s %8s %12s %10s\n' cipher scenario server seconds "vs ossh" "cpu s/MiB" "peak heap"
while read -r c s t sec cpu heap; do
  base="$(awk -v c="$c" -v s="$s" '$1 == c && $2 == s && $3 == "openssh" { print $4 }' "$RESULTS")"
  ratio=-
  if [[ "$base" =~ ^[0-9.]+$ && "$sec" =~ ^[0-9.]+$ && "$t" != openssh ]]; then
    ratio="$(awk -v o="$base" -v f="$sec" 'BEGIN { printf "%.2fx", o / f }')"
  fi
  printf '%-30s %-11s %-13s %9s %8s %12s %10s\n' "$c" "$s" "$t" "$sec" "$ratio" "$cpu" \
    "$([ "$heap" = - ] && echo - || echo "${heap} MiB")"
done <"$RESULTS"
echo "vs ossh = OpenSSH time / this server's time (> 1: faster than OpenSSH); cpu s/MiB = server CPU"
echo "seconds per MiB moved (logins: per MiB of the small files fetched); peak heap = largest used heap"
echo "seen (GC log, jcmd) during the scenario"

# --- idle sessions -----------------------------------------------------------------------------
# Ferry's heap is the point; without Ferry, the plain MINA server shows the library's share.
IDLE_TARGET=
for t in ferry mina mina-builtin; do [ -n "${PID[$t]:-}" ] && { IDLE_TARGET=$t; break; }; done
if [ -n "$IDLE_TARGET" ] && [ "$IDLE" -gt 0 ]; then
  echo
  mkfifo "$WORK/idle.in"
  "$JAVA_HOME/bin/java" -Xmx2g -cp "$ROOT/ferry-cli/target/lib/*" "$HERE/IdleSessions.java" \
    127.0.0.1 "${PORT[$IDLE_TARGET]}" "${USER_OF[$IDLE_TARGET]}" "$KEY" "$IDLE" <"$WORK/idle.in" >"$WORK/idle.out" 2>"$WORK/idle.err" &
  IDLE_PID=$!
  exec 9>"$WORK/idle.in" # holds the sessions open until closed
  for _ in $(seq 1 6000); do
    grep -q '^OPEN' "$WORK/idle.out" 2>/dev/null && break
    kill -0 "$IDLE_PID" 2>/dev/null || { cat "$WORK/idle.err" >&2; die "the idle-session client failed"; }
    sleep 0.1
  done
  grep -q '^OPEN' "$WORK/idle.out" || die "the idle sessions did not open in 600 s"
  before_gc="$(heap_mib "${PID[$IDLE_TARGET]}")"
  "$JAVA_HOME/bin/jcmd" "${PID[$IDLE_TARGET]}" GC.run >/dev/null
  live="$(heap_mib "${PID[$IDLE_TARGET]}")"
  rss="$(awk '/VmRSS/ { print int($2 / 1024) }' "/proc/${PID[$IDLE_TARGET]}/status")"
  echo "idle sessions against $IDLE_TARGET: $(cat "$WORK/idle.out"); heap used ${before_gc} MiB, ${live} MiB live after a full GC, RSS ${rss} MiB"
  exec 9>&-
  wait "$IDLE_PID" || true
  IDLE_PID=
fi
