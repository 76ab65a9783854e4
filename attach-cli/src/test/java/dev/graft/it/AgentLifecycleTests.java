package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent is loaded once per JVM, reports another version instead of replacing it, and can start with the JVM. */
abstract class AgentLifecycleTests {
  static final String AGENT_LINE = "graft agent 0.1.0 listening on ";
  static final String VERSION_ENTRY = "graft-core/dev/graft/protocol/graft-version.properties";

  abstract int jdk();

  static Path agentJar() {
    return Path.of(System.getProperty("graft.agent.jar"));
  }

  @Test
  void attachTwice_loadsTheAgentOnce_andItsLogSaysSo() throws IOException {
    try (TargetJvm target = Samples.pricing(jdk())) {
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      target.ask("1", "order 1");
      assertEquals(1, target.stdout().stream().filter(line -> line.startsWith(AGENT_LINE)).count(), target.stdout()::toString);
      String line = target.stdout().stream().filter(l -> l.startsWith(AGENT_LINE)).findFirst().orElseThrow();
      Path log = Path.of(line.replaceAll(".*\\(log: (.*)\\)$", "$1"));
      assertTrue(Files.readString(log).contains("graft agent 0.1.0 starting in pid " + target.pid() + " (attached)"));
      Run list = Graft.run("list", target.pid());
      assertTrue(list.out().contains("agent log: " + log), list::toString);
    }
  }

  /** The idle agent adds one thread to the target (its channel); a watch's lease keeper comes with the first watch. */
  @Test
  void idleAgent_hasOneThread_andAWatchAddsItsLeaseKeeper() throws IOException {
    try (TargetJvm target = Samples.pricing(jdk())) {
      assertEquals(List.of(), graftThreads(target.pid()), "before the agent");
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = rate;"));
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
      assertEquals(List.of("graft-channel"), graftThreads(target.pid()), "after show, an inject and its revert");
      assertEquals(0, Graft.run("watch", target.pid(), Samples.PRICING + ":12", "rate", "--for", "200ms").exitCode());
      assertEquals(List.of("graft-channel", "graft-watch-lea"), graftThreads(target.pid()), "thread names as /proc cuts them (15 characters)");
    }
  }

  /** The names of the target's threads that are graft's, from /proc (not through graft). */
  private static List<String> graftThreads(long pid) throws IOException {
    List<String> names = new java.util.ArrayList<>();
    try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      for (Path task : (Iterable<Path>) tasks::iterator) {
        String name = Files.readString(task.resolve("comm")).strip();
        if (name.startsWith("graft")) {
          names.add(name);
        }
      }
    }
    names.sort(null);
    return names;
  }

  /** A stopped JVM (kill -STOP, a long GC pause) gets an answer within --timeout, naming the process state. */
  @Test
  void stoppedJvm_commandsAnswerWithinTheTimeout_namingTheProcessState() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode()); // the agent is loaded and answers
      signal("STOP", target.pid());
      awaitState(target.pid(), 'T'); // the stop takes hold asynchronously; a command sent before may still be answered
      try {
        long started = System.nanoTime();
        Run list = Graft.run("list", target.pid(), "--timeout", "2s");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(3, list.exitCode(), list::toString);
        // 'hello' or 'list', whichever the agent was given when the stop took hold
        assertTrue(list.err().matches("(?s).*did not answer '(hello|list)' within 2.0 s \\(process " + target.pid() + " is stopped \\(state T\\).*"),
            list::toString);
        assertTrue(millis < 6_000, "answered in " + millis + " ms");
      } finally {
        signal("CONT", target.pid());
      }
      assertEquals(0, Graft.run("list", target.pid()).exitCode(), "answers again once resumed");
    }
  }

  /** A /tmp cleaner removes the agent's socket (and its directory) while a patch is active: the agent makes it again. */
  @Test
  void socketRemoved_theAgentListensAgain_andItsPatchesCanStillBeListedAndReverted() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;"));
      Path socket = Path.of(Graft.run("list", target.pid(), "--json").json().getAsJsonObject().get("logFile").getAsString())
          .resolveSibling("agent-" + target.pid() + ".sock");
      assertTrue(Files.exists(socket), socket.toString());
      Files.delete(socket);
      long deadline = System.currentTimeMillis() + 5_000;
      while (!Files.exists(socket) && System.currentTimeMillis() < deadline) {
        Thread.sleep(50);
      }
      assertTrue(Files.exists(socket), "the agent made its socket again");
      Run list = Graft.run("list", target.pid());
      assertTrue(list.out().contains(Samples.PRICING + ":12"), list::toString);
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
    }
  }

  /** Upgrading graft in place (the build rewrites the jar) must not break an agent started with -javaagent from it. */
  @Test
  void startupMode_survivesItsJarBeingRewrittenInPlace(@TempDir Path directory) throws Exception {
    Path jar = directory.resolve("graft-agent.jar");
    Files.copy(agentJar(), jar);
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + jar)) {
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      try (var out = Files.newOutputStream(jar)) { // the same file, truncated and rewritten, as a rebuild does
        out.write(new byte[4096]);
      }
      Run inject = Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;"); // loads classes not loaded yet
      Graft.assertApplied(inject);
      assertEquals("order 9 amount 120.00 total 75.60", target.ask("9", "order 9"));
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
    }
  }

  /** The JVM dies while graft works in it (here during a cold compile): exit 3, saying so, no hang. */
  @Test
  void jvmDyingDuringACommand_exits3_sayingSo() throws Exception {
    TargetJvm target = Samples.pricing(jdk());
    try {
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      java.util.concurrent.CompletableFuture<Run> inject = java.util.concurrent.CompletableFuture.supplyAsync(
          () -> Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;")); // javac's first compile there
      Thread.sleep(150);
      signal("KILL", target.pid());
      Run run = inject.get(30, java.util.concurrent.TimeUnit.SECONDS);
      if (run.exitCode() != 0) { // the kill may come too late for a fast machine: then the inject simply succeeded
        assertEquals(3, run.exitCode(), run::toString);
        assertTrue(run.err().contains("JVM " + target.pid() + " exited during 'inject'") || run.err().contains("no process " + target.pid()),
            run::toString);
      }
    } finally {
      target.close();
    }
  }

  private static void awaitState(long pid, char state) throws IOException, InterruptedException {
    long deadline = System.currentTimeMillis() + 5_000;
    String stat = "";
    while (System.currentTimeMillis() < deadline) {
      stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
      if (stat.charAt(stat.lastIndexOf(')') + 2) == state) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("process " + pid + " never reached state " + state + ": " + stat);
  }

  private static void signal(String name, long pid) throws IOException, InterruptedException {
    assertEquals(0, new ProcessBuilder("kill", "-" + name, String.valueOf(pid)).inheritIO().start().waitFor());
  }

  @Test
  void startupMode_isDormantUntilAClientComes_withoutTheDynamicAgentWarning() {
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + agentJar())) {
      assertTrue(target.stdout().get(0).startsWith(AGENT_LINE), target.stdout()::toString);
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
      Run run = Graft.run("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.5;");
      assertEquals(0, run.exitCode(), run::toString);
      assertEquals("order 9 amount 120.00 total 60.00", target.ask("9", "order 9"));
      assertEquals(1, target.stdout().stream().filter(line -> line.startsWith(AGENT_LINE)).count());
      assertFalse(target.stderr().contains("loaded dynamically"), target.stderr());
      assertEquals("", target.stderr(), "nothing on the target's stderr");
    }
  }

  /**
   * A JVM started with attach disabled is missing from the Attach API's list: ps finds it in /proc, and one
   * started with graft's agent is patched through its socket all the same.
   */
  @Test
  void attachDisabled_psListsTheJvm_andOneWithTheAgentIsPatchedThroughItsSocket() {
    try (TargetJvm withAgent = Samples.pricing(jdk(), "-XX:+DisableAttachMechanism", "-javaagent:" + agentJar());
        TargetJvm without = Samples.pricing(jdk(), "-XX:+DisableAttachMechanism")) {
      Run ps = Graft.run("ps");
      assertEquals(0, ps.exitCode(), ps::toString);
      assertTrue(ps.out().matches("(?s).*\\n" + withAgent.pid() + " +\\S+ +0\\.1\\.0 +" + Samples.PRICING_LOOP.replace(".", "\\.")
          + "  \\(not in the Attach API's list; reached through its agent\\)\\n.*"), ps::toString);
      assertTrue(ps.out().matches("(?s).*\\n" + without.pid() + " +\\S+ +- +" + Samples.PRICING_LOOP.replace(".", "\\.")
          + "  \\(not in the Attach API's list: -XX:\\+DisableAttachMechanism, or -XX:-UsePerfData\\)\\n.*"), ps::toString);
      boolean listed = false;
      for (var jvm : Graft.run("ps", "--json").json().getAsJsonArray()) {
        if (jvm.getAsJsonObject().get("pid").getAsLong() == withAgent.pid()) {
          listed = true;
          assertFalse(jvm.getAsJsonObject().get("attachListed").getAsBoolean());
          assertEquals("0.1.0", jvm.getAsJsonObject().get("agent").getAsString());
        }
      }
      assertTrue(listed, "ps --json lists the JVM too");
      Graft.assertApplied(Graft.patch("inject", withAgent.pid(), Samples.PRICING + ":12", "rate = 0.5;"));
      assertEquals("order 9 amount 120.00 total 60.00", withAgent.ask("9", "order 9"));
    }
  }

  @Test
  void startupMode_applyScript_patchesBeforeMainRuns(@TempDir Path temp) throws IOException {
    Path script = temp.resolve("fix.graft");
    Files.writeString(script, "inject dev.graft.samples.pricing.Pricing:12 {\n  if (rate > 0.5) rate = 0.5;\n}\n"
        + "rebind dev.graft.samples.pricing.LateFees:16 unit = \"weeks\";\n");
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + agentJar() + "=apply=" + script)) {
      assertEquals("order 9 amount 120.00 total 60.00", target.ask("9", "order 9"));
      assertEquals("late fee 4.5 for 3 weeks", target.ask("late", "late fee"));
      Run list = Graft.run("list", target.pid());
      assertTrue(list.out().matches("(?s).*1 +inject +active +" + Samples.PRICING + ":12 .*"), list::toString);
      assertTrue(list.out().matches("(?s).*2 +rebind +active +dev.graft.samples.pricing.LateFees:16 .*"), list::toString);
      assertEquals("", target.stderr(), "nothing on the target's stderr");
    }
  }

  @Test
  void startupMode_badScript_saysSoInOneLine_andTheApplicationStarts(@TempDir Path temp) throws IOException {
    Path script = temp.resolve("bad.graft");
    Files.writeString(script, "inject dev.graft.samples.pricing.Pricing:12 { rate = \"half\"; }\n");
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + agentJar() + "=apply=" + script)) {
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
      List<String> errors = target.stderr().lines().toList();
      assertEquals(1, errors.size(), target.stderr());
      assertTrue(errors.get(0).startsWith("graft: start-up script " + script + " not applied: " + script
          + ":1:54: error: incompatible types: java.lang.String cannot be converted to double"), errors.get(0));
      assertTrue(Graft.run("list", target.pid()).out().contains("no active patches"));
    }
  }

  @Test
  void agentOfAnotherVersion_isReportedWithBothVersions_andLeftAlone(@TempDir Path temp) throws IOException {
    Path oldAgent = withVersion(agentJar(), temp.resolve("graft-agent-old.jar"), "0.0.9-old");
    try (TargetJvm target = Samples.pricing(jdk(), "-javaagent:" + oldAgent)) {
      Run run = Graft.run("show", target.pid(), Samples.PRICING);
      assertEquals(3, run.exitCode(), run::toString);
      assertTrue(run.err().contains("JVM " + target.pid() + " runs graft agent 0.0.9-old, and this is graft 0.1.0"), run::toString);
      assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
    }
  }

  /** A copy of the agent jar that reports another version. */
  static Path withVersion(Path jar, Path copy, String version) throws IOException {
    try (ZipFile in = new ZipFile(jar.toFile()); ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (Enumeration<? extends ZipEntry> entries = in.entries(); entries.hasMoreElements(); ) {
        ZipEntry entry = entries.nextElement();
        out.putNextEntry(new ZipEntry(entry.getName()));
        if (entry.getName().equals(VERSION_ENTRY)) {
          out.write(("version=" + version + "\n").getBytes(StandardCharsets.UTF_8));
        } else {
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
        }
        out.closeEntry();
      }
    }
    return copy;
  }
}
