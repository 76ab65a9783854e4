package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The canary uses its own logback (its own logback.xml) and its own Byte Buddy, at other versions than the
 * agent's: with the agent loaded it prints exactly what it printed before, and sees no agent class.
 */
abstract class IsolationTests {
  abstract int jdk();

  @Test
  void canary_printsTheSameWithTheAgentLoaded() {
    try (TargetJvm canary = Samples.canary(jdk())) {
      canary.awaitStartingWith("canary done");
      List<String> before = canary.stdout();
      assertTrue(before.contains("canary sees-agent-classes=no,no,no"), before::toString);
      assertTrue(before.contains("CANARY-LOG INFO Canary: hello from the canary's own logback"), before::toString);

      Run run = Graft.run("show", canary.pid(), Samples.CANARY);
      assertEquals(0, run.exitCode(), run::toString);
      canary.send("again");
      canary.await(line -> line.equals("canary done") && canary.stdout().stream().filter("canary done"::equals).count() == 2);

      List<String> all = canary.stdout();
      List<String> after = all.subList(before.size(), all.size()).stream()
          .filter(line -> !line.startsWith("graft agent ")).toList();
      assertEquals(before, after, "the canary's output with the agent loaded");
      assertEquals(1, all.stream().filter(line -> line.startsWith("graft agent ")).count(), "the agent's one line");
    }
  }
}
