#!/usr/bin/env bash
# Start-to-ready time and idle RSS of one Flywheel app, jar or native executable: the figures SPEC.md targets
# (JVM <= 2 s, native <= 0.1 s and <= 80 MB RSS idle).
#   native-profiles/measure-startup.sh <port> <command...>
# e.g.  ./flywheel db &   # a database on 127.0.0.1:55432, the apps' default
#       native-profiles/measure-startup.sh 8080 java -jar inference-app/target/quarkus-app/quarkus-run.jar
#       native-profiles/measure-startup.sh 8080 inference-app/target/inference-app-0.1.0-SNAPSHOT-runner
# Ready means /q/health/ready answers 200; RSS is read from /proc after IDLE_SECONDS (default 10) without traffic.
set -euo pipefail
port="${1:?usage: measure-startup.sh <port> <command...>}"
shift
idle="${IDLE_SECONDS:-10}"
log="$(mktemp)"
start_ns=$(date +%s%N)
"$@" > "$log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -f "$log"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/q/health/ready"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "the app exited before it was ready:" >&2
    cat "$log" >&2
    exit 1
  fi
  if [ $(( ($(date +%s%N) - start_ns) / 1000000000 )) -ge 120 ]; then
    echo "not ready within 120 s" >&2
    exit 1
  fi
  sleep 0.01
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
sleep "$idle"
rss_kb=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status")
quarkus_says=$(grep -o 'started in [0-9.]*s' "$log" | head -1 || true)
echo "start to ready: ${ready_ms} ms (Quarkus: ${quarkus_says:-n/a}); RSS after ${idle} s idle: $((rss_kb / 1024)) MB"
