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
 * Splices into the language constructs of the pricing sample's Workbench ("bench" on its stdin prints
 * what each method returns), one real JVM per JDK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InjectCasesTests {
  static final String BENCH = "dev.graft.samples.pricing.Workbench";
  static final String ORIGINAL = "bench sumTo=15 guarded=2.5/-2.0 max=b record=recorded1 reveal=10 calls=3";
  TargetJvm target;
  String originalHash;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    assertEquals(ORIGINAL, bench());
    originalHash = Graft.classHash(target.pid(), BENCH);
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
  }

  String bench() {
    return target.ask("bench", "bench");
  }

  void inject(String where, String code, String expected) {
    Run run = Graft.run("inject", target.pid(), where, code);
    assertEquals(0, run.exitCode(), run::toString);
    assertEquals(expected, bench(), where + " { " + code + " }");
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(ORIGINAL, bench());
    assertEquals(originalHash, Graft.classHash(target.pid(), BENCH), "reverted to identical bytes");
  }

  @Test
  void forHeaderLine_runsAtTheInitialiserAndBeforeEveryIncrement() {
    Run run = Graft.run("inject", target.pid(), BENCH + ":18", "sum = sum + 100;");
    assertTrue(run.out().contains("(2 splice points)"), run::toString);
    assertEquals(ORIGINAL.replace("sumTo=15", "sumTo=615"), bench(), "1 initialiser + 5 increments");
  }

  @Test
  void loopBodyLine_runsAtEveryIteration() {
    inject(BENCH + ":19", "sum += 1000;", ORIGINAL.replace("sumTo=15", "sumTo=5015"));
  }

  @Test
  void longLocal_twoSlots_isWritten() {
    inject(BENCH + ":21", "sum = 1L << 40;", ORIGINAL.replace("sumTo=15", "sumTo=1099511627776"));
  }

  @Test
  void finallyLine_runsOnEveryExitPath_withADoubleLocal() {
    inject(BENCH + ":31", "parsed = parsed * 10;", ORIGINAL.replace("guarded=2.5/-2.0", "guarded=25.0/-20.0"));
  }

  @Test
  void catchLine_runsWhenTheExceptionIsCaught() {
    inject(BENCH + ":29", "if (e != null) calls += 10;", ORIGINAL.replace("calls=3", "calls=13"));
  }

  @Test
  void constructorEntry_runsAfterTheSuperCall() {
    inject(BENCH + "#<init>:entry", "calls = 40;", ORIGINAL.replace("record=recorded1", "record=recorded41").replace("calls=3", "calls=43"));
  }

  @Test
  void privateFieldThroughSelf_inAnInstanceMethod() {
    inject(BENCH + ":42", "self.calls = 42;", ORIGINAL.replace("record=recorded1", "record=recorded42").replace("calls=3", "calls=44"));
  }

  @Test
  void genericMethod_typeVariableLocalsByTheirErasure() {
    inject(BENCH + ":38", "best = a;", ORIGINAL.replace("max=b", "max=a"));
  }

  @Test
  void voidMethod_earlyReturn() {
    inject(BENCH + ":42", "if (out != null) return;", ORIGINAL.replace("record=recorded1", "record="));
  }

  @Test
  void innerClass_readsItsOwnAndItsHostsPrivateMembers() {
    inject(BENCH + "$Inner:51", "shown = secret * 6 + Workbench.limit;", ORIGINAL.replace("reveal=10", "reveal=45"));
  }
}
