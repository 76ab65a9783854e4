package dev.graft.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jHiccup-style probe for bench-pause.sh.
 *
 * <p>{@code PauseProbe run GAPS_FILE}: one thread calls {@link PauseTarget#work} in a tight loop and records
 * every gap between two iterations longer than 50 µs (its end as epoch nanoseconds, its length); the gaps
 * are written to GAPS_FILE when the process is terminated (SIGTERM).
 *
 * <p>{@code --paused} starts it asleep; the lines {@code on} and {@code off} on stdin start and stop it, so
 * that bench-pause.sh can keep one probe JVM per tool and let only the one being measured spin.
 *
 * <p>{@code PauseProbe analyze GAPS_FILE OPS_FILE SAFEPOINT_LOG [PREFIX]}: OPS_FILE has one line per timed
 * operation, {@code LABEL START_EPOCH_NS END_EPOCH_NS}; for each label (and for {@code apply} and
 * {@code revert} together), the longest probe gap and the longest safepoint ({@code -Xlog:safepoint}) that
 * overlap each operation, summarised as p50, p99 and max over the operations; then every safepoint VM
 * operation by the operation it fell in; then {@code figure PREFIX.LABEL.KEY VALUE} lines for bench-all.sh.
 */
public final class PauseProbe {
  static final long THRESHOLD_NS = 50_000;
  static final int MAX_GAPS = 4_000_000;

  private PauseProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("run")) {
      run(Path.of(args[1]), args.length > 2 && args[2].equals("--paused"));
    } else if (args.length >= 4 && args[0].equals("analyze")) {
      analyze(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), args.length > 4 ? args[4] : "pause");
    } else {
      System.err.println("usage: PauseProbe run GAPS_FILE [--paused] | analyze GAPS_FILE OPS_FILE SAFEPOINT_LOG [FIGURE_PREFIX]");
      System.exit(2);
    }
  }

  static volatile long sink;

  /** False while the script measures another JVM: the probe then sleeps, so two probes never compete for CPU. */
  static volatile boolean active = true;

  static void run(Path gapsFile, boolean startPaused) throws InterruptedException {
    long[] ends = new long[MAX_GAPS];
    long[] lengths = new long[MAX_GAPS];
    int[] count = {0};
    long epochBase = System.currentTimeMillis() * 1_000_000L;
    long nanoBase = System.nanoTime();
    active = !startPaused;
    sink = PauseTarget.work(0); // loaded before "ready", so a paused probe can be patched too
    Thread probe = new Thread(() -> {
      long last = System.nanoTime();
      long acc = 0;
      for (long i = 0; ; i++) {
        if (!active) {
          LockSupport.parkNanos(10_000_000L);
          last = System.nanoTime();
          continue;
        }
        acc += PauseTarget.work(i);
        long now = System.nanoTime();
        long gap = now - last;
        if (gap > THRESHOLD_NS && count[0] < MAX_GAPS) {
          ends[count[0]] = epochBase + (now - nanoBase);
          lengths[count[0]] = gap;
          count[0]++;
        }
        last = now;
        if ((i & 0xFFFF) == 0) {
          sink = acc;
        }
      }
    }, "pause-probe");
    probe.setDaemon(true);
    // "on" / "off" on stdin start and stop the probe; stdin's end changes nothing.
    Thread control = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null; ) {
          if (line.trim().equals("on")) {
            active = true;
          } else if (line.trim().equals("off")) {
            active = false;
          }
        }
      } catch (IOException e) {
        System.err.println("probe: stdin: " + e);
      }
    }, "pause-probe-control");
    control.setDaemon(true);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      int n = count[0];
      try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(gapsFile, StandardCharsets.UTF_8))) {
        for (int k = 0; k < n; k++) {
          out.println(ends[k] + " " + lengths[k]);
        }
      } catch (IOException e) {
        e.printStackTrace();
      }
    }));
    probe.start();
    control.start();
    System.out.println("probe: ready");
    probe.join();
  }

  /** One timed operation from OPS_FILE. */
  record Op(String label, long start, long end) {}

  static void analyze(Path gapsFile, Path opsFile, Path safepointLog, String prefix) throws IOException {
    List<long[]> gaps = new ArrayList<>();
    for (String line : Files.readAllLines(gapsFile, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2) {
        gaps.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
      }
    }
    List<Op> ops = new ArrayList<>();
    for (String line : Files.readAllLines(opsFile, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 3) {
        ops.add(new Op(f[0], Long.parseLong(f[1]), Long.parseLong(f[2])));
      }
    }
    // -Xlog:safepoint:file=...:timemillis on JDK 17+:
    // [1763...ms] Safepoint "RedefineClasses", Time since last: N ns, Reaching safepoint: N ns, ..., Total: N ns
    // A safepoint belongs to the operation whose window (± 1 ms, the log's resolution) holds its time stamp.
    Pattern p = Pattern.compile("^\\[(\\d+)ms\\].*Safepoint \"([^\"]+)\".*Total: (\\d+) ns");
    List<Object[]> safepoints = new ArrayList<>();
    for (String line : Files.readAllLines(safepointLog, StandardCharsets.UTF_8)) {
      Matcher m = p.matcher(line);
      if (m.find()) {
        safepoints.add(new Object[] {Long.parseLong(m.group(1)) * 1_000_000L, m.group(2), Long.parseLong(m.group(3)) / 1e6});
      }
    }
    Map<String, List<Double>> gapByLabel = new LinkedHashMap<>();
    Map<String, List<Double>> safepointByLabel = new LinkedHashMap<>();
    Map<String, List<Double>> durations = new LinkedHashMap<>();
    Map<String, List<Double>> vmOps = new LinkedHashMap<>();
    for (Op op : ops) {
      long worst = 0;
      for (long[] g : gaps) {
        if (g[0] >= op.start() && g[0] - g[1] <= op.end()) {
          worst = Math.max(worst, g[1]);
        }
      }
      double longestSafepoint = 0;
      for (Object[] sp : safepoints) {
        long at = (Long) sp[0];
        if (at >= op.start() - 1_000_000L && at <= op.end() + 1_000_000L) {
          longestSafepoint = Math.max(longestSafepoint, (Double) sp[2]);
          vmOps.computeIfAbsent(op.label() + " " + sp[1], k -> new ArrayList<>()).add((Double) sp[2]);
        }
      }
      for (String label : labels(op.label())) {
        gapByLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(worst / 1e6);
        safepointByLabel.computeIfAbsent(label, k -> new ArrayList<>()).add(longestSafepoint);
        durations.computeIfAbsent(label, k -> new ArrayList<>()).add((op.end() - op.start()) / 1e6);
      }
    }
    System.out.printf(Locale.ROOT, "probe: %d gaps over %d µs recorded, %d safepoints logged%n", gaps.size(), THRESHOLD_NS / 1000,
        safepoints.size());
    System.out.printf(Locale.ROOT, "%-13s %4s %8s | %-26s | %-26s%n", "operation", "n", "op ms", "longest probe gap in op, ms",
        "longest safepoint in op, ms");
    System.out.printf(Locale.ROOT, "%-13s %4s %8s | %8s %8s %8s | %8s %8s %8s%n", "", "", "median", "p50", "p99", "max", "p50", "p99",
        "max");
    for (Map.Entry<String, List<Double>> e : gapByLabel.entrySet()) {
      double[] g = sorted(e.getValue());
      double[] sp = sorted(safepointByLabel.get(e.getKey()));
      double[] d = sorted(durations.get(e.getKey()));
      System.out.printf(Locale.ROOT, "%-13s %4d %8.0f | %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f%n", e.getKey(), g.length, pct(d, 50),
          pct(g, 50), pct(g, 99), g[g.length - 1], pct(sp, 50), pct(sp, 99), sp[sp.length - 1]);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-32s %6s %10s %10s %10s   (safepoint total = reach + cleanup + at, ms)%n",
        "during / safepoint VM operation", "n", "p50", "p99", "max");
    for (Map.Entry<String, List<Double>> e : vmOps.entrySet()) {
      double[] v = sorted(e.getValue());
      System.out.printf(Locale.ROOT, "%-32s %6d %10.3f %10.3f %10.3f%n", e.getKey(), v.length, pct(v, 50), pct(v, 99), v[v.length - 1]);
    }
    for (Map.Entry<String, List<Double>> e : gapByLabel.entrySet()) {
      String key = prefix + "." + e.getKey().replace('+', '_');
      double[] g = sorted(e.getValue());
      double[] sp = sorted(safepointByLabel.get(e.getKey()));
      System.out.printf(Locale.ROOT, "figure %s.n %d%n", key, g.length);
      System.out.printf(Locale.ROOT, "figure %s.gap_p50 %.2f%nfigure %s.gap_p99 %.2f%nfigure %s.gap_max %.2f%n", key, pct(g, 50), key,
          pct(g, 99), key, g[g.length - 1]);
      System.out.printf(Locale.ROOT, "figure %s.safepoint_p50 %.2f%nfigure %s.safepoint_p99 %.2f%nfigure %s.safepoint_max %.2f%n", key,
          pct(sp, 50), key, pct(sp, 99), key, sp[sp.length - 1]);
    }
  }

  /** An operation counts under its own label; an apply and a revert also count together, as "apply+revert". */
  static List<String> labels(String label) {
    return label.equals("apply") || label.equals("revert") ? List.of(label, "apply+revert") : List.of(label);
  }

  static double[] sorted(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v;
  }

  /** Nearest-rank percentile. */
  static double pct(double[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
