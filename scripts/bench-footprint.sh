#!/usr/bin/env bash
# Footprint (DESIGN §6, issues 6 and 17): threads, heap, metaspace, loaded classes and native memory (NMT)
# the graft agent adds to a target, with Byteman 4.0.25's agent measured the same way beside it, each tool as
# its users run it (scripts/graft; Byteman's bminstall and bmsubmit). Two pricing JVMs
# (-XX:NativeMemoryTracking=summary), one per agent. Measured, after a full GC (jcmd GC.run): before the
# agent; after loading it (graft: `graft show`, which loads the agent; Byteman: bminstall); after one patch
# and its revert (graft inject + revert --all; bmsubmit -l + -u), then idle 3 s; and a minute later, once
# graft's agent has dropped the javac context it keeps between commands. The jcmd calls themselves start
# the JVM's "Attach Listener" thread before the first measure, so it is not counted as the agent's.
# Usage: scripts/bench-footprint.sh     (env JAVA=..., JCMD=..., WAIT=62: the seconds before the last measure)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
need "$pricing" "$bm_home/lib/byteman.jar" "$launcher"
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

bench_header
echo "work dir $work"
# Both targets up at once; each measure and command is sequential, so neither agent runs beside the other's.
start_target graft; g=$tpid
start_target byteman; b=$tpid
printf 'RULE cap\nCLASS dev.graft.samples.pricing.Pricing\nMETHOD price\nAT LINE 12\nIF true\nDO $rate = 0.5\nENDRULE\n' > "$work/rule.btm"
header
measure "$g" graft-before
measure "$b" byteman-before
graft_cli show "$g" dev.graft.samples.pricing.Pricing > /dev/null
bminstall -p 9194 "$b" > /dev/null
sleep 3; measure "$g" graft-agent-loaded; measure "$b" byteman-agent-loaded
graft_cli inject "$g" dev.graft.samples.pricing.Pricing:12 'rate = 0.5;' > /dev/null
graft_cli revert "$g" --all > /dev/null
bmsubmit -p 9194 -l "$work/rule.btm" > /dev/null
bmsubmit -p 9194 -u "$work/rule.btm" > /dev/null
sleep 3; measure "$g" graft-after-inject-revert; measure "$b" byteman-after-submit-unload
# the agent keeps javac's context warm for 60 s after a compile (for the next command), then lets it go
sleep "${WAIT:-62}"; measure "$g" graft-idle-60s-later; measure "$b" byteman-idle-60s-later
kill "$g" "$b"
echo
header
delta graft-before graft-agent-loaded
delta graft-before graft-after-inject-revert
delta graft-before graft-idle-60s-later
delta byteman-before byteman-agent-loaded
delta byteman-before byteman-after-submit-unload
delta byteman-before byteman-idle-60s-later
echo
echo "threads the graft agent added:";   comm -13 "$work/graft-before.threads" "$work/graft-after-inject-revert.threads" | sed 's/^/  /'
echo "threads the Byteman agent added:"; comm -13 "$work/byteman-before.threads" "$work/byteman-after-submit-unload.threads" | sed 's/^/  /'
# figures: what each agent added, idle a minute after one patch and its revert
for t in graft byteman; do
  awk -v t="$t" '$1 == t "-before" { for (i = 2; i <= 6; i++) x[i] = $i } $1 == t "-idle-60s-later" { for (i = 2; i <= 6; i++) y[i] = $i }
    END { split("threads heap_kb metaspace_kb classes nmt_kb", k, " "); for (i = 2; i <= 6; i++) printf "figure footprint.%s.%s %+d\n", t, k[i - 1], y[i] - x[i] }' "$work/figures"
done
