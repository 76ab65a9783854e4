package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.ConsoleProcess;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import dev.graft.it.support.Tmux;
import dev.graft.it.support.Jdks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code graft console PID} driven as a script drives it, from its stdin (no terminal): the commands as
 * graft's without the PID, a snippet over several lines in braces, a watch, the exit code, the question at
 * exit. The pricing sample prices the order sent on its stdin (rate (order % 10) / 10, amount 100 + (order % 7) * 10).
 */
abstract class ConsoleTests extends PricingTargetTests {
  static final String PRICING_RE = PRICING.replace(".", "\\.");

  @Test
  void aScriptedSession_injectsListsWatchesReverts_andRevertOnExitLeavesTheClassAsItWas() throws Exception {
    try (ConsoleProcess console = ConsoleProcess.start(target.pid(), "--revert-on-exit")) {
      console.send("inject Pricing:12 'rate = 0.5;'");
      String first = console.awaitStartingWith("patch ");
      assertTrue(first.matches("patch \\d+ applied: " + PRICING_RE + ":12 in " + PRICING_RE + "#price\\(int,double\\) \\(1 splice point\\)"),
          console::toString);
      String firstId = first.split(" ")[1];
      assertEquals("order 3 amount 130.00 total 65.00", target.ask("3", "order 3"));

      console.send("list");
      String row = console.await(line -> line.startsWith(firstId + " "));
      assertTrue(row.matches(firstId + "\\s+inject\\s+active\\s+" + PRICING_RE + ":12\\s+.*\\s+0\\s+-\\s+rate = 0\\.5;"), row);
      console.awaitStartingWith("agent log: ");

      console.send("inject Pricing:13 {");
      console.send("  if (total > 10)");
      console.send("    total = 10;");
      console.send("}");
      String second = console.awaitStartingWith("patch ");
      assertTrue(second.matches("patch \\d+ applied: " + PRICING_RE + ":13 in .*"), console::toString);
      String secondId = second.split(" ")[1];
      assertEquals("order 4 amount 140.00 total 10.00", target.ask("4", "order 4"));

      console.send("watch Pricing:13 total order --count 2");
      console.awaitStartingWith("watching ");
      target.ask("5", "order 5");
      target.ask("6", "order 6");
      // the watch runs after the block at the same line, which was applied first: it sees the capped total
      assertTrue(console.await(line -> line.contains("] total=")).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d{3} \\[main\\] total=10\\.0 order=5"),
          console::toString);
      assertTrue(console.awaitStartingWith("watch ended: ").matches("watch ended: 2 hits, 2 shown; patch \\d+ reverted"), console::toString);

      console.send("revert " + firstId);
      assertEquals("reverted: " + firstId, console.awaitStartingWith("reverted: "));
      assertEquals("order 7 amount 100.00 total 10.00", target.ask("7", "order 7"), "the block is still applied");

      console.send("exit");
      assertEquals("reverted: " + secondId, console.awaitStartingWith("reverted: "), "--revert-on-exit reverts what is left, unasked");
      assertEquals(0, console.exitCode(), console::toString);
      // no error; a note at most (JDK 21+: the console's attach made the target warn, JEP 451)
      assertEquals(List.of(), console.err().lines().filter(line -> !line.startsWith("note: ")).toList(), console::toString);
    }
    assertEquals("order 5 amount 150.00 total 75.00", target.ask("5", "order 5"));
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    // the agent looks javac up (a dozen classes: the tool, its file manager, the task pool); a compile loads
    // javac's attribution and code generation, a thousand classes more, none of which the target has
    String loaded = loadedClasses();
    assertFalse(loaded.contains("com.sun.tools.javac.comp.Attr/") || loaded.contains("com.sun.tools.javac.jvm.Gen/"),
        "the console compiled in its own javac: the target never compiled");
  }

  /** Every class the target has loaded, as the JDK's own jcmd lists them (not through graft). */
  private String loadedClasses() throws Exception {
    Process jcmd = new ProcessBuilder(Jdks.home(jdk()).resolve("bin/jcmd").toString(), String.valueOf(target.pid()), "VM.class_hierarchy")
        .redirectErrorStream(true).start();
    String out = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, jcmd.waitFor(), out);
    assertTrue(out.contains("dev.graft.samples.pricing.Pricing"), out.length() > 2000 ? out.substring(0, 2000) : out);
    return out;
  }

  @Test
  void aFailingCommand_givesTheScriptItsExitCode_theOthersStillRun_andExitAsksOnStdin() {
    try (ConsoleProcess console = ConsoleProcess.start(target.pid())) {
      console.send("inject Pricing:12 'nosuch = 1;'");
      console.send("inject Pricing:12 'rate = 0.2;'");
      String applied = console.awaitStartingWith("patch ");
      String id = applied.split(" ")[1];
      assertEquals("order 9 amount 120.00 total 96.00", target.ask("9", "order 9"));
      console.send("exit");
      console.send("y");
      assertEquals("this session applied patch " + id + " to JVM " + target.pid() + "; revert it before leaving? [y/N] y",
          console.await(line -> line.startsWith("this session applied")));
      assertEquals("reverted: " + id, console.awaitStartingWith("reverted: "));
      assertEquals(1, console.exitCode(), "the last failing command's exit code (1: rejected); " + console);
      assertTrue(console.err().startsWith("graft: snippet:1:1: error: cannot find symbol\n"), console::toString);
      assertTrue(console.err().endsWith("graft: the console's last failing command exited 1\n"), console::toString);
    }
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  /** The site of a target is asked once a session: the second inject at it (-v says so) asks the agent only to inject. */
  @Test
  void aTargetsSite_isAskedOncePerSession() {
    try (ConsoleProcess console = ConsoleProcess.start(target.pid(), "--revert-on-exit")) {
      console.send("inject Pricing:12 'rate = 0.2;' -v");
      String first = console.awaitStartingWith("patch ").split(" ")[1];
      console.send("revert " + first);
      console.awaitStartingWith("reverted: ");
      console.send("inject Pricing:12 'rate = 0.3;' -v");
      String second = console.awaitStartingWith("patch ").split(" ")[1];
      assertEquals("order 9 amount 120.00 total 84.00", target.ask("9", "order 9"), "the second inject took effect");
      console.send("revert " + second);
      console.awaitStartingWith("reverted: " + second);
      assertEquals(2, console.err().lines().filter(line -> line.startsWith("graft: 'inject' answered in ")).count(), console::toString);
      assertEquals(1, console.err().lines().filter(line -> line.startsWith("graft: 'site' answered in ")).count(), console::toString);
    }
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void revertOnExit_revertsToo_whenTheConsoleIsEndedBySigterm() {
    try (ConsoleProcess console = ConsoleProcess.start(target.pid(), "--revert-on-exit")) {
      console.send("inject Pricing:12 'rate = 0.2;'");
      String id = console.awaitStartingWith("patch ").split(" ")[1];
      assertEquals(143, console.terminate(), "128 + SIGTERM; " + console);
      assertTrue(console.out().endsWith("reverted: " + id + "\n"), console::toString);
    }
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void exit_answeredNo_keepsThePatches_andSaysHowToRevertThem() {
    try (ConsoleProcess console = ConsoleProcess.start(target.pid())) {
      console.send("inject Pricing:12 'rate = 0.2;'");
      String id = console.awaitStartingWith("patch ").split(" ")[1];
      console.send("exit");
      console.send("n");
      assertEquals("kept patch " + id + " in JVM " + target.pid() + "; revert later with: graft revert " + target.pid() + " " + id,
          console.awaitStartingWith("kept "));
      assertEquals(0, console.exitCode(), console::toString);
    }
    assertEquals("order 9 amount 120.00 total 96.00", target.ask("9", "order 9"), "the patch stays");
  }

  /**
   * The console as a person uses it, in a terminal (tmux): Tab completes a class, {@code #method}, a line
   * with code and a local inside the snippet; a watch streams above the prompt until Ctrl-C, which leaves
   * the console running; exit asks about the session's patch, and yes reverts it. History goes to the home.
   */
  @Test
  void inATerminal_tabCompletes_ctrlCEndsAWatchNotTheConsole_exitAsksAndReverts() throws Exception {
    Path home = Files.createTempDirectory("graft-console-home");
    String prompt = "graft " + target.pid() + "> ";
    String console = Jdks.java(17) + " -Duser.home=" + home + " -Dgraft.agent.jar=" + System.getProperty("graft.agent.jar")
        + " -jar " + Graft.cliJar() + " console " + target.pid() + "; echo \"console exited $?\"; sleep 120";
    try (Tmux terminal = Tmux.run("graft-console-" + jdk(), 220, 50, console)) {
      terminal.await(prompt);
      terminal.type("inject Pricin");
      terminal.press("Tab");
      terminal.await(prompt + "inject Pricing");
      terminal.type("#disc");
      terminal.press("Tab");
      terminal.await(prompt + "inject Pricing#discountRate");
      terminal.type(":1");
      terminal.press("Tab");
      terminal.await(prompt + "inject Pricing#discountRate:17 ");
      terminal.type("'order = 3 + ord");
      terminal.press("Tab");
      terminal.await(prompt + "inject Pricing#discountRate:17 'order = 3 + order");
      terminal.type(" - order;'");
      terminal.press("Enter");
      String applied = terminal.await("(1 splice point)");
      String id = applied.substring(applied.indexOf("patch ") + 6).split(" ")[0];
      assertTrue(applied.contains("patch " + id + " applied: " + PRICING + "#discountRate:17 in " + PRICING + "#discountRate(int)"), applied);
      assertEquals("order 5 amount 150.00 total 105.00", target.ask("5", "order 5"), "rate 0.3 for every order");

      terminal.type("watch Pricing:13 total order");
      terminal.press("Enter");
      terminal.await("watching " + PRICING + ":13");
      target.ask("6", "order 6");
      terminal.await("] total=112.0 order=6");
      terminal.press("C-c");
      terminal.await("watch ended: 1 hits, 1 shown; patch ");
      terminal.type("list");
      terminal.press("Enter");
      String listed = terminal.awaitAfter(prompt + "list", "agent log: ");
      assertTrue(listed.matches("(?s).*\\n" + id + "\\s+inject\\s+active\\s+" + PRICING_RE + "#discountRate:17 .*"), listed);

      terminal.type("exit");
      terminal.press("Enter");
      terminal.await("this session applied patch " + id + " to JVM " + target.pid() + "; revert it before leaving? [y/N] ");
      terminal.type("y");
      terminal.press("Enter");
      String end = terminal.await("console exited ");
      assertTrue(end.contains("reverted: " + id + "\n"), end);
      assertTrue(end.contains("console exited 0"), end);
    }
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    List<String> history = Files.readAllLines(home.resolve(".graft/history"), StandardCharsets.UTF_8).stream()
        .map(line -> line.substring(line.indexOf(':') + 1)).toList();
    assertEquals(List.of("inject Pricing#discountRate:17 'order = 3 + order - order;'", "watch Pricing:13 total order", "list", "exit"), history);
  }
}
