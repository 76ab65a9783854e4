package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's examples are what graft prints: each block marked {@code <!-- example: NAME -->} is made
 * again here by running its commands against a fresh sample on JDK 17, and must equal the README's text
 * (the pid reads 31337, the JDK's update release is not compared). {@code -Dgraft.updateReadme=true}
 * writes the blocks made here into the README instead, as {@code graft.updateGolden} does for golden files.
 */
class ReadmeExamplesTest {
  static final Path README = JsonSchemaTests.README;
  static final String SHOWN_PID = "31337";
  static final String PRICING_JAR = "samples/pricing/target/pricing.jar";
  static final String CLOSURES_JAR = "samples/closures/target/closures.jar";

  @Test
  void workedSession_isWhatGraftPrints() throws IOException {
    check("session", workedSession());
  }

  @Test
  void rebindExample_isWhatGraftPrints() throws IOException {
    check("rebind", rebindExample());
  }

  /** The pricing sample, one order per line typed; graft in another terminal, through the README's session. */
  private static String workedSession() {
    try (TargetJvm target = TargetJvm.start(17, List.of(), Samples.pricingJar(), Samples.PRICING_LOOP, "--stdin")) {
      Transcript out = new Transcript(target.pid());
      out.line("$ java -cp " + PRICING_JAR + " " + Samples.PRICING_LOOP + " --stdin      # one order per number typed");
      out.line(target.awaitStartingWith("pricing: ready"));
      out.line("9");
      out.line(target.ask("9", "order 9") + "                  <- 90% off: the discount rate is not capped");
      out.line("");
      out.line("# in another terminal:");
      Run ps = Graft.run("ps");
      out.command("graft ps", new Run(ps.exitCode(), ps.out().lines()
          .filter(line -> line.startsWith("PID ") || line.startsWith(target.pid() + " ")).map(line -> line + "\n").reduce("", String::concat), ps.err()));
      out.command("graft show " + target.pid() + " '" + Samples.PRICING + "#price'", Graft.run("show", target.pid(), Samples.PRICING + "#price"));
      out.command("graft inject " + target.pid() + " " + Samples.PRICING + ":12 'if (rate > 0.5) rate = 0.5;'",
          Graft.run("inject", target.pid(), Samples.PRICING + ":12", "if (rate > 0.5) rate = 0.5;"));
      out.line("");
      out.line("# in the sample's terminal:");
      out.line("9");
      out.line(target.ask("9", "order 9") + "                  <- capped at 50%");
      out.line("");
      out.command("graft diff " + target.pid() + " 1", Graft.run("diff", target.pid(), "1"));
      out.command("graft revert " + target.pid() + " 1", Graft.run("revert", target.pid(), "1"));
      out.line("");
      out.line("# in the sample's terminal:");
      out.line("9");
      out.line(target.ask("9", "order 9") + "                  <- as before the patch");
      return out.text();
    }
  }

  private static String rebindExample() {
    try (TargetJvm target = Samples.closures(17)) {
      Transcript out = new Transcript(target.pid());
      out.command("graft rebind " + target.pid() + " " + Samples.CLOSURES + ":56 threshold=99",
          Graft.run("rebind", target.pid(), Samples.CLOSURES + ":56", "threshold=99"));
      return out.text();
    }
  }

  private static void check(String name, String made) throws IOException {
    String readme = Files.readString(README);
    Matcher block = Pattern.compile("<!-- example: " + name + " -->\n```\n(.*?)```\n", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "the README has no block marked <!-- example: " + name + " -->");
    if (Boolean.getBoolean("graft.updateReadme")) {
      Files.writeString(README, readme.substring(0, block.start(1)) + made + readme.substring(block.end(1)));
      return;
    }
    assertEquals(comparable(block.group(1)), comparable(made),
        "README block '" + name + "' differs from what graft prints; -Dgraft.updateReadme=true rewrites it");
  }

  /** The JDK's update release (17.0.15) changes with the machine, not with graft. */
  private static String comparable(String text) {
    return text.replaceAll("\\b17\\.0\\.\\d+\\b", "17.0.x");
  }

  /** A session as the user sees it: commands after {@code $ }, then what they printed, stdout and stderr. */
  private static final class Transcript {
    private final StringBuilder text = new StringBuilder();
    private final String pid;

    Transcript(long pid) {
      this.pid = String.valueOf(pid);
    }

    void line(String line) {
      text.append(line).append('\n');
    }

    void command(String command, Run run) {
      assertEquals(0, run.exitCode(), () -> command + ": " + run);
      if (text.length() > 0 && !text.toString().endsWith("\n\n")) {
        line("");
      }
      line("$ " + command);
      text.append(run.out()).append(run.err());
    }

    String text() {
      return text.toString().replaceAll("\\b" + pid + "\\b", SHOWN_PID);
    }
  }
}
