package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code graft rebind} on the closures sample, one JVM per JDK. Its closures were created once, at start;
 * each round calls them all again, so a changed answer comes from the rebinding, not from new closures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RebindTests {
  static final String CLOSURES = Samples.CLOSURES;
  static final String ORIGINAL =
      "round threshold=6 greeting=hello,world,3 doubled=12 step=1 step=2 nested=7/8 scaled=70 constant=1 summary=hello+5 twin=4 twin=8";
  TargetJvm target;
  String outerHash;
  String anonymousHash;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.closures(jdk());
    assertEquals(ORIGINAL, round());
    outerHash = Graft.classHash(target.pid(), CLOSURES);
    anonymousHash = Graft.classHash(target.pid(), CLOSURES + "$1");
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(ORIGINAL, round());
  }

  String round() {
    return target.ask("next", "round");
  }

  Run rebind(String where, String binding, String... options) {
    return Graft.patch("rebind", target.pid(), where, binding, options);
  }

  void assertApplied(Run run) {
    Graft.assertApplied(run);
  }

  void assertRejected(Run run, String message) {
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains(message), () -> "expected stderr to contain\n  " + message + "\n" + run);
    assertEquals(ORIGINAL, round(), "a rejected rebinding changes nothing");
    assertEquals(outerHash, Graft.classHash(target.pid(), CLOSURES));
  }

  @Test
  void lambdaCapturingALocal_seesTheExpression_revertRestoresExactBytes() {
    Run run = rebind(CLOSURES + ":56", "threshold=99");
    assertApplied(run);
    assertTrue(run.out().contains(CLOSURES + "#lambda$build$0(int) (1 read)"), run::toString);
    assertEquals(ORIGINAL.replace("threshold=6", "threshold=99"), round());
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(ORIGINAL, round());
    assertEquals(outerHash, Graft.classHash(target.pid(), CLOSURES));
  }

  /** Rebinding what is rebound already: the later binding wins, and reverting it brings back the earlier. */
  @Test
  void secondRebindingOfACapture_wins_andItsRevertBringsBackTheFirst() {
    assertApplied(rebind(CLOSURES + ":56", "threshold=1"));
    Run second = rebind(CLOSURES + ":56", "threshold=2");
    assertApplied(second);
    assertEquals(ORIGINAL.replace("threshold=6", "threshold=2"), round());
    assertApplied(rebind(CLOSURES + ":58", "threshold=3"));
    Run anonymous = rebind(CLOSURES + ":58", "threshold=4");
    assertApplied(anonymous);
    assertEquals(ORIGINAL.replace("threshold=6", "threshold=2").replace("doubled=12", "doubled=8"), round());
    String id = second.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    String anonymousId = anonymous.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    assertEquals(0, Graft.run("revert", target.pid(), id, anonymousId).exitCode());
    assertEquals(ORIGINAL.replace("threshold=6", "threshold=1").replace("doubled=12", "doubled=6"), round());
  }

  @Test
  void lambdaCapturingSeveralLocalsAndThis_seesItsOtherCapturesAndSelf() {
    assertApplied(rebind(CLOSURES + ":57", "name=self.greeting.toUpperCase() + limit"));
    assertEquals(ORIGINAL.replace("greeting=hello,world,3", "greeting=hello,HELLO3,3"), round());
  }

  @Test
  void expression_isEvaluatedAtEachRead() {
    assertApplied(rebind(CLOSURES + ":56", "threshold=bonus++"));
    String first = round();
    String second = round();
    assertTrue(first.contains("threshold=5") && first.contains("summary=hello+6"), first);
    assertTrue(second.contains("threshold=6") && second.contains("summary=hello+7"), second);
    resetBonus();
  }

  /** Sets the sample's static field back, through graft itself: one call of summary() with bonus = 5 spliced in. */
  void resetBonus() {
    Graft.run("revert", target.pid(), "--all");
    assertApplied(Graft.run("inject", target.pid(), CLOSURES + "#summary:entry", "bonus = 5;"));
    round();
  }

  @Test
  void anonymousClass_capturingALocal_seesTheExpression() {
    Run run = rebind(CLOSURES + ":58", "threshold=threshold + 1");
    assertApplied(run);
    assertTrue(run.out().contains(CLOSURES + "$1#getAsInt() (1 read)"), run::toString);
    assertEquals(ORIGINAL.replace("doubled=12", "doubled=14"), round());
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(anonymousHash, Graft.classHash(target.pid(), CLOSURES + "$1"));
  }

  @Test
  void localClass_capturingAParameter_seesTheExpression() {
    assertApplied(rebind(CLOSURES + ":84", "base=3"));
    assertEquals(ORIGINAL.replace("scaled=70", "scaled=30"), round());
  }

  @Test
  void lambdaInALoop_capturingTheLoopVariable_allItsInstancesSeeTheExpression() {
    assertApplied(rebind(CLOSURES + ":71", "step=step * 10"));
    assertEquals(ORIGINAL.replace("step=1 step=2", "step=10 step=20"), round());
  }

  @Test
  void lambdasNestedInLambdas_theOuterAndTheInnerRebindApart() {
    assertApplied(rebind(CLOSURES + ":75", "inner=100"));
    assertEquals(ORIGINAL.replace("nested=7/8", "nested=7/100"), round());
    assertApplied(rebind(CLOSURES + ":73", "base=1"));
    assertEquals(ORIGINAL.replace("nested=7/8", "nested=1/100"), round());
  }

  @Test
  void staticFieldRead_inAMethod_seesTheExpression() {
    assertApplied(rebind(CLOSURES + "#summary", "Closures.bonus=42"));
    assertEquals(ORIGINAL.replace("summary=hello+5", "summary=hello+42"), round());
  }

  @Test
  void instanceFieldRead_inAMethod_seesTheExpression_andComposesWithAnInject() {
    assertApplied(rebind(CLOSURES + "#summary", "dev.graft.samples.closures.Closures.greeting=\"hi\""));
    assertApplied(Graft.run("inject", target.pid(), CLOSURES + "#summary:entry", "bonus = 6;"));
    assertEquals(ORIGINAL.replace("summary=hello+5", "summary=hi+6"), round());
    resetBonus();
  }

  @Test
  void expressionCompiledInTheCli_behavesAsCompiledInTheAgent() {
    assertApplied(rebind(CLOSURES + ":84", "base=3", "--compile-in", "cli"));
    assertEquals(ORIGINAL.replace("scaled=70", "scaled=30"), round());
  }

  @Test
  void dryRun_changesNothing() {
    Run run = rebind(CLOSURES + ":56", "threshold=1", "--dry-run");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("dry run: "), run::toString);
    assertEquals(ORIGINAL, round());
  }

  @Test
  void methodReference_isRejected() {
    assertRejected(rebind(CLOSURES + ":86", "x=1"), "a method reference (dev.graft.samples.closures.Closures::summary)");
  }

  @Test
  void closureCapturingNothing_isRejected() {
    assertRejected(rebind(CLOSURES + ":85", "x=1"), "creates a lambda (body lambda$more$");
    assertRejected(rebind(CLOSURES + ":85", "x=1"), "which captures nothing");
  }

  /** Two lambdas on one line, both capturing x: the error lists them, and --index picks one. */
  @Test
  void twoClosuresOnALine_captureTheSameName_indexPicksOne() {
    Run ambiguous = rebind(CLOSURES + ":96", "x=10");
    assertRejected(ambiguous, "several closures at line 96 of " + CLOSURES + " capture x: [0] a lambda (body lambda$pair$");
    assertTrue(ambiguous.err().contains("; pick one with --index K"), ambiguous::toString);
    Graft.assertApplied(rebind(CLOSURES + ":96", "x=10", "--index", "1"));
    assertEquals(ORIGINAL.replace("twin=4 twin=8", "twin=4 twin=20"), round());
  }

  @Test
  void nameNotCaptured_isRejected_listingWhatIs() {
    assertRejected(rebind(CLOSURES + ":57", "threshold=1"), "captures name, limit; not threshold");
  }

  @Test
  void lineWithoutClosure_isRejected_listingTheLinesThatHaveOne() {
    assertRejected(rebind(CLOSURES + ":55", "threshold=1"),
        "no lambda, anonymous or local class is created at line 55 of " + CLOSURES + "; lines that create closures: 56, 57, 58, 64, 71, 73, 74, 75, 77, 84, 85, 96");
  }

  @Test
  void expressionOfTheWrongType_isRejected() {
    assertRejected(rebind(CLOSURES + ":56", "threshold=\"six\""),
        "expression:1:1: error: incompatible types: java.lang.String cannot be converted to int");
  }

  @Test
  void fieldTheMethodNeverReads_isRejected() {
    assertRejected(rebind(CLOSURES + "#summary", "Closures.nothing=1"),
        CLOSURES + "#summary() never reads Closures.nothing; the fields it reads: " + CLOSURES + ".bonus, " + CLOSURES + ".greeting");
  }

  @Test
  void bindingWithoutAnExpression_isAUsageError() {
    Run run = rebind(CLOSURES + ":56", "threshold");
    assertEquals(2, run.exitCode(), run::toString);
    assertTrue(run.err().contains("write the binding as NAME=EXPR"), run::toString);
  }
}
