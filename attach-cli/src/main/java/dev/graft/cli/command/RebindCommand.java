package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClassSource;
import dev.graft.cli.attach.AgentClient;
import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.Messages.RebindQuery;
import dev.graft.protocol.Messages.RebindSite;
import dev.graft.protocol.Protocol;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code graft rebind PID CLASS:LINE NAME=EXPR}: the closure created at that line sees EXPR wherever it
 * reads its captured NAME; {@code graft rebind PID CLASS#METHOD OWNER.FIELD=EXPR}: reads of that field
 * inside METHOD see EXPR.
 */
@Command(name = "rebind", description = {
    "Rebind what a lambda, anonymous or local class captured (CLASS:LINE NAME=EXPR),",
    "or what a method reads from a field (CLASS#METHOD OWNER.FIELD=EXPR). EXPR is evaluated at each read."})
public final class RebindCommand extends GraftCommand {
  @picocli.CommandLine.Mixin
  LoaderOptions loaders;

  @picocli.CommandLine.Mixin
  CompileOptions compiling;

  @picocli.CommandLine.Mixin
  LifetimeOptions lifetimes;

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "CLASS:LINE|CLASS#METHOD", description = "Where the closure is created, or the method whose field reads change.")
  String where;

  @Parameters(index = "2", paramLabel = "NAME=EXPR", description = "The captured variable (or OWNER.FIELD) and the Java expression it reads as.")
  String binding;

  @Option(names = "--index", paramLabel = "K", description = "Which closure, when several are created at the line (0-based, in bytecode order).")
  Integer index;

  @Option(names = "--dry-run", description = "Compile, weave and verify; change nothing.")
  boolean dryRun;

  @Option(names = "--when-loaded", description = "The class is not loaded yet: the rebinding waits, and applies when it loads.")
  boolean whenLoaded;

  @Override
  Object execute() {
    RebindQuery query = query(where, binding, index, loaders.loader(), whenLoaded);
    String expression = expressionOf(binding);
    Messages.Lifetime lifetime = lifetimes.lifetime();
    try (AgentClient agent = connect(pid)) {
      RebindSite site = agent.call(Protocol.OP_REBIND_SITE, query, RebindSite.class);
      verbose("graft: rebinding " + query.name() + " in " + site.description());
      String wrapper = null;
      if (!compiling.agentCompiles(site.wrapper().agentCompiles())) {
        SnippetCompiler.Compiled compiled = compiling.compiler().compileExpression(new AgentClassSource(agent, site.wrapper().loaderId()),
            site.wrapper(), expression);
        wrapper = Base64.getEncoder().encodeToString(compiled.bytes());
      }
      PatchResult result = agent.call(Protocol.OP_REBIND, new RebindArgs(query, where, expression, wrapper, dryRun, lifetime), PatchResult.class);
      renderPatch(pid, result, lifetime);
      return result;
    }
  }

  static String expressionOf(String binding) {
    return binding.substring(binding.indexOf('=') + 1).trim();
  }

  /** The agent's question for {@code WHERE NAME=EXPR}, shared by the command and patch scripts. */
  static RebindQuery query(String where, String binding, Integer index, String loader, boolean whenLoaded) {
    int equals = binding.indexOf('=');
    if (equals <= 0 || binding.substring(equals + 1).isBlank()) {
      throw new GraftException(ExitCodes.USAGE, "write the binding as NAME=EXPR (OWNER.FIELD=EXPR for a field); got '" + binding + "'");
    }
    String name = binding.substring(0, equals).trim();
    int colon = where.lastIndexOf(':');
    if (colon > 0) {
      int line;
      try {
        line = Integer.parseInt(where.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new GraftException(ExitCodes.USAGE, "'" + where + "': expected CLASS:LINE, where LINE is the line that creates the closure");
      }
      return new RebindQuery(where.substring(0, colon), line, null, name, index, loader, whenLoaded);
    }
    int hash = where.indexOf('#');
    if (hash <= 0 || hash == where.length() - 1) {
      throw new GraftException(ExitCodes.USAGE, "'" + where + "': expected CLASS:LINE (a closure) or CLASS#METHOD (field reads)");
    }
    return new RebindQuery(where.substring(0, hash), 0, where.substring(hash + 1), name, index, loader, whenLoaded);
  }
}
