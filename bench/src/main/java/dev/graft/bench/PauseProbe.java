package dev.graft.bench;

import java.io.IOException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A jHiccup-style probe for bench-pause.sh.
 *
 * <p>{@code PauseProbe run GAPS_FILE}: one thread calls {@link PauseTarget#work} in a tight loop and records
 * every gap between two iterations longer than 50 µs (its end as epoch nanoseconds, its length); the gaps
 * are written to GAPS_FILE when the process is terminated (SIGTERM).
 *
 * <p>{@code PauseProbe analyze GAPS_FILE OPS_FILE [SAFEPOINT_LOG]}: OPS_FILE has one line per timed
 * operation, {@code LABEL START_EPOCH_NS END_EPOCH_NS}; for each label, the longest gap that overlaps each
 * operation, summarised as p50, p99 and max over the operations. With SAFEPOINT_LOG ({@code -Xlog:safepoint}
 * output), also the safepoint VM operations by name: count, p50, p99 and max of their total time.
 */
public final class PauseProbe {
  static final long THRESHOLD_NS = 50_000;
  static final int MAX_GAPS = 4_000_000;

  private PauseProbe() {}

  public static void main(String[] args) throws Exception {
    if (args.length >= 2 && args[0].equals("run")) {
      run(Path.of(args[1]));
    } else if (args.length >= 3 && args[0].equals("analyze")) {
      analyze(Path.of(args[1]), Path.of(args[2]), args.length > 3 ? Path.of(args[3]) : null);
    } else {
      System.err.println("usage: PauseProbe run GAPS_FILE | analyze GAPS_FILE OPS_FILE [SAFEPOINT_LOG]");
      System.exit(2);
    }
  }

  static volatile long sink;

  static void run(Path gapsFile) throws InterruptedException {
    long[] ends = new long[MAX_GAPS];
    long[] lengths = new long[MAX_GAPS];
    int[] count = {0};
    long epochBase = System.currentTimeMillis() * 1_000_000L;
    long nanoBase = System.nanoTime();
    Thread probe = new Thread(() -> {
      long last = System.nanoTime();
      long acc = 0;
      for (long i = 0; ; i++) {
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
    System.out.println("probe: ready");
    probe.join();
  }

  static void analyze(Path gapsFile, Path opsFile, Path safepointLog) throws IOException {
    List<long[]> gaps = new ArrayList<>();
    for (String line : Files.readAllLines(gapsFile, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length == 2) {
        gaps.add(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
      }
    }
    Map<String, List<Double>> byLabel = new LinkedHashMap<>();
    Map<String, List<Double>> durations = new LinkedHashMap<>();
    for (String line : Files.readAllLines(opsFile, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length != 3) {
        continue;
      }
      long start = Long.parseLong(f[1]);
      long end = Long.parseLong(f[2]);
      long worst = 0;
      for (long[] g : gaps) {
        long gapEnd = g[0];
        long gapStart = g[0] - g[1];
        if (gapEnd >= start && gapStart <= end) {
          worst = Math.max(worst, g[1]);
        }
      }
      byLabel.computeIfAbsent(f[0], k -> new ArrayList<>()).add(worst / 1e6);
      durations.computeIfAbsent(f[0], k -> new ArrayList<>()).add((end - start) / 1e6);
    }
    System.out.printf(Locale.ROOT, "probe: %d gaps over %d µs recorded%n", gaps.size(), THRESHOLD_NS / 1000);
    System.out.printf(Locale.ROOT, "%-14s %5s %12s | %-32s%n", "operation", "n", "median op ms",
        "longest probe gap during op, ms");
    System.out.printf(Locale.ROOT, "%-14s %5s %12s | %10s %10s %10s%n", "", "", "", "p50", "p99", "max");
    for (Map.Entry<String, List<Double>> e : byLabel.entrySet()) {
      double[] v = sorted(e.getValue());
      double[] d = sorted(durations.get(e.getKey()));
      System.out.printf(Locale.ROOT, "%-14s %5d %12.0f | %10.2f %10.2f %10.2f%n", e.getKey(), v.length,
          pct(d, 50), pct(v, 50), pct(v, 99), v[v.length - 1]);
    }
    if (safepointLog != null) {
      // -Xlog:safepoint:file=...:timemillis on JDK 17+:
      // [1763...ms] Safepoint "RedefineClasses", Time since last: N ns, Reaching safepoint: N ns, ..., Total: N ns
      // Each safepoint is attributed to the operation whose window holds its time stamp.
      List<String[]> ops = new ArrayList<>();
      for (String line : Files.readAllLines(opsFile, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split("\\s+");
        if (f.length == 3) {
          ops.add(f);
        }
      }
      Pattern p = Pattern.compile("^\\[(\\d+)ms\\].*Safepoint \"([^\"]+)\".*Total: (\\d+) ns");
      Map<String, List<Double>> totals = new LinkedHashMap<>();
      for (String line : Files.readAllLines(safepointLog, StandardCharsets.UTF_8)) {
        Matcher m = p.matcher(line);
        if (!m.find()) {
          continue;
        }
        long at = Long.parseLong(m.group(1)) * 1_000_000L;
        String label = "(between ops)";
        for (String[] op : ops) {
          if (at >= Long.parseLong(op[1]) - 1_000_000L && at <= Long.parseLong(op[2]) + 1_000_000L) {
            label = op[0];
            break;
          }
        }
        totals.computeIfAbsent(label + " " + m.group(2), k -> new ArrayList<>()).add(Long.parseLong(m.group(3)) / 1e6);
      }
      System.out.println();
      System.out.printf(Locale.ROOT, "%-40s %6s %10s %10s %10s   (safepoint total = reach + cleanup + at, ms)%n",
          "during / safepoint VM operation", "n", "p50", "p99", "max");
      for (Map.Entry<String, List<Double>> e : totals.entrySet()) {
        double[] v = sorted(e.getValue());
        System.out.printf(Locale.ROOT, "%-40s %6d %10.3f %10.3f %10.3f%n", e.getKey(), v.length, pct(v, 50),
            pct(v, 99), v[v.length - 1]);
      }
    }
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
