package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue: every case gets its exit code (DESIGN §2) and a message naming the problem,
 * and leaves the target as it was: the same class bytes (hash the JVM reports) and the same answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RejectionTests {
  static final String PRICING = Samples.PRICING;
  static final String PID = "<pid>";
  /** So deep that javac, in the agent's thread or the CLI's, runs out of stack on it: javac's failure, not graft's. */
  static final String TOO_DEEP = "rate = " + "(".repeat(50_000) + "0" + ")".repeat(50_000) + ";";
  static final String OUT_OF_STACK = "graft: snippet: error: compiling the snippet ran out of stack (java.lang.StackOverflowError): "
      + "split its deeply nested or very long expressions into several statements";
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

  static Stream<Arguments> catalogue() {
    return Stream.of(
        badInput("line without code", 1, "line 15 of " + PRICING + " has no code; nearest lines with code: 13, 17",
            "inject", PID, PRICING + ":15", "rate = 0;"),
        badInput("line past the end", 1, "line 500 is past the last line with code in " + PRICING + " (21)",
            "inject", PID, PRICING + ":500", "rate = 0;"),
        badInput("line outside the named method", 1, "line 15 is past the last line with code in " + PRICING + "#price(int,double) (13)",
            "inject", PID, PRICING + "#price:15", "rate = 0;"),
        badInput("unknown local", 1, "snippet:1:1: error: cannot find symbol",
            "inject", PID, PRICING + ":12", "rat = 0;"),
        badInput("unknown local lists the scope", 1, "in scope here: order (int), amount (double), rate (double)",
            "inject", PID, PRICING + ":12", "rat = 0;"),
        badInput("type error", 1, "snippet:1:8: error: incompatible types: java.lang.String cannot be converted to double",
            "inject", PID, PRICING + ":12", "rate = \"half\";"),
        badInput("error on the snippet's second line", 1, "snippet:2:1: error",
            "inject", PID, PRICING + ":12", "rate = 0.5;\nrat = 1;"),
        badInput("lambda in a snippet", 1, "snippet:1:14: a lambda cannot be spliced",
            "inject", PID, PRICING + ":12", "Runnable r = () -> {}; r.run();"),
        badInput("method reference in a snippet", 1, "a method reference cannot be spliced",
            "inject", PID, PRICING + ":12", "Runnable r = System.out::println; r.run();"),
        badInput("anonymous class in a snippet", 1, "an anonymous class cannot be spliced",
            "inject", PID, PRICING + ":12", "Object o = new Object() { };"),
        badInput("local class in a snippet", 1, "a local class cannot be spliced",
            "inject", PID, PRICING + ":12", "class Local { } rate = 0;"),
        badInput("unknown class", 1, "class dev.graft.samples.pricing.Pricng is not loaded in this JVM",
            "inject", PID, "dev.graft.samples.pricing.Pricng:12", "rate = 0;"),
        badInput("unknown class suggests a near name", 1, "loaded classes with a similar name: " + PRICING,
            "show", PID, "dev.graft.samples.pricing.Pricng"),
        badInput("unknown method", 1, "no method nope in " + PRICING + "; its methods: <init>(), price(int,double)",
            "inject", PID, PRICING + "#nope:entry", "rate = 0;"),
        badInput("unknown overload", 1, "no overload price(String) in " + PRICING + "; there are: price(int,double)",
            "inject", PID, PRICING + "#price(String):12", "rate = 0;"),
        badInput("abstract method", 1, "dev.graft.samples.pricing.Rounding#round(double) is abstract",
            "inject", PID, "dev.graft.samples.pricing.Rounding#round:entry", "value = 0;"),
        badInput("native method", 1, "java.lang.Object#hashCode() is native",
            "inject", PID, "java.lang.Object#hashCode:entry", "int x = 0;"),
        badInput("entry without a method", 2, "'entry' needs a method",
            "inject", PID, PRICING + ":entry", "rate = 0;"),
        badInput("target without a line", 2, "has no line",
            "inject", PID, PRICING, "rate = 0;"),
        badInput("no code at all", 2, "give the Java statements either as CODE or with -f FILE",
            "inject", PID, PRICING + ":12"),
        badInput("pid that is not a number", 2, "Invalid value for positional parameter at index 0 (PID)",
            "show", "four", PRICING),
        badInput("unknown command", 2, "Unmatched argument", "frobnicate", PID),
        badInput("no such process", 3, "no process 999999999 on this machine",
            "inject", "999999999", PRICING + ":12", "rate = 0;"),
        badInput("unknown patch id", 1, "no active patch 4242", "diff", PID, "4242"),
        badInput("revert of an unknown id", 1, "no active patch 4242", "revert", PID, "4242"),
        badInput("revert with ids and --all", 2, "name patch ids or --all, not both", "revert", PID, "1", "--all"),
        badInput("inject into an anonymous class", 1, "dev.graft.samples.pricing.Rounding$1 is an anonymous or local class: Java cannot name it",
            "inject", PID, "dev.graft.samples.pricing.Rounding$1#round:entry", "value = 1;"),
        badInput("unknown loader", 1, "no class loader is named or has an id '12ab'; the loaders of loaded classes: ", "show", PID, PRICING, "--loader", "12ab"),
        badInput("unknown local, compiled in the CLI", 1, "snippet:1:1: error: cannot find symbol",
            "inject", PID, PRICING + ":12", "rat = 0;", "--compile-in", "cli"),
        badInput("type error, compiled in the CLI", 1, "snippet:1:8: error: incompatible types",
            "inject", PID, PRICING + ":12", "rate = \"half\";", "--compile-in", "cli"),
        badInput("lambda, compiled in the CLI", 1, "snippet:1:14: a lambda cannot be spliced",
            "inject", PID, PRICING + ":12", "Runnable r = () -> {}; r.run();", "--compile-in", "cli"),
        badInput("snippet javac fails on", 1, OUT_OF_STACK,
            "inject", PID, PRICING + ":12", TOO_DEEP),
        badInput("snippet javac fails on, compiled in the CLI", 1, OUT_OF_STACK,
            "inject", PID, PRICING + ":12", TOO_DEEP, "--compile-in", "cli"),
        badInput("snippet too big", 1, "graft compiles at most 262144",
            "inject", PID, PRICING + ":12", "rate = 0;" + " ".repeat(300_000)));
  }

  private static Arguments badInput(String name, int exitCode, String message, String... args) {
    return Arguments.of(name, exitCode, message, List.of(args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void badInput_isRefusedWithItsExitCode_andTheTargetIsUnchanged(String name, int exitCode, String message, List<String> args) {
    List<Object> resolved = new ArrayList<>();
    args.forEach(arg -> resolved.add(arg.equals(PID) ? String.valueOf(target.pid()) : arg));
    Run run = Graft.run(resolved.toArray());
    assertEquals(exitCode, run.exitCode(), () -> name + ": " + run);
    assertTrue(run.err().contains(message), () -> name + ": expected stderr to contain\n  " + message + "\n" + run);
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING), name + ": class bytes changed");
    assertEquals(originalAnswer, target.ask("9", "order 9"), name + ": behaviour changed");
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"), name + ": a patch was registered");
  }
}
