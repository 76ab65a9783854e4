# Shared by the scripts/bench-*.sh benchmarks (sourced, not run). Sets root, java_bin, the tools as their users
# run them (graft: scripts/graft; Byteman: bench/byteman/bin/bminstall and bmsubmit, its distribution's
# scripts), and the helpers for timing and summaries.
#   graft_cli ARGS...            scripts/graft, the CLI on $java_bin (GRAFT_JAVA)
#   bminstall / bmsubmit ARGS... Byteman's scripts, the client on its default JVM flags
#   bminstall_gf / bmsubmit_gf   the same with graft's client flags (BYTEMAN_JAVA_OPTS="$graft_flags"):
#                                the difference between the two rows is what the JVM flags buy; the
#                                difference to graft's row is the tool's own cost
#   figure KEY VALUE             one summary line "figure KEY VALUE" that scripts/bench-all.sh collects
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
java_bin="${JAVA:-java}"
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v "$java_bin")")")")"
jcmd_bin="${JCMD:-$java_home/bin/jcmd}"
export GRAFT_JAVA="$java_bin" BYTEMAN_JAVA="$java_bin"
bm_home="$root/bench/target/byteman"
bm_bin="$root/bench/byteman/bin"
bench_jar="$root/bench/target/graft-bench.jar"
pricing="$root/samples/pricing/target/pricing.jar"
launcher="$root/attach-cli/target/graft/bin/graft"

# The JVM flags graft's launcher gives its client, read from the launcher itself so the two never drift.
graft_flags="$(sed -n 's/^fast_start=(\(.*\))$/\1/p' "$launcher" 2>/dev/null) -Xss4m"

need() { for f in "$@"; do [[ -e "$f" ]] || { echo "missing $f: build first (see bench/README.md)" >&2; exit 2; }; done; }

graft_cli() { "$root/scripts/graft" "$@"; }
bminstall() { BYTEMAN_HOME="$bm_home" BYTEMAN_JAVA_OPTS="" "$bm_bin/bminstall" "$@"; }
bmsubmit() { BYTEMAN_HOME="$bm_home" BYTEMAN_JAVA_OPTS="" "$bm_bin/bmsubmit" "$@"; }
bminstall_gf() { BYTEMAN_HOME="$bm_home" BYTEMAN_JAVA_OPTS="$graft_flags" "$bm_bin/bminstall" "$@"; }
bmsubmit_gf() { BYTEMAN_HOME="$bm_home" BYTEMAN_JAVA_OPTS="$graft_flags" "$bm_bin/bmsubmit" "$@"; }

now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }

# record NAME MS: one sample into $work/NAME.ms, printed as it is taken (the raw output)
record() { echo "$2" >> "$work/$1.ms"; printf '  %-28s %6d ms\n' "$1" "$2"; }
median() { [[ -s "$work/$1.ms" ]] || { echo 0; return; }; sort -n "$work/$1.ms" | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%d\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
minmax() { [[ -s "$work/$1.ms" ]] || { echo -; return; }; sort -n "$work/$1.ms" | awk 'NR == 1 { lo = $1 } { hi = $1 } END { printf "%d-%d", lo, hi }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "-"; else printf "%.2f", a / b }'; }
table() {
  printf '%-30s %10s %12s %4s\n' measure "median ms" "min-max ms" n
  for m in "$@"; do printf '%-30s %10d %12s %4d\n' "$m" "$(median "$m")" "$(minmax "$m")" "$(wc -l < "$work/$m.ms" 2>/dev/null || echo 0)"; done
}
figure() { echo "figure $1 $2"; }

# The machine's state, for the raw output: load now, and the commit measured.
bench_header() {
  echo "java: $("$java_bin" -version 2>&1 | head -1); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg); commit $(commit_id); $(date -u '+%Y-%m-%d %H:%M:%S UTC')"
}
commit_id() {
  local c; c="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
  if [[ -n "$(git -C "$root" status --porcelain 2>/dev/null)" ]]; then c="$c-dirty"; fi
  echo "$c"
}
