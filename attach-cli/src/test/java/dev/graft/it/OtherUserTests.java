package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.channel.PeerCheck;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Jdks;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Another user (nobody, switched to with setpriv; the tests need root for that) can neither open the
 * agent's socket nor drive the target with the CLI, and the agent's own peer check refuses them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OtherUserTests {
  static final String NOBODY = "65534";
  static final String PROBE = """
      import java.net.*;
      import java.nio.channels.*;
      public class Probe {
        public static void main(String[] args) throws Exception {
          try (SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.connect(UnixDomainSocketAddress.of(args[0]));
            System.out.println("connected");
            Thread.sleep(Long.parseLong(args.length > 1 ? args[1] : "0"));
          } catch (java.io.IOException e) {
            System.out.println("refused: " + e.getMessage());
          }
        }
      }
      """;
  TargetJvm target;
  @TempDir
  Path temp;
  Path probe;

  abstract int jdk();

  @BeforeAll
  void startTarget() throws IOException {
    Assumptions.assumeTrue(TargetProcess.currentUid() == 0,
        "\n*** the other-user tests switch to user nobody with setpriv, which needs root; they did not run ***");
    target = Samples.pricing(jdk());
    assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
  }

  @AfterAll
  void stopTarget() {
    if (target != null) {
      target.close();
    }
  }

  /** Runs a command as nobody; returns its output. */
  String asNobody(String... command) throws Exception {
    List<String> line = new ArrayList<>(List.of("setpriv", "--reuid=" + NOBODY, "--regid=" + NOBODY, "--clear-groups"));
    line.addAll(List.of(command));
    Process process = new ProcessBuilder(line).redirectErrorStream(true).directory(temp.toFile()).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) + "exit " + process.exitValue();
  }

  Path probe() throws IOException {
    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path file = temp.resolve("Probe.java");
    Files.writeString(file, PROBE);
    return file;
  }

  @Test
  void anotherUser_cannotOpenTheAgentsSocket() throws Exception {
    Path socket = Protocol.socketPath(0, target.pid());
    String output = asNobody(Jdks.java(17).toString(), probe().toString(), socket.toString());
    assertTrue(output.startsWith("refused: "), output);
    assertTrue(output.contains("Permission denied"), output);
  }

  @Test
  void anotherUser_isRefusedByTheCli_withExitCode3_andTheTargetIsUnchanged() throws Exception {
    Path cli = Graft.cliJar();
    String output = asNobody(Jdks.java(17).toString(), "-jar", cli.toString(), "inject", String.valueOf(target.pid()),
        Samples.PRICING + ":12", "rate = 0;");
    assertTrue(output.contains("graft: process " + target.pid() + " belongs to root, and graft runs as nobody"), output);
    assertTrue(output.endsWith("exit 3"), output);
    assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
  }

  @Test
  void anotherUsersPs_saysWhichJvmsItCannotSee() throws Exception {
    String output = asNobody(Jdks.java(17).toString(), "-jar", Graft.cliJar().toString(), "ps");
    assertTrue(output.matches("(?s).*\nnote: \\d+ JVM\\(s\\) of user root not listed \\([0-9, ]*\\b" + target.pid()
        + "\\b[0-9, ]*\\): graft serves only your own; sudo -u root graft ps\nexit 0"), output);
  }

  @Test
  void peerCheck_refusesAnotherUser_andServesTheOwner() throws Exception {
    Path socket = temp.resolve("peer.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw-rw-"));
      Path file = probe();
      Thread stranger = new Thread(() -> {
        try {
          asNobody(Jdks.java(17).toString(), file.toString(), socket.toString(), "3000");
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      stranger.start();
      try (SocketChannel nobody = server.accept()) {
        assertEquals("user nobody may not control this JVM (it belongs to root)", new PeerCheck("root").refusal(PeerCheck.user(nobody)));
      }
      stranger.join();
      try (SocketChannel self = SocketChannel.open(UnixDomainSocketAddress.of(socket)); SocketChannel root = server.accept()) {
        assertNull(new PeerCheck("root").refusal(PeerCheck.user(root)), "the owner is served");
        assertTrue(self.isConnected());
      }
    }
  }
}
