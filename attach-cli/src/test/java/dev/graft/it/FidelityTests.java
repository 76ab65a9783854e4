package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.AttributeCensus;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Jdks;
import dev.graft.it.support.TargetJvm;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What reflection sees of a class is what it saw before graft touched it: during a patch, after its revert,
 * and after a read-only command (which never retransforms). The fidelity sample prints a fingerprint of
 * parameter names, annotations, records, sealed types, nests and signatures, and how often the JVM
 * redefined its classes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FidelityTests {
  static final String CATALOG = "dev.graft.samples.fidelity.Catalog";
  static final String LOOP = "dev.graft.samples.fidelity.FidelityLoop";
  TargetJvm target;
  String fingerprint;

  abstract int jdk();

  /** What the census must find this JDK drops when it reconstitutes a class for retransformation. */
  abstract List<String> droppedByTheJvm();

  @BeforeAll
  void startTarget() {
    target = TargetJvm.start(jdk(), List.of("--add-opens", "java.base/java.lang=ALL-UNNAMED"), fidelityJar(), LOOP);
    target.awaitStartingWith("fidelity: ready");
    assertEquals("quote 6", target.ask("quote 2", "quote"));
    fingerprint = fingerprint();
    assertTrue(fingerprint.endsWith(" redefinitions=0"), fingerprint);
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  String fingerprint() {
    return target.ask("fingerprint", "fingerprint ");
  }

  List<String> described() {
    target.send("describe");
    List<String> lines = new ArrayList<>();
    for (String line; !(line = target.awaitStartingWith("describe ")).equals("describe end"); ) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void readOnlyCommands_neverRetransform() {
    String before = fingerprint();
    for (Object[] command : List.of(new Object[] {"show", CATALOG}, new Object[] {"show", CATALOG + "#quote", "--bytecode"},
        new Object[] {"list"}, new Object[] {"inject", CATALOG + ":30", "total = 0;", "--dry-run"})) {
      Object[] args = new Object[command.length + 1];
      args[0] = command[0];
      args[1] = target.pid();
      System.arraycopy(command, 1, args, 2, command.length - 1);
      Run run = Graft.run(args);
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals(before, fingerprint(), "after " + String.join(" ", List.of(command).stream().map(String::valueOf).toList()));
    }
  }

  @Test
  void patchAndRevert_leaveWhatReflectionSees() {
    List<String> before = described();
    Run inject = Graft.patch("inject", target.pid(), CATALOG + ":30", "total = total + 1000;");
    Graft.assertApplied(inject);
    assertEquals("quote 1006", target.ask("quote 2", "quote"));
    assertEquals(before, described(), "while patched");
    String patched = fingerprint();
    assertEquals(fingerprint.replace("redefinitions=0", ""), patched.replaceAll("redefinitions=\\d+", ""), "while patched");
    Run revert = Graft.run("revert", target.pid(), "--all");
    assertEquals(0, revert.exitCode(), revert::toString);
    assertEquals("quote 6", target.ask("quote 2", "quote"));
    assertEquals(before, described(), "after revert");
    assertTrue(described().stream().anyMatch(line -> line.contains("quote(int,java.lang.String)") && line.contains("| quantity 16 [@dev.graft.samples.fidelity.Tag")),
        "the parameter names are there to compare: " + before);
  }

  /**
   * Greeter's loader serves no class file: on JDK 17 graft could not restore its parameter names after a
   * retransformation, so it refuses; on JDK 25 the JVM keeps them, and the patch applies.
   */
  @Test
  void classWithoutAClassFile_isRefusedWhereTheJvmWouldDropItsParameterNames() {
    assertEquals("greet hello ann name", target.ask("greet ann", "greet "));
    Run inject = Graft.patch("inject", target.pid(), "dev.graft.samples.fidelity.Greeter:10", "greeting = \"hi \" + name;", "--loader", "no-files");
    if (jdk() < 19) {
      assertEquals(1, inject.exitCode(), inject::toString);
      assertTrue(inject.err().contains("dev.graft.samples.fidelity.Greeter has parameter names (MethodParameters), which JDK 17 drops"), inject::toString);
      assertEquals("greet hello ann name", target.ask("greet ann", "greet "), "unchanged, names and all");
    } else {
      Graft.assertApplied(inject);
      assertEquals("greet hi ann name", target.ask("greet ann", "greet "), "patched, and the names are still there");
      Graft.run("revert", target.pid(), "--all");
    }
  }

  /**
   * The census retransforms real classes (the sample's, a Maven Central library's, graft's own
   * dependencies') in a JVM of this JDK with a transformer that only records, and compares the JVM's copy
   * with the class file: what it finds dropped must be what graft's restorer knows of, and nothing is left
   * missing after the restorer ran.
   */
  @Test
  void census_findsWhatTheJvmDrops_andTheRestorerPutsAllBack() throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Jdks.java(jdk()).toString(), "-Djdk.attach.allowAttachSelf=true",
        jdk() >= 21 ? "-XX:+EnableDynamicAgentLoading" : "-Xshare:auto", "-cp", System.getProperty("java.class.path") + File.pathSeparator + fidelityJar(),
        AttributeCensus.class.getName(), CATALOG, CATALOG + "$Circle", CATALOG + "$Shape", "dev.graft.samples.fidelity.Tag",
        "org.apache.commons.lang3.StringUtils", "com.google.gson.Gson", "picocli.CommandLine"));
    Process census = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(census.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(census.waitFor(60, TimeUnit.SECONDS) && census.exitValue() == 0, output);
    assertTrue(output.contains("census done"), output);
    List<String> kinds = new ArrayList<>();
    for (String line : output.split("\n")) {
      assertTrue(!line.contains(" still dropped: ") && !line.contains(" restored added: "), "the restorer left: " + line);
      if (line.contains(" dropped: ")) {
        // ASM's text shows the Deprecated attribute as a line of its own and as the pseudo access flag 0x20000
        boolean deprecated = line.endsWith("// DEPRECATED") || line.matches(".*// access flags 0x2[0-9a-f]{4}");
        String kind = line.contains("// parameter ") ? "MethodParameters" : deprecated ? "Deprecated" : line;
        if (!kinds.contains(kind)) {
          kinds.add(kind);
        }
      }
    }
    kinds.sort(null);
    assertEquals(droppedByTheJvm(), kinds, output);
    System.out.println("attribute census on JDK " + jdk() + ": the JVM drops " + kinds);
  }

  static String fidelityJar() {
    return TargetJvm.samplesDir().resolve("fidelity/target/fidelity.jar").toAbsolutePath().normalize().toString();
  }
}
