package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Jres;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.Test;

/**
 * Where a snippet is compiled: in the target when it runs on a JDK (by default), in the CLI with {@code
 * --compile-in cli} or when the target runs on a JRE. Whether javac ran in the target is read from the
 * target's loaded classes, a fresh target each time.
 */
abstract class CompilePlaceTests {
  static final String JAVAC = "com.sun.tools.javac.comp.Attr"; // loaded by a compile, not by the agent's start
  static final String CAP = "rate = 0.37;"; // a rate the sample never computes: 120.00 becomes 75.60

  abstract int jdk();

  static boolean javacLoadedIn(TargetJvm target) {
    Run show = Graft.run("show", target.pid(), JAVAC);
    return show.exitCode() == 0;
  }

  @Test
  void jdkTarget_compilesInTheTarget_byDefault() {
    try (TargetJvm target = Samples.pricing(jdk())) {
      assertFalse(javacLoadedIn(target), "no javac before the first compile");
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", CAP));
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
      assertTrue(javacLoadedIn(target), "javac ran in the target");
    }
  }

  @Test
  void compileInCli_keepsJavacOutOfTheTarget() {
    try (TargetJvm target = Samples.pricing(jdk())) {
      Run inject = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", CAP, "--compile-in", "cli", "-v");
      Graft.assertApplied(inject);
      assertTrue(inject.err().contains("graft: compiled the snippet here in "), inject::toString);
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
      assertFalse(javacLoadedIn(target), "javac never ran in the target");
    }
  }

  /** A runtime without jdk.compiler (jlink, as container images are made): the CLI compiles, by itself. */
  @Test
  void jreTarget_isPatched_withTheSnippetCompiledInTheCli() {
    try (TargetJvm target = TargetJvm.startOn(Jres.jlinked(jdk()), Samples.pricingJar(), Samples.PRICING_LOOP, "--stdin")) {
      target.awaitStartingWith("pricing: ready");
      target.ask("1", "order 1");
      Run inject = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", CAP, "-v");
      Graft.assertApplied(inject);
      assertTrue(inject.err().contains("graft: compiled the snippet here in "), inject::toString);
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
      Run agentOnly = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", CAP, "--compile-in", "agent");
      assertEquals(2, agentOnly.exitCode(), agentOnly::toString);
      assertTrue(agentOnly.err().contains("this JVM runs on a JRE without javac: the client must compile the snippet"), agentOnly::toString);
    }
  }

  /** Without jdk.net the agent could not check who connects: it refuses to start, and the CLI says so at once. */
  @Test
  void runtimeWithoutJdkNet_theAgentRefusesToStart_andTheCliSaysSo() {
    String modules = "java.base,java.logging,java.instrument,jdk.unsupported";
    try (TargetJvm target = TargetJvm.startOn(Jres.jlinked(jdk(), modules, "jre-" + jdk() + "-without-jdk.net"), Samples.pricingJar(),
        Samples.PRICING_LOOP, "--stdin")) {
      target.awaitStartingWith("pricing: ready");
      Run show = Graft.run("show", target.pid(), Samples.PRICING_LOOP);
      assertEquals(3, show.exitCode(), show::toString);
      assertTrue(show.err().contains("the graft agent was loaded into JVM " + target.pid() + " but could not start"), show::toString);
      target.ask("1", "order 1"); // the application goes on
      target.awaitStderr("this Java runtime lacks the jdk.net module, which graft needs");
    }
  }
}
