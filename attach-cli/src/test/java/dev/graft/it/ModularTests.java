package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.TargetJvm;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An application in a named module ({@code java -p modular.jar -m ...}) that reads java.base only. Spliced
 * code reports caught exceptions through java.util.logging, so graft gives the module a read edge to
 * java.logging; a JVM whose module graph lacks the modules graft needs is refused, with the way out.
 */
abstract class ModularTests {
  static final String DOUBLER = "dev.graft.samples.modular.Doubler";
  static final String MAIN = "dev.graft.samples.modular/" + DOUBLER;

  abstract int jdk();

  static String jar() {
    return TargetJvm.samplesDir().resolve("modular/target/modular.jar").toAbsolutePath().normalize().toString();
  }

  @Test
  void namedModuleNotReadingJavaLogging_getsTheReadEdge_andTheSnippetsExceptionIsCaughtAndCounted() {
    try (TargetJvm target = TargetJvm.startModule(jdk(), List.of("--add-modules", "jdk.net,java.logging"), jar(), MAIN)) {
      assertEquals("modular: ready in module dev.graft.samples.modular, reads java.logging: false",
          target.awaitStartingWith("modular: ready"));
      Graft.assertApplied(Graft.patch("inject", target.pid(), DOUBLER + ":13", "result = result + Integer.parseInt(\"x\");"));
      assertEquals("twice 8", target.ask("4", "twice"), "the snippet threw; graft caught it and the method went on");
      Run list = Graft.run("list", target.pid(), "--json");
      assertEquals(1, list.json().getAsJsonObject().getAsJsonArray("patches").get(0).getAsJsonObject().get("exceptionsCaught").getAsInt(),
          list::toString);
    }
  }

  @Test
  void moduleGraphWithoutWhatGraftNeeds_isRefused_namingTheWayOut() {
    try (TargetJvm target = TargetJvm.startModule(jdk(), List.of(), jar(), MAIN)) {
      target.awaitStartingWith("modular: ready");
      Run inject = Graft.patch("inject", target.pid(), DOUBLER + ":13", "result = 0;");
      assertEquals(3, inject.exitCode(), inject::toString);
      assertTrue(inject.err().contains("could not start"), inject::toString);
      assertEquals("twice 8", target.ask("4", "twice"), "the application goes on, unpatched");
      target.awaitStderr("start the JVM with --add-modules jdk.net,java.logging");
    }
  }
}
