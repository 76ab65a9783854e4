#!/usr/bin/env bash
# Command latency, whole process (DESIGN §6, issues 15 and 17): graft against Byteman 4.0.25 on the pricing
# sample, each tool run as its users run it: graft through scripts/graft (its launcher: CDS archive, C1 only,
# serial GC, no perf data), Byteman through its scripts bminstall and bmsubmit (bench/byteman/bin), and a
# second Byteman row whose client JVMs get graft's flags (BYTEMAN_JAVA_OPTS), so the tool's own cost shows.
#   cold: `graft inject` on a fresh JVM (attach, load agent, compile, weave, apply)
#         vs `bminstall` + `bmsubmit -l` of an equivalent rule (writes the local `rate`) on another fresh JVM
#   warm: `graft inject` with the agent loaded (`revert --all` between runs, untimed)
#         vs `bmsubmit -l` with the agent loaded (`bmsubmit -u` between runs, untimed)
#   floor: a warm `graft list` (start, connect, one request, no patch) vs a hello-world JVM with the same
#         flags as graft's client (target: <= 1.5x), and with the JVM's default flags
# Every patch is checked by a value only it produces (totals of 63%: the sample's rates are tenths). The
# order of the compared things rotates every run; prints every run, medians, min-max, ratios, figures.
# Usage: scripts/bench-latency.sh [RUNS]      (default 7; env JAVA=... picks the java for every process)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
runs="${1:-7}"
need "$pricing" "$bench_jar" "$bm_home/lib/byteman.jar" "$launcher"
work="$(mktemp -d /tmp/graft-bench-latency.XXXXXX)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

target_class=dev.graft.samples.pricing.Pricing
snippet='rate = 0.37;'
printf 'RULE cap rate\nCLASS %s\nMETHOD price\nAT LINE 12\nIF true\nDO $rate = 0.37\nENDRULE\n' "$target_class" > "$work/rule.btm"

# start_target NAME: a fresh pricing JVM (one order per 100 ms); sets $tpid once it printed "pricing: ready".
start_target() {
  "$java_bin" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/$1.log" 2>&1 &
  tpid=$!; pids+=("$tpid")
  for _ in $(seq 200); do grep -q 'pricing: ready' "$work/$1.log" 2>/dev/null && break; sleep 0.05; done
  sleep 0.5
}
stop_target() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

source "$(dirname "${BASH_SOURCE[0]}")/bench-checks.sh"   # check_capped
ok() { "$@" > "$work/out" 2>&1 || { echo "failed: $*" >&2; cat "$work/out" >&2; exit 1; }; }

cold_graft() {
  start_target cold-graft; local p=$tpid t
  t=$(now_ns); ok graft_cli inject "$p" "$target_class:12" "$snippet"; record cold_graft "$(ms_since "$t")"
  check_capped "$work/cold-graft.log"; stop_target "$p"
}
# cold_byteman SUFFIX PORT: bminstall + bmsubmit (SUFFIX "" default flags, "_gf" graft's client flags)
cold_byteman() {
  local sfx=$1 port=$2 p t t1 i s
  start_target "cold-bm$sfx"; p=$tpid
  t=$(now_ns); ok "bminstall$sfx" -p "$port" "$p"; i=$(ms_since "$t")
  t1=$(now_ns); ok "bmsubmit$sfx" -p "$port" -l "$work/rule.btm"; s=$(ms_since "$t1")
  record "cold_bminstall$sfx" "$i"; record "cold_bmsubmit$sfx" "$s"; record "cold_byteman$sfx" "$((i + s))"
  check_capped "$work/cold-bm$sfx.log"; stop_target "$p"
}
cold_bm() { cold_byteman "" 9191; }
cold_bm_gf() { cold_byteman _gf 9195; }
warm_graft() {
  local t
  t=$(now_ns); ok graft_cli inject "$warm_graft_pid" "$target_class:12" "$snippet"; record warm_graft "$(ms_since "$t")"
  check_capped "$work/warm-graft.log"; ok graft_cli revert "$warm_graft_pid" --all
}
warm_byteman() {
  local sfx=$1 t
  t=$(now_ns); ok "bmsubmit$sfx" -p 9192 -l "$work/rule.btm"; record "warm_bmsubmit$sfx" "$(ms_since "$t")"
  check_capped "$work/warm-bm.log"; ok bmsubmit -p 9192 -u "$work/rule.btm"
}
warm_bm() { warm_byteman ""; }
warm_bm_gf() { warm_byteman _gf; }
warm_list() { local t; t=$(now_ns); ok graft_cli list "$warm_graft_pid"; record warm_graft_list "$(ms_since "$t")"; }
# shellcheck disable=SC2086 # graft_flags is a list of options
hello_gf() { local t; t=$(now_ns); ok "$java_bin" $graft_flags -cp "$bench_jar" dev.graft.bench.Hello; record hello_graft_flags "$(ms_since "$t")"; }
hello() { local t; t=$(now_ns); ok "$java_bin" -cp "$bench_jar" dev.graft.bench.Hello; record hello_default_flags "$(ms_since "$t")"; }

bench_header
echo "runs: $runs; work dir: $work; graft's client flags: $graft_flags"
if ls "$root"/attach-cli/target/graft/lib/graft-cli-*.jsa >/dev/null 2>&1; then echo "scripts/graft maps its CDS archive: $(cd "$root"/attach-cli/target/graft/lib && ls graft-cli-*.jsa)"; else echo "scripts/graft: no CDS archive (none built)"; fi

# The warm targets: agents loaded once, before the timed runs.
start_target warm-graft; warm_graft_pid=$tpid
ok graft_cli inject "$warm_graft_pid" "$target_class:12" "$snippet"; ok graft_cli revert "$warm_graft_pid" --all
start_target warm-bm; warm_bm_pid=$tpid
ok bminstall -p 9192 "$warm_bm_pid"
# One untimed round of the warm commands (page cache, the agents' first requests).
warm_graft > /dev/null; warm_bm > /dev/null; warm_list > /dev/null; rm -f "$work"/*.ms

rotate() { local k=$1; shift; local a=("$@") n=$#; for j in $(seq 0 $((n - 1))); do echo "${a[$(( (j + k) % n ))]}"; done; }
for i in $(seq "$runs"); do
  echo "run $i"
  for f in $(rotate "$i" cold_graft cold_bm cold_bm_gf); do "$f"; done
  for f in $(rotate "$i" warm_graft warm_bm warm_bm_gf); do "$f"; done
  for f in $(rotate "$i" warm_list hello_gf hello); do "$f"; done
done

echo
table cold_graft cold_byteman cold_bminstall cold_bmsubmit cold_byteman_gf cold_bminstall_gf cold_bmsubmit_gf \
  warm_graft warm_bmsubmit warm_bmsubmit_gf warm_graft_list hello_graft_flags hello_default_flags
echo
echo "cold: graft inject / (bminstall + bmsubmit)                 = $(ratio "$(median cold_graft)" "$(median cold_byteman)")  (target <= 1)"
echo "cold: graft inject / (bminstall + bmsubmit), graft's flags  = $(ratio "$(median cold_graft)" "$(median cold_byteman_gf)")"
echo "warm: graft inject / bmsubmit                               = $(ratio "$(median warm_graft)" "$(median warm_bmsubmit)")  (target <= 1)"
echo "warm: graft inject / bmsubmit, graft's flags                = $(ratio "$(median warm_graft)" "$(median warm_bmsubmit_gf)")"
echo "warm: graft list / hello-world JVM, same flags              = $(ratio "$(median warm_graft_list)" "$(median hello_graft_flags)")  (target <= 1.5)"
for m in cold_graft cold_byteman cold_bminstall cold_bmsubmit cold_byteman_gf warm_graft warm_bmsubmit warm_bmsubmit_gf warm_graft_list hello_graft_flags hello_default_flags; do
  figure "latency.$m" "$(median "$m")"
done
figure latency.runs "$runs"
