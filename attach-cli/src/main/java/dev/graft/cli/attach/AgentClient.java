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
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One connection to a running agent: request, reply, in turn. No reply is waited for longer than the
 * timeout (a stopped JVM, an agent whose thread died): the connection is closed, which ends the read.
 */
public final class AgentClient implements AutoCloseable {
  /** How long a command waits for a JVM that does not answer, unless told otherwise (--timeout). */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "graft-timeout");
    thread.setDaemon(true);
    return thread;
  });
  private Duration timeout = DEFAULT_TIMEOUT;
  private final SocketChannel socket;
  private final InputStream in;
  private final OutputStream out;
  private final long pid;
  private boolean agentCompiles;
  /** Where close() hands this connection for a later command (a console keeps them), or null: close() closes it. */
  private java.util.function.Consumer<AgentClient> keeper;
  /** A request on this connection failed (timed out, or the connection was lost): it is never used again. */
  private volatile boolean broken;
  private volatile long idleSince;

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

  private java.util.function.Consumer<String> verbose = line -> { };

  /** Where {@code -v} lines go: each reply's round trip, and where the agent's time went. */
  public AgentClient verbose(java.util.function.Consumer<String> sink) {
    this.verbose = sink;
    return this;
  }

  /** Waits at most {@code timeout} for each reply from now on. */
  public AgentClient timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
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
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> {
      timedOut.set(true);
      closeSocket();
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    long started = System.nanoTime();
    try {
      Frames.write(out, Wire.encode(Wire.Request.of(op, args)));
      response = Wire.decode(Frames.read(in, Protocol.MAX_RESPONSE_BYTES), Wire.Response.class);
      reportTimings(op, started, response.timings());
    } catch (IOException e) {
      broken = true;
      if (timedOut.get()) {
        throw new NoAnswer("the graft agent in JVM " + pid + " did not answer '" + op + "' within "
            + timeout.toMillis() / 1000.0 + " s (" + ProcessState.describe(pid) + "); --timeout waits longer");
      }
      if (exitsSoon(pid)) {
        throw new NoAnswer("JVM " + pid + " exited during '" + op + "'");
      }
      throw new NoAnswer("lost the connection to the graft agent in " + pid + ": " + e.getMessage() + " (" + ProcessState.describe(pid) + ")");
    } finally {
      watchdog.cancel(false);
    }
    if (!response.ok()) {
      throw new GraftException(response.error().exitCode(), response.error().message());
    }
    return response.result(resultType);
  }

  private void reportTimings(String op, long started, java.util.Map<String, Long> phases) {
    StringBuilder line = new StringBuilder("graft: '" + op + "' answered in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    if (phases != null && !phases.isEmpty()) {
      line.append(" (agent: ");
      line.append(String.join(", ", phases.entrySet().stream().map(phase -> phase.getKey() + " " + phase.getValue() + " ms").toList()));
      line.append(")");
    }
    verbose.accept(line.toString());
  }

  /** A lost connection is most often a JVM exiting: it is given a moment to be gone. */
  private static boolean exitsSoon(long pid) {
    long deadline = System.currentTimeMillis() + 1_000;
    while (System.currentTimeMillis() < deadline) {
      if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        return true;
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  /** The agent did not answer: the connection was lost or the timeout passed (exit 3). */
  public static final class NoAnswer extends GraftException {
    NoAnswer(String message) {
      super(ExitCodes.UNREACHABLE, message);
    }
  }

  /** From now on close() hands this connection to {@code keeper} instead of closing it, unless it broke. */
  void keepWith(java.util.function.Consumer<AgentClient> keeper) {
    this.keeper = keeper;
  }

  /** Whether a kept connection may serve another command: unbroken, open, and idle for less than {@code maxIdleMillis}. */
  boolean reusable(long maxIdleMillis) {
    return !broken && socket.isOpen() && System.currentTimeMillis() - idleSince < maxIdleMillis;
  }

  @Override
  public void close() {
    if (keeper != null && !broken && socket.isOpen()) {
      idleSince = System.currentTimeMillis();
      keeper.accept(this);
      return;
    }
    closeSocket();
  }

  void closeSocket() {
    broken = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing a Unix socket we opened cannot lose data here; the reply was read in full
    }
  }
}
