#!/usr/bin/env bash
# Runs every benchmark of issues 15 and 17 once, graft side by side with Byteman 4.0.25 in the same run, and
# regenerates the figures: bench/RESULTS.md between <!-- bench:results --> and <!-- /bench:results --> (the
# summary table, each script's command and raw output) and README.md's performance table between
# <!-- bench:table --> and <!-- /bench:table -->, both naming the commit measured (git rev-parse --short HEAD,
# -dirty when the work tree has changes). Not part of `mvn verify`. About 20 minutes on 2 cores.
# Usage: scripts/bench-all.sh [SECTION...]   sections: percall latency pause footprint load startup scale
#        (default all; naming some runs only those, and leaves the files alone unless WRITE=1)
#        env FROM=DIR writes the table and files again from an earlier run's output directory, running nothing;
#        BUILD=0 skips the build (mvn package of the root and of bench/); QUICK=1 runs tiny sizes (a
#        smoke test of the driver: its figures are not worth writing, so it writes nothing unless WRITE=1)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
all=(percall latency pause footprint load startup scale)
sections=("$@"); (( ${#sections[@]} )) || sections=("${all[@]}")
write="${WRITE:-}"
if [[ -z "$write" ]]; then if (( $# == 0 )) && [[ -z "${QUICK:-}" ]]; then write=1; else write=0; fi; fi
if [[ -n "${QUICK:-}" ]]; then
  declare -A args=([percall]="1 3" [latency]="1" [pause]="4" [footprint]="" [load]="2" [startup]="1" [scale]="1")
  export BLOCK=2 IDLE=2 NOOP=2 WARM=2 BASE=3 WATCH=2 ROUNDS=1 FEW=300 MANY=3000 WAIT=3
else
  declare -A args=([percall]="2 15" [latency]="7" [pause]="200" [footprint]="" [load]="50" [startup]="5" [scale]="3")
  export IDLE=15 NOOP=15
fi
out="${FROM:-$(mktemp -d /tmp/graft-bench-all.XXXXXX)}"
commit="$(commit_id)"
started="$(date -u '+%Y-%m-%d %H:%M UTC')"
if [[ -n "${FROM:-}" ]]; then
  # FROM=DIR: no run; the table and files from an earlier run's output directory (its commit and times)
  commit="$(cat "$out/commit")"; started="$(cat "$out/started")"
  sections=(); for s in "${all[@]}"; do [[ -f "$out/$s.txt" ]] && sections+=("$s"); done
  BUILD=0
else
  echo "$commit" > "$out/commit"; echo "$started" > "$out/started"; : > "$out/seconds"
fi
echo "bench-all: commit $commit, sections ${sections[*]}, output in $out"
if [[ "${BUILD:-1}" != 0 ]]; then
  echo "== build (mvn package, tests skipped)"
  (cd "$root" && mvn -B -q -Dstyle.color=never -DskipTests package) > "$out/build.txt" 2>&1 || { tail -30 "$out/build.txt"; exit 1; }
  (cd "$root/bench" && mvn -B -q -Dstyle.color=never package) >> "$out/build.txt" 2>&1 || { tail -30 "$out/build.txt"; exit 1; }
fi
for s in "${sections[@]}"; do
  [[ -n "${FROM:-}" ]] && continue
  t=$(now_ns)
  echo "== $s: scripts/bench-$s.sh ${args[$s]} ($(date -u +%H:%M:%S), load $(cut -d' ' -f1 /proc/loadavg))"
  # shellcheck disable=SC2086 # the arguments are a list
  "$root/scripts/bench-$s.sh" ${args[$s]} > "$out/$s.txt" 2>&1 || { echo "bench-$s.sh failed:"; tail -30 "$out/$s.txt"; exit 1; }
  echo "$s $(( ($(now_ns) - t) / 1000000000 ))" >> "$out/seconds"
  echo "   $(( ($(now_ns) - t) / 1000000000 )) s"
done
grep -h '^figure ' "$out"/*.txt | awk '{ print $2, $3 }' > "$out/figures" || true
java_version="$("$java_bin" -version 2>&1 | head -1)"
[[ -n "${FROM:-}" ]] || date -u '+%H:%M UTC' > "$out/finished"
finished="$(cat "$out/finished" 2>/dev/null || echo ?)"

# f KEY: a figure of this run ("?" where the section did not run)
f() { awk -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "?" : v) }' "$out/figures"; }
calc() { awk "BEGIN { $1 }" 2>/dev/null || echo "?"; }
yes_no() { calc "print (($1) ? \"yes\" : \"**no**\")"; }
sec() { local v; v=$(f "$1"); calc "printf \"%.2f s\", $v / 1000"; }

# The summary table (markdown), from the figures alone.
summary_table() {
  local g_gap b_gap
  echo "| target (DESIGN §6, issue 15) | graft | Byteman 4.0.25, same run | ratio graft / Byteman | met |"
  echo "|---|---|---|---|---|"
  echo "| per call: a spliced \`Counter.hits++\` within 1 ns of the same line in source (JMH, median of $(f percall.forks)×$(f percall.iterations) iterations; control: one more call) | $(f percall.graftSpliced) ns, source $(f percall.inSource) ns: **$(f percall.graft_minus_source) ns** (unpatched $(f percall.unpatched) ns; control $(f percall.control) ns) | compiled rule $(f percall.bytemanCompiled) ns ($(f percall.byteman_compiled_minus_source) ns over source), interpreted $(f percall.bytemanInterpreted) ns | — | $(yes_no "$(f percall.graft_minus_source) < 1 && $(f percall.graft_minus_source) > -1") |"
  echo "| cold \`graft inject\` ≤ \`bminstall\` + \`bmsubmit\` (median of $(f latency.runs)) | $(f latency.cold_graft) ms | $(f latency.cold_byteman) ms ($(f latency.cold_bminstall) + $(f latency.cold_bmsubmit)); with graft's client flags $(f latency.cold_byteman_gf) ms | $(calc "printf \"%.2f\", $(f latency.cold_graft) / $(f latency.cold_byteman)") ($(calc "printf \"%.2f\", $(f latency.cold_graft) / $(f latency.cold_byteman_gf)") with the same flags) | $(yes_no "$(f latency.cold_graft) <= $(f latency.cold_byteman)") |"
  echo "| warm \`graft inject\` ≤ \`bmsubmit\` | $(f latency.warm_graft) ms | $(f latency.warm_bmsubmit) ms; with graft's client flags $(f latency.warm_bmsubmit_gf) ms | $(calc "printf \"%.2f\", $(f latency.warm_graft) / $(f latency.warm_bmsubmit)") ($(calc "printf \"%.2f\", $(f latency.warm_graft) / $(f latency.warm_bmsubmit_gf)")) | $(yes_no "$(f latency.warm_graft) <= $(f latency.warm_bmsubmit)") |"
  echo "| warm \`graft list\` ≤ 1.5× a hello-world JVM with the same flags | $(f latency.warm_graft_list) ms | (hello world: $(f latency.hello_graft_flags) ms with graft's flags, $(f latency.hello_default_flags) ms with the defaults) | $(calc "printf \"%.2f\", $(f latency.warm_graft_list) / $(f latency.hello_graft_flags)") × hello | $(yes_no "$(f latency.warm_graft_list) <= 1.5 * $(f latency.hello_graft_flags)") |"
  g_gap=$(f pause.graft.apply_revert.gap_p99); b_gap=$(f pause.byteman.apply_revert.gap_p99)
  echo "| pause: longest stall of a running thread during a one-class apply or revert, p99 < 10 ms ($(f pause.graft.apply_revert.n) operations per tool, each tool in a JVM of its own) | p99 **$g_gap ms**, max $(f pause.graft.apply_revert.gap_max) ms (p50 $(f pause.graft.apply_revert.gap_p50)); longest safepoint p99 $(f pause.graft.apply_revert.safepoint_p99) ms; controls: a \`graft list\` p99 $(f pause.graft.noop.gap_p99) ms, idle $(f pause.graft.idle.gap_p99) ms; VM-thread CPU per operation $(f pause.graft.vm_cpu_ms) ms ($(f pause.graft.classes) classes loaded) | p99 $b_gap ms, max $(f pause.byteman.apply_revert.gap_max) ms (p50 $(f pause.byteman.apply_revert.gap_p50)); safepoint p99 $(f pause.byteman.apply_revert.safepoint_p99) ms; controls: a \`bmsubmit\` listing p99 $(f pause.byteman.noop.gap_p99) ms, idle $(f pause.byteman.idle.gap_p99) ms; VM-thread CPU $(f pause.byteman.vm_cpu_ms) ms ($(f pause.byteman.classes) classes) | stall p99 $(calc "printf \"%.2f\", $g_gap / $b_gap"), VM-thread CPU $(calc "printf \"%.2f\", $(f pause.graft.vm_cpu_ms) / $(f pause.byteman.vm_cpu_ms)") | $(yes_no "$g_gap < 10") |"
  echo "| idle agent, a minute after one patch and its revert: one thread, < 10 MB heap; metaspace and native memory (NMT) beside | +$(f footprint.graft.threads | tr -d +) threads, heap $(f footprint.graft.heap_kb) KB, metaspace $(f footprint.graft.metaspace_kb) KB, NMT $(f footprint.graft.nmt_kb) KB, $(f footprint.graft.classes) classes | +$(f footprint.byteman.threads | tr -d +) thread, heap $(f footprint.byteman.heap_kb) KB, metaspace $(f footprint.byteman.metaspace_kb) KB, NMT $(f footprint.byteman.nmt_kb) KB, $(f footprint.byteman.classes) classes | metaspace $(calc "printf \"%.1f\", $(f footprint.graft.metaspace_kb) / $(f footprint.byteman.metaspace_kb)"), NMT $(calc "printf \"%.1f\", $(f footprint.graft.nmt_kb) / $(f footprint.byteman.nmt_kb)") | $(yes_no "$(f footprint.graft.threads) <= 1 && $(f footprint.graft.heap_kb) < 10240") |"
  echo "| Spring shop under $(f load.clients) HTTP clients, $(f load.cycles) checked patch/revert cycles: p99.9 ≤ 2× the same run's baseline, 0 failed requests | p99.9 $(f load.graft.cycles.p999) ms vs baseline $(f load.graft.baseline.p999) ms (**$(f load.graft.p999_ratio)×**); failed $(calc "print $(f load.graft.baseline.failed) + $(f load.graft.cycles.failed)") of $(calc "print $(f load.graft.baseline.requests) + $(f load.graft.cycles.requests)") | p99.9 $(f load.byteman.cycles.p999) ms vs $(f load.byteman.baseline.p999) ms ($(f load.byteman.p999_ratio)×); failed $(calc "print $(f load.byteman.baseline.failed) + $(f load.byteman.cycles.failed)") of $(calc "print $(f load.byteman.baseline.requests) + $(f load.byteman.cycles.requests)") | $(calc "printf \"%.2f\", $(f load.graft.p999_ratio) / $(f load.byteman.p999_ratio)") (of the ×) | $(yes_no "$(f load.graft.p999_ratio) <= 2 && $(f load.graft.cycles.failed) == 0 && $(f load.graft.baseline.failed) == 0") |"
  echo "| \`graft watch\` on the shop under the same load (issue 14): latency with the watch vs without | p99.9 $(f load.graft.watch.p999) vs $(f load.graft.nowatch.p999) ms ($(f load.graft.watch_p999_ratio)×), p99 $(f load.graft.watch.p99) vs $(f load.graft.nowatch.p99) ms; failed $(f load.graft.watch.failed) | (no watch) | — | (no target) |"
  echo "| a start-up script of 3 patches delays \`main\` by ≤ 300 ms (median of $(f startup.runs)) | +$(f startup.graft_delay) ms (agent alone +$(calc "print $(f startup.graft_agent) - $(f startup.none)") ms); to the first patched result +$(f startup.graft_first_order_delay) ms | agent + 3 rules: +$(f startup.byteman_delay) ms; to the first patched result +$(f startup.byteman_first_order_delay) ms | $(calc "printf \"%.1f\", $(f startup.graft_delay) / $(f startup.byteman_delay)") | $(yes_no "$(f startup.graft_delay) <= 300") |"
  echo "| 500 injections over 100 classes in one \`graft apply\` < 2 s (median of $(f scale.runs); the first apply after the attach apart) | $(f scale.apply) ms (runs $(f scale.apply_runs) ms; first $(f scale.first_apply) ms) | — | — | $(yes_no "$(f scale.apply) < 2000") |"
  echo "| one warm inject with 30,000 extra loaded classes as fast as with 3,000 | $(f scale.inject_many) vs $(f scale.inject_few) ms | — | $(calc "printf \"%.2f\", $(f scale.inject_many) / $(f scale.inject_few)") (many / few) | $(yes_no "$(f scale.inject_many) <= 1.2 * $(f scale.inject_few)") |"
}

machine="$(nproc) cores, $(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo), $(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo) RAM, $java_version for every JVM"
durations="$(awk '{ printf "%s%s %d s", (NR > 1 ? ", " : ""), $1, $2 }' "$out/seconds")"
{
  summary_table
} > "$out/table.md"
cat "$out/table.md"

if [[ "$write" != 1 ]]; then echo "(not written: WRITE=1 writes bench/RESULTS.md and README.md)"; exit 0; fi

# replace_between FILE BEGIN END CONTENT_FILE: the lines strictly between the two marker lines become CONTENT_FILE
replace_between() {
  local file=$1 begin=$2 end=$3 content=$4
  grep -qF "$begin" "$file" && grep -qF "$end" "$file" || { echo "$file has no $begin ... $end markers" >&2; exit 1; }
  awk -v b="$begin" -v e="$end" -v c="$content" '
    index($0, b) == 1 { print; while ((getline l < c) > 0) print l; skip = 1; next }
    index($0, e) == 1 { skip = 0 }
    !skip { print }' "$file" > "$file.new" && mv "$file.new" "$file"
}

{
  echo "Measured by \`scripts/bench-all.sh\` at commit \`$commit\`, $started–$finished, on $machine. A shared"
  echo "machine (other builds ran beside it; each script's header gives the load when it started): compare the"
  echo "columns of one row, which ran side by side in the same run; the milliseconds move from run to run."
  echo
  cat "$out/table.md"
} > "$out/readme.md"
replace_between "$root/README.md" "<!-- bench:table -->" "<!-- /bench:table -->" "$out/readme.md"

{
  echo "## This run: commit \`$commit\`, $started–$finished"
  echo
  echo "Generated by \`scripts/bench-all.sh\` (do not edit by hand: the next run rewrites everything between the"
  echo "markers). Machine: $machine. Time per section: $durations."
  echo "Each script's header line gives the machine's load when it started: the machine is shared, so trust the"
  echo "ratios of one run (the tools ran side by side, in rotating or alternating order) over the milliseconds."
  echo
  cat "$out/table.md"
  for s in "${sections[@]}"; do
    echo
    echo "### \`scripts/bench-$s.sh ${args[$s]}\`"
    echo
    echo '```'
    grep -v '^figure ' "$out/$s.txt"
    echo '```'
  done
} > "$out/results.md"
replace_between "$root/bench/RESULTS.md" "<!-- bench:results -->" "<!-- /bench:results -->" "$out/results.md"
echo "wrote README.md (performance table) and bench/RESULTS.md for commit $commit; raw output in $out"
