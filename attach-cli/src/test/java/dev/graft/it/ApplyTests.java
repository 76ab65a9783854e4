package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Patch scripts ({@code graft apply}), patches that wait for their class, and {@code --json} of every command. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ApplyTests {
  static final String PRICING = Samples.PRICING;
  static final String LATE_FEES = "dev.graft.samples.pricing.LateFees";
  TargetJvm target;
  String originalHash;
  @TempDir
  Path temp;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    originalHash = Graft.classHash(target.pid(), PRICING);
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  @BeforeEach
  void revertEverything() {
    assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
  }

  Path script(String name, String text) throws IOException {
    Path file = temp.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  String total9() {
    return target.ask("9", "order 9");
  }

  @Test
  void apply_scriptOfSeveralPatches_appliesThemTogether() throws IOException {
    Path fix = script("fix.graft", """
        # cap the discount; double every amount first
        inject dev.graft.samples.pricing.Pricing:12 {
            String braces = "}{"; char brace = '}'; /* } */ // }
            if (rate > 0.5) rate = 0.5;
        }
        inject dev.graft.samples.pricing.Pricing#price:entry { amount = amount * 2; }
        """);
    Run run = Graft.run("apply", target.pid(), fix);
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("2 patches applied from " + fix), run::toString);
    assertEquals("order 9 amount 120.00 total 120.00", total9());
    Run list = Graft.run("list", target.pid());
    assertEquals(2, list.out().lines().filter(line -> line.contains(" active ")).count(), list::toString);
  }

  @Test
  void apply_oneBadPatch_changesNothing_andNamesItsScriptPosition() throws IOException {
    Path bad = script("bad.graft", """
        inject dev.graft.samples.pricing.Pricing:12 {
            rate = 0.5;
        }
        inject dev.graft.samples.pricing.Pricing:13 {
            total = "none";
        }
        rebind dev.graft.samples.pricing.Pricing#price Pricing.nothing = 1;
        """);
    Run run = Graft.run("apply", target.pid(), bad);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("nothing applied; 2 of 3 patches failed:"), run::toString);
    assertTrue(run.err().contains(bad + ":5:13: error: incompatible types: java.lang.String cannot be converted to double"), run::toString);
    assertTrue(run.err().contains(bad + ":7:1: " + PRICING + "#price(int,double) never reads Pricing.nothing"), run::toString);
    assertEquals("order 9 amount 120.00 total 12.00", total9());
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
    assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
  }

  @Test
  void apply_patchesThatFailOnlyTogether_changeNothing() throws IOException {
    Path script = script("lines.graft", """
        inject dev.graft.samples.pricing.Pricing:12 { rate = 0.5; }
        inject dev.graft.samples.pricing.Pricing:15 { rate = 0.5; }
        """);
    Run run = Graft.run("apply", target.pid(), script);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains(script + ":2:1: line 15 of " + PRICING + " has no code; nearest lines with code: 13, 17"), run::toString);
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void apply_dryRun_checksAndChangesNothing() throws IOException {
    Path fix = script("dry.graft", "inject dev.graft.samples.pricing.Pricing:12 { rate = 0; }\n");
    Run run = Graft.run("apply", target.pid(), fix, "--dry-run");
    assertEquals(0, run.exitCode(), run::toString);
    assertTrue(run.out().contains("dry run: 1 patches checked, nothing changed"), run::toString);
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void apply_malformedScript_isRejectedWithItsPosition() throws IOException {
    Path bad = script("broken.graft", "inject dev.graft.samples.pricing.Pricing:12 {\n  rate = 0;\n");
    Run run = Graft.run("apply", target.pid(), bad);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains(bad + ":1:45: the '{' opened here is never closed"), run::toString);
    assertEquals(originalHash, Graft.classHash(target.pid(), PRICING));
  }

  @Test
  void apply_oversizedScript_isRejected() throws IOException {
    Path big = script("big.graft", "# " + "x".repeat(2 << 20) + "\n");
    Run run = Graft.run("apply", target.pid(), big);
    assertEquals(1, run.exitCode(), run::toString);
    assertTrue(run.err().contains("a patch script may have at most 1048576"), run::toString);
  }

  @Test
  void whenLoaded_patchWaitsForItsClass_thenApplies() throws IOException {
    try (TargetJvm fresh = Samples.pricing(jdk())) {
      Run refused = Graft.run("inject", fresh.pid(), LATE_FEES + ":11", "perDay = 10;");
      assertEquals(1, refused.exitCode(), refused::toString);
      assertTrue(refused.err().contains("is not loaded in this JVM (a class not loaded yet needs --when-loaded)"), refused::toString);

      Run waiting = Graft.run("inject", fresh.pid(), LATE_FEES + ":11", "perDay = 10;", "--when-loaded");
      assertEquals(0, waiting.exitCode(), waiting::toString);
      assertTrue(waiting.out().contains("patch 1 waits for " + LATE_FEES + " to load"), waiting::toString);
      assertTrue(Graft.run("list", fresh.pid()).out().contains(" waiting "));

      Path script = script("late.graft", "inject dev.graft.samples.pricing.LateFees#fee:entry { days = days + 1; }\n");
      Run applied = Graft.run("apply", fresh.pid(), script, "--when-loaded");
      assertEquals(0, applied.exitCode(), applied::toString);
      Run rebound = Graft.run("rebind", fresh.pid(), LATE_FEES + ":16", "unit=\"weeks\"", "--when-loaded");
      assertEquals(0, rebound.exitCode(), rebound::toString);
      assertTrue(rebound.out().contains("patch 3 waits for " + LATE_FEES + " to load"), rebound::toString);

      assertEquals("late fee 40.0 for 3 weeks", fresh.ask("late", "late fee"), "(3 + 1) days at 10.0, and the lambda's unit rebound");
      Run list = Graft.run("list", fresh.pid());
      assertEquals(3, list.out().lines().filter(line -> line.contains(" active ")).count(), list::toString);
    }
  }

  @Test
  void json_everyCommand_printsExactlyOneDocument() throws IOException {
    Path fix = script("json.graft", "inject dev.graft.samples.pricing.Pricing:12 { rate = 0.5; }\n");
    String pid = String.valueOf(target.pid());
    String[][] commands = {
        {"ps", "--json"},
        {"show", pid, PRICING, "--json"},
        {"show", pid, PRICING + "#price", "--bytecode", "--json"},
        {"inject", pid, PRICING + ":12", "rate = 0.25;", "--json"},
        {"rebind", pid, PRICING + "#price", "Pricing.priced=0", "--dry-run", "--json"},
        {"apply", pid, fix.toString(), "--json"},
        {"list", pid, "--json"},
        {"diff", pid, "1", "--json"},
        {"revert", pid, "--all", "--json"},
        {"inject", pid, PRICING + ":15", "rate = 0;", "--json"},
    };
    for (String[] command : commands) {
      Run run = Graft.run((Object[]) command);
      JsonElement json = JsonParser.parseString(run.out());
      assertTrue(json.isJsonObject() || json.isJsonArray(), () -> String.join(" ", command) + ": " + run);
      if (run.exitCode() != 0) {
        assertEquals(run.exitCode(), json.getAsJsonObject().getAsJsonObject("error").get("exitCode").getAsInt());
      }
    }
  }
}
