package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Stressed;
import dev.graft.it.support.TargetJvm;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A target whose 64 MB heap is nearly full, with a thread allocating all the while: graft refuses what it
 * has no room for, with the figures, or compiles in the CLI; no application thread sees an
 * OutOfMemoryError, and graft prints nothing on the target but its one line.
 */
abstract class MemoryFaultsTests {
  static final String WORK = Stressed.CLASS + "#work:entry";
  /**
   * The serial collector, as the JVM picks it on a small machine or container: it can keep 96% of a 64 MB
   * heap live. G1 cannot: in 64 MB it throws OutOfMemoryError beyond about 85% live, graft or no graft.
   */
  static final String[] SMALL_HEAP = {"-XX:+UseSerialGC", "-Xmx64m"};

  abstract int jdk();

  /** At 96% the agent does not start (exit 3, the figures, one stderr line); once memory is freed, it does. */
  @Test
  void fullHeap_agentStartRefusedWithTheFigures_thenStartsOnceFreed() {
    try (TargetJvm target = Stressed.start(jdk(), SMALL_HEAP)) {
      target.ask("fill 93", "filled"); // under graft's 6 MB, with room for the JDK's own loading of an agent (at 96% its Attach Listener itself ran out, once)
      Run refused = Graft.patch("inject", target.pid(), WORK, "n = n + 1;");
      assertEquals(3, refused.exitCode(), refused::toString);
      String figures = "JVM " + target.pid() + " has \\d MB of \\d+ MB heap free; graft needs about 6 MB to start";
      // JDK 21+: a note first, that the JVM printed JEP 451's warning
      String said = refused.err().replaceFirst("^note: JVM \\d+ \\(Java \\d+\\) printed a warning[^\n]*\n", "");
      assertTrue(said.matches("graft: the graft agent did not start in JVM " + target.pid() + ": " + figures + "\n"),
          () -> refused + "\n--- target stderr\n" + target.stderr());
      target.awaitStderr("graft: agent not started");
      assertTrue(stderrBeyondTheJvmsOwn(target).matches("graft: agent not started: " + figures + "\n"), target.stderr());

      Run list = Graft.run("list", target.pid()); // the refused agent's jar stays open in the JVM, yet no agent runs: list starts none
      assertEquals("no graft agent in " + target.pid() + ": nothing is patched\n", list.out(), list::toString);

      target.ask("free", "freed");
      Graft.assertApplied(Graft.patch("inject", target.pid(), WORK, "n = n + 1;"));
      assertEquals("work 5 -> 12", target.ask("call 5", "work 5"));
      assertNoOutOfMemory(target);
      assertEquals(1, target.stdout().stream().filter(line -> line.startsWith(AgentLifecycleTests.AGENT_LINE)).count());
      assertEquals(1, stderrBeyondTheJvmsOwn(target).lines().count(), target.stderr());
    }
  }

  /**
   * At 90%, 50 inject/revert cycles: each applies (compiled in the CLI, since the target has no room for
   * javac) or is refused naming the heap; the application never runs out of memory. A compile forced into
   * the target is refused with the figures.
   */
  @Test
  void ninetyPercentHeap_fiftyInjectsApplyOrAreRefusedClearly_andTheApplicationNeverRunsOut() {
    try (TargetJvm target = Stressed.start(jdk(), SMALL_HEAP)) {
      assertEquals(0, Graft.run("show", target.pid(), Stressed.CLASS).exitCode()); // the agent starts while there is room
      target.ask("fill 90", "filled");

      Run forced = Graft.patch("inject", target.pid(), WORK, "n = n + 1;", "--compile-in", "agent");
      assertEquals(3, forced.exitCode(), forced::toString);
      assertTrue(forced.err().matches("graft: JVM " + target.pid() + " has \\d+ MB of \\d+ MB heap free; graft needs about 16 MB to compile in it;"
          + " nothing changed .*\n"), forced::toString);

      int applied = 0;
      List<String> unclear = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        Run inject = Graft.patch("inject", target.pid(), WORK, "n = n + " + i + ";", "-v");
        if (inject.exitCode() == 0) {
          assertTrue(inject.err().contains("graft: compiled the snippet here"), inject::toString); // not in the target: no room for javac
          applied++;
          String id = inject.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
          if (i % 10 == 0) {
            assertEquals("work 5 -> " + (2 * (5 + i)), target.ask("call 5", "work 5"), inject::toString);
          }
          Run revert = Graft.run("revert", target.pid(), id);
          assertEquals(0, revert.exitCode(), revert::toString);
        } else if (inject.exitCode() != 3 || !inject.err().matches("(?s).*(heap free|ran out of heap).*")) {
          unclear.add(inject.toString());
        }
      }
      System.out.println("90% heap (JDK " + jdk() + "): " + applied + " of 50 injects applied, " + (50 - applied) + " refused");
      assertEquals(List.of(), unclear);
      assertTrue(applied >= 40, "only " + applied + " of 50 injects applied");
      assertEquals("work 5 -> 10", target.ask("call 5", "work 5"));
      assertNoOutOfMemory(target);
      assertEquals("", stderrBeyondTheJvmsOwn(target), "nothing of graft's on the target's stderr");
      assertEquals(1, target.stdout().stream().filter(line -> line.startsWith("graft")).count(), target.stdout()::toString);
    }
  }

  /** The target's stderr without JDK 21+'s own warning that an agent was loaded dynamically (JEP 451). */
  static String stderrBeyondTheJvmsOwn(TargetJvm target) {
    return target.stderr().lines().filter(line -> !line.startsWith("WARNING: "))
        .map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
  }

  private static void assertNoOutOfMemory(TargetJvm target) {
    target.ask("status", "status churned"); // the churning thread still runs
    assertFalse(target.stdout().stream().anyMatch(line -> line.contains("OOME")), target.stdout()::toString);
    assertFalse(target.stderr().contains("OutOfMemoryError"), target.stderr());
  }
}
