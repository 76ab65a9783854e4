package dev.graft.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs graft's CLI and Byteman's install/submit as child processes against this JVM. */
final class Tools {
  private Tools() {}

  /** The repository root: benchmarks.jar lives in ROOT/bench/target/; -Dbench.root overrides. */
  static Path root() {
    String prop = System.getProperty("bench.root");
    if (prop != null) {
      return Path.of(prop).toAbsolutePath();
    }
    try {
      Path jar = Path.of(Tools.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return jar.getParent().getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static String pid() {
    return Long.toString(ProcessHandle.current().pid());
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /**
   * Runs a command with JAVA_VARIABLE naming this JVM's java (the tools' clients run on the benchmark's JDK);
   * fails unless it exits 0 within two minutes; returns its output.
   */
  static String run(List<String> command, String javaVariable) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bench-child", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
      builder.environment().put(javaVariable, java());
      Process p = builder.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new IllegalStateException("exit " + p.exitValue() + ": " + command + "\n" + text);
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** graft inject OWN_PID TARGET CODE, through scripts/graft (the launcher users run), the CLI on this JVM's java. */
  static String graftInject(String target, String code) throws IOException, InterruptedException {
    return run(List.of(root().resolve("scripts/graft").toString(), "inject", pid(), target, code), "GRAFT_JAVA");
  }

  /** bminstall (-b, on the boot class path) then bmsubmit -l RULE, against this JVM, through Byteman's scripts. */
  static String bytemanInstallAndSubmit(String rule, boolean compile) throws IOException, InterruptedException {
    Path bin = root().resolve("bench/byteman/bin");
    int port = freePort();
    List<String> install = new ArrayList<>(List.of(bin.resolve("bminstall").toString(), "-b", "-p", Integer.toString(port)));
    if (compile) {
      install.add("-Dorg.jboss.byteman.compile.to.bytecode=true");
    }
    install.add(pid());
    String out = run(install, "BYTEMAN_JAVA");
    Path btm = Files.createTempFile("bench", ".btm");
    Files.writeString(btm, rule, StandardCharsets.UTF_8);
    out += run(List.of(bin.resolve("bmsubmit").toString(), "-p", Integer.toString(port), "-l", btm.toString()), "BYTEMAN_JAVA");
    return out;
  }
}
