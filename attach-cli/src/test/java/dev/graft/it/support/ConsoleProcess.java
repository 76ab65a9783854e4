package dev.graft.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * {@code graft console PID} as a script drives it: the packaged CLI jar run with {@code java -jar} (as the
 * launcher runs it), its stdin a pipe the test writes commands to, its stdout and stderr kept line by line.
 */
public final class ConsoleProcess implements AutoCloseable {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private final Process process;
  private final Writer stdin;
  private final List<String> out = new ArrayList<>();
  private final StringBuilder err = new StringBuilder();
  private int read;

  private ConsoleProcess(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    pump(process.getInputStream(), true);
    pump(process.getErrorStream(), false);
  }

  /** {@code java -jar graft-cli.jar console PID OPTIONS...}, with stdin a pipe: no terminal. */
  public static ConsoleProcess start(long pid, String... options) {
    List<String> command = new ArrayList<>(List.of(Jdks.java(17).toString(), "-Dgraft.agent.jar=" + System.getProperty("graft.agent.jar"),
        "-jar", Graft.cliJar().toString(), "console", String.valueOf(pid)));
    command.addAll(List.of(options));
    try {
      return new ConsoleProcess(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + command, e);
    }
  }

  /** Types one line (a command, or a line of one). */
  public void send(String line) {
    try {
      stdin.write(line + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new IllegalStateException("the console's stdin is closed; " + this, e);
    }
  }

  /** The next stdout line (after those already awaited) that matches; fails after 60 s. */
  public String await(Predicate<String> wanted) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      synchronized (this) {
        while (read < out.size()) {
          String line = out.get(read++);
          if (wanted.test(line)) {
            return line;
          }
        }
        if (!process.isAlive()) {
          break;
        }
        try {
          wait(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new AssertionError("no matching line from the console; " + this);
  }

  public String awaitStartingWith(String prefix) {
    return await(line -> line.startsWith(prefix));
  }

  /** Closes its stdin (the script's end) and returns its exit code. */
  public int exitCode() {
    try {
      stdin.close();
      if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the console did not exit; " + this);
      }
      Thread.sleep(100); // the last lines through the pumps
    } catch (IOException e) {
      // it exited already
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  /** Ends it with SIGTERM, as a service manager or a shell's kill would, and returns its exit code. */
  public int terminate() {
    process.toHandle().destroy(); // SIGTERM; Process.destroy would close the streams the console still writes to
    try {
      if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("the console did not end on SIGTERM; " + this);
      }
      Thread.sleep(100); // the last lines through the pumps
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return process.exitValue();
  }

  public synchronized String out() {
    return String.join("\n", out) + "\n";
  }

  public synchronized String err() {
    return err.toString();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  @Override
  public String toString() {
    return "--- console stdout\n" + out() + "--- console stderr\n" + err();
  }

  private void pump(java.io.InputStream stream, boolean isOut) {
    Thread thread = new Thread(() -> {
      try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line; (line = reader.readLine()) != null; ) {
          synchronized (this) {
            if (isOut) {
              out.add(line);
            } else {
              err.append(line).append('\n');
            }
            notifyAll();
          }
        }
      } catch (IOException e) {
        // the process ended
      }
    }, "console-" + (isOut ? "stdout" : "stderr"));
    thread.setDaemon(true);
    thread.start();
  }
}
