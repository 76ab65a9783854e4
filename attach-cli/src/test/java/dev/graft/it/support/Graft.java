package dev.graft.it.support;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.graft.cli.GraftCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the real graft CLI and keeps what it printed and its exit code: in this JVM (its main code path), or,
 * when the run sets {@code graft.it.launcherJdk} (the failsafe execution {@code through-the-launcher}), as
 * users run it: {@code scripts/graft}, its CDS archive, on that JDK's java, one process per command.
 */
public final class Graft {
  /** The JDK whose java runs the CLI through {@code scripts/graft}; unset: the CLI runs in this JVM. */
  public static final String LAUNCHER_JDK = "graft.it.launcherJdk";

  private Graft() {}

  /** What one graft command printed, and how it ended. */
  public record Run(int exitCode, String out, String err) {
    public JsonElement json() {
      return JsonParser.parseString(out);
    }

    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  public static Run run(Object... args) {
    String[] text = new String[args.length];
    for (int i = 0; i < args.length; i++) {
      text[i] = String.valueOf(args[i]);
    }
    String launcherJdk = System.getProperty(LAUNCHER_JDK);
    if (launcherJdk != null && !launcherJdk.isBlank()) {
      return throughTheLauncher(Integer.parseInt(launcherJdk), text);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = GraftCli.run(text, outStream, errStream);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private static Run throughTheLauncher(int jdk, String[] args) {
    java.util.List<String> command = new java.util.ArrayList<>();
    command.add(TargetJvm.samplesDir().toAbsolutePath().normalize().resolveSibling("scripts/graft").toString());
    command.addAll(java.util.List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("JAVA_HOME", Jdks.home(jdk).toString());
    builder.environment().remove("GRAFT_JAVA");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      java.util.concurrent.CompletableFuture<byte[]> err = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return process.getErrorStream().readAllBytes();
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      });
      byte[] out = process.getInputStream().readAllBytes();
      if (!process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("graft " + String.join(" ", args) + " did not end within 120 s");
      }
      return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err.join(), StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The agent's log of JVM {@code pid}, as it stands now (where {@code list --json} says it is). */
  public static String agentLog(long pid) {
    java.nio.file.Path file = java.nio.file.Path.of(run("list", pid, "--json").json().getAsJsonObject().get("logFile").getAsString());
    try {
      return java.nio.file.Files.readString(file);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The packaged CLI jar, as users run it (the integration tests run after 'package'). */
  public static java.nio.file.Path cliJar() {
    java.nio.file.Path jar = java.nio.file.Path.of(System.getProperty("graft.cli.jar"));
    if (!java.nio.file.Files.isRegularFile(jar)) {
      throw new IllegalStateException("the CLI jar " + jar + " is missing: run the integration tests with 'mvn verify'");
    }
    return jar;
  }

  /** {@code graft COMMAND PID WHERE WHAT [OPTIONS...]}: the shape of inject and rebind. */
  public static Run patch(String command, long pid, String where, String what, String... options) {
    Object[] args = new Object[4 + options.length];
    args[0] = command;
    args[1] = pid;
    args[2] = where;
    args[3] = what;
    System.arraycopy(options, 0, args, 4, options.length);
    return run(args);
  }

  /** The run applied a patch. */
  public static void assertApplied(Run run) {
    org.junit.jupiter.api.Assertions.assertEquals(0, run.exitCode(), run::toString);
    org.junit.jupiter.api.Assertions.assertTrue(run.out().contains("applied"), run::toString);
  }

  /**
   * The SHA-256 of the class the target JVM runs now (patches included), as the JVM's Serviceability Agent
   * reads it from outside: not through graft, and without a retransformation.
   */
  public static String classHash(long pid, String className) {
    return JvmClassDump.textHash(pid, className);
  }

  /** What graft itself says the JVM runs: {@code show --bytecode}'s text and its hash. */
  public static com.google.gson.JsonObject reportedBytecode(long pid, String className) {
    Run run = run("show", pid, className, "--bytecode", "--json");
    if (run.exitCode() != 0) {
      throw new AssertionError("cannot read the bytes of " + className + ": " + run);
    }
    return run.json().getAsJsonObject();
  }
}
