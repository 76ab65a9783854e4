#!/usr/bin/env bash
# Pause (DESIGN §6, issues 15 and 17): how long a running target thread stalls while a one-class patch is
# applied or reverted, graft against Byteman 4.0.25, each tool in a JVM of its own.
# Two probe JVMs (bench's PauseProbe: a thread calling PauseTarget.work() in a tight loop records every gap
# over 50 µs between two iterations, jHiccup-style; each JVM logs its safepoints with -Xlog:safepoint) run
# side by side, but only the one being measured spins (the other sleeps: `on`/`off` on its stdin), so they
# never compete for the 2 cores. In blocks of BLOCK cycles, alternating which tool goes first:
#   graft:   apply = `graft inject PauseTarget:9 'v = v + 1;'`, revert = `graft revert --all`  (scripts/graft)
#   Byteman: apply = `bmsubmit -l` of an AT LINE 9 rule `$v = $v + 1`, revert = `bmsubmit -u`   (its scripts)
# and before them, per tool, IDLE windows of 0.5 s (the machine's own noise) and NOOP commands that change
# nothing (`graft list`, `bmsubmit` listing rules: a client JVM's CPU contention, no class swapped).
# Reports per kind: the longest probe gap during each operation and the longest safepoint during it (p50,
# p99, max; apply and revert also together), and every safepoint VM operation (RedefineClasses is the class
# swap itself); and each JVM's "VM Thread" CPU time per apply or revert (/proc schedstat), which a loaded
# machine does not inflate as it does wall-clock stalls. Target: the longest stall during an apply or
# revert, p99 < 10 ms.
# Usage: scripts/bench-pause.sh [N]   (N cycles per tool, default 200; env BLOCK=25 IDLE=25 NOOP=25 JAVA=...)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
n="${1:-200}"; block="${BLOCK:-25}"; idle="${IDLE:-25}"; noop="${NOOP:-25}"
need "$bench_jar" "$bm_home/lib/byteman.jar" "$launcher"
work="$(mktemp -d /tmp/graft-bench-pause.XXXXXX)"
pids=()
cleanup() { exec 4>&- 5>&- 2>/dev/null || true; for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# start_probe NAME FD: a paused probe JVM whose stdin is the fifo on descriptor FD; sets $ppid.
start_probe() {
  mkfifo "$work/$1.ctl"
  "$java_bin" -Xlog:safepoint:file="$work/$1.safepoint.log":timemillis -cp "$bench_jar" dev.graft.bench.PauseProbe run "$work/$1.gaps" --paused \
    < "$work/$1.ctl" > "$work/$1.probe.log" 2>&1 &
  ppid=$!; pids+=("$ppid")
  eval "exec $2>\"$work/$1.ctl\""
  for _ in $(seq 200); do grep -q 'probe: ready' "$work/$1.probe.log" 2>/dev/null && break; sleep 0.05; done
}
start_probe graft 4; gpid=$ppid
start_probe byteman 5; bpid=$ppid
ok() { "$@" > "$work/out" 2>&1 || { echo "failed: $*" >&2; cat "$work/out" >&2; exit 1; }; }
printf 'RULE bump v\nCLASS dev.graft.bench.PauseTarget\nMETHOD work\nAT LINE 9\nIF true\nDO $v = $v + 1\nENDRULE\n' > "$work/rule.btm"

# The operations, one function per tool and kind; timed by op LABEL TOOL CMD...
apply_graft() { ok graft_cli inject "$gpid" dev.graft.bench.PauseTarget:9 'v = v + 1;'; }
revert_graft() { ok graft_cli revert "$gpid" --all; }
noop_graft() { ok graft_cli list "$gpid"; }
apply_byteman() { ok bmsubmit -p 9193 -l "$work/rule.btm"; }
revert_byteman() { ok bmsubmit -p 9193 -u "$work/rule.btm"; }
noop_byteman() { ok bmsubmit -p 9193; }
idle_any() { sleep 0.5; }
op() { local label=$1 tool=$2 fn=$3 t; t=$(now_ns); "$fn"; echo "$label $t $(now_ns)" >> "$work/$tool.ops"; }
probe_on() { if [[ $1 == graft ]]; then echo on >&4; else echo on >&5; fi; sleep 0.3; }
probe_off() { if [[ $1 == graft ]]; then echo off >&4; else echo off >&5; fi; }
# The CPU time of a probe JVM's "VM Thread" (/proc schedstat, ns): the thread that runs every safepoint
# operation, RedefineClasses included. Unlike a wall-clock stall, machine load does not inflate it.
vm_thread() { for t in /proc/"$1"/task/*; do [[ "$(cat "$t/comm")" == "VM Thread" ]] && basename "$t"; done; true; }
vm_cpu_ns() { cut -d' ' -f1 "/proc/$1/task/$2/schedstat"; }
declare -A vm_tid=([graft]="$(vm_thread "$gpid")" [byteman]="$(vm_thread "$bpid")") vm_ns=([graft]=0 [byteman]=0)

bench_header
echo "graft probe pid $gpid, Byteman probe pid $bpid; N=$n cycles per tool in blocks of $block; idle $idle, noop $noop; work dir $work"
# Load each agent and warm its paths once, not recorded (the cold attach is bench-latency.sh's business).
sleep 1
apply_graft; revert_graft
ok bminstall -p 9193 "$bpid"; apply_byteman; revert_byteman
sleep 1

for tool in graft byteman; do
  probe_on "$tool"
  for _ in $(seq "$idle"); do op idle "$tool" idle_any; done
  for _ in $(seq "$noop"); do op noop "$tool" "noop_$tool"; done
  probe_off "$tool"
done
blocks=$(( (n + block - 1) / block ))
for k in $(seq 0 $((blocks - 1))); do
  if (( k % 2 )); then order="byteman graft"; else order="graft byteman"; fi
  for tool in $order; do
    probe_on "$tool"
    pid_of=$([[ $tool == graft ]] && echo "$gpid" || echo "$bpid")
    c0=$(vm_cpu_ns "$pid_of" "${vm_tid[$tool]}")
    for _ in $(seq "$block"); do op apply "$tool" "apply_$tool"; op revert "$tool" "revert_$tool"; done
    vm_ns[$tool]=$(( ${vm_ns[$tool]} + $(vm_cpu_ns "$pid_of" "${vm_tid[$tool]}") - c0 ))
    probe_off "$tool"
  done
  echo "  block $((k + 1))/$blocks done ($order), load $(cut -d' ' -f1 /proc/loadavg)"
done
# what each redefinition walks: HotSpot's RedefineClasses visits every loaded class (and compiled method)
declare -A classes=()
for tool in graft byteman; do
  pid_of=$([[ $tool == graft ]] && echo "$gpid" || echo "$bpid")
  classes[$tool]=$("$jcmd_bin" "$pid_of" PerfCounter.print 2>/dev/null | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } /^java.cls.(shared)?[uU]nloadedClasses=/ { u += $2 } END { print l - u }')
done
exec 4>&- 5>&-
kill "$gpid" "$bpid"; wait "$gpid" "$bpid" 2>/dev/null || true
for tool in graft byteman; do
  echo
  echo "== $tool (JVM of its own)"
  "$java_bin" -cp "$bench_jar" dev.graft.bench.PauseProbe analyze "$work/$tool.gaps" "$work/$tool.ops" "$work/$tool.safepoint.log" "pause.$tool"
done
echo
for tool in graft byteman; do
  per=$(awk -v c="${vm_ns[$tool]}" -v n=$((2 * blocks * block)) 'BEGIN { printf "%.2f", c / n / 1e6 }')
  echo "$tool: VM thread CPU time per apply or revert: $per ms ($((2 * blocks * block)) operations, /proc schedstat; load does not inflate it); ${classes[$tool]} classes loaded in its JVM at the end"
  figure "pause.$tool.classes" "${classes[$tool]}"
  figure "pause.$tool.vm_cpu_ms" "$per"
done
figure pause.cycles "$n"
echo "raw data: $work (*.gaps, *.ops, *.safepoint.log)"
