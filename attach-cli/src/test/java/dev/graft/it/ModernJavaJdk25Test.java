package dev.graft.it;

import static dev.graft.it.support.Graft.assertApplied;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.ModernSample;
import dev.graft.it.support.TargetJvm;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * graft on a Java 25 program (samples/modern, on JDK 25, snippets compiled by the target's own javac):
 * record patterns and an exhaustive switch over the application's sealed interface in snippets, 2,000
 * parked virtual threads counted when their method is patched, and a constructor's code before its
 * {@code super(...)} call (JEP 513), where a snippet has no object to use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ModernJavaJdk25Test {
  static final String DESCRIBE = ModernSample.MODERN + ":" + ModernSample.lineOf("Modern", "describe");
  static final String WAIT_HERE = ModernSample.SLEEPERS + ":" + ModernSample.lineOf("Sleepers", "waitHere");
  static final String BEFORE_SUPER = ModernSample.BADGE + ":" + ModernSample.lineOf("Badge", "words");
  static final String NO_OBJECT = "the snippet runs before the constructor's super(...) or this(...) call, where the object is not "
      + "initialised yet (JEP 513): self, this and the object's fields and methods cannot be used there; the constructor's "
      + "parameters and locals can (to use the object, inject at a line after the call, or at <init>:entry)";
  TargetJvm target;

  @BeforeAll
  void start() {
    target = ModernSample.start();
    assertUnpatched();
  }

  @AfterAll
  void stop() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    Run revert = Graft.run("revert", target.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
  }

  void assertUnpatched() {
    assertEquals("shape: shape square 3.0", target.ask("shape square 3", "shape:"));
    assertEquals("shape: shape circle 1.0", target.ask("shape circle 1", "shape:"));
    assertEquals("badge: size 5 (5)", target.ask("badge 5", "badge:"));
  }

  @Test
  void recordPattern_inASnippet_deconstructsTheApplicationsRecord() {
    assertApplied(Graft.patch("inject", target.pid(), DESCRIBE, "if (shape instanceof Square(double side) && side > 2) kind = \"big\";"));
    assertEquals("shape: big square 3.0", target.ask("shape square 3", "shape:"));
    assertEquals("shape: shape square 2.0", target.ask("shape square 2", "shape:"));
    assertEquals("shape: shape circle 1.0", target.ask("shape circle 1", "shape:"));
  }

  @Test
  void switchOverTheSealedInterface_withoutDefault_compilesAsExhaustive() {
    String snippet = "kind = switch (shape) {\n"
        + "  case Circle(double radius) -> \"round\";\n"
        + "  case Square(double side) when side > 2 -> \"big\";\n"
        + "  case Square square -> \"boxy\";\n"
        + "};";
    assertApplied(Graft.patch("inject", target.pid(), DESCRIBE, snippet));
    assertEquals("shape: big square 3.0", target.ask("shape square 3", "shape:"));
    assertEquals("shape: boxy square 2.0", target.ask("shape square 2", "shape:"));
    assertEquals("shape: round circle 1.0", target.ask("shape circle 1", "shape:"));
  }

  @Test
  void inject_methodParkedVirtualThreadsAreIn_countsThem() {
    Run run = Graft.patch("inject", target.pid(), WAIT_HERE, "int unused = 0;");
    assertApplied(run);
    assertTrue(run.out().contains("note: running now in thread(s) 2000 virtual threads; a frame already running keeps the old code"
        + " until the method is entered again\n"), run::toString);
    Run json = Graft.patch("inject", target.pid(), WAIT_HERE, "int unused = 1;", "--json");
    assertEquals(0, json.exitCode(), json::toString);
    JsonObject result = json.json().getAsJsonObject();
    assertEquals(2000, result.get("virtualThreadsInMethod").getAsInt(), json::toString);
    assertEquals(0, result.get("threadsInMethod").getAsJsonArray().size(), "no platform thread is in it: " + json);
  }

  @Test
  void selfBeforeSuper_isRefusedAtCompileTime_withTheReason() {
    String before = bytecodeOfBadge();
    Run self = Graft.patch("inject", target.pid(), BEFORE_SUPER, "System.out.println(\"early \" + self);");
    assertEquals(1, self.exitCode(), self::toString);
    assertTrue(self.err().startsWith("graft: snippet:1:31: error: cannot find symbol\n"), self::toString);
    assertTrue(self.err().contains("symbol:   variable self\n  " + NO_OBJECT + "\n"), self::toString);
    assertTrue(self.out().contains("note: " + BEFORE_SUPER + ": " + NO_OBJECT), "the site says so too: " + self);
    Run inCli = Graft.patch("inject", target.pid(), BEFORE_SUPER, "System.out.println(\"early \" + self);", "--compile-in", "cli");
    assertEquals(1, inCli.exitCode(), inCli::toString);
    assertTrue(inCli.err().contains("symbol:   variable self\n  " + NO_OBJECT + "\n"), "the CLI's javac says the same: " + inCli);
    Run dryRun = Graft.patch("inject", target.pid(), BEFORE_SUPER, "System.out.println(self);", "--dry-run");
    assertEquals(1, dryRun.exitCode(), "a dry run refuses it as well: " + dryRun);
    assertEquals(before, bytecodeOfBadge());
    assertEquals("badge: size 5 (5)", target.ask("badge 5", "badge:"));
  }

  @Test
  void theObjectsFieldsAndMethods_beforeSuper_areRefusedToo() {
    String before = bytecodeOfBadge();
    for (String snippet : new String[] {"String early = text;", "int early = this.size;", "String early = toString();"}) {
      Run run = Graft.patch("inject", target.pid(), BEFORE_SUPER, snippet);
      assertEquals(1, run.exitCode(), run::toString);
      assertTrue(run.err().contains("cannot be referenced from a static context\n  " + NO_OBJECT), run::toString);
    }
    Run early = Graft.patch("inject", target.pid(), BEFORE_SUPER, "return;");
    assertEquals(1, early.exitCode(), early::toString);
    assertTrue(early.err().contains("graft: the snippet returns from the constructor before its super(...) or this(...) call;"),
        early::toString);
    assertEquals(before, bytecodeOfBadge());
    assertEquals("badge: size 5 (5)", target.ask("badge 5", "badge:"));
  }

  @Test
  void beforeSuper_theConstructorsLocals_canBeChanged() {
    assertApplied(Graft.patch("inject", target.pid(), BEFORE_SUPER, "checked = checked * 10;"));
    assertEquals("badge: size 50 (50)", target.ask("badge 5", "badge:"));
  }

  private String bytecodeOfBadge() {
    return Graft.reportedBytecode(target.pid(), ModernSample.BADGE).get("bytecodeSha256").getAsString();
  }
}
