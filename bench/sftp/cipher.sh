#!/usr/bin/env bash
# Packet-cipher throughput: MINA's chacha20-poly1305 vs Ferry's (ferry.sftpd.crypto), with MINA's
# aes128-gcm for scale, single-threaded, in-process (no network). Nothing here runs in mvn verify.
#
# Usage: bench/sftp/cipher.sh [MIB_PER_ROUND (256)] [ROUNDS (5)]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
JAVA_HOME="$("$ROOT/ferry" java-home)"
export JAVA_HOME
WORK="$(mktemp -d "${TMPDIR:-/tmp}/ferry-bench-cipher.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
# package, not install: the classpath points into this checkout's target dirs (ferry-sftpd is last)
(cd "$ROOT" && mvn -B -q -o -pl ferry-sftpd -am package dependency:build-classpath -DskipTests \
  -DincludeScope=runtime -Dmdep.outputFile="$WORK/cp.txt" >&2)
cp -r "$ROOT/ferry-sftpd/target/classes" "$WORK/classes"
"$JAVA_HOME/bin/java" -Xmx2g -cp "$WORK/classes:$(cat "$WORK/cp.txt")" "$ROOT/bench/sftp/CipherBench.java" "$@"
