import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A bounded HTTP load for the demos and benchmarks, run from source ({@code java scripts/HttpLoad.java URL
 * CLIENTS [FIRST-PHASE]}): CLIENTS threads GET the URL back to back. Lines on stdin name the phase the next requests
 * belong to ({@code phase during}); {@code end} stops and prints, per phase, the requests served, the
 * failed ones (an exception or a status other than 200) and the latency percentiles.
 */
public final class HttpLoad {
  private static final Map<String, Phase> PHASES = new LinkedHashMap<>();
  private static volatile Phase current;

  /** The latencies and failures of one phase. */
  static final class Phase {
    final String name;
    long[] nanos = new long[1 << 16];
    int count;
    int failed;

    Phase(String name) {
      this.name = name;
    }

    synchronized void record(long latency, boolean ok) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = latency;
      failed += ok ? 0 : 1;
    }

    synchronized String row() {
      long[] sorted = Arrays.copyOf(nanos, count);
      Arrays.sort(sorted);
      return String.format("%-8s %9d %7d %8.2f %8.2f %9.2f %8.2f", name, count, failed, percentile(sorted, 50), percentile(sorted, 99),
          percentile(sorted, 99.9), count == 0 ? 0 : sorted[count - 1] / 1e6);
    }

    private static double percentile(long[] sorted, double p) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.ceil(p / 100 * sorted.length) - 1)] / 1e6;
    }
  }

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int clients = Integer.parseInt(args[1]);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build();
    phase(args.length > 2 ? args[2] : "before");
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      Thread client = new Thread(() -> {
        while (running.get()) {
          Phase phase = current;
          long started = System.nanoTime();
          boolean ok;
          try {
            ok = http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
          } catch (Exception e) {
            ok = false;
          }
          phase.record(System.nanoTime() - started, ok);
        }
      }, "load-" + i);
      client.start();
      threads.add(client);
    }
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
    for (String line; (line = in.readLine()) != null && !line.equals("end"); ) {
      if (line.startsWith("phase ")) {
        phase(line.substring(6).trim());
      }
    }
    running.set(false);
    for (Thread thread : threads) {
      thread.join(15_000);
    }
    System.out.println(String.format("%-8s %9s %7s %8s %8s %9s %8s", "phase", "requests", "failed", "p50 ms", "p99 ms", "p99.9 ms", "max ms"));
    PHASES.values().forEach(phase -> System.out.println(phase.row()));
  }

  private static void phase(String name) {
    current = PHASES.computeIfAbsent(name, Phase::new);
  }
}
