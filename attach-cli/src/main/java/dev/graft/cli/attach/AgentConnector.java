package dev.graft.cli.attach;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Hello;
import dev.graft.protocol.Messages.HelloResult;
import dev.graft.protocol.Protocol;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import net.bytebuddy.agent.ByteBuddyAgent;

/**
 * Reaches the agent in a JVM: talks to the one already loaded (found by its socket), or attaches and
 * loads it first. An agent of another graft version is reported with both versions, never replaced.
 */
public final class AgentConnector {
  private static final long SOCKET_WAIT_MILLIS = 5_000;
  /**
   * A long-lived process (the console) keeps its connections between commands, idle ones by socket: each
   * command then skips the connect and the greeting. The agent closes a connection idle for {@link
   * Protocol#IDLE_TIMEOUT_MILLIS}; one idle for half of that is not reused but closed, and a new one opened.
   */
  private static final java.util.Map<Path, java.util.Deque<AgentClient>> KEPT = new java.util.concurrent.ConcurrentHashMap<>();
  private static final long KEPT_IDLE_MILLIS = Protocol.IDLE_TIMEOUT_MILLIS / 2;
  private static volatile boolean keeping;
  private final Path agentJar;
  private Duration timeout = AgentClient.DEFAULT_TIMEOUT;

  public AgentConnector(Path agentJar) {
    this.agentJar = agentJar;
  }

  /** How long to wait for each answer of the agent (--timeout). */
  public AgentConnector timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Where {@code -v} lines go: how long attaching, loading the agent and its socket took. */
  public AgentConnector verbose(java.util.function.Consumer<String> sink) {
    this.verbose = sink;
    return this;
  }

  private java.util.function.Consumer<String> verbose = line -> { };
  private java.util.function.Consumer<String> notice = line -> { };

  /** JDK 21 prints a warning on the target's stderr when an agent is loaded into it while it runs (JEP 451). */
  private static final int DYNAMIC_LOADING_WARNED_SINCE = 21;

  /** Where lines the user should read go (on stderr): what graft's attach made the target print. */
  public AgentConnector notice(java.util.function.Consumer<String> sink) {
    this.notice = sink;
    return this;
  }

  /** The agent jar: -Dgraft.agent.jar, else $GRAFT_AGENT_JAR, else the build's agent/target beside this jar. */
  public static AgentConnector fromEnvironment() {
    String configured = System.getProperty("graft.agent.jar", System.getenv("GRAFT_AGENT_JAR"));
    if (configured != null) {
      return new AgentConnector(Path.of(configured));
    }
    try {
      Path cliJar = Path.of(AgentConnector.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return new AgentConnector(cliJar.getParent().getParent().getParent().resolve("agent/target/graft-agent.jar"));
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException("cannot locate the graft CLI's own jar", e);
    }
  }

  /** From now on the connections of this process are kept between commands (see {@link #KEPT}): the console's. */
  public static void keepConnections() {
    keeping = true;
  }

  /** Whether this process keeps its connections: a long-lived one (the console), which may keep what it was told. */
  public static boolean keepsConnections() {
    return keeping;
  }

  /** Connects to the loaded agent; null when none is loaded. */
  public AgentClient connectIfLoaded(TargetProcess target) {
    Path socket = target.socket();
    if (!Files.exists(socket)) {
      return null;
    }
    AgentClient kept = keeping ? takeKept(socket) : null;
    if (kept != null) {
      return kept.timeout(timeout).verbose(verbose);
    }
    try {
      AgentClient client = AgentClient.open(socket, target.pid()).timeout(timeout).verbose(verbose);
      checkVersion(client);
      if (keeping) {
        client.keepWith(idle -> KEPT.computeIfAbsent(socket, key -> new java.util.concurrent.ConcurrentLinkedDeque<>()).push(idle));
      }
      return client;
    } catch (IOException e) {
      return null; // a socket left behind by an earlier JVM with the same pid
    }
  }

  /**
   * The loaded agent, or one loaded now. An agent loaded but out of reach (its socket gone, or dead) is
   * asked to reopen it: a second agentmain with the reopen option, through the attach API as a load is.
   */
  public AgentClient connect(TargetProcess target) {
    AgentClient client = connectIfLoaded(target);
    if (client != null) {
      return client;
    }
    long started = System.nanoTime();
    boolean reopening = AgentPresence.started(target);
    Path refusal = target.namespace().refusal();
    deleteQuietly(refusal); // what an earlier start said no longer holds
    load(target, reopening ? Protocol.REOPEN_OPTION : null);
    long loaded = System.nanoTime();
    verbose.accept("graft: attached to " + target.pid() + " and loaded the agent in " + (loaded - started) / 1_000_000 + " ms");
    if (!reopening && target.javaFeature() >= DYNAMIC_LOADING_WARNED_SINCE) {
      notice.accept("note: JVM " + target.pid() + " (Java " + target.javaFeature() + ") printed a warning on its stderr that an agent "
          + "was loaded dynamically (JEP 451); start it with -XX:+EnableDynamicAgentLoading, or with -javaagent:" + agentJar
          + " (start-up mode, dormant until a client connects), and it prints none");
    }
    long deadline = System.currentTimeMillis() + SOCKET_WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      client = connectIfLoaded(target);
      if (client != null) {
        verbose.accept("graft: the agent's socket answered " + (System.nanoTime() - loaded) / 1_000_000 + " ms later");
        return client;
      }
      if (Files.exists(refusal)) {
        throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent did not start in JVM " + target.pid() + ": " + readQuietly(refusal));
      }
      sleepBriefly();
    }
    if (reopening) {
      throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent is loaded in JVM " + target.pid() + " but out of reach, and asked to reopen "
          + target.socket() + " it did not; its log says why (graft-agent-" + target.pid() + ".log)");
    }
    throw new GraftException(ExitCodes.UNREACHABLE, "loaded the graft agent into " + target.pid()
        + ", but its socket " + target.socket() + " did not appear; see the target's stderr");
  }

  /** An idle connection to that socket that may serve another command, or null; stale ones are closed. */
  private static AgentClient takeKept(Path socket) {
    java.util.Deque<AgentClient> idle = KEPT.get(socket);
    for (AgentClient client; idle != null && (client = idle.poll()) != null; ) {
      if (client.reusable(KEPT_IDLE_MILLIS)) {
        return client;
      }
      client.closeSocket();
    }
    return null;
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // then a stale note may be quoted; it names the figures of its own time
    }
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "it declined (" + e.getMessage() + "); see the target's stderr";
    }
  }

  private void load(TargetProcess target, String option) {
    target.requireJvm();
    if (!Files.isRegularFile(agentJar)) {
      throw new GraftException(ExitCodes.INTERNAL, "the graft agent jar is missing at " + agentJar + "; run `mvn package` or set GRAFT_AGENT_JAR");
    }
    try {
      Path staged = AgentJarStage.stage(agentJar, target, target.namespace());
      ByteBuddyAgent.attach(new File(staged.toString()), String.valueOf(target.pid()), option);
    } catch (RuntimeException e) {
      if (chainNames(e, "AgentInitializationException")) {
        Path refusal = target.namespace().refusal();
        if (Files.exists(refusal)) { // it declined, and said why, before the failure reached the attach API
          throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent did not start in JVM " + target.pid() + ": " + readQuietly(refusal), e);
        }
        throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent was loaded into JVM " + target.pid()
            + " but could not start; the target's stderr says why (for example a module graph without jdk.net or java.logging)", e);
      }
      if (messages(e).contains("Dynamic agent loading is not enabled")) {
        throw new GraftException(ExitCodes.UNREACHABLE, "JVM " + target.pid() + " was started with -XX:-EnableDynamicAgentLoading, "
            + "so it refuses agents loaded while it runs (JEP 451); restart it with -XX:+EnableDynamicAgentLoading, or in start-up "
            + "mode: -javaagent:" + agentJar + " (graft stays dormant until a client connects)", e);
      }
      throw new GraftException(ExitCodes.UNREACHABLE, "cannot attach to JVM " + target.pid() + ": " + messages(e)
          + "; " + ProcessState.describe(target.pid()) + " (is attach disabled with -XX:+DisableAttachMechanism, or the JVM not fully started? start it with "
          + "-javaagent:" + agentJar + " instead)", e);
    }
  }

  /** The messages along a cause chain (the attach API's own often say only null). */
  private static String messages(Throwable failure) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      String part = t.getMessage() != null ? t.getMessage() : t.getClass().getSimpleName();
      if (!parts.contains(part)) {
        parts.add(part);
      }
    }
    return String.join(": ", parts);
  }

  private static boolean chainNames(Throwable failure, String simpleName) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t.getClass().getSimpleName().equals(simpleName)) {
        return true;
      }
    }
    return false;
  }

  private static void checkVersion(AgentClient client) {
    HelloResult hello;
    try {
      hello = client.call(Protocol.OP_HELLO, new Hello(Protocol.AGENT_VERSION), HelloResult.class);
    } catch (AgentClient.NoAnswer e) {
      client.close();
      throw e;
    } catch (GraftException e) {
      client.close();
      throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent in " + client.pid() + " does not speak this client's protocol ("
          + e.getMessage() + "); this is graft " + Protocol.AGENT_VERSION);
    }
    if (!hello.agentVersion().equals(Protocol.AGENT_VERSION) || hello.protocol() != Protocol.VERSION) {
      client.close();
      throw new GraftException(ExitCodes.UNREACHABLE, "JVM " + client.pid() + " runs graft agent " + hello.agentVersion()
          + ", and this is graft " + Protocol.AGENT_VERSION + "; use graft " + hello.agentVersion() + " with it, or restart the JVM");
    }
    client.greeted(hello);
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new GraftException(ExitCodes.INTERNAL, "interrupted while waiting for the agent");
    }
  }
}
