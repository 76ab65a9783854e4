package dev.graft.agent.core;

import dev.graft.channel.ChannelServer;
import dev.graft.channel.PeerCheck;
import dev.graft.compile.ReusedJavacContexts;
import dev.graft.patch.PatchApplier;
import dev.graft.patch.PatchRegistry;
import dev.graft.patch.PatchTransformer;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;

/** Starts the agent's core inside its own class loader: logging, the exception channel, the transformer, the socket. */
public final class AgentCore {
  /** Held here for as long as the agent lives: java.util.logging keeps its loggers only weakly. */
  private static java.util.logging.Logger exceptionChannel;
  /** The control channel, for a later agentmain that asks it to reopen. */
  private static ChannelServer channel;

  /** jdk.net: who connects to the socket (SO_PEERCRED); java.logging: how spliced code reports what it caught. */
  private static final java.util.List<String> NEEDED_MODULES = java.util.List.of("jdk.net", "java.logging");

  private AgentCore() {}

  /**
   * Better no agent than one nobody can reach: without these modules the channel could not check who
   * connects, and spliced code could not report. A runtime may lack them (a jlinked JRE), or have them
   * outside the JVM's module graph (an application started with {@code -m} resolves only what it requires).
   */
  private static void requireModules() {
    for (String module : NEEDED_MODULES) {
      if (ModuleLayer.boot().findModule(module).isPresent()) {
        continue;
      }
      boolean inRuntime = java.lang.module.ModuleFinder.ofSystem().find(module).isPresent();
      throw new IllegalStateException(inRuntime
          ? "the JVM's module graph lacks " + module + ", which graft needs (an application started with -m resolves only the "
              + "modules it requires); start the JVM with --add-modules " + String.join(",", NEEDED_MODULES)
          : "this Java runtime lacks the " + module + " module, which graft needs; add it to the runtime (jlink --add-modules "
              + String.join(",", NEEDED_MODULES) + ")");
    }
  }

  /**
   * Called reflectively by {@code AgentMain} until it returns a context. A String instead says why the agent
   * declined to start (too little memory: AgentMain checked the heap, this checks a capped metaspace too);
   * AgentMain reports it, and a later attach tries again.
   */
  public static Object start(Instrumentation instrumentation, String options, boolean atStartup) {
    long pid = ProcessHandle.current().pid();
    String shortOfMemory = MemoryHeadroom.shortfall(MemoryHeadroom.START, true);
    if (shortOfMemory != null) {
      return shortOfMemory;
    }
    try {
      return startCore(instrumentation, options, atStartup);
    } catch (OutOfMemoryError e) {
      return "JVM " + pid + " ran out of heap while the graft agent started (" + MemoryHeadroom.mb(Runtime.getRuntime().maxMemory())
          + " heap); try again when the application uses less";
    }
  }

  /** Called reflectively by {@code AgentMain} when a CLI finds the agent loaded but cannot reach its socket. */
  public static void reopen() throws IOException {
    channel.reopen();
  }

  private static Object startCore(Instrumentation instrumentation, String options, boolean atStartup) {
    requireModules();
    try {
      long pid = ProcessHandle.current().pid();
      long uid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      // a log directory that cannot be written costs the log only (graft list says so), never the agent
      AgentLog agentLog = AgentLog.in(Path.of(System.getProperty("java.io.tmpdir"), "graft-" + uid), pid);
      Logger log = agentLog.logger(AgentCore.class);
      log.info("graft agent {} starting in pid {} ({}), java {}", Protocol.AGENT_VERSION, pid,
          atStartup ? "at JVM start" : "attached", System.getProperty("java.version"));

      LoaderIds loaderIds = new LoaderIds(instrumentation);
      PatchRegistry registry = new PatchRegistry();
      PatchTransformer transformer = new PatchTransformer(registry, loaderIds::idOf, agentLog.logger(PatchTransformer.class));
      exceptionChannel = ExceptionSink.listen(registry, agentLog.logger(ExceptionSink.class));
      instrumentation.addTransformer(transformer, true);

      Path socket = Protocol.socketPath(uid, pid);
      AgentContext context = new AgentContext(pid, socket, agentLog, loaderIds,
          new LoadedClasses(instrumentation, loaderIds),
          new ClassFiles(instrumentation, transformer, loaderIds),
          new PackageListing(instrumentation),
          registry,
          new PatchApplier(instrumentation, registry, transformer, agentLog.logger(PatchApplier.class)),
          ReusedJavacContexts.open(instrumentation),
          LiveThreads.open(instrumentation));
      CommandHandler handler = new CommandHandler(context);
      if (options != null && options.startsWith(StartupScript.OPTION)) {
        StartupScript.apply(handler, context, transformer, Path.of(options.substring(StartupScript.OPTION.length())), log);
      }
      channel = new ChannelServer(socket, new PeerCheck(PeerCheck.processOwner()), handler, agentLog.logger(ChannelServer.class));
      channel.start();
      String logProblem = agentLog.problem();
      System.out.println("graft agent " + Protocol.AGENT_VERSION + " listening on " + socket
          + (logProblem == null ? " (log: " + agentLog.file() + ")" : " (no log: " + logProblem + ")"));
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("graft agent cannot start: " + e.getMessage(), e);
    }
  }
}
