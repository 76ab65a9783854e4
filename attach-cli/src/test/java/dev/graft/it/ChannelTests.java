package dev.graft.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.graft.cli.attach.TargetProcess;
import dev.graft.it.support.Graft;
import dev.graft.it.support.Samples;
import dev.graft.it.support.TargetJvm;
import dev.graft.protocol.Frames;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The control channel, spoken to directly: what arrives on the socket never harms the target, bad frames get
 * an error reply, the agent keeps serving, the socket is private, and no TCP port is ever opened.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ChannelTests {
  TargetJvm target;
  Path socket;

  abstract int jdk();

  @BeforeAll
  void startTarget() {
    target = Samples.pricing(jdk());
    assertEquals(0, Graft.run("show", target.pid(), Samples.PRICING).exitCode());
    socket = Protocol.socketPath(TargetProcess.currentUid(), target.pid());
  }

  @AfterAll
  void stopTarget() {
    target.close();
  }

  SocketChannel connect() throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    channel.connect(UnixDomainSocketAddress.of(socket));
    return channel;
  }

  Wire.Response reply(SocketChannel channel) throws IOException {
    return Wire.decode(Frames.read(Channels.newInputStream(channel), Protocol.MAX_RESPONSE_BYTES), Wire.Response.class);
  }

  void assertStillServing() throws IOException {
    try (SocketChannel channel = connect()) {
      Frames.write(Channels.newOutputStream(channel), Wire.encode(Wire.Request.of(Protocol.OP_HELLO, Map.of())));
      assertTrue(reply(channel).ok());
    }
    assertEquals("order 9 amount 120.00 total 12.00", target.ask("9", "order 9"));
  }

  @Test
  void oversizedFrame_getsAnErrorReply_andTheConnectionIsClosed() throws IOException {
    try (SocketChannel channel = connect()) {
      new DataOutputStream(Channels.newOutputStream(channel)).writeInt(Integer.MAX_VALUE);
      Wire.Response response = reply(channel);
      assertFalse(response.ok());
      assertEquals("request of 2147483647 bytes exceeds the agent's limit of " + Protocol.MAX_REQUEST_BYTES + " bytes",
          response.error().message());
      assertEquals(-1, Channels.newInputStream(channel).read(), "closed after the reply");
    }
    assertStillServing();
  }

  @Test
  void garbage_getsAnErrorReply() throws IOException {
    try (SocketChannel channel = connect()) {
      Frames.write(Channels.newOutputStream(channel), "{not json at all".getBytes(StandardCharsets.UTF_8));
      Wire.Response response = reply(channel);
      assertFalse(response.ok());
      assertTrue(response.error().message().startsWith("malformed request"), response.error().message());
    }
    assertStillServing();
  }

  @Test
  void unknownOperation_getsAnErrorReply() throws IOException {
    try (SocketChannel channel = connect()) {
      Frames.write(Channels.newOutputStream(channel), Wire.encode(Wire.Request.of("format-disk", Map.of())));
      Wire.Response response = reply(channel);
      assertEquals(2, response.error().exitCode());
      assertEquals("unknown operation 'format-disk' (graft 0.1.0)", response.error().message());
    }
    assertStillServing();
  }

  @Test
  @SuppressWarnings("try") // the silent client only has to be connected
  void truncatedFrame_andSilentClients_doNotBlockOthers() throws IOException {
    try (SocketChannel truncated = connect(); SocketChannel silent = connect()) {
      DataOutputStream out = new DataOutputStream(Channels.newOutputStream(truncated));
      out.writeInt(100);
      out.write(new byte[10]);
      assertStillServing();
    }
    assertStillServing();
  }

  /** A client that connects and says nothing is closed after the idle timeout (30 s), not kept forever. */
  @Test
  void silentClient_isClosedAfterTheIdleTimeout() throws IOException {
    try (SocketChannel silent = connect()) {
      long started = System.nanoTime();
      int read = Channels.newInputStream(silent).read(); // blocks until the agent closes the connection
      long seconds = (System.nanoTime() - started) / 1_000_000_000;
      assertEquals(-1, read, "the agent closed the connection");
      assertTrue(seconds >= Protocol.IDLE_TIMEOUT_MILLIS / 1000 - 1 && seconds <= Protocol.IDLE_TIMEOUT_MILLIS / 1000 + 5,
          "closed after " + seconds + " s");
    }
    assertStillServing();
  }

  @Test
  void hundredConnectionsAtOnce_areAllServed() throws IOException {
    List<SocketChannel> channels = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 100; i++) {
        channels.add(connect());
      }
      for (SocketChannel channel : channels) {
        Frames.write(Channels.newOutputStream(channel), Wire.encode(Wire.Request.of(Protocol.OP_HELLO, Map.of())));
      }
      for (SocketChannel channel : channels) {
        assertTrue(reply(channel).ok());
      }
    } finally {
      for (SocketChannel channel : channels) {
        channel.close();
      }
    }
    assertStillServing();
  }

  @Test
  void socket_isPrivateToItsUser() throws IOException {
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket)));
    assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())));
  }

  @Test
  void agent_opensNoTcpPort() throws IOException {
    Set<String> socketInodes = new HashSet<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(target.pid()), "fd"))) {
      fds.forEach(fd -> {
        try {
          String link = Files.readSymbolicLink(fd).toString();
          if (link.startsWith("socket:[")) {
            socketInodes.add(link.substring("socket:[".length(), link.length() - 1));
          }
        } catch (IOException e) {
          // the descriptor closed meanwhile
        }
      });
    }
    for (String table : List.of("tcp", "tcp6")) {
      Path file = Path.of("/proc", String.valueOf(target.pid()), "net", table);
      if (!Files.exists(file)) {
        continue;
      }
      for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
        String[] fields = line.trim().split("\\s+");
        assertFalse(socketInodes.contains(fields[9]), "the target has a TCP socket: " + line);
      }
    }
    assertFalse(socketInodes.isEmpty(), "the target holds the agent's Unix socket");
  }

}
