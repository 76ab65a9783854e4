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

  /** Connects to the loaded agent; null when none is loaded. */
  public AgentClient connectIfLoaded(TargetProcess target) {
    Path socket = target.socket();
    if (!Files.exists(socket)) {
      return null;
    }
    try {
      AgentClient client = AgentClient.open(socket, target.pid()).timeout(timeout).verbose(verbose);
      checkVersion(client);
      return client;
    } catch (IOException e) {
      return null; // a socket left behind by an earlier JVM with the same pid
    }
  }

  public AgentClient connect(TargetProcess target) {
    AgentClient client = connectIfLoaded(target);
    if (client != null) {
      return client;
    }
    long started = System.nanoTime();
    load(target);
    long loaded = System.nanoTime();
    verbose.accept("graft: attached to " + target.pid() + " and loaded the agent in " + (loaded - started) / 1_000_000 + " ms");
    long deadline = System.currentTimeMillis() + SOCKET_WAIT_MILLIS;
    while (System.currentTimeMillis() < deadline) {
      client = connectIfLoaded(target);
      if (client != null) {
        verbose.accept("graft: the agent's socket answered " + (System.nanoTime() - loaded) / 1_000_000 + " ms later");
        return client;
      }
      sleepBriefly();
    }
    throw new GraftException(ExitCodes.UNREACHABLE, "loaded the graft agent into " + target.pid()
        + ", but its socket " + target.socket() + " did not appear; see the target's stderr");
  }

  private void load(TargetProcess target) {
    target.requireJvm();
    if (!Files.isRegularFile(agentJar)) {
      throw new GraftException(ExitCodes.INTERNAL, "the graft agent jar is missing at " + agentJar + "; run `mvn package` or set GRAFT_AGENT_JAR");
    }
    try {
      Path staged = AgentJarStage.stage(agentJar, target, target.namespace());
      ByteBuddyAgent.attach(new File(staged.toString()), String.valueOf(target.pid()));
    } catch (RuntimeException e) {
      if (chainNames(e, "AgentInitializationException")) {
        throw new GraftException(ExitCodes.UNREACHABLE, "the graft agent was loaded into JVM " + target.pid()
            + " but could not start; the target's stderr says why (for example a module graph without jdk.net or java.logging)", e);
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
