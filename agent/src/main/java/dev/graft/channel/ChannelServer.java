package dev.graft.channel;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.Protocol;
import dev.graft.protocol.Wire;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import org.slf4j.Logger;

/**
 * The agent's control channel: a Unix domain socket (no TCP port, ever), served by one daemon thread
 * that multiplexes every connection, so requests are handled one at a time and a client that sends
 * nothing, or sends garbage, cannot stop others from being served.
 */
public final class ChannelServer implements Runnable {
  private static final int MAX_CONNECTIONS = 128;
  private static final long SELECT_MILLIS = 1000;

  private final Path socketPath;
  private final PeerCheck peers;
  private final RequestHandler handler;
  private final Logger log;
  private Selector selector;
  private ServerSocketChannel server;
  private Thread thread;
  /** Set by {@link #reopen}: the serving thread binds the socket anew at its next turn. */
  private volatile boolean reopenRequested;

  public ChannelServer(Path socketPath, PeerCheck peers, RequestHandler handler, Logger log) {
    this.socketPath = socketPath;
    this.peers = peers;
    this.handler = handler;
    this.log = log;
  }

  /** Binds the socket (directory 0700, socket 0600) and starts the serving thread. */
  public void start() throws IOException {
    selector = Selector.open();
    listen();
    serve();
    Runtime.getRuntime().addShutdownHook(new Thread(this::removeSocket, "graft-channel-cleanup"));
    log.info("channel listening on {}", socketPath);
  }

  private void serve() {
    thread = new Thread(this, "graft-channel");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Asked by a CLI that found this agent loaded but could not connect (a second agentmain with the reopen
   * option): the socket file may be gone where the watcher cannot see it (a dead socket file restored or
   * left in its place), or the serving thread may have died. The socket is bound anew either way.
   */
  public synchronized void reopen() throws IOException {
    if (thread.isAlive()) {
      reopenRequested = true;
      selector.wakeup();
      return;
    }
    log.warn("the channel thread had died; serving {} again", socketPath);
    selector = Selector.open(); // the old one, and every connection it held, went with the thread
    listen();
    serve();
  }

  /** Binds the socket (directory 0700, socket 0600) and accepts on it. */
  private void listen() throws IOException {
    SecureDirectory.prepare(socketPath.getParent());
    Files.deleteIfExists(socketPath); // a socket left by an earlier JVM with this pid
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(socketPath));
    Files.setPosixFilePermissions(socketPath, PosixFilePermissions.fromString("rw-------"));
    server.configureBlocking(false);
    server.register(selector, SelectionKey.OP_ACCEPT);
  }

  /**
   * A /tmp cleaner (systemd-tmpfiles, {@code rm -rf /tmp/*}) may remove the socket file: the agent would
   * then be out of reach, with its patches active and no way to list or revert them. Checked once a
   * second; a removed socket (or directory) is made again.
   */
  private void keepSocket() throws IOException {
    if (reopenRequested) {
      reopenRequested = false;
      log.warn("a client could not reach {}; listening on it again", socketPath);
    } else if (Files.exists(socketPath)) {
      return;
    } else {
      log.warn("the socket file {} was removed; listening on it again", socketPath);
    }
    server.close(); // its key is cancelled with it
    listen();
  }

  @Override
  public void run() {
    while (selector.isOpen()) {
      try {
        selector.select(SELECT_MILLIS);
        for (SelectionKey key : selector.selectedKeys()) {
          serve(key);
        }
        selector.selectedKeys().clear();
        closeIdle();
        keepSocket();
        handler.idle();
      } catch (IOException | RuntimeException | LinkageError e) {
        // The loop must outlive any one bad connection or request; the failure is recorded, then serving goes on.
        log.error("channel loop error, still serving", e);
      } catch (OutOfMemoryError e) {
        // the heap's last bytes: no stack trace (it costs memory), and never one on the target's stderr
        log.error("channel loop ran out of heap, still serving: {}", e.getMessage());
      }
    }
  }

  private void serve(SelectionKey key) throws IOException {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      accept();
      return;
    }
    Connection connection = (Connection) key.attachment();
    try {
      if (key.isReadable()) {
        readFrom(key, connection);
      }
      if (key.isValid() && key.isWritable()) {
        writeTo(key, connection);
      }
    } catch (IOException e) {
      log.debug("connection dropped: {}", e.toString());
      close(key);
    }
  }

  private void accept() throws IOException {
    SocketChannel socket = server.accept();
    if (socket == null) {
      return;
    }
    String user = PeerCheck.user(socket);
    String refusal = peers.refusal(user);
    if (refusal != null || selector.keys().size() > MAX_CONNECTIONS) {
      String why = refusal != null ? refusal : "too many connections to the graft agent; try again";
      log.warn("refused a client: {}", why);
      socket.configureBlocking(true);
      Connection once = new Connection(socket, 0, user);
      once.queue(Wire.encode(Wire.Response.failure(ExitCodes.UNREACHABLE, why)));
      once.flush();
      socket.close();
      return;
    }
    socket.configureBlocking(false);
    socket.register(selector, SelectionKey.OP_READ, new Connection(socket, Protocol.MAX_REQUEST_BYTES, user));
  }

  private void readFrom(SelectionKey key, Connection connection) throws IOException {
    switch (connection.read()) {
      case INCOMPLETE -> { }
      case CLOSED -> close(key);
      case OVERSIZED -> {
        log.warn("refused a frame of {} bytes (limit {})", connection.claimedLength, Protocol.MAX_REQUEST_BYTES);
        replyAndClose(key, connection, Wire.Response.failure(ExitCodes.USAGE, "request of "
            + connection.claimedLength + " bytes exceeds the agent's limit of " + Protocol.MAX_REQUEST_BYTES + " bytes"));
      }
      case FRAME -> {
        connection.queue(handler.handle(connection.takeFrame(), connection.peerUser));
        connection.lastActivity = System.currentTimeMillis(); // a long request is not idleness
        writeTo(key, connection);
        handler.afterReply();
      }
    }
  }

  private void replyAndClose(SelectionKey key, Connection connection, Wire.Response response) throws IOException {
    connection.queue(Wire.encode(response));
    connection.closeAfterWrite = true;
    writeTo(key, connection);
  }

  private void writeTo(SelectionKey key, Connection connection) throws IOException {
    boolean flushed = connection.flush();
    connection.lastActivity = System.currentTimeMillis(); // a big reply still being written is not idleness
    if (flushed) {
      if (connection.closeAfterWrite) {
        close(key);
      } else {
        key.interestOps(SelectionKey.OP_READ);
      }
    } else {
      key.interestOps(SelectionKey.OP_WRITE);
    }
  }

  private void closeIdle() {
    long now = System.currentTimeMillis();
    for (SelectionKey key : new ArrayList<>(selector.keys())) {
      if (key.attachment() instanceof Connection connection && now - connection.lastActivity > Protocol.IDLE_TIMEOUT_MILLIS) {
        log.debug("closing a connection idle for {} ms", now - connection.lastActivity);
        close(key);
      }
    }
  }

  private void close(SelectionKey key) {
    key.cancel();
    try {
      key.channel().close();
    } catch (IOException e) {
      log.debug("closing a connection failed: {}", e.toString());
    }
  }

  private void removeSocket() {
    try {
      Files.deleteIfExists(socketPath);
    } catch (IOException e) {
      log.warn("cannot remove {}: {}", socketPath, e.toString());
    }
  }
}
