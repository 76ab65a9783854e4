package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Graft.Run;
import dev.graft.it.support.JvmClassDump;
import dev.graft.it.support.Samples;
import dev.graft.it.support.Stressed;
import dev.graft.it.support.TargetJvm;
import java.io.IOException;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faults an operator meets: a socket lost for good, a log directory that cannot be written, two users at once, a starved CPU. */
abstract class FaultsTests {
  static final String ORDER_9 = "order 9 amount 120.00 total ";

  abstract int jdk();

  /**
   * The socket file replaced by a dead one (a restore of /tmp, another program's file): the agent's watcher
   * sees a file and does nothing, and connecting is refused. ps marks the JVM, and list asks the agent to
   * reopen, then sees the active patch, which can still be reverted.
   */
  @Test
  void socketLostForGood_psMarksIt_andListReopensIt_seeingTheActivePatch() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.37;"));
      Path socket = socketOf(target.pid());
      replaceWithADeadSocket(socket);
      Thread.sleep(1_500); // the watcher has looked (once a second) and seen a file
      JsonObject ps = psEntry(target.pid());
      assertTrue(ps.get("agentNoSocket").getAsBoolean(), ps::toString);
      assertTrue(Graft.run("ps").out().matches("(?s).*\\n" + target.pid() + " .* agent \\(no socket\\) .*"), Graft.run("ps")::toString);

      Run list = Graft.run("list", target.pid());
      assertEquals(0, list.exitCode(), list::toString);
      assertTrue(list.out().matches("(?s).*1 +inject +active +" + Samples.PRICING + ":12 .*"), list::toString);
      assertFalse(psEntry(target.pid()).get("agentNoSocket").getAsBoolean());
      assertEquals(ORDER_9 + "75.60", target.ask("9", "order 9"));
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
      assertEquals(ORDER_9 + "12.00", target.ask("9", "order 9"));
      assertEquals(1, target.stdout().stream().filter(line -> line.startsWith(AgentLifecycleTests.AGENT_LINE)).count());
    }
  }

  /** The log directory (java.io.tmpdir) on a read-only file system: patches apply and revert; list says why there is no log. */
  @Test
  void readOnlyLogDirectory_patchesApplyAndRevert_andListSaysWhy(@TempDir Path mount) throws Exception {
    mountTmpfs(mount, "size=64k,ro");
    try {
      assertLogCannotBeWritten(mount, "Read-only file system");
    } finally {
      unmount(mount);
    }
  }

  /** The log directory on a full file system: the same, with the file system's words for it. */
  @Test
  void fullLogDirectory_patchesApplyAndRevert_andListSaysWhy(@TempDir Path mount) throws Exception {
    mountTmpfs(mount, "size=64k");
    try {
      fill(mount.resolve("filler"));
      assertLogCannotBeWritten(mount, "No space left on device");
    } finally {
      unmount(mount);
    }
  }

  private void assertLogCannotBeWritten(Path logRoot, String reason) {
    try (TargetJvm target = Samples.pricing(jdk(), "-Djava.io.tmpdir=" + logRoot)) {
      Graft.assertApplied(Graft.patch("inject", target.pid(), Samples.PRICING + ":12", "rate = 0.5;"));
      assertEquals(ORDER_9 + "60.00", target.ask("9", "order 9"));
      Run list = Graft.run("list", target.pid());
      assertEquals(0, list.exitCode(), list::toString);
      assertTrue(list.out().contains("warning: the agent's log cannot be written (cannot write " + logRoot + "/graft-"), list::toString);
      assertTrue(list.out().contains(": " + reason + "); patches apply and revert without it"), list::toString);
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
      assertEquals(ORDER_9 + "12.00", target.ask("9", "order 9"));
      assertEquals("", MemoryFaultsTests.stderrBeyondTheJvmsOwn(target), "nothing of graft's on the target's stderr");
      // a directory that cannot be made is known at start; a full disk only once a write fails, perhaps later
      assertTrue(!reason.startsWith("Read-only") || target.stdout().stream().anyMatch(line -> line.startsWith(AgentLifecycleTests.AGENT_LINE) && line.endsWith(
          " (no log: cannot write " + logRoot + "/graft-" + uid() + "/graft-agent-" + target.pid() + ".log: " + reason + ")")), target.stdout()::toString);
    }
  }

  /**
   * Two users patch one JVM at once, 100 operations each (inject and revert on a line of their own, a list
   * at the end): every operation succeeds; each user's last patch stays, list shows exactly those two, and
   * the class the JVM runs (read by the Serviceability Agent) holds exactly those two and behaves so.
   */
  @Test
  void twoUsersAtOnce_100OperationsEach_listAgreesWithTheClassBytes() throws Exception {
    try (TargetJvm target = Samples.pricing(jdk())) {
      assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
      String before = Graft.classHash(target.pid(), Samples.PRICING);
      List<String> failures = Collections.synchronizedList(new ArrayList<>());
      List<String> kept = Collections.synchronizedList(new ArrayList<>());
      List<Thread> users = new ArrayList<>();
      for (String[] patch : List.of(new String[] {":12", "rate = rate / 2;"}, new String[] {":13", "total = total + 1;"})) {
        Thread user = new Thread(() -> {
          String id = null;
          for (int op = 0; op < 100; op++) {
            Run run;
            if (op == 99) {
              run = Graft.run("list", target.pid());
            } else if (op % 2 == 0) {
              run = Graft.patch("inject", target.pid(), Samples.PRICING + patch[0], patch[1]);
              id = run.exitCode() == 0 ? run.out().replaceAll("(?s).*patch (\\d+) applied.*", "$1") : null;
            } else {
              run = id == null ? null : Graft.run("revert", target.pid(), id);
            }
            if (run == null || run.exitCode() != 0) {
              failures.add("op " + op + ": " + run);
            }
          }
          kept.add(id);
        });
        user.start();
        users.add(user);
      }
      for (Thread user : users) {
        user.join(300_000);
      }
      assertEquals(List.of(), failures);
      Set<String> listed = new TreeSet<>();
      for (JsonElement patch : Graft.run("list", target.pid(), "--json").json().getAsJsonObject().getAsJsonArray("patches")) {
        listed.add(patch.getAsJsonObject().get("id").getAsString());
      }
      assertEquals(new TreeSet<>(kept), listed);
      assertEquals(listed, patchIdsIn(JvmClassDump.text(target.pid(), Samples.PRICING)));
      assertEquals(ORDER_9 + "67.00", target.ask("9", "order 9")); // rate 0.9 halved, then one added
      assertEquals(0, Graft.run("revert", target.pid(), "--all").exitCode());
      assertEquals(before, Graft.classHash(target.pid(), Samples.PRICING));
    }
  }

  /**
   * A target pinned to one core that two of its own threads keep busy: every command, the agent's first
   * load and javac's first compile there included, finishes within the default bound (10 s).
   */
  @Test
  void cpuStarvedTarget_commandsFinishWithinTheirBound() {
    try (TargetJvm target = Stressed.startPinned(jdk(), 0)) {
      target.ask("spin 2", "spinning");
      List<String> slow = new ArrayList<>();
      String id = null;
      for (String[] command : List.of(new String[] {"show", Stressed.CLASS}, new String[] {"inject", Stressed.CLASS + "#work:entry", "n = n + 1;"},
          new String[] {"list"}, new String[] {"revert", "--all"}, new String[] {"inject", Stressed.CLASS + "#work:entry", "n = n + 2;"},
          new String[] {"revert", "--all"})) {
        Object[] args = new Object[command.length + 1];
        args[0] = command[0];
        args[1] = target.pid();
        System.arraycopy(command, 1, args, 2, command.length - 1);
        long started = System.nanoTime();
        Run run = Graft.run(args);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(0, run.exitCode(), run::toString);
        if (millis > 10_000) {
          slow.add(command[0] + " took " + millis + " ms");
        }
        System.out.println("cpu-starved target (JDK " + jdk() + "): " + command[0] + " took " + millis + " ms");
      }
      assertEquals(List.of(), slow);
      assertEquals("work 5 -> 10", target.ask("call 5", "work 5"));
    }
  }

  /** The ids of the patches whose code a class holds: each splice's handler logs its patch id to dev.graft.patches. */
  static Set<String> patchIdsIn(String classText) {
    Set<String> ids = new TreeSet<>();
    Matcher handler = Pattern.compile("LDC \"dev\\.graft\\.patches\"(?:\\n[^\\n]*){4}\\n\\s*LDC \"(\\d+)\"").matcher(classText);
    while (handler.find()) {
      ids.add(handler.group(1));
    }
    return ids;
  }

  /**
   * Removes the socket and binds a socket file of its own there, closed at once: the file stays, nobody
   * listens. Tried again when the agent's watcher remade its socket in between (it looks once a second).
   */
  private static void replaceWithADeadSocket(Path socket) throws IOException {
    for (int attempt = 0; ; attempt++) {
      Files.deleteIfExists(socket);
      try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
        dead.bind(UnixDomainSocketAddress.of(socket));
        return;
      } catch (java.net.BindException remade) {
        if (attempt == 5) {
          throw remade;
        }
      }
    }
  }

  private static Path socketOf(long pid) {
    return Path.of("/tmp/graft-" + uid(), "agent-" + pid + ".sock");
  }

  private static long uid() {
    try {
      return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static JsonObject psEntry(long pid) {
    for (JsonElement jvm : Graft.run("ps", "--json").json().getAsJsonArray()) {
      if (jvm.getAsJsonObject().get("pid").getAsLong() == pid) {
        return jvm.getAsJsonObject();
      }
    }
    throw new AssertionError("ps does not list " + pid);
  }

  private static void mountTmpfs(Path at, String options) throws IOException, InterruptedException {
    run("mount", "-t", "tmpfs", "-o", options, "tmpfs", at.toString());
  }

  private static void unmount(Path at) throws IOException, InterruptedException {
    run("umount", at.toString());
  }

  private static void run(String... command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertEquals(0, process.waitFor(), String.join(" ", command) + ": " + output + " (the fault tests need root, as CI runs them)");
  }

  /** Writes until the file system is full. */
  private static void fill(Path file) {
    byte[] block = new byte[4096];
    try (OutputStream out = Files.newOutputStream(file)) {
      while (true) {
        out.write(block);
        out.flush();
      }
    } catch (IOException full) {
      // No space left on device: what was wanted
    }
  }
}
