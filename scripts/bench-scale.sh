#!/usr/bin/env bash
# Scale (DESIGN §6, issue 6).
#  1. `graft apply` of a patch script with 500 injections over 100 classes (5 lines each; --timeout 120s for
#     apply and revert on a loaded machine), agent already
#     loaded (`graft show` first), whole CLI process timed; RUNS times (revert --all between, not timed).
#  2. One warm `graft inject` into a target with FEW (3,000) vs MANY (30,000) extra loaded classes, RUNS
#     each, alternating; medians and the ratio (target: ~1, no scan of every loaded class per command).
# The 100 target classes are generated and compiled (javac -g) into a temp dir; the extra classes are
# copies of bench's Filler00000 defined at start by dev.graft.bench.ScaleTarget.
# Usage: scripts/bench-scale.sh [RUNS]     (default 5; env JAVA=..., FEW=3000, MANY=30000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
java_bin="${JAVA:-java}"
javac_bin="$(dirname "$(readlink -f "$(command -v "$java_bin")")")/javac"
few="${FEW:-3000}"; many="${MANY:-30000}"
bench_jar="$root/bench/target/graft-bench.jar"
[[ -f "$bench_jar" ]] || { echo "missing $bench_jar: cd bench && mvn package" >&2; exit 2; }
work="$(mktemp -d /tmp/graft-bench-scale.XXXXXX)"
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
mkdir -p "$work/src/scale" "$work/classes"
names=()
: > "$work/patch.graft"
for i in $(seq 0 99); do
  c=$(printf 'P%03d' "$i"); names+=("scale.$c")
  cat > "$work/src/scale/$c.java" <<JAVA
package scale;
public final class $c {
  public static int m(int x) {
    int a = x + 1;
    int b = a + 2;
    int c = b + 3;
    int d = c + 4;
    int e = d + 5;
    return e;
  }
}
JAVA
  # lines 4..8: one injection before each; each writes a local in scope there
  printf 'inject scale.%s:4 { x = x + 1; }\ninject scale.%s:5 { a = a + 1; }\ninject scale.%s:6 { b = b + 1; }\ninject scale.%s:7 { c = c + 1; }\ninject scale.%s:8 { d = d + 1; }\n' \
    "$c" "$c" "$c" "$c" "$c" >> "$work/patch.graft"
done
"$javac_bin" -g -d "$work/classes" "$work"/src/scale/*.java
source "$root/scripts/bench-lib.sh"
bench_header
echo "$(grep -c '^inject' "$work/patch.graft") injections over ${#names[@]} classes; work dir $work"

start_target() { # FILLERS LOG -> $tpid
  "$java_bin" -cp "$bench_jar:$work/classes" dev.graft.bench.ScaleTarget "$1" "${names[@]}" > "$work/$2" 2>&1 &
  tpid=$!; pids+=("$tpid")
  for _ in $(seq 1200); do grep -q 'scale: ready' "$work/$2" 2>/dev/null && break; sleep 0.05; done
  grep -q 'scale: ready' "$work/$2" || { echo "target did not start:" >&2; cat "$work/$2" >&2; exit 1; }
  sleep 1
}
now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
g() { "$root/scripts/graft" "$@" > "$work/out" 2>&1 || { echo "graft $1 failed:" >&2; tail -20 "$work/out" >&2; exit 1; }; }
median() { tr ' ' '\n' <<< "$1" | grep . | sort -n | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "== 1. graft apply: 500 injections, 100 classes (agent loaded)"
start_target 0 apply.log; p=$tpid
g show "$p" scale.P000
# the first apply after the attach also pays javac's first start in the target (reported, not in the median)
t=$(now_ns); g apply "$p" "$work/patch.graft" --timeout 120s; first_ms=$(ms_since "$t"); echo "  first apply after attach: $first_ms ms"; g revert "$p" --all --timeout 120s
apply_ms=""
for i in $(seq "$runs"); do
  t=$(now_ns); g apply "$p" "$work/patch.graft" --timeout 120s; ms=$(ms_since "$t"); apply_ms+="$ms "
  echo "  run $i: $ms ms   ($(grep -c . "$work/out") lines of output; last: $(tail -1 "$work/out"))"
  cp "$work/out" "$work/apply-$i.out"
  t=$(now_ns); g revert "$p" --all --timeout 120s; echo "  revert --all of the 500: $(ms_since "$t") ms"
done
echo "  median: $(median "$apply_ms") ms   (target < 2000 ms)"
kill "$p"

echo "== 2. one warm graft inject: $few vs $many extra loaded classes"
start_target "$few" few.log; pf=$tpid
start_target "$many" many.log; pm=$tpid
for p in "$pf" "$pm"; do
  echo "  pid $p: $(jcmd "$p" PerfCounter.print 2>/dev/null | awk -F= '/^java.cls.(shared)?[lL]oadedClasses=/ { l += $2 } END { print l }') classes loaded"
  g inject "$p" scale.P000:4 'x = x + 1;'; g revert "$p" --all --timeout 120s
done
few_ms=""; many_ms=""
for i in $(seq "$runs"); do
  for which in few many; do
    if (( i % 2 )); then :; else which=$([[ $which == few ]] && echo many || echo few); fi
    p=$([[ $which == few ]] && echo "$pf" || echo "$pm")
    t=$(now_ns); g inject "$p" scale.P000:4 'x = x + 1;'; ms=$(ms_since "$t")
    g revert "$p" --all --timeout 120s
    if [[ $which == few ]]; then few_ms+="$ms "; else many_ms+="$ms "; fi
    echo "  run $i $which: $ms ms"
  done
done
mf=$(median "$few_ms"); mm=$(median "$many_ms")
echo "  median inject: $few classes $mf ms, $many classes $mm ms, ratio $(awk -v a="$mm" -v b="$mf" 'BEGIN { printf "%.2f", a / b }')  (target ~1)"
echo "figure scale.first_apply $first_ms"
echo "figure scale.apply $(median "$apply_ms")"
echo "figure scale.apply_runs $apply_ms" | sed 's/ *$//; s/ /,/3g'
echo "figure scale.inject_few $mf"
echo "figure scale.inject_many $mm"
echo "figure scale.runs $runs"
