#!/usr/bin/env bash
# Per-call cost (DESIGN §6, issues 15 and 17): bench's JMH PerCall, a never-inlined static method whose result
# goes to a Blackhole, unpatched, with `Counter.hits++;` in the source, spliced by graft (scripts/graft inject),
# and done by a Byteman AT LINE rule (its scripts; compiled to bytecode, and interpreted). Each variant runs
# in forks of its own. Iterations are short (200 ms) and many: on a shared 2-core machine a preempted
# iteration is slow, so besides JMH's mean ± error the script reports each variant's median iteration, which
# preemption does not move, and the differences of medians. The control, oneMoreCall - unpatched (one more
# not-inlined call, about 1 ns), shows the benchmark resolves a nanosecond; inSource - unpatched is the
# increment itself (near 0 on a CPU that renames the counter's store-to-load); graftSpliced - inSource is
# what graft adds (target: within 1 ns).
# Usage: scripts/bench-percall.sh [FORKS] [ITERATIONS]    (default 2 forks x 15 iterations of 200 ms, 5 warm-up)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
forks="${1:-2}"; iterations="${2:-15}"
need "$root/bench/target/benchmarks.jar" "$bm_home/lib/byteman.jar" "$launcher"
work="$(mktemp -d /tmp/graft-bench-percall.XXXXXX)"
bench_header
echo "JMH: -f $forks -wi 5 -w 200ms -i $iterations -r 200ms; work dir $work"
"$java_bin" -jar "$root/bench/target/benchmarks.jar" PerCall -f "$forks" -wi 5 -w 200ms -i "$iterations" -r 200ms > "$work/jmh.txt" 2>&1 \
  || { tail -40 "$work/jmh.txt" >&2; exit 1; }
# The set-up lines (what each tool printed when it patched the fork) and JMH's own summary.
grep -E '^\[(graft|byteman)' "$work/jmh.txt" | grep -v 'Counter.hits' | sort | uniq -c | sed 's/^/  /'
sed -n '/^Benchmark .*Mode/,$p' "$work/jmh.txt"
# Every measured iteration's score, by benchmark (a tool's output may sit between "Iteration N:" and its score).
awk '/^# Benchmark: / { b = $3; sub(/.*\./, "", b) } /^Iteration +[0-9]+:/ { pending = 1 }
     pending && /[0-9.]+ ns\/op$/ { print b, $(NF - 1); pending = 0 }' "$work/jmh.txt" > "$work/iterations"
echo
printf '%-20s %5s %12s %10s %10s %10s\n' benchmark n "median ns" "p25 ns" "p75 ns" "min ns"
for b in unpatched oneMoreCall inSource graftSpliced bytemanCompiled bytemanInterpreted; do
  awk -v b="$b" '$1 == b { print $2 }' "$work/iterations" | sort -g > "$work/$b.ns"
  awk -v b="$b" '{ a[NR] = $1 } END { if (!NR) exit; m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
      printf "%-20s %5d %12.3f %10.3f %10.3f %10.3f\n", b, NR, m, a[int((NR + 3) / 4)], a[int((3 * NR + 3) / 4)], a[1] }' "$work/$b.ns"
  figure "percall.$b" "$(awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }' "$work/$b.ns")"
  figure "percall.$b.iqr" "$(awk '{ a[NR] = $1 } END { printf "%.3f", a[int((3 * NR + 3) / 4)] - a[int((NR + 3) / 4)] }' "$work/$b.ns")"
done
med() { awk '{ a[NR] = $1 } END { printf "%.3f", (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }' "$work/$1.ns"; }
diff_of() { awk -v a="$(med "$1")" -v b="$(med "$2")" 'BEGIN { printf "%+.3f", a - b }'; }
echo
echo "oneMoreCall - unpatched        = $(diff_of oneMoreCall unpatched) ns  (the control: one more call, ~1 ns, must show)"
echo "inSource - unpatched           = $(diff_of inSource unpatched) ns  (the increment itself)"
echo "graftSpliced - inSource        = $(diff_of graftSpliced inSource) ns  (target: within 1 ns)"
echo "bytemanCompiled - inSource     = $(diff_of bytemanCompiled inSource) ns"
echo "bytemanInterpreted - inSource  = $(diff_of bytemanInterpreted inSource) ns"
figure percall.increment "$(diff_of inSource unpatched)"
figure percall.control "$(diff_of oneMoreCall unpatched)"
figure percall.graft_minus_source "$(diff_of graftSpliced inSource)"
figure percall.byteman_compiled_minus_source "$(diff_of bytemanCompiled inSource)"
figure percall.forks "$forks"
figure percall.iterations "$iterations"
echo "raw JMH output: $work/jmh.txt"
