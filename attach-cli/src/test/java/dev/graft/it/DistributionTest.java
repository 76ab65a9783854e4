package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Jdks;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * graft as users run it: the distribution {@code mvn package} leaves (bin/graft and lib/), linked onto the
 * PATH by scripts/install, run as a process on JDK 17 and on JDK 25 against targets on the other JDK. (The
 * other integration tests drive the CLI's code in-process.)
 */
class DistributionTest {
  static final Path ROOT = TargetJvm.samplesDir().toAbsolutePath().normalize().getParent();

  record Result(int exitCode, String out) {}

  @Test
  void install_linksTheLauncherIntoADirectory_andTheLinkRuns() throws Exception {
    Path bin = Files.createTempDirectory("graft-bin");
    Result install = run(List.of(ROOT.resolve("scripts/install").toString(), bin.toString()), null);
    assertEquals(0, install.exitCode(), install.out());
    assertTrue(install.out().contains("installed: " + bin.resolve("graft")), install.out());
    assertTrue(install.out().contains("is not on your PATH; add it"), "the hint says how to reach it: " + install.out());
    assertTrue(Files.isSymbolicLink(bin.resolve("graft")));
    Result version = run(List.of(bin.resolve("graft").toString(), "--version"), null);
    assertEquals(0, version.exitCode(), version.out());
    assertTrue(version.out().startsWith("graft 0.1.0"), version.out());
  }

  /** A CLI on JDK 25 (with an archive of its own, made on first use) patches a target on JDK 17, and back. */
  @Test
  void launcher_onEitherJdk_patchesATargetOnTheOther() throws Exception {
    String version25 = Files.readAllLines(Jdks.home(25).resolve("release")).stream()
        .filter(line -> line.startsWith("JAVA_VERSION=")).findFirst().orElseThrow().replaceAll(".*=\"(.*)\"", "$1");
    Path archive25 = ROOT.resolve("attach-cli/target/graft/lib/graft-cli-" + version25 + ".jsa");
    Files.deleteIfExists(archive25);
    for (int[] pair : new int[][] {{25, 17}, {17, 25}}) {
      int cliJdk = pair[0];
      try (TargetJvm target = Samples.pricing(pair[1])) {
        String pid = String.valueOf(target.pid());
        String java = Jdks.java(cliJdk).toString();
        Result inject = run(List.of(launcher(), "inject", pid, "Pricing:12", "if (rate > 0.5) rate = 0.5;"), java);
        assertEquals(0, inject.exitCode(), inject.out());
        assertTrue(inject.out().contains("patch 1 applied"), inject.out());
        assertEquals("order 9 amount 120.00 total 60.00", target.ask("9", "order 9"), "CLI on " + cliJdk);
        Result revert = run(List.of(launcher(), "revert", pid, "--all"), java);
        assertEquals(0, revert.exitCode(), revert.out());
        assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
      }
    }
    assertTrue(Files.isRegularFile(archive25), "the JDK 25 CLI made its own CDS archive");
  }

  /**
   * The launcher maps the CDS archive the build left in lib/: a static archive records the class path it was
   * dumped with, and a JVM started with another one maps none of it (not even the JDK's own classes), silently.
   */
  @Test
  void launcher_mapsTheCdsArchiveTheBuildMade() throws Exception {
    Path log = Files.createTempFile("graft-class-load", ".log");
    ProcessBuilder builder = new ProcessBuilder(launcher(), "--version").redirectErrorStream(true);
    builder.environment().put("GRAFT_JAVA", Jdks.java(17).toString());
    builder.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:class+load=info:file=" + log);
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "graft --version finished");
    assertEquals(0, process.exitValue(), out);
    String loaded = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(loaded.contains(" dev.graft.cli.GraftCli source: shared objects file"),
        "the CLI's main class comes from the archive; the log says: " + loaded.lines().filter(l -> l.contains("GraftCli ")).toList());
  }

  /** Exit 5 is graft's own failure, said as such: here, an installation that lost its agent jar. */
  @Test
  void missingAgentJar_isExit5_namingTheJarAndTheFix() throws Exception {
    try (TargetJvm target = Samples.pricing(17)) {
      String cli = ROOT.resolve("attach-cli/target/graft/lib/graft-cli.jar").toString();
      Result run = run(List.of(Jdks.java(17).toString(), "-Dgraft.agent.jar=/nonexistent/graft-agent.jar", "-jar", cli,
          "show", String.valueOf(target.pid()), "Pricing"), null);
      assertEquals(5, run.exitCode(), run.out());
      assertEquals("graft: the graft agent jar is missing at /nonexistent/graft-agent.jar; run `mvn package` or set GRAFT_AGENT_JAR\n",
          run.out());
      assertTrue(run(List.of(launcher(), "list", String.valueOf(target.pid())), null).out().contains("no graft agent in"), "nothing loaded");
    }
  }

  /**
   * The completion script, in bash, asks graft for each word: PIDs, then from a JVM whose agent is loaded
   * its classes, methods and lines with code. Of a JVM without an agent it offers nothing, and loads none.
   */
  @Test
  void completion_inBash_offersWhatTheLiveJvmHas_andNeverLoadsAnAgent() throws Exception {
    Path bin = Files.createTempDirectory("graft-bin");
    assertEquals(0, run(List.of(ROOT.resolve("scripts/install").toString(), bin.toString()), null).exitCode());
    try (TargetJvm target = Samples.pricing(17)) {
      String pid = String.valueOf(target.pid());
      assertEquals("", complete(bin, "inject", pid, "Pri"), "no agent loaded: nothing to offer");
      Result list = run(List.of(launcher(), "list", pid), null);
      assertTrue(list.out().contains("no graft agent in " + pid), "completing loaded no agent: " + list.out());
      assertEquals(0, run(List.of(launcher(), "show", pid, "Pricing"), null).exitCode()); // now the agent is loaded
      assertTrue(complete(bin, "inj").equals("inject\n"), complete(bin, "inj"));
      assertTrue(complete(bin, "inject", "").contains(pid + "\n"), "the JVM's pid is offered");
      assertTrue(complete(bin, "inject", pid, "Pri").contains("Pricing\nPricingLoop\n"), complete(bin, "inject", pid, "Pri"));
      assertTrue(complete(bin, "inject", pid, "Pricing#pr").contains("Pricing#price\n"), complete(bin, "inject", pid, "Pricing#pr"));
      assertEquals("Pricing#price:entry\nPricing#price:exit\nPricing#price:10\nPricing#price:11\nPricing#price:12\nPricing#price:13\n",
          complete(bin, "inject", pid, "Pricing#price:"));
      assertTrue(complete(bin, "inject", pid, "Pricing:1").contains("Pricing:12\n"), "lines with code of every method");
      assertEquals("--dry-run\n", complete(bin, "inject", pid, "--dry"));
    }
  }

  /** Runs the script's completion function as bash does at a TAB after {@code words}. */
  private static String complete(Path bin, String... words) throws IOException, InterruptedException {
    StringBuilder array = new StringBuilder("graft");
    for (String word : words) {
      array.append(" '").append(word).append("'");
    }
    String script = "source <(graft completion); COMP_WORDS=(" + array + "); COMP_CWORD=" + words.length
        + "; _graft_complete; printf '%s\\n' \"${COMPREPLY[@]}\"";
    ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
    builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    process.waitFor(60, TimeUnit.SECONDS);
    return out.equals("\n") ? "" : out;
  }

  private static String launcher() {
    return ROOT.resolve("scripts/graft").toString();
  }

  /** Runs a command; with {@code java}, the launcher runs the CLI on that JVM (GRAFT_JAVA). */
  private static Result run(List<String> command, String java) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
    if (java != null) {
      builder.environment().put("GRAFT_JAVA", java);
    }
    Process process = builder.start();
    byte[] out = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(command + " did not finish in 120 s");
    }
    return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
  }
}
