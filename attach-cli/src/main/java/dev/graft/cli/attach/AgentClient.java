package dev.graft.cli.attach;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.Frames;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.HelloResult;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/** One connection to a running agent: request, reply, in turn. */
public final class AgentClient implements AutoCloseable {
  private final SocketChannel socket;
  private final InputStream in;
  private final OutputStream out;
  private final long pid;
  private boolean agentCompiles;

  private AgentClient(SocketChannel socket, long pid) {
    this.socket = socket;
    this.in = Channels.newInputStream(socket);
    this.out = Channels.newOutputStream(socket);
    this.pid = pid;
  }

  public static AgentClient open(Path socketPath, long pid) throws IOException {
    SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      socket.connect(UnixDomainSocketAddress.of(socketPath));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return new AgentClient(socket, pid);
  }

  public long pid() {
    return pid;
  }

  /** Whether the agent compiles snippets itself (its JVM has javac), as it said when greeted. */
  public boolean agentCompiles() {
    return agentCompiles;
  }

  void greeted(HelloResult hello) {
    this.agentCompiles = hello.compiles();
  }

  /** Sends one request; returns the result, or throws the agent's error with its exit code. */
  public <T> T call(String op, Object args, Class<T> resultType) {
    Wire.Response response;
    try {
      Frames.write(out, Wire.encode(Wire.Request.of(op, args)));
      response = Wire.decode(Frames.read(in, Protocol.MAX_RESPONSE_BYTES), Wire.Response.class);
    } catch (IOException e) {
      throw new GraftException(ExitCodes.UNREACHABLE, "lost the connection to the graft agent in " + pid + ": " + e.getMessage());
    }
    if (!response.ok()) {
      throw new GraftException(response.error().exitCode(), response.error().message());
    }
    return response.result(resultType);
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing a Unix socket we opened cannot lose data here; the reply was read in full
    }
  }
}
