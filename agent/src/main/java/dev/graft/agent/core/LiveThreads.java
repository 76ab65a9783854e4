package dev.graft.agent.core;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The JVM's live threads, virtual ones included. Thread groups know only platform threads; from JDK 21 on
 * the JDK keeps every thread in a tree of thread containers ({@code jdk.internal.vm.ThreadContainers}: the
 * root holds the threads started directly, an executor or structured scope holds its own, as children),
 * which is what {@code jcmd Thread.dump_to_file} reads. Its package is exported to the JDK alone: {@link
 * #open} exports it to graft's module (an agent may). Where it is missing (JDK 17) or refused, the thread
 * groups are all there is, and there are no virtual threads to miss on JDK 17.
 */
final class LiveThreads {
  private static final String CONTAINERS_PACKAGE = "jdk.internal.vm";
  private static final String CONTAINERS = CONTAINERS_PACKAGE + ".ThreadContainers";
  private static final String CONTAINER = CONTAINERS_PACKAGE + ".ThreadContainer";

  /** {@code ThreadContainers.root()}, {@code ThreadContainer.threads()} and {@code children()}; null without containers. */
  private final Method root;
  private final Method threads;
  private final Method children;
  private final Method isVirtual;

  private LiveThreads(Method root, Method threads, Method children, Method isVirtual) {
    this.root = root;
    this.threads = threads;
    this.children = children;
    this.isVirtual = isVirtual;
  }

  static LiveThreads open(Instrumentation instrumentation) {
    Method isVirtual;
    try {
      isVirtual = Thread.class.getMethod("isVirtual");
    } catch (NoSuchMethodException beforeJdk21) {
      return platformOnly();
    }
    try {
      Module javaBase = Object.class.getModule();
      instrumentation.redefineModule(javaBase, Set.of(), Map.of(CONTAINERS_PACKAGE, Set.of(LiveThreads.class.getModule())),
          Map.of(), Set.of(), Map.of());
      Class<?> containers = Class.forName(CONTAINERS, false, null);
      Class<?> container = Class.forName(CONTAINER, false, null);
      return new LiveThreads(containers.getMethod("root"), container.getMethod("threads"), container.getMethod("children"), isVirtual);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // a JDK whose containers moved or that refuses the export: virtual threads go uncounted, platform ones are found
      return new LiveThreads(null, null, null, isVirtual);
    }
  }

  static LiveThreads platformOnly() {
    return new LiveThreads(null, null, null, null);
  }

  /** Every live thread, platform and virtual. */
  List<Thread> all() {
    if (root != null) {
      try {
        return fromContainers();
      } catch (ReflectiveOperationException | RuntimeException e) {
        // the containers changed under us (a JDK graft does not know yet): fall back to what thread groups see
      }
    }
    return fromThreadGroups();
  }

  boolean isVirtual(Thread thread) {
    try {
      return isVirtual != null && (Boolean) isVirtual.invoke(thread);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot ask whether " + thread + " is virtual", e);
    }
  }

  /** The root container's threads (platform ones included) and those of every container below it. */
  private List<Thread> fromContainers() throws ReflectiveOperationException {
    Set<Thread> found = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> pending = new ArrayDeque<>();
    pending.add(root.invoke(null));
    while (!pending.isEmpty()) {
      Object container = pending.poll();
      try (Stream<?> inside = (Stream<?>) threads.invoke(container); Stream<?> below = (Stream<?>) children.invoke(container)) {
        inside.forEach(thread -> found.add((Thread) thread));
        below.forEach(pending::add);
      }
    }
    return new ArrayList<>(found);
  }

  private static List<Thread> fromThreadGroups() {
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
