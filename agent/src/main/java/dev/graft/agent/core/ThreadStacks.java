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
 * handshake that stops only that thread, so there each thread is asked alone and the JVM never stops as a whole.
 */
final class ThreadStacks {
  private static final int HANDSHAKE_STACKS_SINCE = 21;

  private final Map<Thread, StackTraceElement[]> stacks;

  private ThreadStacks(Map<Thread, StackTraceElement[]> stacks) {
    this.stacks = stacks;
  }

  static ThreadStacks take() {
    if (Runtime.version().feature() < HANDSHAKE_STACKS_SINCE) {
      return new ThreadStacks(Thread.getAllStackTraces());
    }
    Map<Thread, StackTraceElement[]> stacks = new HashMap<>();
    for (Thread thread : liveThreads()) {
      stacks.put(thread, thread.getStackTrace());
    }
    return new ThreadStacks(stacks);
  }

  /** Names of the threads whose stack holds one of {@code methods} (names with descriptors) of {@code type}. */
  List<String> threadsIn(Class<?> type, List<String> methods) {
    Set<String> names = new LinkedHashSet<>();
    methods.forEach(method -> names.add(method.substring(0, method.indexOf('('))));
    List<String> threads = new ArrayList<>();
    for (Map.Entry<Thread, StackTraceElement[]> entry : stacks.entrySet()) {
      for (StackTraceElement frame : entry.getValue()) {
        if (frame.getClassName().equals(type.getName()) && names.contains(frame.getMethodName())) {
          threads.add(entry.getKey().getName());
          break;
        }
      }
    }
    return threads;
  }

  private static List<Thread> liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int count = root.enumerate(threads, true);
    while (count == threads.length) { // more threads started meanwhile: ask again with room to spare
      threads = new Thread[threads.length * 2];
      count = root.enumerate(threads, true);
    }
    List<Thread> live = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      live.add(threads[i]);
    }
    return live;
  }
}
