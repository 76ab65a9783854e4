package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code graft ps} and {@code graft show} against a real sample JVM per JDK. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ShowTests {
  static final String PRICING = Samples.PRICING;
  TargetJvm target;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    target.ask("1", "order 1");
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @Test
  void show_class_listsMethodsWithLineRanges() {
    Run run = Graft.run("show", target.pid(), PRICING);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("class " + PRICING + "  (loader app: "), run::toString);
    assertTrue(run.out().contains("source Pricing.java"), run::toString);
    assertTrue(run.out().matches("(?s).*\\n  price\\(int,double\\) +lines 10-13\\n.*"), run::toString);
    assertTrue(run.out().matches("(?s).*\\n  discountRate\\(int\\) +line 17\\n.*"), run::toString);
  }

  /** After a compile in the target, javac's and graft's own classes are loaded: none is suggested, and show has no --when-loaded. */
  @Test
  void show_unknownClass_suggestsOnlyTheApplicationsClasses_andNoOptionShowLacks() {
    Run dryRun = Graft.run("inject", target.pid(), PRICING + ":12", "rate = rate;", "--dry-run", "--compile-in", "agent");
    assertEquals(0, dryRun.exitCode(), dryRun::toString); // javac now runs in the target: JavaCompiler, AgentCompiler... are loaded
    Run run = Graft.run("show", target.pid(), "Compiler");
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().startsWith("graft: class Compiler is not loaded in this JVM"), run::toString);
    assertFalse(run.err().contains("--when-loaded"), run::toString);
    assertFalse(run.err().contains("dev.graft.") || run.err().contains("javax.tools.") || run.err().contains("com.sun.tools.javac."), run::toString);
    Run typo = Graft.run("show", target.pid(), "dev.graft.samples.pricing.Pricng");
    assertEquals("graft: class dev.graft.samples.pricing.Pricng is not loaded in this JVM; loaded classes with a similar name: " + PRICING + "\n",
        typo.err());
  }

  @Test
  void show_method_listsTheLocalsInScopeAtEachLine() {
    Run run = Graft.run("show", target.pid(), PRICING + "#price");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("   10  order: int, amount: double\n"), run::toString);
    assertTrue(run.out().contains("   12  order: int, amount: double, rate: double\n"), run::toString);
    assertTrue(run.out().contains("   13  order: int, amount: double, rate: double, total: double\n"), run::toString);
  }

  @Test
  void show_bytecode_printsTheDisassemblyTheJvmRuns() {
    Run run = Graft.run("show", target.pid(), PRICING, "--bytecode");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("LINENUMBER 12"), run::toString);
    assertTrue(run.out().contains("INVOKESTATIC dev/graft/samples/pricing/Pricing.discountRate (I)D"), run::toString);
  }

  @Test
  void show_methodBytecode_printsThatMethodAlone() {
    Run run = Graft.run("show", target.pid(), PRICING + "#price", "--bytecode");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("price(ID)D\n"), run::toString);
    assertTrue(run.out().contains("INVOKESTATIC dev/graft/samples/pricing/Pricing.discountRate (I)D"), run::toString);
    assertFalse(run.out().contains("discountRate(I)D\n"), "no other method's text: " + run);
    assertFalse(run.out().contains("public final class"), "no class header: " + run);
  }

  @Test
  void show_json_isOneDocumentWithMethodsAndLines() {
    Run run = Graft.run("show", target.pid(), PRICING + "#price", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    JsonObject info = run.json().getAsJsonObject();
    assertEquals(PRICING, info.get("className").getAsString());
    JsonArray methods = info.getAsJsonArray("methods");
    assertEquals(1, methods.size());
    assertEquals(4, methods.get(0).getAsJsonObject().getAsJsonArray("lines").size());
  }

  @Test
  void show_jsonError_isOneDocumentToo() {
    Run run = Graft.run("show", target.pid(), "no.such.Type", "--json");
    assertEquals(1, run.exitCode(), run::toString);
    JsonObject error = run.json().getAsJsonObject().getAsJsonObject("error");
    assertEquals(1, error.get("exitCode").getAsInt());
    assertTrue(error.get("message").getAsString().contains("no.such.Type is not loaded"), run::toString);
  }

  @Test
  void ps_listsTheTarget_withItsJavaVersionAndAgent() {
    Graft.run("show", target.pid(), PRICING); // loads the agent if no other test has
    Run run = Graft.run("ps");
    assertEquals(0, run.exitCode(), run::toString);
    String line = run.out().lines().filter(l -> l.startsWith(target.pid() + " ")).findFirst().orElseThrow(() -> new AssertionError(run));
    assertTrue(line.matches(target.pid() + " +" + jdk() + "[.0-9]* +0\\.1\\.0 +" + Samples.PRICING_LOOP), line);
  }

  @Test
  void show_aProcessThatIsNotAJvm_isRefused_andTheProcessLives() throws Exception {
    Process sleeper = new ProcessBuilder("sleep", "60").start();
    try {
      // show and inject would attach; list and revert only look for an agent's socket: all four say why
      for (String[] command : List.of(new String[] {"show", String.valueOf(sleeper.pid()), PRICING},
          new String[] {"inject", String.valueOf(sleeper.pid()), PRICING + ":12", "rate = 0.5;"},
          new String[] {"list", String.valueOf(sleeper.pid())}, new String[] {"revert", String.valueOf(sleeper.pid()), "--all"})) {
        Run run = Graft.run((Object[]) command);
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("process " + sleeper.pid() + " (sleep) is not a Java virtual machine"), run::toString);
      }
      Thread.sleep(200);
      assertTrue(sleeper.isAlive(), "graft must never signal a process that is not a JVM");
    } finally {
      sleeper.destroy();
    }
  }

  @Test
  void show_hiddenClass_isRefusedWithTheReason() {
    try (TargetJvm closures = Samples.closures(jdk())) {
      String lambdaClass = closures.stdout().stream().filter(l -> l.startsWith("closures: lambda class "))
          .findFirst().orElseThrow().substring("closures: lambda class ".length());
      Run run = Graft.run("inject", closures.pid(), lambdaClass + "#get:entry", "int x = 0;");
      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.err().contains(lambdaClass + " is a hidden class"), run::toString);
      assertTrue(run.err().contains("the JVM cannot retransform it"), run::toString);
    }
  }

  @Test
  void classDefinedByTwoLoaders_needsLoader_andTheErrorListsTheIds() {
    try (TargetJvm twin = Samples.pricing(jdk())) {
      String twinId = twin.ask("twin", "twin loader").substring("twin loader ".length());
      Run ambiguous = Graft.run("inject", twin.pid(), PRICING + ":12", "rate = 0;");
      assertEquals(1, ambiguous.exitCode(), ambiguous::toString);
      assertTrue(ambiguous.err().contains("class " + PRICING + " is defined by 2 class loaders: "), ambiguous::toString);
      assertTrue(ambiguous.err().contains(twinId + " (java.net.URLClassLoader 'twin')"), ambiguous::toString);
      assertTrue(ambiguous.err().contains("pick one with --loader ID"), ambiguous::toString);
      assertEquals("order 9 amount 120.00 total 12.00", twin.ask("9", "order 9"));

      Run app = Graft.run("inject", twin.pid(), PRICING + ":12", "rate = 0.5;", "--loader", "app");
      assertEquals(0, app.exitCode(), app::toString);
      assertEquals("order 9 amount 120.00 total 60.00", twin.ask("9", "order 9"));
      Run shown = Graft.run("show", twin.pid(), PRICING, "--loader", twinId);
      assertEquals(0, shown.exitCode(), shown::toString);
      assertTrue(shown.out().contains("(loader " + twinId + ": java.net.URLClassLoader 'twin'"), shown::toString);
    }
  }
}
