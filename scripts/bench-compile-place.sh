#!/usr/bin/env bash
# Where javac runs (issues 14 and 15): the same inject with the snippet compiled in the target
# (`--compile-in agent`) and in the CLI (`--compile-in cli`), side by side, with Byteman 4.0.25 beside them.
# Sections (default: all, in this order):
#   cold      fresh pricing JVM per command: graft inject (agent) | graft inject (cli) | bminstall + bmsubmit
#   warm      agent loaded, an earlier inject done: graft inject (agent) | graft inject (cli) | bmsubmit,
#             with -v's connect and "compiled here" figures, and the floors java -version and graft list
#   resident  scripts/CompilePlace.java: one long-lived client (a console, a warm CLI daemon) timing site
#             query, compile, inject request and revert, N rounds, compiling here with a fresh | a reused javac context, or in the agent (rotating)
#   pause     two PauseProbe JVMs, inject/revert pairs alternating between them: A compiles in the CLI (javac
#             never runs there), B in the agent; then A again after one agent-compiled inject (javac has run)
#   footprint two pricing JVMs (NMT): threads, heap, metaspace, classes, NMT after one inject + revert compiled
#             in the agent vs in the CLI, and a minute later
#   startup   time from `java` to the application's main (its first line) with no agent, with the agent and
#             no script, with the agent applying a 3-patch start-up script (compiled in the target at premain)
# Every run alternates the order of the things compared; prints each run, medians, min-max and ratios.
# Usage: scripts/bench-compile-place.sh [RUNS] [SECTION...]    (RUNS default 7; env JAVA=... for every JVM,
#        the CLI's included; PAUSE_N pairs per pause phase, default 30; ROUNDS for resident, default 20)
# Needs: mvn package at the root, and `cd bench && mvn package` (graft-bench.jar, Byteman jars).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"; shift || true
sections=("$@"); (( ${#sections[@]} )) || sections=(cold warm resident pause footprint startup)
java_bin="${JAVA:-java}"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")"
jcmd_bin="$java_home/bin/jcmd"
export GRAFT_JAVA="$java_bin"   # scripts/graft: the CLI on the same JDK as the targets
pricing="$root/samples/pricing/target/pricing.jar"
bench_jar="$root/bench/target/graft-bench.jar"
cli_jar="$root/attach-cli/target/graft-cli.jar"
agent_jar="$root/agent/target/graft-agent.jar"
bm_home="$root/bench/target/byteman"
for f in "$pricing" "$bench_jar" "$bm_home/lib/byteman.jar" "$cli_jar" "$agent_jar"; do
  [[ -f "$f" ]] || { echo "missing $f: build first (see bench/README.md)" >&2; exit 2; }
done
work="$(mktemp -d /tmp/graft-bench-place.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

target_class=dev.graft.samples.pricing.Pricing
snippet='rate = 0.37;'   # a rate the sample never computes: only a patch that ran gives totals of 63%
printf 'RULE cap rate\nCLASS %s\nMETHOD price\nAT LINE 12\nIF true\nDO $rate = 0.37\nENDRULE\n' "$target_class" > "$work/rule.btm"

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
record() { echo "$2" >> "$work/$1.ms"; printf '  %-26s %6d ms\n' "$1" "$2"; }
median() { [[ -f "$work/$1.ms" ]] || { echo 0; return; }; sort -n "$work/$1.ms" | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minmax() { [[ -f "$work/$1.ms" ]] || { echo -; return; }; sort -n "$work/$1.ms" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d-%d", lo, hi }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
table() {
  printf '%-28s %10s %12s\n' measure "median ms" "min-max ms"
  for m in "$@"; do printf '%-28s %10d %12s\n' "$m" "$(median "$m")" "$(minmax "$m")"; done
}

# start_target NAME [JVM options...]: a fresh pricing JVM (one order per 100 ms); sets $tpid once it is ready.
start_target() {
  local name=$1; shift
  "$java_bin" "$@" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/$name.log" 2>&1 &
  tpid=$!; pids+=("$tpid")
  for _ in $(seq 200); do grep -q 'pricing: ready' "$work/$name.log" 2>/dev/null && break; sleep 0.05; done
  sleep 0.5
}
stop_target() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
source "$(dirname "${BASH_SOURCE[0]}")/bench-checks.sh"   # check_capped
graft_cli() { "$root/scripts/graft" "$@" --timeout 2m; }   # the first javac in a loaded target can take over 10 s
bminstall() { "$java_bin" -Dorg.jboss.byteman.home="$bm_home" -cp "$bm_home/lib/byteman-install.jar" org.jboss.byteman.agent.install.Install "$@"; }
bmsubmit() { "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit "$@"; }
# -v's own figures: "connected to the agent in PID in N ms", "compiled the snippet here in N ms"
verbose_ms() { sed -n "s/^graft: $1.* in \([0-9]*\) ms$/\1/p" "$2" | tail -1; }

# timed_inject PLACE PID NAME: graft inject --compile-in PLACE -v, whole process; records NAME, NAME_connect, NAME_javac_here
timed_inject() {
  local place=$1 p=$2 name=$3 t c j
  t=$(now_ns)
  graft_cli inject "$p" "$target_class:12" "$snippet" --compile-in "$place" -v > "$work/out" 2> "$work/err" || { cat "$work/out" "$work/err" >&2; exit 1; }
  record "$name" "$(ms_since "$t")"
  c=$(verbose_ms "connected to the agent" "$work/err"); [[ -z "$c" ]] || echo "$c" >> "$work/${name}_connect.ms"
  j=$(verbose_ms "compiled the snippet here" "$work/err"); [[ -z "$j" ]] || echo "$j" >> "$work/${name}_javac_here.ms"
}

echo "java: $("$java_bin" -version 2>&1 | head -1); runs: $runs; sections: ${sections[*]}; work dir: $work"
echo "machine: nproc $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg); commit $(git -C "$root" rev-parse --short HEAD)"

section_cold() {
  echo "== cold: fresh target per command"
  cold_one() {
    case $1 in
      agent|cli) start_target "cold-$1"; local p=$tpid; timed_inject "$1" "$p" "cold_$1"; check_capped "$work/cold-$1.log"; stop_target "$p" ;;
      bm) start_target cold-bm; local p=$tpid t i s
          t=$(now_ns); bminstall -p 9191 "$p" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
          i=$(ms_since "$t"); t=$(now_ns)
          bmsubmit -p 9191 -l "$work/rule.btm" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
          s=$(ms_since "$t"); record cold_bminstall "$i"; record cold_bmsubmit "$s"; record cold_byteman "$((i + s))"
          check_capped "$work/cold-bm.log"; stop_target "$p" ;;
    esac
  }
  local orders=("agent cli bm" "cli bm agent" "bm agent cli")
  for i in $(seq "$runs"); do
    echo "run $i (${orders[$(( (i - 1) % 3 ))]})"
    for what in ${orders[$(( (i - 1) % 3 ))]}; do cold_one "$what"; done
  done
  echo
  table cold_agent cold_agent_connect cold_cli cold_cli_connect cold_cli_javac_here cold_bminstall cold_bmsubmit cold_byteman
  echo "cold: agent / byteman = $(ratio "$(median cold_agent)" "$(median cold_byteman)")   cli / byteman = $(ratio "$(median cold_cli)" "$(median cold_byteman)")   cli / agent = $(ratio "$(median cold_cli)" "$(median cold_agent)")"
}

section_warm() {
  echo "== warm: agent loaded, an earlier inject done (revert --all between runs, untimed)"
  start_target warm-agent; local pa=$tpid
  start_target warm-cli; local pc=$tpid
  start_target warm-bm; local pb=$tpid
  graft_cli inject "$pa" "$target_class:12" "$snippet" --compile-in agent > /dev/null; graft_cli revert "$pa" --all > /dev/null
  graft_cli inject "$pc" "$target_class:12" "$snippet" --compile-in cli > /dev/null; graft_cli revert "$pc" --all > /dev/null
  bminstall -p 9192 "$pb" > /dev/null; bmsubmit -p 9192 -l "$work/rule.btm" > /dev/null; bmsubmit -p 9192 -u "$work/rule.btm" > /dev/null
  warm_one() {
    case $1 in
      agent) timed_inject agent "$pa" warm_agent; check_capped "$work/warm-agent.log"; graft_cli revert "$pa" --all > /dev/null ;;
      cli) timed_inject cli "$pc" warm_cli; check_capped "$work/warm-cli.log"; graft_cli revert "$pc" --all > /dev/null ;;
      bm) local t; t=$(now_ns); bmsubmit -p 9192 -l "$work/rule.btm" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
          record warm_bmsubmit "$(ms_since "$t")"; check_capped "$work/warm-bm.log"; bmsubmit -p 9192 -u "$work/rule.btm" > /dev/null ;;
      floors) local t; t=$(now_ns); "$java_bin" -version > /dev/null 2>&1; record jvm_version "$(ms_since "$t")"
          t=$(now_ns); graft_cli list "$pc" > /dev/null; record warm_graft_list "$(ms_since "$t")" ;;
    esac
  }
  local orders=("agent cli bm floors" "cli bm floors agent" "bm floors agent cli" "floors agent cli bm")
  for i in $(seq "$runs"); do
    echo "run $i"
    for what in ${orders[$(( (i - 1) % 4 ))]}; do warm_one "$what"; done
  done
  echo
  table warm_agent warm_agent_connect warm_cli warm_cli_connect warm_cli_javac_here warm_bmsubmit warm_graft_list jvm_version
  echo "warm: agent / bmsubmit = $(ratio "$(median warm_agent)" "$(median warm_bmsubmit)")   cli / bmsubmit = $(ratio "$(median warm_cli)" "$(median warm_bmsubmit)")   cli / agent = $(ratio "$(median warm_cli)" "$(median warm_agent)")"
  echo "warm: graft list / java -version = $(ratio "$(median warm_graft_list)" "$(median jvm_version)")"
  "$jcmd_bin" "$pa" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print "  classes loaded in the agent-compile target: " l - u }'
  "$jcmd_bin" "$pc" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print "  classes loaded in the cli-compile target:   " l - u }'
  stop_target "$pa"; stop_target "$pc"; stop_target "$pb"
}

section_resident() {
  local rounds="${ROUNDS:-20}" h="$work/harness"
  echo "== resident: one long-lived client JVM, $rounds rounds each (scripts/CompilePlace.java)"
  mkdir -p "$h"; "$java_home/bin/javac" -d "$h" -cp "$cli_jar" "$root/scripts/CompilePlace.java"
  start_target resident-cli; local pc=$tpid
  start_target resident-agent; local pa=$tpid
  graft_cli show "$pc" "$target_class" > /dev/null; graft_cli show "$pa" "$target_class" > /dev/null   # loads the agents; compiles nothing
  "$java_bin" --add-exports jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED -Dgraft.agent.jar="$agent_jar" -cp "$cli_jar:$h" \
    CompilePlace "$pc" "$pa" "$target_class:12" "$snippet" "$rounds"
  stop_target "$pc"; stop_target "$pa"
}

# probe_state PID LABEL: classes loaded, nmethods in the code cache
probe_state() {
  local classes nm
  classes=$("$jcmd_bin" "$1" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print l - u }')
  nm=$("$jcmd_bin" "$1" Compiler.codecache | sed -n 's/.*nmethods=\([0-9]*\).*/\1/p' | head -1)
  echo "  $2: classes loaded $classes, nmethods $nm"
}

section_pause() {
  local n="${PAUSE_N:-30}"
  echo "== pause: $n inject/revert pairs per phase; A compiles in the CLI, B in the agent, alternating"
  local probes=()
  for x in A B; do
    "$java_bin" -Xlog:safepoint:file="$work/safepoint-$x.log":timemillis -Xlog:redefine+class+timer=info:file="$work/redefine-$x.log":timemillis \
      -cp "$bench_jar" dev.graft.bench.PauseProbe run "$work/gaps-$x.txt" > "$work/probe-$x.log" 2>&1 &
    probes+=($!); pids+=($!)
  done
  local pA=${probes[0]} pB=${probes[1]}
  for x in A B; do for _ in $(seq 200); do grep -q 'probe: ready' "$work/probe-$x.log" 2>/dev/null && break; sleep 0.05; done; done
  sleep 2
  g() { graft_cli "$@" > "$work/out" 2>&1 || { echo "graft $1 failed:" >&2; cat "$work/out" >&2; exit 1; }; }
  pair() { # pair PID X PLACE LABEL
    local t
    t=$(now_ns); g inject "$1" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in "$3"; echo "$4-inject $t $(now_ns)" >> "$work/ops-$2.txt"
    t=$(now_ns); g revert "$1" --all; echo "$4-revert $t $(now_ns)" >> "$work/ops-$2.txt"
  }
  # the agent loaded and each path warmed once (not recorded)
  g inject "$pA" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in cli; g revert "$pA" --all
  g inject "$pB" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in agent; g revert "$pB" --all
  sleep 1
  probe_state "$pA" "A before (javac never ran in it)"; probe_state "$pB" "B before (javac ran in it)"
  for i in $(seq "$n"); do
    if (( i % 2 )); then pair "$pA" A cli A-cli; pair "$pB" B agent B-agent; else pair "$pB" B agent B-agent; pair "$pA" A cli A-cli; fi
    (( i % 10 )) || echo "  $i pairs done"
  done
  probe_state "$pA" "A after phase 1"; probe_state "$pB" "B after phase 1"
  # javac runs once in A; then the same CLI-compiled pairs again
  g inject "$pA" dev.graft.bench.PauseTarget:9 'v = v + 1;' --compile-in agent; g revert "$pA" --all
  sleep 1
  for i in $(seq "$n"); do pair "$pA" A cli A-cli-after-javac; (( i % 10 )) || echo "  $i pairs done"; done
  probe_state "$pA" "A after phase 2 (javac ran once)"
  kill "$pA" "$pB"; wait "$pA" "$pB" 2>/dev/null || true
  for x in A B; do
    echo "-- probe $x"
    "$java_bin" -cp "$bench_jar" dev.graft.bench.PauseProbe analyze "$work/gaps-$x.txt" "$work/ops-$x.txt" "$work/safepoint-$x.log"
  done
  echo "-- -Xlog:redefine+class+timer (ms of the VM operation: doit) per phase"
  for x in A B; do
    awk -v x="$x" 'FNR == NR { if (NF == 3) { s[++k] = $2; e[k] = $3; l[k] = $1 }; next }
      /vm_op: all=/ { match($0, /^\[[0-9]+ms\]/); t = substr($0, 2, RLENGTH - 4) * 1000000; lab = "(between)"
        for (i = 1; i <= k; i++) if (t >= s[i] - 1000000 && t <= e[i] + 1000000) { lab = l[i]; break }
        match($0, /doit=[0-9.]+/); v = substr($0, RSTART + 5, RLENGTH - 5); n[lab]++; sum[lab] += v; vals[lab] = vals[lab] " " v }
      END { for (lab in n) printf "  %s %-26s n %3d mean doit %.2f ms\n", x, lab, n[lab], sum[lab] / n[lab] }' "$work/ops-$x.txt" "$work/redefine-$x.log" | sort
  done
}

footprint_measure() {
  local p=$1 label=$2 heap meta threads classes nmt
  "$jcmd_bin" "$p" GC.run > /dev/null; sleep 0.5; "$jcmd_bin" "$p" GC.run > /dev/null; sleep 0.5
  threads=$("$jcmd_bin" "$p" Thread.print | grep -c '^"')
  heap=$("$jcmd_bin" "$p" GC.heap_info | awk '/heap/ && /used/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }')
  meta=$("$jcmd_bin" "$p" GC.heap_info | awk '/Metaspace/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub(/K.*/, "", v); print v; exit } }')
  classes=$("$jcmd_bin" "$p" PerfCounter.print | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print l - u }')
  nmt=$("$jcmd_bin" "$p" VM.native_memory summary | awk '/^Total:/ { for (i = 1; i <= NF; i++) if ($i ~ /^committed=/) { v = $i; sub(/committed=/, "", v); sub(/KB.*/, "", v); print v; exit } }')
  printf '%-30s %8d %14d %14d %10d %16d\n' "$label" "$threads" "$heap" "$meta" "$classes" "$nmt"
  echo "$label $threads $heap $meta $classes $nmt" >> "$work/figures"
}

section_footprint() {
  echo "== footprint: one inject + revert compiled in the agent vs in the CLI (two pricing JVMs, NMT)"
  start_target fp-agent -XX:NativeMemoryTracking=summary; local pa=$tpid
  start_target fp-cli -XX:NativeMemoryTracking=summary; local pc=$tpid
  local hdr; hdr=$(printf '%-30s %8s %14s %14s %10s %16s' state threads "heap used KB" "metaspace KB" classes "NMT committed KB"); echo "$hdr"
  footprint_measure "$pa" agent-before; footprint_measure "$pc" cli-before
  graft_cli show "$pa" "$target_class" > /dev/null; graft_cli show "$pc" "$target_class" > /dev/null
  sleep 3; footprint_measure "$pa" agent-loaded; footprint_measure "$pc" cli-loaded
  graft_cli inject "$pa" "$target_class:12" "$snippet" --compile-in agent > /dev/null; graft_cli revert "$pa" --all > /dev/null
  graft_cli inject "$pc" "$target_class:12" "$snippet" --compile-in cli > /dev/null; graft_cli revert "$pc" --all > /dev/null
  sleep 3; footprint_measure "$pa" agent-after-inject; footprint_measure "$pc" cli-after-inject
  sleep 62; footprint_measure "$pa" agent-60s-later; footprint_measure "$pc" cli-60s-later
  stop_target "$pa"; stop_target "$pc"
  echo; echo "$hdr"
  for pre in agent cli; do
    for st in loaded after-inject 60s-later; do
      awk -v a="$pre-before" -v b="$pre-$st" '$1 == a { for (i = 2; i <= 6; i++) x[i] = $i } $1 == b { for (i = 2; i <= 6; i++) y[i] = $i }
        END { printf "%-30s %+8d %+14d %+14d %+10d %+16d\n", "added: " b, y[2] - x[2], y[3] - x[3], y[4] - x[4], y[5] - x[5], y[6] - x[6] }' "$work/figures"
    done
  done
}

section_startup() {
  echo "== startup: java start to main's first line; no agent | agent, no script | agent + 3-patch script"
  cat > "$work/fix.graft" <<SCRIPT
inject $target_class:12 { rate = 0.37; }
inject $target_class:13 { if (total < 0) total = 0; }
inject $target_class#discountRate:17 { if (order < 0) order = 0; }
SCRIPT
  # until_ready NAME [JVM options...]: ms from the fork to "pricing: ready" on the JVM's stdout
  until_ready() {
    local name=$1; shift
    rm -f "$work/fifo"; mkfifo "$work/fifo"
    local t; t=$(now_ns)
    "$java_bin" "$@" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/fifo" 2> "$work/$name.err" &
    local p=$!
    local line
    while IFS= read -r line; do [[ "$line" == "pricing: ready" ]] && break; done < "$work/fifo"
    record "$name" "$(ms_since "$t")"
    kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
  }
  local orders=("none agent script" "agent script none" "script none agent")
  for i in $(seq "$runs"); do
    echo "run $i"
    for what in ${orders[$(( (i - 1) % 3 ))]}; do
      case $what in
        none) until_ready start_none ;;
        agent) until_ready start_agent -javaagent:"$agent_jar" ;;
        script) until_ready start_script -javaagent:"$agent_jar"=apply="$work/fix.graft" ;;
      esac
    done
  done
  # the script's patches took effect (one run, not timed)
  "$java_bin" -javaagent:"$agent_jar"=apply="$work/fix.graft" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/start-check.log" 2>&1 &
  local p=$!; pids+=("$p"); sleep 0.2; check_capped "$work/start-check.log" && echo "  3-patch script applied at start-up: totals capped at 63%"
  stop_target "$p"
  echo
  table start_none start_agent start_script
  echo "delay of main: agent alone $(( $(median start_agent) - $(median start_none) )) ms, agent + 3-patch script $(( $(median start_script) - $(median start_none) )) ms (target <= 300)"
}

for s in "${sections[@]}"; do "section_$s"; echo; done
echo "raw data: $work"
