package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code graft inject}, {@code list}, {@code diff}, {@code revert} against one real pricing sample JVM per
 * JDK. The sample prices the order number sent on its stdin: order 9 of amount 120 gets 90% off, 12.00.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InjectTests {
  static final String PRICING = Samples.PRICING;
  static final String ORDER_9 = "order 9 amount 120.00 total ";
  TargetJvm target;
  String originalHash;
  String reportedHash;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    assertEquals(ORDER_9 + "12.00", total9(), "the sample's unpatched answer");
    originalHash = Graft.classHash(target.pid(), PRICING);
    reportedHash = Graft.reportedBytecode(target.pid(), PRICING).get("bytecodeSha256").getAsString();
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    Run revert = Graft.run("revert", target.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
  }

  String total9() {
    return target.ask("9", "order 9");
  }

  Run inject(String where, String code, String... options) {
    return Graft.patch("inject", target.pid(), where, code, options);
  }

  void assertApplied(Run run) {
    Graft.assertApplied(run);
  }

  /** An empty snippet would change the class's bytes and nothing else: a usage error, the class untouched. */
  @Test
  void emptySnippet_isAUsageError_andChangesNothing() {
    for (String empty : List.of("", "  ", "// only a comment", "/* a */ ;")) {
      Run run = inject(PRICING + ":12", empty);
      assertEquals(2, run.exitCode(), run::toString);
      assertTrue(run.err().contains("the snippet is empty (nothing but blanks and comments)"), run::toString);
    }
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    assertEquals(ORDER_9 + "12.00", total9());
  }

  @Test
  void revertWithoutIds_namesTheActiveOnes() {
    Run first = inject(PRICING + ":12", "rate = rate;");
    assertApplied(first);
    String id = first.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    Run revert = Graft.run("revert", target.pid());
    assertEquals(2, revert.exitCode(), revert::toString);
    assertTrue(revert.err().contains("name the patches to revert, or --all; active: " + id), revert::toString);
    Run list = Graft.run("list", target.pid());
    assertTrue(list.out().contains(id + "    inject"), "nothing was reverted: " + list);
  }

  /** A dry run is no patch: the next patch gets the next id; the same patch twice is applied, with a note. */
  @Test
  void dryRunUsesNoId_samePatchTwiceIsNoted_listShowsEachPatchsCode() {
    Run first = inject(PRICING + ":12", "if (rate > 0.5) rate = 0.5;");
    assertApplied(first);
    int id = Integer.parseInt(first.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1"));
    Run dry = inject(PRICING + ":12", "rate = rate * 1;", "--dry-run");
    assertEquals(0, dry.exitCode(), dry::toString);
    Run again = inject(PRICING + ":12", "if (rate > 0.5) rate = 0.5;");
    assertApplied(again);
    assertTrue(again.out().contains("patch " + (id + 1) + " applied"), "the dry run used up no id: " + again);
    assertTrue(again.out().contains("note: the same code is already patched in at " + PRICING + ":12 as patch " + id), again::toString);
    Run other = inject(PRICING + ":12", "rate = Math.min(rate, 0.75); // a second patch of the same line, told apart by its code");
    assertApplied(other);
    Run list = Graft.run("list", target.pid());
    assertTrue(list.out().contains(" CODE\n"), list::toString);
    assertTrue(list.out().contains("if (rate > 0.5) rate = 0.5;\n"), list::toString);
    assertTrue(list.out().contains("rate = Math.min(rate, 0.75); // a second patch …\n"), "abridged to one short line: " + list);
  }

  @Test
  void classes_listsLoadedClassesMatchingAGlob_withLoadersAndMethods() {
    Run simple = Graft.run("classes", target.pid(), "Pric*");
    assertEquals(0, simple.exitCode(), simple::toString);
    assertTrue(simple.out().contains(PRICING + " ") && simple.out().contains("loader app"), simple::toString);
    assertTrue(simple.out().contains(PRICING + "Loop "), "a simple-name glob: " + simple);
    Run full = Graft.run("classes", target.pid(), "dev.graft.samples.*.Pricing", "--methods");
    assertTrue(full.out().contains("price(int,double)  lines "), full::toString);
    assertFalse(full.out().contains("PricingLoop"), "* stops at a dot, and the name is whole: " + full);
    Run graftsOwn = Graft.run("classes", target.pid(), "dev.graft.**");
    assertFalse(graftsOwn.out().contains("dev.graft.agent") || graftsOwn.out().contains("dev.graft.shaded"), graftsOwn::toString);
    Run none = Graft.run("classes", target.pid(), "Zzyzx*");
    assertEquals(0, none.exitCode(), none::toString);
    assertTrue(none.out().contains("no loaded class matches Zzyzx*"), none::toString);
  }

  /** {@code -v} says where the time went, on stderr: the client's phases and the agent's, with its CPU time. */
  @Test
  void verbose_saysWhereTheTimeGoes() {
    Run inAgent = inject(PRICING + ":12", "rate = rate;", "-v", "--compile-in", "agent");
    assertApplied(inAgent);
    assertTrue(inAgent.err().matches("(?s).*graft: 'inject' answered in \\d+ ms \\(agent: resolve the site \\d+ ms, compile in the target \\d+ ms, "
        + ".*weave and verify \\d+ ms, retransform \\d+ ms, .*agent CPU \\d+ ms\\).*"), inAgent::toString);
    Run inCli = inject(PRICING + ":12", "rate = rate;", "-v", "--compile-in", "cli");
    assertApplied(inCli);
    assertTrue(inCli.err().matches("(?s).*graft: compiled the snippet here in \\d+ ms.*"), inCli::toString);
    assertFalse(inCli.err().contains("compile in the target"), inCli::toString);
    assertFalse(inCli.out().contains("answered in"), "verbose lines go to stderr only: " + inCli);
  }

  /** CLASS#METHOD:exit runs before every return, with the value returned as result, which it may change. */
  @Test
  void exit_seesAndChangesTheValueReturned() {
    Run run = inject(PRICING + "#price:exit", "if (order == 9) result = result + 1000;");
    assertApplied(run);
    assertTrue(run.out().contains("note: at the exit, result is the value being returned (double)"), run::toString);
    assertEquals(ORDER_9 + "1012.00", total9());
    assertEquals("order 3 amount 130.00 total 91.00", target.ask("3", "order 3"));
    Run rate = inject(PRICING + "#discountRate:exit", "if (result > 0.5) result = 0.5;", "--compile-in", "cli");
    assertApplied(rate);
    assertEquals(ORDER_9 + "1060.00", total9(), "both exits, each its own method");
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(ORDER_9 + "12.00", total9());
    Run noMethod = inject(PRICING + ":exit", "result = 0;");
    assertEquals(2, noMethod.exitCode(), noMethod::toString);
    assertTrue(noMethod.err().contains("'exit' needs a method, CLASS#METHOD:exit"), noMethod::toString);
  }

  /**
   * {@code --on-throw}: the exit's code also runs when an exception leaves the method, with {@code thrown};
   * the exception goes on unchanged, whatever the snippet returns or throws there.
   */
  @Test
  void exit_onThrow_runsAlsoWhenAnExceptionLeaves_andTheExceptionGoesOnUnchanged() {
    // String.format, not +: a string concatenation's invokedynamic, once run, leaves the class's bytes different after a revert
    assertApplied(inject(PRICING + ":12", "if (order == 13) throw new IllegalStateException(\"boom 13\");"));
    Run run = inject(PRICING + "#price:exit", "System.out.println(String.format(\"exit of %d: result %s, thrown %s\", order, result, thrown));"
        + " if (thrown != null) return 99.0;", "--on-throw");
    assertApplied(run);
    assertTrue(run.out().contains("note: with --on-throw, the code also runs when an exception leaves the method: thrown is that exception "
        + "(null at a return), result is 0 or null there, and the exception goes on unchanged; only the parameters are in scope"), run::toString);
    assertEquals("exit of 13: result 0.0, thrown java.lang.IllegalStateException: boom 13", target.ask("13", "exit of"));
    assertEquals("error: java.lang.IllegalStateException: boom 13", target.awaitStartingWith("error:"), "the snippet's return swallows nothing");
    assertEquals("exit of 9: result 12.0, thrown null", target.ask("9", "exit of"), "at a return, thrown is null");
    assertEquals(ORDER_9 + "12.00", target.awaitStartingWith("order 9"));

    Run rethrows = inject(PRICING + "#price:exit", "if (thrown != null) throw new RuntimeException(\"replaced\");", "--on-throw");
    assertApplied(rethrows);
    assertEquals("error: java.lang.IllegalStateException: boom 13", target.ask("13", "error:"), "a throw there is caught and counted, not thrown");
    String id = rethrows.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    for (var patch : Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches")) {
      if (patch.getAsJsonObject().get("id").getAsString().equals(id)) {
        assertEquals(1, patch.getAsJsonObject().get("exceptionsCaught").getAsLong());
      }
    }

    Run notAnExit = inject(PRICING + ":12", "rate = 0.5;", "--on-throw");
    assertEquals(2, notAnExit.exitCode(), notAnExit::toString);
    assertTrue(notAnExit.err().contains("--on-throw goes with a method's exit, CLASS#METHOD:exit; " + PRICING + ":12 is not one"), notAnExit::toString);
    Run local = inject(PRICING + "#price:exit", "System.out.println(rate);", "--on-throw");
    assertEquals(1, local.exitCode(), "rate is not in scope where the exception may come from: " + local);
    assertTrue(local.err().contains("cannot find symbol") && local.err().contains("rate"), local::toString);
  }

  /** Beside a method's own try/catch/finally (which still catches first) and at a long-returning exit. */
  @Test
  void exit_onThrow_besideTheMethodsOwnHandlers_andAtALongExit() {
    assertTrue(target.ask("bench", "bench").startsWith("bench sumTo=15 guarded=2.5/-2.0 "));
    assertApplied(inject("dev.graft.samples.pricing.Workbench#guarded:exit", "if (thrown == null) result = result + 100;", "--on-throw"));
    assertApplied(inject("dev.graft.samples.pricing.Workbench#sumTo:exit", "result = result * 2;", "--on-throw"));
    String bench = target.ask("bench", "bench");
    assertTrue(bench.startsWith("bench sumTo=30 guarded=102.5/98.0 "), "the parse error is caught by guarded's own catch: " + bench);
  }

  /** In a constructor the handler starts after the super() call, which no handler may cover. */
  @Test
  void exit_onThrow_inAConstructor_seesWhatItsBodyThrows() {
    assertApplied(inject(PRICING + ":12", "if (order >= 100) new Coupon(order - 100);", "--propagate"));
    assertEquals("order 105 amount 100.00 total 50.00", target.ask("105", "order 105"), "Coupon loads: a coupon of 5% is fine");
    Run run = inject("dev.graft.samples.pricing.Coupon#<init>:exit", "System.out.println(\"coupon of \" + percent + \": thrown \" + thrown);",
        "--on-throw");
    assertApplied(run);
    assertEquals("coupon of 60: thrown java.lang.IllegalArgumentException: coupon over 50%: 60", target.ask("160", "coupon of"));
    assertEquals("error: java.lang.IllegalArgumentException: coupon over 50%: 60", target.awaitStartingWith("error:"));
    assertEquals("coupon of 7: thrown null", target.ask("107", "coupon of"));
  }

  @Test
  void eachCommandOffersOnlyItsOwnOptions() {
    Run ps = Graft.run("ps", "--help");
    assertEquals(0, ps.exitCode(), ps::toString);
    assertFalse(ps.out().contains("--loader") || ps.out().contains("--compile-in"), ps::toString);
    Run list = Graft.run("list", "--help");
    assertFalse(list.out().contains("--loader") || list.out().contains("--compile-in"), list::toString);
    Run show = Graft.run("show", "--help");
    assertTrue(show.out().contains("--loader") && !show.out().contains("--compile-in"), show::toString);
    Run inject = Graft.run("inject", "--help");
    assertTrue(inject.out().contains("--loader") && inject.out().contains("--compile-in"), inject::toString);
    Run unknown = Graft.run("ps", "--compile-in", "cli");
    assertEquals(2, unknown.exitCode(), unknown::toString);
  }

  @Test
  void inject_capsRate_changesAnswer_revertRestoresExactBytes() {
    Run run = inject(PRICING + ":12", "if (rate > 0.5) rate = 0.5;");
    assertApplied(run);
    assertTrue(run.out().contains("in " + PRICING + "#price(int,double) (1 splice point)"), run::toString);
    assertEquals(ORDER_9 + "60.00", total9());
    assertEquals("order 3 amount 130.00 total 91.00", target.ask("3", "order 3"), "rates under the cap are untouched");
    assertNotEquals(originalHash, Graft.classHash(target.pid(), PRICING), "while patched the JVM runs other bytes");
    JsonObject reported = Graft.reportedBytecode(target.pid(), PRICING);
    assertTrue(reported.get("bytecode").getAsString().contains("LDC 0.5D"), "show --bytecode shows the patch");
    assertNotEquals(reportedHash, reported.get("bytecodeSha256").getAsString(), "graft reports the patched bytes");

    Run list = Graft.run("list", target.pid());
    assertTrue(list.out().contains(PRICING + ":12"), list::toString);
    assertTrue(list.out().contains("agent log: "), list::toString);
    String id = run.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1");
    Run diff = Graft.run("diff", target.pid(), id);
    assertEquals(0, diff.exitCode(), diff::toString);
    assertTrue(diff.out().contains("+    LDC 0.5D") && diff.out().contains("+    DSTORE 3"), diff::toString);

    Run revert = Graft.run("revert", target.pid(), id);
    assertEquals(0, revert.exitCode(), revert::toString);
    assertEquals(ORDER_9 + "12.00", total9());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "after revert the JVM reports the original bytes");
    assertEquals(reportedHash, Graft.reportedBytecode(target.pid(), PRICING).get("bytecodeSha256").getAsString(),
        "graft reports the original bytes again");
    String log = agentLog();
    String client = "\\(" + thisClient() + "\\)";
    for (String expected : List.of("patch " + id + " applied: inject " + PRICING + ":12 `if (rate > 0.5) rate = 0.5;`",
        "patch " + id + " reverted: inject " + PRICING + ":12 `if (rate > 0.5) rate = 0.5;`",
        "--- before: price(ID)D", "--- after: price(ID)D", "+    LDC 0.5D")) {
      assertTrue(log.contains(expected), "the agent log holds: " + expected);
    }
    String revertLine = log.lines().filter(line -> line.contains("patch " + id + " reverted: ")).findFirst().orElseThrow();
    assertTrue(revertLine.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z INFO  \\[graft-channel\\] CommandHandler "
        + client + " - patch .*"), "UTC time, as list prints it, and the client (uid, pid): " + revertLine);
  }

  @Test
  void inject_rejected_isLoggedOnce_withItsClient() {
    String marker = "no code; nearest lines with code: 13, 17";
    long before = agentLog().lines().filter(line -> line.contains(marker)).count();
    Run run = inject(PRICING + ":15", "rate = 0;");
    assertEquals(1, run.exitCode(), run::toString);
    List<String> logged = agentLog().lines().filter(line -> line.contains(marker)).skip(before).toList();
    assertEquals(1, logged.size(), () -> "one entry for one refusal: " + logged);
    assertTrue(logged.get(0).matches(".* CommandHandler \\(" + thisClient() + "\\) - rejected: line 15 of "
        + java.util.regex.Pattern.quote(PRICING) + " has no code.*"), logged::toString);
  }

  @Test
  void inject_simpleClassName_takesTheOneLoadedClassOfThatName_andSaysWhich() {
    Run run = inject("Pricing:12", "rate = 0.37;");
    assertApplied(run);
    assertTrue(run.out().contains("patch " + run.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1") + " applied: " + PRICING + ":12 in "
        + PRICING + "#price(int,double)"), run::toString);
    assertEquals(ORDER_9 + "75.60", total9());
    Run ambiguous = Graft.run("show", target.pid(), "Handler"); // the JDK's URL handlers: file, jar, jrt...
    assertEquals(1, ambiguous.exitCode(), ambiguous::toString);
    assertTrue(ambiguous.err().contains("Handler names ") && ambiguous.err().contains("sun.net.www.protocol.file.Handler")
        && ambiguous.err().contains("; write the one you mean in full"), ambiguous::toString);
  }

  @Test
  void inject_compiledInTheCli_behavesAsCompiledInTheAgent() {
    assertApplied(inject(PRICING + ":12", "if (rate > 0.5) rate = priced >= 0 ? 0.5 : 0;", "--compile-in", "cli"));
    assertEquals(ORDER_9 + "60.00", total9());
  }

  /**
   * How the agent's log names the client, as a pattern: the user, its uid and the pid of the JVM that runs
   * the CLI (this one; through the launcher, a process of its own, whose pid the test does not know).
   */
  static String thisClient() {
    Path self = Path.of("/proc/self");
    try {
      String pid = System.getProperty(Graft.LAUNCHER_JDK) == null ? String.valueOf(ProcessHandle.current().pid()) : "\\E\\d+\\Q";
      return "\\Qclient " + Files.getOwner(self).getName() + " (uid " + Files.getAttribute(self, "unix:uid") + "), pid " + pid + "\\E";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String agentLog() {
    return Graft.agentLog(target.pid());
  }

  /** Concatenation compiles to StringBuilder calls: no invokedynamic is spliced, so nothing of it stays after the revert. */
  @Test
  void inject_stringConcatenation_runs_andRevertRestoresExactBytes() {
    assertApplied(inject(PRICING + ":12", "if (order == 13) System.out.println(\"seen \" + order + \" at \" + rate);"));
    assertEquals("seen 13 at 0.30000000000000004", target.ask("13", "seen 13"));
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), "after revert the JVM reports the original bytes");
  }

  @Test
  void inject_dryRun_changesNothing() {
    Run run = inject(PRICING + ":12", "rate = 0;", "--dry-run");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().startsWith("dry run: "), run::toString);
    assertEquals(ORDER_9 + "12.00", total9());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
  }

  @Test
  void inject_twoPatchesOnOneLine_runInOrder_revertOneKeepsTheOther() {
    Run first = inject(PRICING + ":12", "rate = 0.5;");
    Run second = inject(PRICING + ":12", "rate = rate / 2;");
    assertApplied(first);
    assertApplied(second);
    assertEquals(ORDER_9 + "90.00", total9(), "0.5, then halved: 0.25");
    Run diff = Graft.run("diff", target.pid(), second.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1"));
    assertTrue(diff.out().contains("+    DDIV"), "the second patch's diff shows its halving: " + diff);
    assertFalse(diff.out().contains("+    LDC 0.5D"), "and not the first patch's change: " + diff);
    Run revert = Graft.run("revert", target.pid(), first.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1"));
    assertEquals(0, revert.exitCode(), revert::toString);
    assertEquals(ORDER_9 + "66.00", total9(), "only the halving is left: 0.45");
    Graft.run("revert", target.pid(), "--all");
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void inject_returnStatement_returnsFromTheMethod() {
    assertApplied(inject(PRICING + ":13", "return 1.5;"));
    assertEquals(ORDER_9 + "1.50", total9());
  }

  @Test
  void inject_entry_runsBeforeTheFirstLine() {
    assertApplied(inject(PRICING + "#price:entry", "amount = 1000;"));
    assertEquals("order 9 amount 120.00 total 100.00", total9());
  }

  @Test
  void inject_overloadByParameterTypes_andPrivateStaticField() {
    assertApplied(inject(PRICING + "#price(int,double):12", "rate = priced > 0 ? 0.25 : 0.75;"));
    assertEquals(ORDER_9 + "90.00", total9());
  }

  @Test
  void inject_exceptionInSnippet_isCaughtCounted_andTheMethodGoesOn() {
    assertApplied(inject(PRICING + ":12", "Object nothing = null; nothing.hashCode(); rate = 0;"));
    assertEquals(ORDER_9 + "12.00", total9(), "the line after the failing call never ran; the method did");
    total9();
    JsonObject patch = Graft.run("list", target.pid(), "--json").json().getAsJsonObject()
        .getAsJsonArray("patches").get(0).getAsJsonObject();
    assertEquals(2, patch.get("exceptionsCaught").getAsLong(), patch::toString);
  }

  @Test
  void inject_throwStatement_propagates() {
    assertApplied(inject(PRICING + ":12", "if (order == 9) throw new IllegalStateException(\"injected\");"));
    assertEquals("error: java.lang.IllegalStateException: injected", target.ask("9", "error"));
    assertEquals("order 3 amount 130.00 total 91.00", target.ask("3", "order 3"));
  }

  @Test
  void inject_propagate_letsOtherExceptionsThrough() {
    assertApplied(inject(PRICING + ":12", "Object nothing = null; nothing.hashCode();", "--propagate"));
    assertTrue(target.ask("9", "error").startsWith("error: java.lang.NullPointerException"));
  }

  @Test
  void inject_methodRunningOnAThread_saysItsFrameKeepsOldCode() {
    Run run = inject("dev.graft.samples.pricing.PricingLoop#answerStdin(Load):entry", "int unused = 0;");
    assertApplied(run);
    assertTrue(run.out().contains("running now in thread(s) main"), run::toString);
    assertTrue(run.out().contains("keeps the old code until the method is entered again"), run::toString);
  }

  @Test
  void inject_jsonOutput_isOneDocument() {
    Run run = inject(PRICING + ":12", "rate = 0.5;", "--json");
    assertEquals(0, run.exitCode(), run::toString);
    JsonObject result = run.json().getAsJsonObject();
    assertEquals(PRICING + ":12", result.get("target").getAsString());
    assertEquals(1, result.get("splicePoints").getAsInt());
  }
}
