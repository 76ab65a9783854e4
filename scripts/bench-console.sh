#!/usr/bin/env bash
# A one-line inject typed in a warm console (DESIGN §6, issue 14: at most 30 ms), beside Byteman 4.0.25's
# bmsubmit of an equivalent rule, in one run on the pricing sample:
#   console  `graft console PID` reading its commands from a pipe (its stdin): after WARM untimed pairs,
#            PAIRS pairs of `inject Pricing:12 'rate = 0.37;'` / `revert --all`, each timed from the moment
#            the line is written to the moment the console prints "patch N applied" ("reverted: N")
#   bmsubmit `bmsubmit -l rule.btm` (a JVM per command, as Byteman ships it) against a second pricing JVM
#            with Byteman's agent installed once, untimed; `bmsubmit -u` between runs, untimed
# Console pairs and bmsubmit runs alternate. Prints every run's timestamps, the medians and the ratio,
# and names the commit measured.
# Usage: scripts/bench-console.sh [PAIRS] [WARM]     (default 20 and 10; env JAVA=... picks the targets' and
#        Byteman's java, GRAFT_JAVA=... the console's)
# Needs: mvn package at the root (graft, pricing.jar) and Byteman's jars in bench/target/byteman/lib
#        (`cd bench && mvn package`, or just `cd bench && mvn dependency:copy@byteman`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
pairs="${1:-20}"
warm="${2:-10}"
java_bin="${JAVA:-java}"
pricing="$root/samples/pricing/target/pricing.jar"
bm_home="$root/bench/target/byteman"
for f in "$pricing" "$bm_home/lib/byteman.jar" "$root/attach-cli/target/graft/lib/graft-cli.jar" "$root/agent/target/graft-agent.jar"; do
  [[ -f "$f" ]] || { echo "missing $f: build first (see the header of $0)" >&2; exit 2; }
done
work="$(mktemp -d /tmp/graft-bench-console.XXXXXX)"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

target_class=dev.graft.samples.pricing.Pricing
# 0.37 is a rate the sample never computes (its rates are tenths): only a patch that ran gives 63% totals
inject_line="inject Pricing:12 'rate = 0.37;'"
cat > "$work/rule.btm" <<RULE
RULE cap rate
CLASS $target_class
METHOD price
AT LINE 12
IF true
DO \$rate = 0.37
ENDRULE
RULE

# microseconds, without a process per reading (bash 5's clock)
now_us() { local t=$EPOCHREALTIME; echo "${t/./}"; }

start_target() {
  local log="$work/$1.log"
  "$java_bin" -cp "$pricing" dev.graft.samples.pricing.PricingLoop 100 > "$log" 2>&1 &
  tpid=$!
  pids+=("$tpid")
  for _ in $(seq 200); do grep -q 'pricing: ready' "$log" 2>/dev/null && break; sleep 0.05; done
}

source "$(dirname "${BASH_SOURCE[0]}")/bench-checks.sh"   # check_capped

bminstall() { "$java_bin" -Dorg.jboss.byteman.home="$bm_home" -cp "$bm_home/lib/byteman-install.jar" org.jboss.byteman.agent.install.Install "$@"; }
bmsubmit() { "$java_bin" -cp "$bm_home/lib/byteman-submit.jar" org.jboss.byteman.agent.submit.Submit "$@"; }

# send LINE, then read the console's output until a line matches PATTERN; prints the microseconds it took
console_says() {
  local line="$1" pattern="$2" t0 out
  t0=$(now_us)
  printf '%s\n' "$line" >&"${console[1]}"
  while IFS= read -r -t 30 -u "${console[0]}" out; do
    echo "$out" >> "$work/console.out"
    if [[ "$out" =~ $pattern ]]; then
      echo $(( $(now_us) - t0 ))
      return 0
    fi
    if [[ "$out" == graft:* ]]; then echo "console: $out" >&2; exit 1; fi
  done
  echo "the console did not answer '$line' (pattern $pattern); its output: $work/console.out" >&2; exit 1
}

ms() { awk -v us="$1" 'BEGIN { printf "%.1f", us / 1000 }'; }
record() { echo "$2" >> "$work/$1.us"; }

commit="$(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- 2>/dev/null || echo '+uncommitted')"
echo "commit: $commit; java: $("$java_bin" -version 2>&1 | head -1); console java: ${GRAFT_JAVA:-$java_bin}"
echo "load: $(uptime | sed 's/.*load average: //'); pairs: $pairs (after $warm untimed); work dir: $work"

# Byteman's agent listens on a TCP port: one that no other process (another benchmark) holds
free_port() {
  local port
  for _ in $(seq 50); do
    port=$(( 20000 + RANDOM % 20000 ))
    ss -ltn 2>/dev/null | awk '{ print $4 }' | grep -q ":$port\$" || { echo "$port"; return; }
  done
  echo "no free port found" >&2; exit 1
}
bm_port=$(free_port)
start_target console; console_pid=$tpid
start_target byteman; bm_pid=$tpid
bminstall -p "$bm_port" "$bm_pid" > /dev/null
bmsubmit -p "$bm_port" -l "$work/rule.btm" > /dev/null; check_capped "$work/byteman.log"; bmsubmit -p "$bm_port" -u "$work/rule.btm" > /dev/null

# the console, its stdin and stdout pipes held by this shell; stderr (its notes) to a file
coproc console { exec "$root/scripts/graft" console "$console_pid" --revert-on-exit 2> "$work/console.err"; }
console_says "list" '^agent log:' > /dev/null
for i in $(seq "$warm"); do
  console_says "$inject_line" '^patch [0-9]+ applied' > /dev/null
  console_says "revert --all" '^(reverted:|nothing to revert)' > /dev/null
done
console_says "$inject_line" '^patch [0-9]+ applied' > /dev/null; check_capped "$work/console.log"
console_says "revert --all" '^reverted:' > /dev/null

printf '%-4s %-13s %16s %12s %12s %12s\n' run when "console inject" "revert" "list" "bmsubmit"
for i in $(seq "$pairs"); do
  when=$(date +%T.%3N)
  inject_us=$(console_says "$inject_line" '^patch [0-9]+ applied')
  revert_us=$(console_says "revert --all" '^reverted:')
  # the console's floor: a command that asks the agent one cheap question (connect, hello, list)
  list_us=$(console_says "list" '^agent log:')
  t0=$(now_us); bmsubmit -p "$bm_port" -l "$work/rule.btm" > "$work/bm.out" 2>&1 || { cat "$work/bm.out" >&2; exit 1; }
  bm_us=$(( $(now_us) - t0 ))
  bmsubmit -p "$bm_port" -u "$work/rule.btm" > /dev/null
  record inject "$inject_us"; record revert "$revert_us"; record list "$list_us"; record bmsubmit "$bm_us"
  printf '%-4d %-13s %13s ms %9s ms %9s ms %9s ms\n' "$i" "$when" "$(ms "$inject_us")" "$(ms "$revert_us")" "$(ms "$list_us")" "$(ms "$bm_us")"
done
# the last inject still works (it changes the target's totals), and the console leaves nothing behind
console_says "$inject_line" '^patch [0-9]+ applied' > /dev/null; check_capped "$work/console.log"
printf 'exit\n' >&"${console[1]}"
wait "$console_PID" || { echo "the console exited $?; stderr: $(cat "$work/console.err")" >&2; exit 1; }

median() { sort -n "$work/$1.us" | awk '{ a[NR] = $1 } END { m = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'; }
minmax() { sort -n "$work/$1.us" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%.1f-%.1f", lo / 1000, hi / 1000 }'; }
echo
printf '%-28s %10s %14s\n' measure "median ms" "min-max ms"
printf '%-28s %10s %14s\n' "console inject (warm)" "$(median inject)" "$(minmax inject)"
printf '%-28s %10s %14s\n' "console revert (warm)" "$(median revert)" "$(minmax revert)"
printf '%-28s %10s %14s\n' "console list (warm)" "$(median list)" "$(minmax list)"
printf '%-28s %10s %14s\n' "bmsubmit -l (whole process)" "$(median bmsubmit)" "$(minmax bmsubmit)"
echo
echo "console inject / bmsubmit = $(awk -v a="$(median inject)" -v b="$(median bmsubmit)" 'BEGIN { printf "%.2f", a / b }')  (target: inject <= 30 ms)"
echo "commit measured: $commit"
