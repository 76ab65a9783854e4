#!/usr/bin/env bash
# Command latency, whole process (DESIGN §6, issue 6): graft against Byteman 4.0.25 on the pricing sample.
#   cold: `graft inject` on a fresh JVM (attach, load agent, compile, weave, apply)
#         vs `bminstall` + `bmsubmit -l` of an equivalent rule (writes the local `rate`)
#   warm: `graft inject` with the agent loaded (revert --all between runs, not timed)
#         vs `bmsubmit -l` with the agent loaded (`bmsubmit -u` between runs, not timed)
# Runs alternate (graft first on odd runs, Byteman first on even runs); prints every run, medians, ratios.
# Usage: scripts/bench-latency.sh [RUNS]      (default 7; env JAVA=... picks the java for every process)
# Needs: mvn package at the root (graft jars, pricing.jar) and `cd bench && mvn package` (Byteman jars).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
java_bin="${JAVA:-java}"
pricing="$root/samples/pricing/target/pricing.jar"
bm_home="$root/bench/target/byteman"
for f in "$pricing" "$bm_home/lib/byteman.jar" "$root/attach-cli/target/graft-cli.jar" "$root/agent/target/graft-agent.jar"; do
  [[ -f "$f" ]] || { echo "missing $f: build first (see bench/README.md)" >&2; exit 2; }
done
work="$(mktemp -d /tmp/graft-bench-latency.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

target_class=dev.graft.samples.pricing.Pricing
# 0.37 is a rate the sample never computes (its rates are tenths): only a patch that ran gives 63% totals
snippet='rate = 0.37;'
cat > "$work/rule.btm" <<RULE
RULE cap rate
CLASS $target_class
METHOD price
AT LINE 12
IF true
DO \$rate = 0.37
ENDRULE
RULE

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

# start_target NAME: a fresh pricing JVM (one order per 100 ms); sets $tpid once it printed "pricing: ready".
start_target() {
  local log="$work/$1.log"
  "$java_bin" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$log" 2>&1 &
  tpid=$!
  pids+=("$tpid")
  for _ in $(seq 200); do grep -q 'pricing: ready' "$log" 2>/dev/null && break; sleep 0.05; done
  sleep 0.5
}
stop_target() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# check_capped LOG: a line printed after the patch shows total == amount * 0.63, which only the patch's rate 0.37 gives.
check_capped() {
  local log="$1" n
  n=$(wc -l < "$log")
  for _ in $(seq 40); do
    if tail -n +"$((n + 1))" "$log" | awk '/^order/ { d = $6 - $4 * 0.63; if (d < 0.011 && d > -0.011) ok = 1 } END { exit !ok }'; then
      return 0
    fi
    sleep 0.05
  done
  echo "patch did not take effect in $log" >&2; tail -3 "$log" >&2; exit 1
}

graft_cli() { "$root/scripts/graft" "$@"; }
bminstall() { "$java_bin" -Dorg.jboss.byteman.home="$bm_home" -cp "$bm_home/lib/byteman-install.jar" org.jboss.byteman.agent.install.Install "$@"; }
bmsubmit() { "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit "$@"; }

record() { echo "$2" >> "$work/$1.ms"; printf '  %-22s %6d ms\n' "$1" "$2"; }

cold_graft() {
  start_target cold-graft; local p=$tpid t
  t=$(now_ns); graft_cli inject "$p" "$target_class:12" "$snippet" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  record cold_graft "$(ms_since "$t")"
  check_capped "$work/cold-graft.log"; stop_target "$p"
}
cold_byteman() {
  start_target cold-bm; local p=$tpid t t1 i s
  t=$(now_ns); bminstall -p 9191 "$p" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  i=$(ms_since "$t"); t1=$(now_ns)
  bmsubmit -p 9191 -l "$work/rule.btm" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  s=$(ms_since "$t1")
  record cold_bminstall "$i"; record cold_bmsubmit "$s"; record cold_byteman_total "$((i + s))"
  check_capped "$work/cold-bm.log"; stop_target "$p"
}
warm_graft() {
  local t
  t=$(now_ns); graft_cli inject "$warm_graft_pid" "$target_class:12" "$snippet" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  record warm_graft "$(ms_since "$t")"
  check_capped "$work/warm-graft.log"; graft_cli revert "$warm_graft_pid" --all > /dev/null
}
# Where a warm inject's time goes: the floor of any JVM client (`java -version`) and a graft command that
# asks the agent one cheap question (`graft list`: JVM start, command line, connect, one request).
floors() {
  local t
  t=$(now_ns); "$java_bin" -version > /dev/null 2>&1; record jvm_version "$(ms_since "$t")"
  t=$(now_ns); graft_cli list "$warm_graft_pid" > /dev/null; record warm_graft_list "$(ms_since "$t")"
}
warm_byteman() {
  local t
  t=$(now_ns); bmsubmit -p 9192 -l "$work/rule.btm" > "$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  record warm_bmsubmit "$(ms_since "$t")"
  check_capped "$work/warm-bm.log"; bmsubmit -p 9192 -u "$work/rule.btm" > /dev/null
}

echo "java: $("$java_bin" -version 2>&1 | head -1); runs: $runs; work dir: $work"
if ls "$root"/attach-cli/target/graft/lib/graft-cli-*.jsa >/dev/null 2>&1; then echo "scripts/graft uses a CDS archive in attach-cli/target/graft/lib"; else echo "scripts/graft: no CDS archive (none built)"; fi

# The warm targets: agents loaded once, before the timed runs.
start_target warm-graft; warm_graft_pid=$tpid
graft_cli inject "$warm_graft_pid" "$target_class:12" "$snippet" > /dev/null; graft_cli revert "$warm_graft_pid" --all > /dev/null
start_target warm-bm; warm_bm_pid=$tpid
bminstall -p 9192 "$warm_bm_pid" > /dev/null
# One untimed round of everything (page cache, JIT-free but file-system warm).
warm_graft > /dev/null; warm_byteman > /dev/null; rm -f "$work"/*.ms

for i in $(seq "$runs"); do
  echo "run $i"
  if (( i % 2 )); then
    cold_graft; cold_byteman; warm_graft; warm_byteman; floors
  else
    cold_byteman; cold_graft; warm_byteman; warm_graft; floors
  fi
done

median() { sort -n "$work/$1.ms" | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minmax() { sort -n "$work/$1.ms" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d-%d", lo, hi }'; }
echo
printf '%-22s %10s %12s\n' measure "median ms" "min-max ms"
for m in cold_graft cold_bminstall cold_bmsubmit cold_byteman_total warm_graft warm_bmsubmit warm_graft_list jvm_version; do
  printf '%-22s %10d %12s\n' "$m" "$(median "$m")" "$(minmax "$m")"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
echo
echo "cold: graft inject / (bminstall + bmsubmit) = $(ratio "$(median cold_graft)" "$(median cold_byteman_total)")  (target <= 1)"
echo "warm: graft inject / bmsubmit               = $(ratio "$(median warm_graft)" "$(median warm_bmsubmit)")  (target <= 1)"
echo "warm: graft list (no patch) / bmsubmit      = $(ratio "$(median warm_graft_list)" "$(median warm_bmsubmit)")  (the CLI's own floor)"
