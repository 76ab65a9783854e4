package dev.graft.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real, separate JVM running a sample, driven through its stdin and read through its stdout. */
public final class TargetJvm implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private final Process process;
  private final Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private final List<String> everything = new ArrayList<>();
  private final StringBuilder stderr = new StringBuilder();

  private final long pid;

  private TargetJvm(Process process, long pid) {
    this.process = process;
    this.pid = pid;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
    pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
  }

  public static TargetJvm start(int jdk, List<String> jvmOptions, String classPath, String mainClass, String... args) {
    List<String> launch = new ArrayList<>(List.of("-cp", classPath, mainClass));
    launch.addAll(List.of(args));
    return launch(jdk, jvmOptions, launch);
  }

  /** {@code start} behind a launcher that execs java in the same process ({@code taskset -c 0}, say). */
  public static TargetJvm startWith(List<String> launcher, int jdk, List<String> jvmOptions, String classPath, String mainClass, String... args) {
    List<String> command = new ArrayList<>(launcher);
    command.add(Jdks.java(jdk).toString());
    command.add("-Xshare:auto");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", classPath, mainClass));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).start();
      return new TargetJvm(process, process.pid()); // the launcher execs java: one process
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  /** {@code java [jvmOptions] -jar jar [args]}: an application as production starts it. */
  public static TargetJvm startJar(int jdk, List<String> jvmOptions, String jar, String... args) {
    List<String> launch = new ArrayList<>(List.of("-jar", jar));
    launch.addAll(List.of(args));
    return launch(jdk, jvmOptions, launch);
  }

  /** {@code java [jvmOptions] -p modulePath -m module/mainClass}: an application in a named module. */
  public static TargetJvm startModule(int jdk, List<String> jvmOptions, String modulePath, String moduleAndMain) {
    return launch(jdk, jvmOptions, List.of("-p", modulePath, "-m", moduleAndMain));
  }

  /** {@code start} on a runtime of its own ({@code javaHome}: a jlinked JRE, say). */
  public static TargetJvm startOn(Path javaHome, String classPath, String mainClass, String... args) {
    List<String> launch = new ArrayList<>(List.of("-cp", classPath, mainClass));
    launch.addAll(List.of(args));
    return launch(javaHome.resolve("bin/java"), List.of(), launch);
  }

  private static TargetJvm launch(int jdk, List<String> jvmOptions, List<String> launch) {
    return launch(Jdks.java(jdk), jvmOptions, launch);
  }

  private static TargetJvm launch(Path java, List<String> jvmOptions, List<String> launch) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("-Xshare:auto");
    command.addAll(jvmOptions);
    command.addAll(launch);
    try {
      Process process = new ProcessBuilder(command).start();
      return new TargetJvm(process, process.pid());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  /**
   * A JVM that {@code command} starts as its child (unshare forks it into new namespaces): driven through
   * the command's stdin and stdout, known by the child's pid, which {@code jvmPid} finds once it runs.
   */
  public static TargetJvm startUnder(List<String> command, java.util.function.ToLongFunction<Process> jvmPid) {
    try {
      Process process = new ProcessBuilder(command).start();
      return new TargetJvm(process, jvmPid.applyAsLong(process));
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  public long pid() {
    return pid;
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Sends one line to the sample's stdin. */
  public void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("the target's stdin is closed; stderr: " + stderr(), e);
    }
  }

  /** The next stdout line that matches, skipping others; fails after 30 s. */
  public String await(Predicate<String> wanted) {
    return await(wanted, WAIT);
  }

  /** {@link #await(Predicate)}, waiting at most {@code wait}: an application's start-up on a busy machine. */
  public String await(Predicate<String> wanted, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String line = lines.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && wanted.test(line)) {
          return line;
        }
        if (line == null && !process.isAlive() && lines.isEmpty()) {
          throw new AssertionError("the target exited (" + process.exitValue() + "); stdout " + stdout() + "; stderr: " + stderr());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new AssertionError("no matching line from the target in " + wait + "; stdout so far: " + stdout() + "; stderr: " + stderr());
  }

  public String awaitStartingWith(String prefix) {
    return await(line -> line.startsWith(prefix));
  }

  /** Sends a line and returns the next stdout line starting with {@code prefix}. */
  public String ask(String line, String prefix) {
    lines.clear();
    send(line);
    return awaitStartingWith(prefix);
  }

  /** Waits until stderr holds {@code fragment} (it is read by a thread of its own); its text, or fails after 30 s. */
  public String awaitStderr(String fragment) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      String text = stderr();
      if (text.contains(fragment)) {
        return text;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    throw new AssertionError("no '" + fragment + "' on the target's stderr in " + WAIT + ": " + stderr());
  }

  public synchronized List<String> stdout() {
    return new ArrayList<>(everything);
  }

  public synchronized String stderr() {
    return stderr.toString();
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void pump(BufferedReader reader, boolean isStdout) {
    Thread thread = new Thread(() -> {
      try {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (this) {
            if (isStdout) {
              everything.add(line);
            } else {
              stderr.append(line).append('\n');
            }
          }
          if (isStdout) {
            lines.add(line);
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "target-" + (isStdout ? "stdout" : "stderr"));
    thread.setDaemon(true);
    thread.start();
  }

  public static Path samplesDir() {
    return Path.of(System.getProperty("graft.samples.dir", "../samples"));
  }
}
