package dev.graft.agent.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stacks of the JVM's threads, taken once per command: to tell the user that a thread is running a
 * method just patched (its running frame keeps the old code). Taking them stops threads: on JDK 17 all at
 * once, in one safepoint (Thread.getAllStackTraces); from JDK 21 on, a thread's own stack is taken with a
 * handshake that stops only that thread, so there each thread is asked alone and the JVM never stops as a
 * whole. Virtual threads (JDK 21 on) are asked too: a parked one is as much inside its method as a running one.
 */
final class ThreadStacks {
  private static final int HANDSHAKE_STACKS_SINCE = 21;

  private final Map<Thread, StackTraceElement[]> stacks;
  private final LiveThreads threads;

  /** The threads inside a method: platform ones by name, virtual ones counted (there may be a million). */
  record Inside(List<String> platformThreads, int virtualThreads) {}

  private ThreadStacks(Map<Thread, StackTraceElement[]> stacks, LiveThreads threads) {
    this.stacks = stacks;
    this.threads = threads;
  }

  static ThreadStacks take(LiveThreads threads) {
    if (Runtime.version().feature() < HANDSHAKE_STACKS_SINCE) {
      return new ThreadStacks(Thread.getAllStackTraces(), threads);
    }
    Map<Thread, StackTraceElement[]> stacks = new HashMap<>();
    for (Thread thread : threads.all()) {
      stacks.put(thread, thread.getStackTrace());
    }
    return new ThreadStacks(stacks, threads);
  }

  /** The threads whose stack holds one of {@code methods} (names with descriptors) of {@code type}. */
  Inside threadsIn(Class<?> type, List<String> methods) {
    Set<String> names = new LinkedHashSet<>();
    methods.forEach(method -> names.add(method.substring(0, method.indexOf('('))));
    List<String> platform = new ArrayList<>();
    int virtual = 0;
    for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals(type.getName()) && names.contains(frame.getMethodName())) {
          if (threads.isVirtual(entry.getKey())) {
            virtual++;
          } else {
            platform.add(entry.getKey().getName());
          }
          break;
        }
      }
    }
    return new Inside(platform, virtual);
  }
}
