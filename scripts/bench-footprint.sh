#!/usr/bin/env bash
# Footprint (DESIGN §6, issue 6): threads, heap, metaspace, loaded classes and native memory the idle graft
# agent adds to a target, with Byteman 4.0.25's agent measured the same way beside it.
# Each agent gets a fresh pricing JVM (-XX:NativeMemoryTracking=summary). Measured, after a full GC
# (jcmd GC.run): before the agent; after loading it (graft: `graft show`, which loads the agent; Byteman:
# bminstall); after one patch and its revert (graft inject + revert --all; bmsubmit -l + -u), then idle 3 s;
# for graft also a minute later, once the agent has dropped the javac context it keeps between commands.
# The jcmd calls themselves start the JVM's "Attach Listener" thread before the first measure, so it is
# not counted as the agent's.
# Usage: scripts/bench-footprint.sh     (env JAVA=..., JCMD=...)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_bin="${JAVA:-java}"
jcmd_bin="${JCMD:-$(dirname "$(readlink -f "$(command -v "$java_bin")")")/jcmd}"
pricing="$root/samples/pricing/target/pricing.jar"
bm_home="$root/bench/target/byteman"
work="$(mktemp -d /tmp/graft-bench-footprint.XXXXXX)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT

start_target() {
  "$java_bin" -XX:NativeMemoryTracking=summary -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/$1.log" 2>&1 &
  tpid=$!; pids+=("$tpid")
  for _ in $(seq 200); do grep -q 'pricing: ready' "$work/$1.log" 2>/dev/null && break; sleep 0.05; done
  sleep 1
}

# measure PID LABEL: one line of figures; thread names to $work/LABEL.threads
measure() {
  local p=$1 label=$2 heap meta threads classes nmt
  "$jcmd_bin" "$p" GC.run > /dev/null; sleep 0.5; "$jcmd_bin" "$p" GC.run > /dev/null; sleep 0.5
  "$jcmd_bin" "$p" Thread.print | grep '^"' | sed 's/^"\([^"]*\)".*/\1/' | sort > "$work/$label.threads"
  threads=$(wc -l < "$work/$label.threads")
  heap=$("$jcmd_bin" "$p" GC.heap_info | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }')
  meta=$("$jcmd_bin" "$p" GC.heap_info | awk '/Metaspace/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }')
  classes=$("$jcmd_bin" "$p" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print l - u }')
  nmt=$("$jcmd_bin" "$p" VM.native_memory summary | awk '/^Total:/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; sub(/committed=/, "", v); sub(/KB.*/, "", v); print v; exit } }')
  printf '%-36s %8d %14d %14d %10d %16d\n' "$label" "$threads" "$heap" "$meta" "$classes" "$nmt"
  echo "$label $threads $heap $meta $classes $nmt" >> "$work/figures"
}

header() { printf '%-36s %8s %14s %14s %10s %16s\n' state threads "heap used KB" "metaspace KB" classes "NMT committed KB"; }
delta() {
  awk -v a="$1" -v b="$2" '$1 == a { for (i = 2; i <= 6; i++) x[i] = $i } $1 == b { for (i = 2; i <= 6; i++) y[i] = $i }
    END { printf "%-36s %+8d %+14d %+14d %+10d %+16d\n", "added by " b, y[2] - x[2], y[3] - x[3], y[4] - x[4], y[5] - x[5], y[6] - x[6] }' "$work/figures"
}

echo "java: $("$java_bin" -version 2>&1 | head -1); work dir $work"
header
start_target graft; g=$tpid
measure "$g" graft-before
"$root/scripts/graft" show "$g" dev.graft.samples.pricing.Pricing > /dev/null
sleep 3; measure "$g" graft-agent-loaded
"$root/scripts/graft" inject "$g" dev.graft.samples.pricing.Pricing:12 'rate = 0.5;' > /dev/null
"$root/scripts/graft" revert "$g" --all > /dev/null
sleep 3; measure "$g" graft-after-inject-revert
# the agent keeps javac's context warm for 60 s after a compile (for the next command), then lets it go
sleep 62; measure "$g" graft-idle-60s-later
kill "$g"

if [[ -f "$bm_home/lib/byteman.jar" ]]; then
  start_target byteman; b=$tpid
  measure "$b" byteman-before
  "$java_bin" -Dorg.jboss.byteman.home="$bm_home" -cp "$bm_home/lib/byteman-install.jar" org.jboss.byteman.agent.install.Install -p 9194 "$b" > /dev/null
  sleep 3; measure "$b" byteman-agent-loaded
  printf 'RULE cap\nCLASS dev.graft.samples.pricing.Pricing\nMETHOD price\nAT LINE 12\nIF true\nDO $rate = 0.5\nENDRULE\n' > "$work/rule.btm"
  "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit -p 9194 -l "$work/rule.btm" > /dev/null
  "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit -p 9194 -u "$work/rule.btm" > /dev/null
  sleep 3; measure "$b" byteman-after-submit-unload
  kill "$b"
fi
echo
header
delta graft-before graft-agent-loaded
delta graft-before graft-after-inject-revert
delta graft-before graft-idle-60s-later
if [[ -f "$bm_home/lib/byteman.jar" ]]; then
  delta byteman-before byteman-agent-loaded
  delta byteman-before byteman-after-submit-unload
fi
echo
echo "threads the graft agent added:";   comm -13 "$work/graft-before.threads" "$work/graft-after-inject-revert.threads" | sed 's/^/  /'
echo "threads the Byteman agent added:"; comm -13 "$work/byteman-before.threads" "$work/byteman-after-submit-unload.threads" 2>/dev/null | sed 's/^/  /'
