package dev.graft.agent.core;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The current thread's CPU time, from java.management. A class of its own so that nothing of that module
 * is linked unless it is present: {@link Timings} asks only after checking the boot layer holds it.
 */
final class ThreadCpuClock {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ThreadCpuClock() {}

  /** CPU nanoseconds of this thread; -1 when the JVM does not measure them. */
  static long nanos() {
    return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1;
  }
}
