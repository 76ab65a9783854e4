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

  /** Runs a command, fails unless it exits 0 within two minutes; returns its output. */
  static String run(List<String> command) throws IOException, InterruptedException {
    Path out = Files.createTempFile("bench-child", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
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

  /** graft inject OWN_PID TARGET CODE, through the CLI jar (the way scripts/graft runs it). */
  static String graftInject(String target, String code) throws IOException, InterruptedException {
    Path root = root();
    return run(List.of(java(), "-XX:TieredStopAtLevel=1", "-Xss4m",
        "-Dgraft.agent.jar=" + root.resolve("agent/target/graft-agent.jar"),
        "-jar", root.resolve("attach-cli/target/graft-cli.jar").toString(),
        "inject", pid(), target, code));
  }

  /** bminstall (-b, on the boot class path) then bmsubmit -l RULE, against this JVM. */
  static String bytemanInstallAndSubmit(String rule, boolean compile) throws IOException, InterruptedException {
    Path lib = root().resolve("bench/target/byteman/lib");
    int port = freePort();
    List<String> install = new ArrayList<>(List.of(java(),
        "-Dorg.jboss.byteman.home=" + lib.getParent(),
        "-cp", lib.resolve("byteman-install.jar").toString(),
        "org.jboss.byteman.agent.install.Install", "-b", "-p", Integer.toString(port)));
    if (compile) {
      install.add("-Dorg.jboss.byteman.compile.to.bytecode=true");
    }
    install.add(pid());
    String out = run(install);
    Path btm = Files.createTempFile("bench", ".btm");
    Files.writeString(btm, rule, StandardCharsets.UTF_8);
    out += run(List.of(java(), "-cp", lib.resolve("byteman-submit.jar").toString(),
        "org.jboss.byteman.agent.submit.Submit", "-p", Integer.toString(port), "-l", btm.toString()));
    return out;
  }
}
