package dev.graft.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Run by the build, not by users: one JVM that goes through the CLI's hot paths (the command model, help,
 * attach, inject, list, diff, revert, apply) against a real sample JVM, so that the JVM's class list of
 * this run can become the CLI's CDS archive (attach-cli's pom). A class the archive holds is mapped, not
 * parsed and verified, at the start of every `graft` command. javac is left out on purpose: it runs in
 * the CLI only for targets without one, and its classes would double the archive, which every start maps.
 *
 * <p>Usage: {@code CdsTraining PRICING_JAR}. It lives with the tests, not in the shipped CLI jar, and it
 * must succeed: every command must end as expected, or the archive would be trained on error paths, and
 * the build fails (exit 1).
 */
public final class CdsTraining {
  private static final String PRICING = "dev.graft.samples.pricing.Pricing";

  private CdsTraining() {}

  public static void main(String[] args) throws Exception {
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
    for (String command : List.of("", "ps", "show", "inject", "rebind", "apply", "list", "diff", "revert")) {
      GraftCli.run(command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"}, quiet, quiet);
    }
    GraftCli.run(new String[] {"ps"}, quiet, quiet);
    Process target = startPricing(Path.of(args[0]));
    int failures = 0;
    try {
      String pid = String.valueOf(target.pid());
      Path script = Files.createTempFile("graft-cds-training", ".graft");
      Files.writeString(script, "inject " + PRICING + ":12 {\n  if (rate > 0.5) rate = 0.5;\n}\n");
      record Step(int expected, String... command) {}
      List<Step> steps = List.of(
          new Step(0, "inject", pid, PRICING + ":12", "rate = 0.4;"),
          new Step(0, "inject", pid, PRICING + ":12", "rate = 0.3;"),
          new Step(0, "inject", pid, PRICING + ":12", "rate = 0.3;", "--json"),
          new Step(1, "inject", pid, PRICING + ":12", "no_such_local = 1;"), // the rejection path, on purpose
          new Step(0, "list", pid),
          new Step(0, "diff", pid, "1"),
          new Step(0, "show", pid, PRICING + "#price"),
          new Step(0, "revert", pid, "--all"),
          new Step(0, "apply", pid, script.toString()),
          new Step(0, "revert", pid, "--all"));
      for (Step step : steps) {
        int code = GraftCli.run(step.command(), quiet, quiet);
        failures += code == step.expected() ? 0 : 1;
        System.out.println("cds training: graft " + String.join(" ", step.command()) + " -> " + code
            + (code == step.expected() ? "" : " (expected " + step.expected() + ")"));
      }
      Files.deleteIfExists(script);
    } finally {
      target.destroy();
      target.waitFor(10, TimeUnit.SECONDS);
    }
    if (failures > 0) {
      System.out.println("cds training: " + failures + " command(s) did not end as expected");
      System.exit(1);
    }
  }

  private static Process startPricing(Path jar) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-cp", jar.toString(), "dev.graft.samples.pricing.PricingLoop", "50")
        .redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.contains("pricing: ready")) {
        Thread drain = new Thread(() -> {
          try {
            lines.lines().forEach(ignored -> { });
          } catch (java.io.UncheckedIOException closed) {
            // the sample is destroyed at the end of the training: its output ends with it
          }
        }, "cds-training-drain");
        drain.setDaemon(true);
        drain.start();
        return process;
      }
    }
    throw new IOException("the pricing sample did not start");
  }
}
