package dev.graft.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/** Every string and bound the agent and the CLI must agree on, named once. */
public final class Protocol {
  /** Bumped whenever a message changes shape; agent and CLI must match exactly. */
  public static final int VERSION = 1;
  /** The largest request the agent reads; a bigger frame is refused and the connection closed. */
  public static final int MAX_REQUEST_BYTES = 4 << 20;
  /** The largest response the CLI reads (bytecode text of a big class can be large). */
  public static final int MAX_RESPONSE_BYTES = 128 << 20;
  /** A connection that sends nothing for this long is closed, so it cannot hold the channel. */
  public static final int IDLE_TIMEOUT_MILLIS = 30_000;

  /** A loader selector that names the loader of a loaded class ({@code --loader-of CLASS}): {@code of:CLASS}. */
  public static final String LOADER_OF = "of:";

  public static final String OP_HELLO = "hello";
  public static final String OP_SHOW = "show";
  public static final String OP_CLASS_BYTES = "classBytes";
  public static final String OP_LIST_PACKAGE = "listPackage";
  public static final String OP_SITE = "site";
  public static final String OP_INJECT = "inject";
  public static final String OP_REBIND_SITE = "rebindSite";
  public static final String OP_REBIND = "rebind";
  public static final String OP_APPLY = "apply";
  public static final String OP_LIST = "list";
  public static final String OP_DIFF = "diff";
  public static final String OP_REVERT = "revert";
  public static final String OP_CLASSES = "classes";
  public static final String OP_WATCH_OPEN = "watchOpen";
  public static final String OP_WATCH_POLL = "watchPoll";
  public static final String OP_WATCH_CLOSE = "watchClose";

  public static final String AGENT_VERSION = readVersion();

  private static final String SOCKET_DIR_PREFIX = "graft-";
  private static final String SOCKET_PREFIX = "agent-";
  private static final String SOCKET_SUFFIX = ".sock";

  private Protocol() {}

  /**
   * The per-user directory (mode 0700) holding the agents' sockets. It is under /tmp rather than
   * java.io.tmpdir because client and target must agree on it without talking first.
   */
  public static Path socketDirectory(long uid) {
    return Path.of("/tmp", SOCKET_DIR_PREFIX + uid);
  }

  public static Path socketPath(long uid, long pid) {
    return socketDirectory(uid).resolve(SOCKET_PREFIX + pid + SOCKET_SUFFIX);
  }

  /**
   * Where an agent that declined to start says why: the attach API reports only that loading failed, and
   * the target's stderr is not the CLI's to read.
   */
  public static Path refusalPath(long uid, long pid) {
    return socketDirectory(uid).resolve(SOCKET_PREFIX + pid + ".refused");
  }

  /** The agent option that asks an agent already loaded to listen on its socket again. */
  public static final String REOPEN_OPTION = "reopen";

  private static String readVersion() {
    try (InputStream in = Protocol.class.getResourceAsStream("graft-version.properties")) {
      Properties properties = new Properties();
      if (in != null) {
        properties.load(in);
      }
      return properties.getProperty("version", "dev");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read graft's version resource", e);
    }
  }
}
