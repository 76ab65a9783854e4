package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.cli.attach.AgentPresence;
import dev.graft.cli.attach.TargetProcess;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Wire;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every graft command shares: the common options, reaching the target's agent, and printing either
 * text or exactly one JSON document, for results and errors alike.
 */
abstract class GraftCommand implements Callable<Integer> {
  @Mixin
  CommonOptions common;

  @Spec
  CommandSpec spec;

  /** What the command did (the document --json prints), once it ran: the console keeps the patches it applied. */
  private Object result;

  @Override
  public final Integer call() {
    try {
      result = execute();
      if (common.json && result != null) {
        out().println(Wire.GSON.toJson(result));
      }
      return ExitCodes.OK;
    } catch (GraftException e) {
      if (common.json) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("exitCode", e.exitCode());
        error.put("message", e.getMessage());
        out().println(Wire.GSON.toJson(Map.of("error", error)));
      }
      throw e;
    }
  }

  Object result() {
    return result;
  }

  /** Does the work; prints text unless --json, and returns what --json prints. */
  abstract Object execute();

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /** Prints a line of the text output; nothing in --json mode. */
  void say(String line) {
    if (!common.json) {
      out().println(line);
    }
  }

  /** A line the user should read even without -v (on stderr, so that stdout stays the result, or the JSON). */
  void notice(String line) {
    spec.commandLine().getErr().println(line);
  }

  void verbose(String line) {
    if (common.verbose && !common.json) {
      spec.commandLine().getErr().println(line);
    }
  }

  /** How inject and rebind report a patch applied, or checked by --dry-run; and when it reverts itself, if it does. */
  void renderPatch(long pid, PatchResult result, dev.graft.protocol.Messages.Lifetime lifetime) {
    renderPatch(pid, result);
    if (lifetime != null) {
      say(result.dryRun() ? "it would revert itself " + LifetimeOptions.describe(lifetime)
          : "patch " + result.id() + " reverts itself " + LifetimeOptions.describe(lifetime) + "; graft list shows what is left");
    }
  }

  /** How inject and rebind report a patch applied, or checked by --dry-run. */
  void renderPatch(long pid, PatchResult result) {
    String points = result.splicePoints() == 1 ? "1 splice point" : result.splicePoints() + " splice points";
    if (result.kind().equals("rebind")) {
      points = result.splicePoints() == 1 ? "1 read" : result.splicePoints() + " reads";
    }
    if (result.dryRun()) {
      say("dry run: " + result.target() + " would change " + result.className() + "#" + result.method() + " (" + points + "); nothing changed");
      say(result.diff().stripTrailing());
      return;
    }
    if (result.waiting()) {
      say("patch " + result.id() + " waits for " + result.className() + " to load: " + result.target() + " (" + result.method() + ")");
      say("revert with: graft revert " + pid + " " + result.id());
      return;
    }
    say("patch " + result.id() + " applied: " + result.target() + " in " + result.className() + "#" + result.method() + " (" + points + ")");
    String running = runningIn(result.threadsInMethod(), result.virtualThreadsInMethod());
    if (!running.isEmpty()) {
      say("note: running now in thread(s) " + running + "; a frame already running keeps the old code until the method is entered again");
    }
    say("revert with: graft revert " + pid + " " + result.id());
  }

  /** The platform threads by name, the virtual ones counted: a service may have thousands parked in one method. */
  static String runningIn(List<String> platformThreads, int virtualThreads) {
    String platform = String.join(", ", platformThreads);
    if (virtualThreads == 0) {
      return platform;
    }
    String virtual = virtualThreads == 1 ? "1 virtual thread" : virtualThreads + " virtual threads";
    return platform.isEmpty() ? virtual : platform + " and " + virtual;
  }

  AgentClient connect(long pid) {
    TargetProcess target = TargetProcess.of(pid);
    long started = System.nanoTime();
    AgentClient client = AgentConnector.fromEnvironment().timeout(common.timeout).verbose(this::verbose).notice(this::notice).connect(target);
    verbose("graft: connected to the agent in " + pid + " in " + (System.nanoTime() - started) / 1_000_000 + " ms");
    return client;
  }

  /**
   * The agent if it is loaded; null otherwise (nothing can be patched then). An agent loaded whose socket
   * does not answer is asked to reopen it: "nothing is patched" would be false while its patches are active.
   */
  AgentClient connectIfLoaded(long pid) {
    TargetProcess target = TargetProcess.of(pid);
    AgentConnector connector = AgentConnector.fromEnvironment().timeout(common.timeout).verbose(this::verbose).notice(this::notice);
    AgentClient client = connector.connectIfLoaded(target);
    if (client == null) {
      target.requireJvm(); // "no agent loaded" is an answer about a JVM only
      if (AgentPresence.started(target)) {
        verbose("graft: the agent in " + pid + " is loaded but its socket does not answer; asking it to reopen");
        return connector.connect(target);
      }
    }
    return client;
  }
}
