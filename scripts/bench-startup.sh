#!/usr/bin/env bash
# Start-up (DESIGN §6, issue 15): how long a start-up script of 3 patches delays the application's `main`,
# graft against Byteman 4.0.25, both as their users start them (-javaagent: graft's agent with apply=SCRIPT;
# Byteman's agent jar with script:RULES, as its bmjava script does). Time from the fork of `java` to the
# pricing sample's first line ("pricing: ready", its main's first output), for:
#   none            no agent
#   graft_agent     graft's agent, no script          byteman_agent   Byteman's agent, no rules
#   graft_script    graft's agent + 3-patch script    byteman_script  Byteman's agent + the 3 equivalent rules
# The order rotates every run. Each script's effect is checked once (untimed): totals of 63%, which only
# the first patch's rate 0.37 gives. Target: graft_script - none <= 300 ms.
# Usage: scripts/bench-startup.sh [RUNS]     (default 7; env JAVA=...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
runs="${1:-7}"
agent_jar="$root/attach-cli/target/graft/lib/graft-agent.jar"
need "$pricing" "$agent_jar" "$bm_home/lib/byteman.jar"
work="$(mktemp -d /tmp/graft-bench-startup.XXXXXX)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
c=dev.graft.samples.pricing.Pricing
cat > "$work/fix.graft" <<SCRIPT
inject $c:12 { rate = 0.37; }
inject $c:13 { if (total < 0) total = 0; }
inject $c#discountRate:17 { if (order < 0) order = 0; }
SCRIPT
cat > "$work/fix.btm" <<RULES
RULE rate
CLASS $c
METHOD price
AT LINE 12
IF true
DO \$rate = 0.37
ENDRULE
RULE total
CLASS $c
METHOD price
AT LINE 13
IF \$total < 0
DO \$total = 0
ENDRULE
RULE order
CLASS $c
METHOD discountRate
AT LINE 17
IF \$order < 0
DO \$order = 0
ENDRULE
RULES
options_of() {
  case $1 in
    none) ;;
    graft_agent) echo "-javaagent:$agent_jar" ;;
    graft_script) echo "-javaagent:$agent_jar=apply=$work/fix.graft" ;;
    byteman_agent) echo "-javaagent:$bm_home/lib/byteman.jar" ;;
    byteman_script) echo "-javaagent:$bm_home/lib/byteman.jar=script:$work/fix.btm" ;;
  esac
}
# until_ready NAME: ms from the fork to "pricing: ready" on the JVM's stdout, and to its first priced order
# (the patched code's first run: Byteman type-checks and compiles a rule when it first fires, not at premain)
until_ready() {
  local name=$1 t p line
  rm -f "$work/fifo"; mkfifo "$work/fifo"
  t=$(now_ns)
  # shellcheck disable=SC2046 # one option or none
  "$java_bin" $(options_of "$name") -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/fifo" 2> "$work/$name.err" &
  p=$!
  exec 6< "$work/fifo"
  while IFS= read -r line <&6; do [[ "$line" == "pricing: ready" ]] && break; done
  record "$name" "$(ms_since "$t")"
  while IFS= read -r line <&6; do [[ "$line" == order* ]] && break; done
  record "${name}_first_order" "$(ms_since "$t")"
  exec 6<&-
  kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true
}
# check NAME: the script's first patch took effect (a total of 63% of the amount)
check() {
  # shellcheck disable=SC2046
  "$java_bin" $(options_of "$1") -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$work/$1.check" 2>&1 &
  local p=$!; pids+=("$p")
  for _ in $(seq 100); do
    if awk '/^order/ { d = $6 - $4 * 0.63; if (d < 0.011 && d > -0.011) ok = 1 } END { exit !ok }' "$work/$1.check"; then
      echo "  $1: the start-up patches took effect (totals of 63%)"; kill "$p"; wait "$p" 2>/dev/null || true; return 0
    fi
    sleep 0.1
  done
  echo "$1: the start-up patches did not take effect" >&2; tail -5 "$work/$1.check" >&2; exit 1
}

bench_header
echo "runs: $runs; work dir $work"
check graft_script; check byteman_script
variants=(none graft_agent graft_script byteman_agent byteman_script)
for i in $(seq "$runs"); do
  echo "run $i"
  for j in $(seq 0 4); do until_ready "${variants[$(( (i + j) % 5 ))]}"; done
done
echo
table "${variants[@]}" $(printf '%s_first_order ' "${variants[@]}")
none=$(median none)
echo
echo "delay of main: graft agent alone $(( $(median graft_agent) - none )) ms, graft + 3-patch script $(( $(median graft_script) - none )) ms (target <= 300)"
echo "delay of main: Byteman agent alone $(( $(median byteman_agent) - none )) ms, Byteman + 3 rules $(( $(median byteman_script) - none )) ms"
echo "to the first priced order: graft + script $(( $(median graft_script_first_order) - $(median none_first_order) )) ms later than none, Byteman + rules $(( $(median byteman_script_first_order) - $(median none_first_order) )) ms"
for v in "${variants[@]}"; do figure "startup.$v" "$(median "$v")"; figure "startup.${v}_first_order" "$(median "${v}_first_order")"; done
figure startup.graft_first_order_delay "$(( $(median graft_script_first_order) - $(median none_first_order) ))"
figure startup.byteman_first_order_delay "$(( $(median byteman_script_first_order) - $(median none_first_order) ))"
figure startup.graft_delay "$(( $(median graft_script) - none ))"
figure startup.byteman_delay "$(( $(median byteman_script) - none ))"
figure startup.runs "$runs"
