package dev.graft.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A terminal program run in tmux, as a person runs it: keys typed with send-keys, the screen read with
 * capture-pane. Each instance has a tmux server of its own (its own socket), killed at close.
 */
public final class Tmux implements AutoCloseable {
  private static final long WAIT_MILLIS = 30_000;
  private final String socket;

  private Tmux(String socket) {
    this.socket = socket;
  }

  /**
   * Runs {@code command} (a shell command line) in a new tmux window of {@code columns} x {@code rows}. Without
   * tmux the test is skipped, saying so; on CI (CI=true) a missing tmux fails it.
   */
  public static Tmux run(String name, int columns, int rows, String command) {
    boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(":")).stream()
        .anyMatch(directory -> Files.isExecutable(Path.of(directory, "tmux")));
    if (!installed && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("tmux is not installed, and CI must run the console's terminal test: apt-get install tmux");
    }
    Assumptions.assumeTrue(installed, "tmux is not installed: the console's terminal test needs it (apt-get install tmux)");
    Tmux tmux = new Tmux(name + "-" + ProcessHandle.current().pid());
    tmux.tmux("new-session", "-d", "-s", "main", "-x", String.valueOf(columns), "-y", String.valueOf(rows), command);
    return tmux;
  }

  /** Types text as it is (no key names). tmux reads an argument that ends in ';' as a command's end: it is escaped. */
  public void type(String text) {
    tmux("send-keys", "-t", "main", "-l", text.endsWith(";") ? text.substring(0, text.length() - 1) + "\\;" : text);
  }

  /** Presses keys by tmux's names: Tab, Enter, C-c. */
  public void press(String... keys) {
    List<String> args = new ArrayList<>(List.of("send-keys", "-t", "main"));
    args.addAll(List.of(keys));
    tmux(args.toArray(String[]::new));
  }

  /** What the window shows, with what scrolled off its top. */
  public String screen() {
    return tmux("capture-pane", "-p", "-J", "-t", "main", "-S", "-500");
  }

  /** Waits until the window shows {@code text}; returns the screen, or fails after 30 s showing it. */
  public String await(String text) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    String screen = screen();
    while (!screen.contains(text)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the terminal never showed '" + text + "'; it shows:\n" + screen);
      }
      sleep(50);
      screen = screen();
    }
    return screen;
  }

  /** Waits until the screen has {@code text} after {@code after}'s last appearance. */
  public String awaitAfter(String after, String text) {
    long deadline = System.currentTimeMillis() + WAIT_MILLIS;
    String screen = screen();
    while (screen.lastIndexOf(after) < 0 || !screen.substring(screen.lastIndexOf(after)).contains(text)) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("the terminal never showed '" + text + "' after '" + after + "'; it shows:\n" + screen);
      }
      sleep(50);
      screen = screen();
    }
    return screen;
  }

  @Override
  public void close() {
    tmux("kill-server");
  }

  private String tmux(String... args) {
    List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("tmux did not answer: " + command);
      }
      if (process.exitValue() != 0 && !args[0].equals("kill-server")) {
        throw new AssertionError(command + " exited " + process.exitValue() + ": " + out);
      }
      return out;
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted running " + command, e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
