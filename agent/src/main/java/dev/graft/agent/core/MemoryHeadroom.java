package dev.graft.agent.core;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Whether the target's heap, and its metaspace when capped, has room for what graft is about to do. An
 * application thread must never get an {@code OutOfMemoryError} because graft took the last megabytes, so
 * graft asks before it starts and before it compiles, and refuses (naming the figures) when room is short.
 *
 * <p>The figures are measured (pricing sample, JDK 17 and 25, heap read after a full GC): the agent's start
 * keeps about 2.5 MB of heap and 4.5 MB of metaspace and succeeded with 4.7 MB free; a first compile in the
 * target keeps about 4 MB more heap and 10 MB more metaspace (javac's classes), failed with 4 MB free and
 * succeeded with 6 MB. The thresholds leave room for bigger classes and class paths than the sample's.
 */
final class MemoryHeadroom {
  static final long MB = 1 << 20;
  static final Need START = new Need("start", 6 * MB, 8 * MB);
  static final Need COMPILE = new Need("compile in it", 16 * MB, 16 * MB);

  /** What one piece of graft's work needs free. */
  record Need(String purpose, long heap, long metaspace) {}

  private MemoryHeadroom() {}

  /**
   * Null when there is room for {@code need}; else why not, with the figures. A heap that looks short may be
   * short of garbage only: with {@code mayCollect}, one GC is asked for ({@code System.gc()}) before graft
   * refuses. That is at most one collection per refusal-to-be, in a JVM that is collecting constantly
   * anyway; a reading that has room costs no collection. Without it (the agent only says whether it would
   * compile, and the CLI compiles instead), a short reading costs nothing but the compile's place.
   */
  static String shortfall(Need need, boolean mayCollect) {
    String why = reading(need);
    if (why != null && mayCollect) {
      System.gc();
      why = reading(need);
    }
    return why;
  }

  private static String reading(Need need) {
    Runtime runtime = Runtime.getRuntime();
    long max = runtime.maxMemory();
    long free = max - (runtime.totalMemory() - runtime.freeMemory());
    long pid = ProcessHandle.current().pid();
    if (free < need.heap()) {
      return "JVM " + pid + " has " + mb(free) + " of " + mb(max) + " heap free; graft needs about " + mb(need.heap()) + " to " + need.purpose();
    }
    MemoryPoolMXBean metaspace = Metaspace.POOL;
    if (metaspace != null && metaspace.getUsage().getMax() > 0) { // -1: not capped (no -XX:MaxMetaspaceSize)
      long metaMax = metaspace.getUsage().getMax();
      long metaFree = metaMax - metaspace.getUsage().getUsed();
      if (metaFree < need.metaspace()) {
        return "JVM " + pid + " has " + mb(metaFree) + " of " + mb(metaMax) + " metaspace free; graft needs about " + mb(need.metaspace())
            + " to " + need.purpose();
      }
    }
    return null;
  }

  /** Looked up once: the platform's management beans cost a few classes and milliseconds the first time. */
  private static final class Metaspace {
    static final MemoryPoolMXBean POOL = metaspace();
  }

  /** The metaspace pool; null when java.management is not in the JVM's module graph (a -m application). */
  private static MemoryPoolMXBean metaspace() {
    if (ModuleLayer.boot().findModule("java.management").isEmpty()) {
      return null;
    }
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.NON_HEAP && pool.getName().equals("Metaspace")) {
        return pool;
      }
    }
    return null;
  }

  static String mb(long bytes) {
    return Math.max(0, bytes) / MB + " MB";
  }
}
