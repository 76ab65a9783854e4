package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.Test;

/** {@link AgentLifecycleTests} with the target on JDK 25, and what only JDK 21+ does (JEP 451). */
class AgentLifecycleJdk25Test extends AgentLifecycleTests {
  @Override
  int jdk() {
    return 25;
  }

  /** JDK 21+ warns on the target's stderr when an agent is loaded dynamically; graft says so, and refused, names the flag. */
  @Test
  void dynamicLoading_onJdk21Plus_isExplained_andRefusedLoadingNamesTheFlagAndStartupMode() {
    try (TargetJvm target = Samples.pricing(25)) {
      Run show = Graft.run("show", target.pid(), Samples.PRICING);
      assertEquals(0, show.exitCode(), show::toString);
      assertTrue(show.err().contains("note: JVM " + target.pid() + " (Java 25) printed a warning on its stderr that an agent "
          + "was loaded dynamically (JEP 451)"), show::toString);
      target.awaitStderr("WARNING: A Java agent has been loaded dynamically");
    }
    try (TargetJvm target = Samples.pricing(25, "-XX:-EnableDynamicAgentLoading")) {
      Run show = Graft.run("show", target.pid(), Samples.PRICING);
      assertEquals(3, show.exitCode(), show::toString);
      assertTrue(show.err().contains("was started with -XX:-EnableDynamicAgentLoading, so it refuses agents loaded while it runs "
          + "(JEP 451); restart it with -XX:+EnableDynamicAgentLoading, or in start-up mode: -javaagent:"), show::toString);
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
    }
  }
}
