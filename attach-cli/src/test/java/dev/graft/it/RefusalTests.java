package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.ForeignRetransformer;
import dev.graft.it.support.RefusingAgent;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.nio.file.Files;
import java.nio.file.Path;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * The JVM refuses a retransformation (here: another agent spoils the bytes, once): exit 4, and every class
 * of the request as it was, the JVM's copy read from outside, and nothing registered.
 */
abstract class RefusalTests {

  abstract int jdk();

  @Test
  void inject_refusedByTheJvm_exits4_andLeavesTheClassAndTheRegistryAsTheyWere() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      String before = Graft.classHash(target.pid(), Samples.PRICING);
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode()); // graft's agent first
      ByteBuddyAgent.attach(RefusingAgent.jar().toFile(), String.valueOf(target.pid()), Samples.PRICING);
      target.awaitStartingWith("refusing agent: armed");
      Run inject = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;");
      assertEquals(4, inject.exitCode(), inject::toString);
      assertTrue(inject.err().contains("the JVM refused the new " + Samples.PRICING), inject::toString);
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
      assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
      assertEquals(before, Graft.classHash(target.pid(), Samples.PRICING));
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;")); // refused once only
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
    }
  }

  /** A script over two classes, the second refused: the first, which the JVM accepted, is rolled back too. */
  @Test
  void apply_oneClassRefused_rollsBackEveryClass() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      String pricing = Graft.classHash(target.pid(), Samples.PRICING);
      String loop = Graft.classHash(target.pid(), Samples.PRICING_LOOP);
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      ByteBuddyAgent.attach(RefusingAgent.jar().toFile(), String.valueOf(target.pid()), Samples.PRICING_LOOP);
      target.awaitStartingWith("refusing agent: armed");
      Path script = Files.createTempFile("two-classes", ".graft");
      Files.writeString(script, "inject " + Samples.PRICING + ":12 { rate = 0.37; }\n"
          + "inject " + Samples.PRICING_LOOP + "#describe:entry { order = order + 1000; }\n");
      Run apply = Graft.run("apply", target.pid(), script);
      assertEquals(4, apply.exitCode(), apply::toString);
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
      assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
      assertEquals(pricing, Graft.classHash(target.pid(), Samples.PRICING), "Pricing, accepted and rolled back");
      assertEquals(loop, Graft.classHash(target.pid(), Samples.PRICING_LOOP));
    }
  }

  /**
   * Another agent retransforms a patched class and hands on bytes graft cannot weave (line 12 moved away): the
   * JVM runs the class without the patch, and {@code graft list} says so, and why, instead of "active".
   */
  @Test
  void foreignRetransformation_thatCannotBeWoven_marksThePatchLost_inList() throws Exception {
    Path foreign = ForeignRetransformer.jar();
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + foreign)) {
      Run inject = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;");
      Graft.assertApplied(inject);
      String id = inject.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
      assertTrue(Graft.run("list", target.pid()).out().contains(" active "));

      ByteBuddyAgent.attach(foreign.toFile(), String.valueOf(target.pid()), Samples.PRICING + "=" + ForeignRetransformer.pricingMovedDown());
      target.awaitStartingWith("foreign agent: retransformed");
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"), "the JVM runs Pricing without the patch");
      Run list = Graft.run("list", target.pid());
      assertEquals(0, list.exitCode(), list::toString);
      assertTrue(list.out().matches("(?s).*\n" + id + " +inject +lost +" + Samples.PRICING.replace(".", "\\.") + ":12 .*"), list::toString);
      assertTrue(list.out().contains("warning: patch " + id + " is not in effect: a retransformation of " + Samples.PRICING + " at "), list::toString);
      assertTrue(list.out().contains("; revert it, or revert and inject it again"), list::toString);
      String lostBecause = Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches")
          .get(0).getAsJsonObject().get("lostBecause").getAsString();
      assertTrue(lostBecause.startsWith("a retransformation of " + Samples.PRICING + " at ") && lostBecause.contains(" could not weave it: "), lostBecause);

      Run revert = Graft.run("revert", target.pid(), id);
      assertEquals(0, revert.exitCode(), revert::toString);
      assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    }
  }
}
