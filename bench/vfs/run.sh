#!/usr/bin/env bash
# Throughput and peak heap of Ferry's storage backends: VfsCopier copies a 1 GiB file
# local -> SFTP, SFTP -> S3 and S3 -> local (LocalVfs, SftpVfs, S3Vfs), 3 times each, in a JVM
# capped at -Xmx256m, against a private OpenSSH sshd and an s3proxy on loopback. In the same run,
# OpenSSH's own sftp client puts the same file to the same sshd; both clients and the sshd are
# pinned to aes128-gcm@openssh.com. Prints one table of medians. Nothing here runs in mvn verify.
#
# Usage: bench/vfs/run.sh
#   BENCH_INSTALL=1   as root: apt-get install openssh-server if sshd is missing (else: exit 3)
#   BENCH_SIZE_MIB    file size in MiB (1024)      BENCH_REPS   runs per path (3)
#   BENCH_XMX         the benchmark JVM's -Xmx (256m)
#   BENCH_JFR=FILE    also record the benchmark JVM with JFR (settings=profile) into FILE
#   BENCH_TMPDIR=DIR  parent of the temp dir (default $TMPDIR or /tmp); needs about 4.5 GiB free
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
HERE="$ROOT/bench/vfs"
SIZE_MIB="${BENCH_SIZE_MIB:-1024}"
REPS="${BENCH_REPS:-3}"
XMX="${BENCH_XMX:-256m}"
CIPHER=aes128-gcm@openssh.com

die() { echo "bench/vfs: $*" >&2; exit 3; }

# --- prerequisites; nothing is installed without being asked to -----------------------------
SSHD="$(command -v sshd || true)"
if [ -z "$SSHD" ] && [ -x /usr/sbin/sshd ]; then SSHD=/usr/sbin/sshd; fi
if [ -z "$SSHD" ]; then
  echo "bench/vfs: sshd (package openssh-server) is not installed; it serves SFTP to both clients." >&2
  if [ "${BENCH_INSTALL:-}" = 1 ] && [ "$(id -u)" = 0 ]; then
    echo "bench/vfs: BENCH_INSTALL=1 and root: installing openssh-server with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends openssh-server >&2 \
      || { apt-get update >&2 && apt-get install -y --no-install-recommends openssh-server >&2; }
    SSHD=/usr/sbin/sshd
    [ -x "$SSHD" ] || die "apt-get did not install $SSHD"
  else
    die "install it (apt-get install openssh-server), or run this script as root with BENCH_INSTALL=1 to let it do so"
  fi
fi
for tool in ssh-keygen ssh sftp mvn; do
  command -v "$tool" >/dev/null || die "$tool not found (ssh, sftp, ssh-keygen: openssh-client; mvn: maven)"
done

LIB="$ROOT/ferry-cli/target/lib"
if ! "$ROOT/ferry" --version >/dev/null; then # builds when needed
  # Others' unfinished work in this checkout can break the reactor build; the storage jars of the
  # last good build still measure the storage modules, so say which ones are used and go on.
  compgen -G "$LIB/ferry-vfs-sftp-[0-9]*.jar" >/dev/null || die "building Ferry failed (see above)"
  echo "bench/vfs: WARNING: building Ferry failed (see above); using the jars of the last good build in $LIB:" >&2
  ls -l --time-style=+%FT%T "$LIB"/ferry-vfs*.jar | awk '{print "  " $6 " " $7}' >&2
fi
JAVA_HOME="$("$ROOT/ferry" java-home)"
export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
OPTS=(--enable-native-access=ALL-UNNAMED)
if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')" -ge 24 ]; then
  OPTS+=(--sun-misc-unsafe-memory-access=allow)
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi
for m in ferry-vfs ferry-vfs-sftp ferry-vfs-s3; do
  compgen -G "$LIB/$m-[0-9]*.jar" >/dev/null || die "$LIB has no $m jar; the build is older than the storage modules"
done

# --- temp dir and cleanup --------------------------------------------------------------------
WORK="$(mktemp -d "${BENCH_TMPDIR:-${TMPDIR:-/tmp}}/ferry-bench-vfs.XXXXXX")"
PIDS=()
MADE_PRIVSEP_DIR=
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  local pid
  for pid in "${PIDS[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true # sshd's per-session children, if any are left
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$MADE_PRIVSEP_DIR" ]; then rmdir /run/sshd 2>/dev/null || true; fi
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The jars are copied: other builds in this checkout may rewrite ferry-cli/target/lib mid-run.
cp -r "$LIB" "$WORK/lib"

# --- a private sshd on a free loopback port ---------------------------------------------------
SSHDIR="$WORK/ssh"
mkdir -m 700 "$SSHDIR"
ssh-keygen -q -t ed25519 -N '' -C ferry-bench-host -f "$SSHDIR/host_ed25519_key"
ssh-keygen -q -t ed25519 -N '' -C ferry-bench-client -f "$SSHDIR/client_ed25519_key"
echo "restrict $(cat "$SSHDIR/client_ed25519_key.pub")" >"$SSHDIR/authorized_keys"
FINGERPRINT="$(ssh-keygen -lf "$SSHDIR/host_ed25519_key.pub" | awk '{print $2}')"
LOGIN="$(id -un)"
cat >"$SSHDIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
HostKey $SSHDIR/host_ed25519_key
PidFile none
AuthorizedKeysFile $SSHDIR/authorized_keys
AuthorizedKeysCommand none
AuthenticationMethods publickey
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
HostbasedAuthentication no
UsePAM no
StrictModes no
PermitRootLogin prohibit-password
AllowUsers $LOGIN
Ciphers $CIPHER
Subsystem sftp internal-sftp
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
UseDNS no
LogLevel DEBUG1
EOF
if [ "$(id -u)" = 0 ] && [ ! -d /run/sshd ]; then # sshd's privilege separation directory
  mkdir -m 755 /run/sshd
  MADE_PRIVSEP_DIR=1
fi
"$SSHD" -t -f "$SSHDIR/sshd_config" || die "sshd rejects the generated config"
SSH_PORT=
for _ in $(seq 1 20); do
  port=$((20000 + RANDOM % 40000))
  if command -v ss >/dev/null && [ -n "$(ss -Hltn "sport = :$port")" ]; then continue; fi
  : >"$SSHDIR/sshd.log"
  "$SSHD" -D -f "$SSHDIR/sshd_config" -p "$port" -E "$SSHDIR/sshd.log" &
  pid=$!
  for _ in $(seq 1 100); do
    if grep -q "Server listening on 127.0.0.1 port $port" "$SSHDIR/sshd.log"; then SSH_PORT=$port; break; fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if [ -n "$SSH_PORT" ]; then PIDS+=("$pid"); break; fi
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
done
[ -n "$SSH_PORT" ] || { cat "$SSHDIR/sshd.log" >&2; die "sshd did not start"; }
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$SSHDIR/host_ed25519_key.pub")" >"$SSHDIR/known_hosts"
echo "sshd ($(ssh -V 2>&1)) pid ${PIDS[0]} on 127.0.0.1:$SSH_PORT, host key $FINGERPRINT"

# --- s3proxy (a Maven jar only) in its own JVM, filesystem blobstore on the same disk --------
CPDIR="$WORK/s3proxy-classpath"
mkdir "$CPDIR"
cat >"$CPDIR/pom.xml" <<EOF
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <!-- Ferry's parent, so that s3proxy resolves with the same managed versions as in ferry-vfs-s3's tests -->
  <parent>
    <groupId>dev.ferry</groupId><artifactId>ferry</artifactId><version>0.1.0-SNAPSHOT</version>
    <relativePath>$(realpath --relative-to="$CPDIR" "$ROOT/pom.xml")</relativePath>
  </parent>
  <artifactId>bench-vfs-s3proxy-classpath</artifactId>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>org.gaul</groupId><artifactId>s3proxy</artifactId><version>4.1.0</version>
      <exclusions>
        <exclusion><groupId>com.google.cloud</groupId><artifactId>*</artifactId></exclusion>
        <exclusion><groupId>com.azure</groupId><artifactId>*</artifactId></exclusion>
        <exclusion><groupId>com.github.openstack4j.core</groupId><artifactId>*</artifactId></exclusion>
      </exclusions>
    </dependency>
  </dependencies>
</project>
EOF
(cd "$CPDIR" && mvn -B -q dependency:build-classpath -DincludeScope=runtime -Dmdep.outputFile="$CPDIR/cp.txt") >&2 \
  || die "Maven could not resolve org.gaul:s3proxy:4.1.0"
mkdir "$WORK/s3"
"$JAVA" -Xmx1g "${OPTS[@]}" -cp "$(cat "$CPDIR/cp.txt"):$WORK/lib/*" "$HERE/VfsBench.java" \
  mode=s3proxy dir="$WORK/s3" port_file="$WORK/s3.port" >"$WORK/s3proxy.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 1200); do
  [ -f "$WORK/s3.port" ] && break
  kill -0 "${PIDS[1]}" 2>/dev/null || break
  sleep 0.1
done
[ -f "$WORK/s3.port" ] || { cat "$WORK/s3proxy.log" >&2; die "s3proxy did not start"; }
echo "s3proxy 4.1.0 pid ${PIDS[1]} on 127.0.0.1:$(cat "$WORK/s3.port"), blobstore $WORK/s3"

# --- the benchmark ---------------------------------------------------------------------------
JFR=()
[ -n "${BENCH_JFR:-}" ] && JFR=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile")
mkdir "$WORK/data"
"$JAVA" "-Xmx$XMX" "${OPTS[@]}" "${JFR[@]}" -cp "$WORK/lib/*" "$HERE/VfsBench.java" \
  mode=bench work="$WORK/data" size_mib="$SIZE_MIB" reps="$REPS" user="$LOGIN" \
  ssh_port="$SSH_PORT" client_key="$SSHDIR/client_ed25519_key" fingerprint="$FINGERPRINT" \
  known_hosts="$SSHDIR/known_hosts" sshd_log="$SSHDIR/sshd.log" cipher="$CIPHER" \
  s3_port="$(cat "$WORK/s3.port")" sshd_pid="${PIDS[0]}" s3proxy_pid="${PIDS[1]}" clk_tck="$(getconf CLK_TCK)"
