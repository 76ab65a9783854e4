# Sourced by the benchmarks that patch the pricing sample: the check that a patch took effect.
# check_capped LOG: a line LOG gets after this call shows total == amount * 0.63, which only the benchmarks'
# patch (rate = 0.37) gives: an unpatched sample never prints it. Waits up to 3 s; exits 1 otherwise.
check_capped() {
  local log="$1" n
  n=$(wc -l < "$log")
  for _ in $(seq 60); do
    if tail -n +"$((n + 1))" "$log" | awk '/^order/ { d = $6 - $4 * 0.63; if (d < 0.011 && d > -0.011) ok = 1 } END { exit !ok }'; then
      return 0
    fi
    sleep 0.05
  done
  echo "the patch did not take effect in $log" >&2; tail -3 "$log" >&2; exit 1
}
