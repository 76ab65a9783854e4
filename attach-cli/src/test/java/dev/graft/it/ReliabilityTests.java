package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Jdks;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * graft inside a busy process: 8 threads price order 9 nonstop (12.00 unpatched, 60.00 with the cap) while
 * patches come and go; every call must see the old or the new behaviour and no exception.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReliabilityTests {
  static final Pattern STATUS = Pattern.compile("status calls=(\\d+) unexpected=(\\d+) errors=(\\d+) first=(.*)");
  static final String CAP = "if (rate > 0.5) rate = 0.5;";
  TargetJvm target;
  @TempDir
  Path temp;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricingUnderLoad(jdk(), 8);
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
  }

  long[] status() {
    Matcher status = STATUS.matcher(target.ask("status", "status"));
    assertTrue(status.matches());
    return new long[] {Long.parseLong(status.group(1)), Long.parseLong(status.group(2)), Long.parseLong(status.group(3))};
  }

  void assertNoProblem(long[] before, long[] after, String what) {
    assertTrue(after[0] > before[0], what + ": the load kept running");
    assertEquals(before[1], after[1], what + ": a call saw neither the old nor the new answer; " + target.ask("status", "status"));
    assertEquals(before[2], after[2], what + ": a call raised an exception; " + target.ask("status", "status"));
  }

  @Test
  void applyAndRevert100TimesUnderLoad_everyCallSeesTheOldOrTheNewBehaviour() {
    long[] before = status();
    for (int i = 0; i < 100; i++) {
      Run inject = Graft.run("inject", target.pid(), Samples.PRICING + ":12", CAP);
      assertEquals(0, inject.exitCode(), inject::toString);
      Run revert = Graft.run("revert", target.pid(), "--all");
      assertEquals(0, revert.exitCode(), revert::toString);
    }
    assertNoProblem(before, status(), "100 applies and reverts");
    assertTrue(target.isAlive());
  }

  @Test
  void snippetThrowingOnEveryCall_isCaughtCounted_andLoggedWithoutFlooding() throws Exception {
    Run inject = Graft.run("inject", target.pid(), Samples.PRICING + ":12", "Object nothing = null; nothing.hashCode();");
    assertEquals(0, inject.exitCode(), inject::toString);
    String id = inject.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    long[] before = status();
    Thread.sleep(10_000);
    assertNoProblem(before, status(), "10 s of failing snippets");
    Run list = Graft.run("list", target.pid(), "--json");
    long caught = list.json().getAsJsonObject().getAsJsonArray("patches").get(0).getAsJsonObject().get("exceptionsCaught").getAsLong();
    assertTrue(caught > 10_000, "exceptions counted: " + caught);
    Path log = Path.of(list.json().getAsJsonObject().get("logFile").getAsString());
    long logged = Files.readAllLines(log).stream().filter(line -> line.contains("patch " + id + " raised an exception")).count();
    assertTrue(logged >= 1 && logged <= 13, "rate-limited to about one line a second: " + logged + " lines for " + caught + " exceptions");
  }

  @Test
  void clientKilledInTheMiddleOfApply_leavesAllOrNothing() throws Exception {
    Path script = temp.resolve("two.graft");
    Files.writeString(script, "inject " + Samples.PRICING + ":12 { " + CAP + " }\ninject " + Samples.PRICING + "#price:entry { int unused = 1; }\n");
    Path cli = Graft.cliJar();
    List<String> command = List.of(Jdks.java(17).toString(), "-Dgraft.agent.jar=" + System.getProperty("graft.agent.jar"),
        "-jar", cli.toString(), "apply", String.valueOf(target.pid()), script.toString());
    Process whole = new ProcessBuilder(command).redirectErrorStream(true).start();
    assertTrue(whole.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, whole.exitValue(), "uninterrupted, the same command applies the script: "
        + new String(whole.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    assertEquals(2, Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches").size());
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    for (long delay : new long[] {100, 300, 500, 700, 900, 1200}) {
      Process client = new ProcessBuilder(command).redirectErrorStream(true).start();
      Thread.sleep(delay);
      client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      JsonArray patches = Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches");
      assertTrue(patches.size() == 0 || patches.size() == 2, "after a kill at " + delay + " ms: " + patches);
      String expected = patches.size() == 2 ? "order 9 amount 120.00 total 60.00" : "order 9 amount 120.00 total 12.00";
      assertEquals(expected, target.ask("9", "order 9"), "behaviour matches what graft list says, after a kill at " + delay + " ms");
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    }
  }
}
