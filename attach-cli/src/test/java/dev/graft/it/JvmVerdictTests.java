package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A patch ASM's verifier passes and the JVM's refuses (the instance used in a constructor before its
 * super constructor has run): the dry run and the apply both refuse it with the JVM verifier's reason
 * (exit 4), and the target keeps its bytes and its answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JvmVerdictTests {
  static final String PRICING = Samples.PRICING;
  /** Line 7 is {@code private Pricing() {}}: its code starts with the call of Object's constructor. */
  static final String BEFORE_SUPER = PRICING + "#<init>:7";
  /**
   * Before super(...) the object is uninitialised: the JVM's verifier refuses any use of it (uninitializedThis
   * is not assignable to Object), which ASM's does not see. graft refuses it before that, at compile time:
   * {@code self} is not offered there. The JVM's verifier, asked at every dry run and apply, is the second
   * line (JvmVerifierTest, in the agent, checks its reasons on classes graft's pipeline can no longer make).
   */
  static final String REFUSAL = "the snippet runs before the constructor's super(...) or this(...) call, where the object is not "
      + "initialised yet (JEP 513)";
  TargetJvm target;
  String originalHash;
  String originalAnswer;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    originalAnswer = target.ask("9", "order 9");
    originalHash = Graft.classHash(target.pid(), PRICING);
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @Test
  void dryRun_ofWhatTheJvmWouldRefuse_refusesWithTheVerifiersReason() {
    assertRefusedAndUnchanged(Graft.patch("inject", target.pid(), BEFORE_SUPER, "self.hashCode();", "--dry-run"));
  }

  @Test
  void apply_ofWhatTheJvmWouldRefuse_refusesBeforeTheJvmSeesIt() {
    assertRefusedAndUnchanged(Graft.patch("inject", target.pid(), BEFORE_SUPER, "self.hashCode();"));
  }

  @Test
  void copyTheVerifierWasShown_isNoSecondClassOfThatName() {
    assertEquals(0, Graft.patch("inject", target.pid(), PRICING + ":12", "rate = 0;", "--dry-run").exitCode());

    Run show = Graft.run("show", target.pid(), "Pricing");

    assertEquals(0, show.exitCode(), show::toString);
    assertTrue(show.err().isEmpty() || !show.err().contains("class loaders"), show::toString);
  }

  private void assertRefusedAndUnchanged(Run run) {
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("error: cannot find symbol\n  symbol:   variable self") && run.err().contains(REFUSAL), run::toString);
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "class bytes changed");
    assertEquals(originalAnswer, target.ask("9", "order 9"), "behaviour changed");
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"), "a patch was registered");
  }
}
