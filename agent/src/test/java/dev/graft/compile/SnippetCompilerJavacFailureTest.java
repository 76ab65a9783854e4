package dev.graft.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.compile.targets.Teller;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.PatchTarget;
import dev.graft.compile.SnippetCompiler.Job;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.testing.SnippetCompiler;
import dev.graft.testing.TestClassSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import net.bytebuddy.agent.ByteBuddyAgent;
import org.junit.jupiter.api.Test;

/**
 * A snippet javac fails on in itself (here: parentheses nested so deep that javac's recursive parser or
 * attribution runs out of stack, on JDK 17 and 25 alike) is that snippet's compile error, exit 1, never graft's internal error;
 * javac's "exception in the compiler" banner does not reach stderr (in the agent: the target's).
 */
class SnippetCompilerJavacFailureTest {
  private static final PatchTarget PAY = PatchTarget.parse(Teller.class.getName() + "#pay:entry");
  /** Nested deep enough for javac (its parser or attribution) to run out of a thread's default stack, before graft's own checks do. */
  private static final String TOO_DEEP = "amount = " + "(".repeat(3_000) + "1" + ")".repeat(3_000) + ";";
  /** Too long even for graft's scan of the parsed tree (SnippetChecks), which runs before javac's attribution. */
  private static final String FAR_TOO_DEEP = "amount = 1" + "+1".repeat(20_000) + ";";
  private static final String OUT_OF_STACK = "snippet: error: compiling the snippet ran out of stack (java.lang.StackOverflowError): "
      + "split its deeply nested or very long expressions into several statements";

  @Test
  void snippetJavacFailsOn_isACompileErrorOfTheSnippet() {
    assertRejected(OUT_OF_STACK, JavacTasks.fresh(), TOO_DEEP);
  }

  @Test
  void snippetJavacFailsOn_keepsWhatJavacThrew() {
    GraftException rejected = assertThrows(GraftException.class, () -> SnippetCompiler.compile(Teller.class, PAY, TOO_DEEP));
    assertEquals(StackOverflowError.class, rejected.getCause().getClass());
    List<String> frames = Arrays.stream(rejected.getCause().getStackTrace()).map(StackTraceElement::getClassName).toList();
    // the innermost frames (a StackOverflowError keeps the top 1024): javac's, none of graft's code
    assertTrue(frames.get(0).startsWith("com.sun.tools.javac.") || frames.get(0).startsWith("java."), () -> "javac failed: " + frames.get(0));
    assertTrue(frames.stream().noneMatch(name -> name.startsWith("dev.graft.")), "javac itself, not graft's code, failed");
  }

  @Test
  void snippetTooDeepForGraftsOwnChecks_isACompileErrorOfTheSnippetToo() {
    assertRejected(OUT_OF_STACK, JavacTasks.fresh(), FAR_TOO_DEEP);
  }

  @Test
  void snippetJavacFailsOn_inAKeptContext_isACompileErrorAndTheNextCompileWorks() {
    JavacTasks contexts = ReusedJavacContexts.open(ByteBuddyAgent.install());
    assertRejected(OUT_OF_STACK, contexts, TOO_DEEP);
    SnippetCompiler.compile(contexts, Teller.class, PAY, "amount = amount + 1;");
  }

  @Test
  void snippetJavacFailsOn_printsNothingOnStderr() {
    PrintStream stderr = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true));
    try {
      assertThrows(GraftException.class, () -> SnippetCompiler.compile(Teller.class, PAY, TOO_DEEP));
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", printed.toString());
  }

  @Test
  void scriptWithASnippetJavacFailsOn_blamesThatSnippetAndCompilesTheOthers() {
    SiteInfo site = SnippetCompiler.site(Teller.class, PAY);
    List<dev.graft.compile.SnippetCompiler.Outcome> outcomes = new dev.graft.compile.SnippetCompiler().compileTogether(TestClassSource.INSTANCE,
        List.of(new Job(site, "amount = amount + 1;", false), new Job(site, TOO_DEEP, false), new Job(site, "amount = 2;", false)));

    assertEquals(null, outcomes.get(0).failure());
    assertEquals(OUT_OF_STACK, outcomes.get(1).failure().getMessage());
    assertEquals(null, outcomes.get(2).failure());
  }

  @Test
  void javacsOwnAssertionError_isReportedWithWhatJavacThrew() {
    JavacCrash crash = assertThrows(JavacCrash.class, () -> JavacCrash.guard(() -> {
      throw new IllegalStateException(new AssertionError("Unexpected tree: (ERROR)"));
    }));
    assertEquals("expression: error: javac failed in itself compiling the expression (java.lang.AssertionError: Unexpected tree: (ERROR)): "
        + "a javac bug this expression runs into; write it another way", crash.messageFor("expression"));
  }

  @Test
  void illegalStateWithoutACauseFromJavac_isNotTakenForItsFailure() throws IOException {
    IllegalStateException misuse = new IllegalStateException("task already used");
    assertEquals(misuse, assertThrows(IllegalStateException.class, () -> JavacCrash.guard(() -> {
      throw misuse;
    })));
  }

  private static void assertRejected(String message, JavacTasks tasks, String snippet) {
    GraftException rejected = assertThrows(GraftException.class, () -> SnippetCompiler.compile(tasks, Teller.class, PAY, snippet));
    assertEquals(ExitCodes.REJECTED, rejected.exitCode(), rejected::toString);
    assertEquals(message, rejected.getMessage());
  }
}
