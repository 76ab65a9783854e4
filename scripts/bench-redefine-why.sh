#!/usr/bin/env bash
# Why a redefinition costs more once javac has run in the target (issue 15): one PauseProbe JVM, K
# CLI-compiled inject/revert pairs (javac never ran in it) with `perf record` on its VM thread, then one
# agent-compiled inject (javac runs there once), then K CLI-compiled pairs again under perf. Prints, for
# each phase: classes loaded, nmethods, the RedefineClasses safepoints (-Xlog:safepoint) and the VM
# thread's hottest symbols (perf report, self time) and its CPU time per redefinition (/proc schedstat:
# robust to the load of a shared machine, where wall-clock safepoint times are not).
# Usage: scripts/bench-redefine-why.sh [K]     (default 20; env JAVA=...; needs perf and the right to use it)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
k="${1:-20}"
java_bin="${JAVA:-java}"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")"
jcmd_bin="$java_home/bin/jcmd"
export GRAFT_JAVA="$java_bin"
bench_jar="$root/bench/target/graft-bench.jar"
command -v perf > /dev/null || { echo "needs perf" >&2; exit 2; }
work="$(mktemp -d /tmp/graft-redefine-why.XXXXXX)"
"$java_bin" -Xlog:safepoint:file="$work/safepoint.log":timemillis -cp "$bench_jar" dev.graft.bench.PauseProbe run "$work/gaps.txt" > "$work/probe.log" 2>&1 &
probe=$!
trap 'kill $probe 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 200); do grep -q 'probe: ready' "$work/probe.log" 2>/dev/null && break; sleep 0.05; done
sleep 1
g() { "$root/scripts/graft" "$@" --timeout 2m > "$work/out" 2>&1 || { echo "graft $1 failed:" >&2; cat "$work/out" >&2; exit 1; }; }
vm_thread=$(for t in /proc/$probe/task/*; do [[ "$(cat "$t/comm")" == "VM Thread" ]] && basename "$t"; done; true)
g inject "$probe" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in cli; g revert "$probe" --all
echo "java: $("$java_bin" -version 2>&1 | head -1); probe $probe, VM thread $vm_thread; K=$k; work dir $work"

phase() { # phase NAME
  local classes nm
  classes=$("$jcmd_bin" "$probe" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print l - u }')
  nm=$("$jcmd_bin" "$probe" Compiler.codecache | sed -n 's/.*nmethods=\([0-9]*\).*/\1/p' | head -1)
  local from; from=$(date +%s%3N)
  local cpu0; cpu0=$(cut -d' ' -f1 "/proc/$probe/task/$vm_thread/schedstat")
  perf record -q -F 4999 -t "$vm_thread" -o "$work/$1.perf" > /dev/null 2>&1 &
  local perf_pid=$!
  sleep 0.5
  for _ in $(seq "$k"); do g inject "$probe" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in cli; g revert "$probe" --all; done
  local cpu1; cpu1=$(cut -d' ' -f1 "/proc/$probe/task/$vm_thread/schedstat")
  kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true
  local to; to=$(date +%s%3N)
  echo "== $1: classes loaded $classes, nmethods $nm"
  # CPU time is what the load of a shared machine does not inflate (wall time of a safepoint it does)
  echo "  VM thread CPU time over the $k pairs ($((2 * k)) redefinitions): $(( (cpu1 - cpu0) / 1000000 )) ms, $(awk -v c=$((cpu1 - cpu0)) -v n=$((2 * k)) 'BEGIN { printf "%.2f", c / n / 1e6 }') ms per redefinition (schedstat)"
  awk -v a="$from" -v b="$to" '/Safepoint "RedefineClasses"/ { match($0, /^\[[0-9]+/); t = substr($0, 2, RLENGTH - 1) + 0
      if (t >= a && t <= b) { match($0, /Total: [0-9]+/); print substr($0, RSTART + 7, RLENGTH - 7) / 1e6 } }' "$work/safepoint.log" | sort -n |
    awk '{ v[++n] = $1 } END { printf "  RedefineClasses safepoints (wall): n %d, p50 %.2f ms, p90 %.2f ms, max %.2f ms\n", n, v[int(n * 0.5 + 0.5)], v[int(n * 0.9 + 0.5)], v[n] }'
  perf report -i "$work/$1.perf" --no-children --sort symbol --stdio 2> /dev/null | grep -v '^#' | grep -v '^$' | head -14 | sed "s/^/  /" || true
  echo "  VM thread samples: $(perf report -i "$work/$1.perf" --stdio 2>/dev/null | sed -n 's/^# Samples: \([0-9.K]*\).*/\1/p' | head -1 || true)"
}
phase before-javac
g inject "$probe" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in agent; g revert "$probe" --all
sleep 1
phase after-javac
echo "raw data: $work"
