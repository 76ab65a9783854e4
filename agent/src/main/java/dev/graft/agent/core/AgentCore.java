package dev.graft.agent.core;

import dev.graft.channel.ChannelServer;
import dev.graft.channel.PeerCheck;
import dev.graft.channel.SecureDirectory;
import dev.graft.patch.PatchApplier;
import dev.graft.patch.PatchRegistry;
import dev.graft.patch.PatchTransformer;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BiConsumer;
import net.bytebuddy.dynamic.loading.ClassInjector;
import org.slf4j.Logger;

/** Starts the agent's core inside its own class loader: logging, the transformer, the bridge, the channel. */
public final class AgentCore {
  private static final String BRIDGE_CLASS = "dev.graft.bridge.GraftBridge";

  private AgentCore() {}

  /** Called once per JVM, reflectively, by {@code AgentMain}. */
  public static Object start(Instrumentation instrumentation, String options, boolean atStartup) {
    try {
      long pid = ProcessHandle.current().pid();
      long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      Path logDirectory = SecureDirectory.prepare(Path.of(System.getProperty("java.io.tmpdir"), "graft-" + uid));
      AgentLog agentLog = new AgentLog(logDirectory.resolve("graft-agent-" + pid + ".log"));
      Logger log = agentLog.logger(AgentCore.class);
      log.info("graft agent {} starting in pid {} ({}), java {}", Protocol.AGENT_VERSION, pid,
          atStartup ? "at JVM start" : "attached", System.getProperty("java.version"));

      LoaderIds loaderIds = new LoaderIds();
      PatchRegistry registry = new PatchRegistry();
      PatchTransformer transformer = new PatchTransformer(registry, loaderIds::idOf, agentLog.logger(PatchTransformer.class));
      injectBridge(instrumentation, logDirectory, registry, agentLog.logger(PatchTransformer.class));
      instrumentation.addTransformer(transformer, true);

      Path socket = Protocol.socketPath(uid, pid);
      AgentContext context = new AgentContext(pid, socket, agentLog, loaderIds,
          new LoadedClasses(instrumentation, loaderIds),
          new ClassFiles(instrumentation, transformer, loaderIds),
          new PackageListing(instrumentation),
          registry,
          new PatchApplier(instrumentation, registry, transformer, agentLog.logger(PatchApplier.class)));
      CommandHandler handler = new CommandHandler(context);
      new ChannelServer(socket, new PeerCheck(PeerCheck.processOwner()), handler::handle, agentLog.logger(ChannelServer.class)).start();
      System.out.println("graft agent " + Protocol.AGENT_VERSION + " listening on " + socket + " (log: " + agentLog.file() + ")");
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("graft agent cannot start: " + e.getMessage(), e);
    }
  }

  /**
   * Puts GraftBridge into the bootstrap class loader, where every class (the patched ones included) can
   * see it, and connects it to the registry's exception counters.
   */
  private static void injectBridge(Instrumentation instrumentation, Path directory, PatchRegistry registry, Logger log) throws IOException {
    byte[] bytes;
    try (InputStream in = AgentCore.class.getClassLoader().getResourceAsStream(BRIDGE_CLASS.replace('.', '/') + ".class")) {
      if (in == null) {
        throw new IOException("the agent jar has no " + BRIDGE_CLASS);
      }
      bytes = in.readAllBytes();
    }
    Class<?> bridge;
    try {
      bridge = Class.forName(BRIDGE_CLASS, true, null); // an earlier agent of this JVM may have put it there
    } catch (ClassNotFoundException notYet) {
      ClassInjector.UsingInstrumentation.of(directory.toFile(), ClassInjector.UsingInstrumentation.Target.BOOTSTRAP, instrumentation)
          .injectRaw(Map.of(BRIDGE_CLASS, bytes));
      try {
        bridge = Class.forName(BRIDGE_CLASS, true, null);
      } catch (ClassNotFoundException e) {
        throw new IOException("injected " + BRIDGE_CLASS + " into the bootstrap loader, but it is not there", e);
      }
    }
    BiConsumer<String, Throwable> sink = new ExceptionSink(registry, log);
    try {
      bridge.getMethod("connect", BiConsumer.class).invoke(null, sink);
    } catch (ReflectiveOperationException e) {
      throw new IOException("cannot connect " + BRIDGE_CLASS + ": " + e, e);
    }
  }
}
