package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Patches that revert themselves ({@code --hits N}, {@code --for DURATION}), the active patches written
 * as a patch script ({@code graft list --script}) and replayed by a fresh JVM at start-up and by
 * {@code graft apply}, and a watch under a hot loop dropping hits it counts. The pricing sample prices the
 * order sent on its stdin: order 9 costs 12.00 unpatched, 60.00 with the rate at 0.5.
 */
abstract class LifetimeTests extends PricingTargetTests {
  static final String LATE_FEES = "dev.graft.samples.pricing.LateFees";
  static final String ORDER_9 = "order 9 amount 120.00 total ";
  @Override
  void prepare(TargetJvm started) {
    started.ask("late", "late fee"); // LateFees loads now, so its closure can be rebound
  }

  private String total9() {
    return target.ask("9", "order 9");
  }

  private static String idOf(Run run) {
    return run.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
  }

  private JsonObject listed(String id) {
    for (var patch : Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches")) {
      if (patch.getAsJsonObject().get("id").getAsString().equals(id)) {
        return patch.getAsJsonObject();
      }
    }
    return null;
  }

  /** The agent's own thread reverts a spent patch: wait for it, at most 10 s. */
  private void awaitReverted(String id) throws InterruptedException {
    for (int i = 0; i < 200 && listed(id) != null; i++) {
      Thread.sleep(50);
    }
    assertEquals(null, listed(id), "patch " + id + " reverted itself");
  }

  String agentLog() {
    return Graft.agentLog(target.pid());
  }

  @Test
  void inject_hits_runsItsCodeThatManyTimes_thenRevertsItself() throws InterruptedException {
    Run run = Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--hits", "3");
    Graft.assertApplied(run);
    String id = idOf(run);
    assertTrue(run.out().contains("patch " + id + " reverts itself after 3 hits; graft list shows what is left"), run::toString);
    assertEquals(3, listed(id).get("hitsLeft").getAsLong());
    assertTrue(Graft.run("list", target.pid()).out().matches("(?s).*\\n" + id + " +inject .* 3 hits +rate = 0\\.5;.*"));

    assertEquals(ORDER_9 + "60.00", total9());
    assertEquals(2, listed(id).get("hitsLeft").getAsLong(), "one hit used");
    assertEquals(ORDER_9 + "60.00", total9());
    assertEquals(ORDER_9 + "60.00", total9());
    // asked at once after the third hit: the guard stops the code even if the revert has not landed yet
    assertEquals(ORDER_9 + "12.00", total9());
    awaitReverted(id);
    assertEquals(ORDER_9 + "12.00", total9());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "the class is its bytes before the patch");
    assertTrue(agentLog().contains("patch " + id + " reverted itself: its 3 hits were used"));
  }

  @Test
  void inject_for_revertsItselfWhenItsTimeIsUp() throws InterruptedException {
    Run run = Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--for", "2s");
    Graft.assertApplied(run);
    String id = idOf(run);
    assertTrue(run.out().contains("patch " + id + " reverts itself after 2s; graft list shows what is left"), run::toString);
    long left = listed(id).get("millisLeft").getAsLong();
    assertTrue(left > 0 && left <= 2000, "millisLeft " + left);
    assertTrue(listed(id).get("hitsLeft").isJsonNull(), "no --hits, no hits left to show");
    assertTrue(Graft.run("list", target.pid()).out().matches("(?s).*\\n" + id + " +inject .* [12]s +rate = 0\\.5;.*"));
    assertEquals(ORDER_9 + "60.00", total9());
    awaitReverted(id);
    assertEquals(ORDER_9 + "12.00", total9());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    assertTrue(agentLog().contains("patch " + id + " reverted itself: its time (2s) was up"));
  }

  @Test
  void rebind_hits_readsTheExpressionThatManyTimes_thenTheCapturedValueAgain() throws InterruptedException {
    Run run = Graft.patch("rebind", target.pid(), LATE_FEES + ":16", "unit=\"weeks\"", "--hits", "2");
    Graft.assertApplied(run);
    String id = idOf(run);
    assertTrue(run.out().contains("patch " + id + " reverts itself after 2 hits"), run::toString);
    assertEquals("late fee 4.5 for 3 weeks", target.ask("late", "late fee"));
    assertEquals("late fee 4.5 for 3 weeks", target.ask("late", "late fee"));
    assertEquals("late fee 4.5 for 3 days", target.ask("late", "late fee"), "its two reads used: the captured value again");
    awaitReverted(id);
    assertTrue(agentLog().contains("patch " + id + " reverted itself: its 2 hits were used"));
  }

  @Test
  void lifetime_badValues_areUsageErrors_andChangeNothing() {
    List<List<String>> bad = List.of(List.of("--hits", "0"), List.of("--hits", "-2"), List.of("--hits", "many"), List.of("--for", "0s"),
        List.of("--for", "-5s"), List.of("--for", "soon"));
    for (List<String> options : bad) {
      Run run = Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", options.toArray(String[]::new));
      assertEquals(2, run.exitCode(), run::toString);
      Run rebind = Graft.patch("rebind", target.pid(), LATE_FEES + ":16", "unit=\"weeks\"", options.toArray(String[]::new));
      assertEquals(2, rebind.exitCode(), rebind::toString);
    }
    assertTrue(Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--hits", "0").err()
        .contains("--hits takes a positive number of runs, got 0; leave it out for a patch that stays"));
    assertTrue(Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--for", "0s").err()
        .contains("--for takes a positive duration (10s, 500ms, 2m), got 0ms"));
    assertTrue(Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--for", "soon").err()
        .contains("'soon' is not a duration: write 10s, 500ms or 2m"));
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    assertEquals(ORDER_9 + "12.00", total9());
  }

  @Test
  void lifetime_dryRun_isCheckedButNothingApplies() {
    Run run = Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--hits", "3", "--for", "1m", "--dry-run");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("dry run: "), run::toString);
    assertTrue(run.out().contains("it would revert itself after 3 hits or 1m, whichever comes first"), run::toString);
    assertTrue(run.out().contains("java/util/concurrent/atomic/AtomicLong.getAndDecrement"), "the diff shows the guard: " + run);
    assertEquals(2, Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0.5;", "--hits", "0", "--dry-run").exitCode());
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    assertEquals(ORDER_9 + "12.00", total9());
  }

  @Test
  void listScript_isReplayedByAFreshJvmAtStartUp_andByApply(@TempDir Path temp) throws Exception {
    Graft.assertApplied(Graft.patch("inject", target.pid(), PRICING + ":12", "if (rate > 0.5) rate = 0.5;"));
    // a simple class name is written in full: at a restart no class is loaded to resolve it among
    Graft.assertApplied(Graft.patch("rebind", target.pid(), "LateFees:16", "unit=\"weeks\""));
    Run limited = Graft.patch("inject", target.pid(), LATE_FEES + "#fee:entry", "days = days + 1;", "--hits", "100");
    Graft.assertApplied(limited);
    // a watch running meanwhile is graft's own patch: not in the script
    CompletableFuture<Run> watch = CompletableFuture.supplyAsync(() -> Graft.run("watch", target.pid(), PRICING + ":13", "total", "--for", "4s"));
    for (int i = 0; i < 200 && !Graft.run("list", target.pid()).out().contains("__graftHit"); i++) {
      Thread.sleep(50);
    }
    Run listed = Graft.run("list", target.pid(), "--script");
    assertEquals(0, listed.exitCode(), listed::toString);
    String watchId = Graft.run("list", target.pid()).out().lines().filter(line -> line.contains("__graftHit")).findFirst().orElseThrow()
        .split(" +")[0];
    assertEquals("# graft list --script: the active patches of JVM " + target.pid() + "\n"
        + "inject " + PRICING + ":12 {\n    if (rate > 0.5) rate = 0.5;\n}\n"
        + "rebind " + LATE_FEES + ":16 unit = \"weeks\";\n"
        + "# patch " + idOf(limited) + " was applied with --hits 100; written here without that lifetime\n"
        + "inject " + LATE_FEES + "#fee:entry {\n    days = days + 1;\n}\n"
        + "# not written: patch(es) " + watchId + ", made by graft itself (a watch, an inlined copy)\n", listed.out());
    assertEquals(0, watch.get(30, TimeUnit.SECONDS).exitCode());
    Path script = temp.resolve("live-fix.graft");
    Files.writeString(script, listed.out());

    try (TargetJvm restarted = Samples.pricing(jdk(), "-javaagent:" + System.getProperty("graft.agent.jar") + "=apply=" + script)) {
      assertEquals(ORDER_9 + "60.00", restarted.ask("9", "order 9"), "the inject, applied at start-up");
      assertEquals("late fee 6.0 for 3 weeks", restarted.ask("late", "late fee"), "the rebind, and the inject of fee (3 + 1 days at 1.5)");
      assertEquals("", restarted.stderr(), "nothing on the target's stderr");
    }
    try (TargetJvm third = Samples.pricing(jdk())) {
      third.ask("late", "late fee");
      Run applied = Graft.run("apply", third.pid(), script);
      assertEquals(0, applied.exitCode(), applied::toString);
      assertTrue(applied.out().contains("3 patches applied from "), applied::toString);
      assertEquals(ORDER_9 + "60.00", third.ask("9", "order 9"));
      assertEquals("late fee 6.0 for 3 weeks", third.ask("late", "late fee"));
    }
  }

  @Test
  void listScript_withNoPatches_isAScriptOfNothing() {
    Run listed = Graft.run("list", target.pid(), "--script");
    assertEquals(0, listed.exitCode(), listed::toString);
    assertEquals("# graft list --script: the active patches of JVM " + target.pid() + "\n", listed.out());
  }

  /** Threads pricing nonstop fill the watch's buffer between two polls: hits are dropped, counted, and the count is printed. */
  @Test
  void watch_underAHotLoop_dropsHitsWhenItsBufferIsFull_andSaysHowMany() {
    try (TargetJvm loaded = Samples.pricingUnderLoad(jdk(), 2)) {
      Run run = Graft.run("watch", loaded.pid(), PRICING + ":12", "rate", "--for", "2s", "--json");
      assertEquals(0, run.exitCode(), run::toString);
      String[] lines = run.out().strip().split("\n");
      JsonObject summary = com.google.gson.JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject().getAsJsonObject("summary");
      long hits = summary.get("hits").getAsLong();
      long dropped = summary.get("dropped").getAsLong();
      assertTrue(dropped > 0, "hits dropped: " + summary);
      assertTrue(hits > dropped, "every hit counted, those kept and those dropped: " + summary);
      assertTrue(summary.get("shown").getAsLong() <= 2 * 50 + 10, "at most --rate lines a second shown: " + summary);

      Run text = Graft.run("watch", loaded.pid(), PRICING + ":12", "rate", "--for", "1s");
      assertEquals(0, text.exitCode(), text::toString);
      assertTrue(text.out().matches("(?s).*watch ended: \\d+ hits, \\d+ shown, \\d+ dropped \\(the buffer was full\\); patch \\d+ reverted\n"), text::toString);
      String status = loaded.ask("status", "status");
      assertTrue(status.contains(" unexpected=0 errors=0 "), "no call failed or changed under the watch: " + status);
    }
  }
}
