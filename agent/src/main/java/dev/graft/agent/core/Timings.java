package dev.graft.agent.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Where one command's time goes inside the agent (compile, weave, redefine, ...), and the CPU time the
 * agent's thread spent on it: sent back with the reply, for {@code graft -v}. Commands run one at a time
 * on the channel's thread, so the figures of the command running are kept per thread.
 */
final class Timings {
  private static final ThreadLocal<Map<String, Long>> CURRENT = new ThreadLocal<>();
  /** A slim JRE (jlink without java.management, as container images ship) has no thread CPU clock to ask. */
  private static final boolean HAS_MANAGEMENT = ModuleLayer.boot().findModule("java.management").isPresent();

  private Timings() {}

  /** Starts counting for the command about to run on this thread; returns when it started (CPU ns). */
  static long begin() {
    CURRENT.set(new LinkedHashMap<>());
    return cpuNanos();
  }

  /** The command's phases in ms, with the agent's CPU time for it; nothing is kept afterwards. */
  static Map<String, Long> end(long cpuAtBegin) {
    Map<String, Long> phases = CURRENT.get();
    CURRENT.remove();
    if (phases == null) {
      return Map.of();
    }
    long cpu = cpuNanos();
    if (cpu >= 0 && cpuAtBegin >= 0) {
      phases.put("agent CPU", (cpu - cpuAtBegin) / 1_000_000);
    }
    return phases;
  }

  static <T> T time(String phase, Supplier<T> work) {
    long started = System.nanoTime();
    try {
      return work.get();
    } finally {
      Map<String, Long> phases = CURRENT.get();
      if (phases != null) {
        phases.merge(phase, (System.nanoTime() - started) / 1_000_000, Long::sum);
      }
    }
  }

  static void time(String phase, Runnable work) {
    time(phase, () -> {
      work.run();
      return null;
    });
  }

  private static long cpuNanos() {
    return HAS_MANAGEMENT ? ThreadCpuClock.nanos() : -1;
  }
}
