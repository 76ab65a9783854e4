package dev.graft.agent.boot;

import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The only graft class the target's system class loader sees. It guards against a second start, builds
 * the core's own class loader over the jar's {@code graft-core/} folder (relocated libraries the
 * application cannot see) and hands over.
 */
public final class AgentMain {
  private static final String CORE_FOLDER = "graft-core/";
  private static final String CORE_CLASS = "dev.graft.agent.core.AgentCore";
  /** Protocol.REOPEN_OPTION (the core's class, not visible here): listen on the socket again. */
  private static final String REOPEN = "reopen";
  private static Object core;

  private AgentMain() {}

  /**
   * The core's own loader: the platform classes, then the core's jar folder; nothing of the application.
   * Only javac's tree API (module jdk.compiler, defined to the system loader) is taken from there, so the
   * agent can compile snippets when the target runs on a JDK.
   */
  private static final class CoreLoader extends URLClassLoader {
    private static final String COMPILER_API = "com.sun.source.";

    CoreLoader(URL coreRoot) {
      super("graft-core", new URL[] {coreRoot}, ClassLoader.getPlatformClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(COMPILER_API)) {
        return ClassLoader.getSystemClassLoader().loadClass(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  /** A copy of the jar only this JVM reads (0600, removed at exit); the jar itself when it cannot be made. */
  private static URL privateCopy(URL jar) {
    try {
      java.nio.file.Path copy = java.nio.file.Files.createTempFile("graft-agent-", ".jar");
      java.nio.file.Files.copy(java.nio.file.Path.of(jar.toURI()), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      copy.toFile().deleteOnExit();
      return copy.toUri().toURL();
    } catch (java.io.IOException | java.net.URISyntaxException | IllegalArgumentException e) {
      return jar; // a full /tmp must not keep the agent from starting
    }
  }

  private static void reopen() {
    try {
      Class.forName(CORE_CLASS, false, core.getClass().getClassLoader()).getMethod("reopen").invoke(null);
    } catch (ReflectiveOperationException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("the graft agent cannot reopen its socket: " + cause, cause);
    }
  }

  public static void premain(String options, Instrumentation instrumentation) {
    try {
      start(options, instrumentation, true);
    } catch (RuntimeException e) {
      // At JVM start an exception here would stop the application; graft must never do that.
      System.err.println("graft: agent not started: " + e.getMessage());
    }
  }

  public static void agentmain(String options, Instrumentation instrumentation) {
    start(options, instrumentation, false);
  }

  private static synchronized void start(String options, Instrumentation instrumentation, boolean atStartup) {
    if (core != null) {
      if (REOPEN.equals(options)) {
        reopen();
      }
      return; // loaded once per JVM: later clients talk to the running core over its socket
    }
    // before the core's jar is opened and its classes loaded: those are the first megabytes graft takes
    String shortOfHeap;
    try {
      shortOfHeap = StartRefusal.heapShortfall();
    } catch (OutOfMemoryError e) {
      shortOfHeap = "JVM " + ProcessHandle.current().pid() + " ran out of heap as the graft agent began to load; graft needs about "
          + (StartRefusal.START_HEAP >> 20) + " MB to start";
    }
    if (shortOfHeap != null) {
      StartRefusal.refuse(shortOfHeap);
      return;
    }
    URL jar = AgentMain.class.getProtectionDomain().getCodeSource().getLocation();
    try {
      // the core is read from its jar for as long as the JVM runs: at start-up, from a private copy, so that
      // rebuilding or upgrading graft in place cannot change the jar under it (an attach loads a staged copy)
      URL coreRoot = new URL("jar:" + (atStartup ? privateCopy(jar) : jar) + "!/" + CORE_FOLDER);
      ClassLoader loader = new CoreLoader(coreRoot);
      Object started = Class.forName(CORE_CLASS, true, loader)
          .getMethod("start", Instrumentation.class, String.class, boolean.class)
          .invoke(null, instrumentation, options, atStartup);
      if (started instanceof String refusal) {
        StartRefusal.refuse(refusal); // core stays null: a later attach tries again
        return;
      }
      core = started;
    } catch (OutOfMemoryError e) {
      StartRefusal.refuse("JVM " + ProcessHandle.current().pid() + " ran out of heap while the graft agent loaded; try again when the application uses less");
    } catch (ReflectiveOperationException | java.net.MalformedURLException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new IllegalStateException("cannot start the graft core from " + jar + ": " + cause, cause);
    }
  }

  /**
   * An agent that declines to start for want of memory: one line on the target's stderr (its only output,
   * in place of the start line), and the same words in a note beside the socket, for the CLI that attached
   * (the attach API tells it only that loading failed). Plain java.base only: nothing of the core is loaded.
   */
  private static final class StartRefusal {
    /** The core's MemoryHeadroom.START: the agent's start keeps about 2.5 MB of heap and worked with 4.7 MB free. */
    private static final long START_HEAP = 6L << 20;

    /** Null when the heap has room for the start; else the figures, read again after one GC hint. */
    static String heapShortfall() {
      String why = reading();
      if (why != null) {
        System.gc(); // a heap short of garbage only is not short: one collection before refusing
        why = reading();
      }
      return why;
    }

    private static String reading() {
      Runtime runtime = Runtime.getRuntime();
      long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
      if (free >= START_HEAP) {
        return null;
      }
      return "JVM " + ProcessHandle.current().pid() + " has " + Math.max(0, free >> 20) + " MB of " + (runtime.maxMemory() >> 20)
          + " MB heap free; graft needs about " + (START_HEAP >> 20) + " MB to start";
    }

    static void refuse(String why) {
      System.err.println("graft: agent not started: " + why);
      try {
        // Protocol.refusalPath, in the per-user socket directory (0700), which the core would make at its start
        java.nio.file.Path directory = java.nio.file.Path.of("/tmp", "graft-" + java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid"));
        if (!java.nio.file.Files.isDirectory(directory)) {
          java.nio.file.Files.createDirectories(directory, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
              java.nio.file.attribute.PosixFilePermissions.fromString("rwx------")));
        }
        if (java.nio.file.Files.getOwner(directory).equals(java.nio.file.Files.getOwner(java.nio.file.Path.of("/proc/self")))) {
          java.nio.file.Files.writeString(directory.resolve("agent-" + ProcessHandle.current().pid() + ".refused"), why);
        }
      } catch (java.io.IOException | RuntimeException e) {
        // the stderr line stands alone; the CLI then says the agent could not start, without the figures
      }
    }
  }
}
