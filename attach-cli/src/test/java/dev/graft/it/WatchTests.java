package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Jdks;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import dev.graft.it.support.Tmux;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code graft watch} against the pricing sample, which prices the order sent on its stdin: each order is a
 * hit at Pricing:12. Every watch ends by itself, and the class is then its original bytes again (read by
 * the Serviceability Agent, not through graft).
 */
abstract class WatchTests extends PricingTargetTests {

  /** Runs a watch in the background, sends orders once it watches, and returns what it printed. */
  private Run watchWhileOrdering(List<Integer> orders, String... arguments) throws Exception {
    Object[] command = new Object[arguments.length + 2];
    command[0] = "watch";
    command[1] = target.pid();
    System.arraycopy(arguments, 0, command, 2, arguments.length);
    CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> Graft.run(command));
    awaitWatching();
    for (int order : orders) {
      target.ask(String.valueOf(order), "order " + order);
    }
    return watch.get(60, TimeUnit.SECONDS);
  }

  private void awaitWatching() throws InterruptedException {
    for (int i = 0; i < 200 && !Graft.run("list", target.pid()).out().contains("__graftHit"); i++) {
      Thread.sleep(50);
    }
  }

  @Test
  void watch_printsEachExpressionPerHit_aThrowingOneIncluded_thenRemovesItself() throws Exception {
    Run run = watchWhileOrdering(List.of(1, 2, 3), PRICING + ":12", "rate", "order", "order / 0", "--count", "3");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().matches("(?s)watching " + PRICING.replace(".", "\\.") + ":12 in .*#price\\(int,double\\) \\(patch \\d+\\): "
        + "rate, order, order / 0; Ctrl-C ends it\n.*"), run::toString);
    assertTrue(run.out().matches("(?s).*\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] rate=0\\.1 order=1 order / 0=<threw ArithmeticException: / by zero>\n.*"),
        run::toString);
    assertTrue(run.out().contains(" rate=0.2 order=2 ") && run.out().contains(" order=3 "), run::toString);
    assertTrue(run.out().contains("watch ended: 3 hits, 3 shown; patch "), run::toString);
    assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"), "the watch changed nothing the method does");
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "the class is its bytes before the watch");
  }

  @Test
  void watch_if_keepsOnlyTheHitsWhereTheConditionHolds() throws Exception {
    Run run = watchWhileOrdering(List.of(1, 2, 3, 4), PRICING + ":12", "order", "--if", "order % 2 == 0", "--count", "2");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("] order=2\n") && run.out().contains("] order=4\n") && !run.out().contains("] order=1\n"), run::toString);
  }

  @Test
  void watch_json_isOneObjectPerHit_thenTheSummary() throws Exception {
    Run run = watchWhileOrdering(List.of(5, 6), PRICING + ":12", "rate", "--count", "2", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    String[] lines = run.out().strip().split("\n");
    assertEquals(3, lines.length, run::toString);
    JsonObject first = JsonParser.parseString(lines[0]).getAsJsonObject();
    assertEquals("main", first.get("thread").getAsString());
    assertEquals("0.5", first.getAsJsonObject("values").get("rate").getAsString());
    JsonObject summary = JsonParser.parseString(lines[2]).getAsJsonObject().getAsJsonObject("summary");
    assertEquals(2, summary.get("hits").getAsInt(), run::toString);
  }

  @Test
  void watch_for_endsAfterItsTime_withNoHits() {
    Run run = Graft.run("watch", target.pid(), PRICING + ":12", "rate", "--for", "600ms");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("watch ended: 0 hits, 0 shown"), run::toString);
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
  }

  /** Ctrl-C in the terminal a watch runs in ends it, as a person ends it: the class is its bytes before the watch. */
  @Test
  void watch_endedByCtrlC_inATerminal_leavesTheClassAsItWas() throws Exception {
    Path launcher = TargetJvm.samplesDir().toAbsolutePath().normalize().resolveSibling("scripts/graft");
    String command = "JAVA_HOME=" + Jdks.home(jdk()) + " " + launcher + " watch " + target.pid() + " " + PRICING + ":12 rate order"
        + "; echo \"watch exited $?\"; sleep 120";
    try (Tmux terminal = Tmux.run("graft-watch-" + jdk(), 200, 40, command)) {
      terminal.await("; Ctrl-C ends it");
      target.ask("3", "order 3");
      terminal.await(" rate=0.30000000000000004 order=3");
      terminal.press("C-c");
      String screen = terminal.await("watch exited ");
      assertTrue(screen.contains("watch ended: 1 hits, 1 shown; patch "), screen);
      assertTrue(screen.contains("watch exited 130"), "130 = 128 + SIGINT, as the shell reports a program ended by Ctrl-C: " + screen);
    }
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "after Ctrl-C the JVM runs the class as before the watch");
  }

  /** A client killed with SIGKILL cannot end its watch: the agent does, when the client stops polling. */
  @Test
  void watch_ofAKilledClient_isRemovedByTheAgent() throws Exception {
    Path launcher = TargetJvm.samplesDir().toAbsolutePath().normalize().resolveSibling("scripts/graft");
    Process client = new ProcessBuilder(launcher.toString(), "watch", String.valueOf(target.pid()), PRICING + ":12", "rate")
        .redirectErrorStream(true).start();
    awaitWatching();
    target.ask("1", "order 1");
    client.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    long deadline = System.currentTimeMillis() + 10_000;
    while (Graft.run("list", target.pid()).out().contains("__graftHit") && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"), "the agent ended the watch");
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void watch_ofAnExpressionThatDoesNotCompile_isRefused_andLeavesNothing() {
    Run run = Graft.run("watch", target.pid(), PRICING + ":12", "noSuchLocal", "--count", "1");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("noSuchLocal"), run::toString);
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
  }

  /** A watch at an exit with --on-throw: a hit also when an exception leaves, with thrown; the exception goes on. */
  @Test
  void watch_exitOnThrow_seesTheExceptionLeaving() throws Exception {
    assertEquals(0, Graft.run("inject", target.pid(), PRICING + ":12", "if (order == 13) throw new IllegalStateException(\"boom\");").exitCode());
    CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> Graft.run("watch", target.pid(), PRICING + "#price:exit", "thrown", "result",
        "--on-throw", "--count", "2"));
    awaitWatching();
    assertEquals("error: java.lang.IllegalStateException: boom", target.ask("13", "error:"), "the exception goes on unchanged");
    assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
    Run run = watch.get(60, TimeUnit.SECONDS);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("] thrown=java.lang.IllegalStateException: boom result=0.0\n"), run::toString);
    assertTrue(run.out().contains("] thrown=null result=12.0\n"), run::toString);
    assertTrue(run.out().contains("watch ended: 2 hits, 2 shown; patch "), run::toString);
  }
}
