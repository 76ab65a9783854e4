#!/usr/bin/env bash
# Pause (DESIGN §6, issue 6): how long a running target thread stalls while graft applies and reverts a
# one-class patch. bench/.../PauseProbe runs a thread calling PauseTarget.work() in a tight loop and
# records every gap between iterations over 50 µs (jHiccup-style); the target JVM also logs its
# safepoints (-Xlog:safepoint). The script then, through the CLI (scripts/graft):
#   idle    : N windows of 1 s with nothing running (machine noise)
#   list    : N x `graft list` (a CLI process that talks to the agent and patches nothing: CPU contention)
#   inject  : N x `graft inject PauseTarget:9 'v = v + 1;'`   } alternating
#   revert  : N x `graft revert --all`                         }
#   bm-submit / bm-unload: the same with Byteman 4.0.25 (`bmsubmit -l` / `-u` of an AT LINE 9 rule
#             `$v = $v + 1`, agent installed once by bminstall, not timed) in the same JVM, after graft's
#             phases (skip with BYTEMAN=0)
# and reports, per kind, the longest probe gap during each operation (p50, p99, max) and the safepoint
# VM operations (RedefineClasses is the class swap itself).
# Usage: scripts/bench-pause.sh [N]     (default 50; env JAVA=...)
# Needs: mvn package at the root and `cd bench && mvn package`.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n="${1:-50}"
java_bin="${JAVA:-java}"
bench_jar="$root/bench/target/graft-bench.jar"
[[ -f "$bench_jar" ]] || { echo "missing $bench_jar: cd bench && mvn package" >&2; exit 2; }
work="$(mktemp -d /tmp/graft-bench-pause.XXXXXX)"
"$java_bin" -Xlog:safepoint:file="$work/safepoint.log":timemillis -cp "$bench_jar" dev.graft.bench.PauseProbe run "$work/gaps.txt" > "$work/probe.log" 2>&1 &
probe=$!
trap 'kill $probe 2>/dev/null || true' EXIT
for _ in $(seq 200); do grep -q 'probe: ready' "$work/probe.log" 2>/dev/null && break; sleep 0.05; done
now_ns() { date +%s%N; }
g() { "$root/scripts/graft" "$@" > "$work/out" 2>&1 || { echo "graft $1 failed:" >&2; cat "$work/out" >&2; exit 1; }; }
echo "java: $("$java_bin" -version 2>&1 | head -1); probe pid $probe; N=$n; work dir $work"
# Load the agent and warm the paths once (not recorded): the cold attach is bench-latency.sh's business.
sleep 2
g inject "$probe" dev.graft.bench.PauseTarget:9 'v = v + 1;'; g revert "$probe" --all
sleep 1
for i in $(seq "$n"); do t=$(now_ns); sleep 1; echo "idle $t $(now_ns)" >> "$work/ops.txt"; done
for i in $(seq "$n"); do t=$(now_ns); g list "$probe"; echo "list $t $(now_ns)" >> "$work/ops.txt"; done
for i in $(seq "$n"); do
  t=$(now_ns); g inject "$probe" dev.graft.bench.PauseTarget:9 'v = v + 1;'; echo "inject $t $(now_ns)" >> "$work/ops.txt"
  t=$(now_ns); g revert "$probe" --all; echo "revert $t $(now_ns)" >> "$work/ops.txt"
  (( i % 10 )) || echo "  $i inject/revert pairs done"
done
bm_home="$root/bench/target/byteman"
if [[ "${BYTEMAN:-1}" != 0 && -f "$bm_home/lib/byteman.jar" ]]; then
  cat > "$work/rule.btm" <<'RULE'
RULE bump v
CLASS dev.graft.bench.PauseTarget
METHOD work
AT LINE 9
IF true
DO $v = $v + 1
ENDRULE
RULE
  bm() { "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit -p 9193 "$@" > "$work/out" 2>&1 || { echo "bmsubmit failed:" >&2; cat "$work/out" >&2; exit 1; }; }
  "$java_bin" -Dorg.jboss.byteman.home="$bm_home" -cp "$bm_home/lib/byteman-install.jar" org.jboss.byteman.agent.install.Install -p 9193 "$probe" > /dev/null
  bm -l "$work/rule.btm"; bm -u "$work/rule.btm"
  for i in $(seq "$n"); do
    t=$(now_ns); bm -l "$work/rule.btm"; echo "bm-submit $t $(now_ns)" >> "$work/ops.txt"
    t=$(now_ns); bm -u "$work/rule.btm"; echo "bm-unload $t $(now_ns)" >> "$work/ops.txt"
    (( i % 10 )) || echo "  $i Byteman submit/unload pairs done"
  done
fi
kill "$probe"; wait "$probe" 2>/dev/null || true
trap - EXIT
"$java_bin" -cp "$bench_jar" dev.graft.bench.PauseProbe analyze "$work/gaps.txt" "$work/ops.txt" "$work/safepoint.log"
echo "raw data: $work (gaps.txt, ops.txt, safepoint.log)"
