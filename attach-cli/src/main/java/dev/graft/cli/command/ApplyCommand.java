package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClassSource;
import dev.graft.cli.attach.AgentClient;
import dev.graft.compile.SnippetCompiler;
import dev.graft.script.ScriptParser;
import dev.graft.script.ScriptStatement;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.ApplyArgs;
import dev.graft.protocol.Messages.ApplyItem;
import dev.graft.protocol.Messages.ApplyResult;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.Messages.RebindQuery;
import dev.graft.protocol.Messages.RebindSite;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft apply PID SCRIPT}: every patch of a script, all or none. */
@Command(name = "apply", description = "Apply every patch in a patch script, all or none.")
public final class ApplyCommand extends GraftCommand {
  @picocli.CommandLine.Mixin
  LoaderOptions loaders;

  @picocli.CommandLine.Mixin
  CompileOptions compiling;

  /** A script bigger than this is not a set of fixes. */
  public static final long MAX_SCRIPT_BYTES = 1 << 20;
  private static final Pattern FAILURE_POSITION = Pattern.compile("^[^\\n]*?:(\\d+):\\d+: ");

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "SCRIPT", description = "The patch script: inject TARGET { java } and rebind WHERE NAME = EXPR; statements.")
  Path script;

  @Option(names = "--dry-run", description = "Compile, weave and verify every patch against the live JVM; change nothing.")
  boolean dryRun;

  @Option(names = "--when-loaded", description = "Patches of classes not loaded yet wait, and apply when their class loads.")
  boolean whenLoaded;

  @Override
  Object execute() {
    String name = script.toString();
    List<ScriptStatement> statements = new ScriptParser(name, read()).parse();
    if (statements.isEmpty()) {
      throw GraftException.rejected(name + ": the script holds no patch");
    }
    try (AgentClient agent = connect(pid)) {
      List<ApplyItem> items = new ArrayList<>();
      List<String> failures = new ArrayList<>();
      int exitCode = ExitCodes.OK;
      for (ScriptStatement statement : statements) {
        try {
          items.add(compile(agent, statement, name));
        } catch (GraftException e) {
          failures.add(statement.locate(name, e.getMessage()));
          exitCode = Math.max(exitCode, e.exitCode());
        }
      }
      if (!failures.isEmpty()) {
        // patches the agent compiles are checked there too, so that every failure is reported at once
        List<ApplyItem> compiledThere = items.stream()
            .filter(item -> item.inject() != null ? item.inject().wrapperBase64() == null : item.rebind().wrapperBase64() == null)
            .toList();
        if (!compiledThere.isEmpty()) {
          try {
            agent.call(Protocol.OP_APPLY, new ApplyArgs(compiledThere, true), ApplyResult.class);
          } catch (GraftException e) {
            inScript(e.getMessage(), statements, name).lines().filter(line -> !line.startsWith("nothing applied;")).forEach(failures::add);
            exitCode = Math.max(exitCode, e.exitCode());
          }
        }
        failures.sort(Comparator.comparingInt(ApplyCommand::scriptLine));
        throw new GraftException(exitCode, "nothing applied; " + failures.size() + " of " + statements.size()
            + " patches failed:\n" + String.join("\n", failures));
      }
      ApplyResult result;
      try {
        result = agent.call(Protocol.OP_APPLY, new ApplyArgs(items, dryRun), ApplyResult.class);
      } catch (GraftException e) {
        throw new GraftException(e.exitCode(), inScript(e.getMessage(), statements, name));
      }
      for (PatchResult patch : result.patches()) {
        renderPatch(pid, patch);
      }
      say((dryRun ? "dry run: " + result.patches().size() + " patches checked, nothing changed" : result.patches().size() + " patches applied")
          + " from " + name);
      return result;
    }
  }

  private ApplyItem compile(AgentClient agent, ScriptStatement statement, String name) {
    String position = statement.position(name);
    SnippetCompiler compiler = compiling.compiler();
    // the agent compiles: it resolves each patch's class and site itself, so no request per patch here
    boolean agentCompiles = compiling.agentCompiles(agent.agentCompiles());
    String loaderSelector = statement.loader() != null ? statement.loader() : loaders.loader(); // the statement's own wins
    if (statement.kind().equals(ScriptStatement.INJECT)) {
      PatchTarget target = InjectCommand.parseTarget(statement.target());
      boolean propagate = statement.options().contains("--propagate");
      boolean onThrow = statement.options().contains("--on-throw");
      if (agentCompiles) {
        return new ApplyItem(position, new InjectArgs(target.toString(), loaderSelector, statement.code(), null, null, null, propagate, whenLoaded,
            dryRun, null, onThrow), null);
      }
      SiteInfo site = agent.call(Protocol.OP_SITE, new SiteQuery(target.toString(), loaderSelector, whenLoaded, onThrow), SiteInfo.class);
      String loader = whenLoaded ? loaderSelector : site.loaderId();
      SnippetCompiler.Compiled compiled = compiler.compileStatements(new AgentClassSource(agent, site.loaderId()), site, statement.code());
      return new ApplyItem(position, new InjectArgs(target.toString(), loader, statement.code(), compiled.wrapperName(),
          Base64.getEncoder().encodeToString(compiled.bytes()), compiled.localNames(), propagate, whenLoaded, dryRun, null, onThrow), null);
    }
    int indexAt = statement.options().indexOf("--index");
    Integer index = indexAt < 0 ? null : Integer.valueOf(statement.options().get(indexAt + 1));
    String binding = statement.code();
    RebindQuery query = RebindCommand.query(statement.target(), binding, index, loaderSelector, whenLoaded);
    String expression = RebindCommand.expressionOf(binding);
    String wrapper = null;
    if (!agentCompiles) {
      RebindSite site = agent.call(Protocol.OP_REBIND_SITE, query, RebindSite.class);
      wrapper = Base64.getEncoder().encodeToString(
          compiler.compileExpression(new AgentClassSource(agent, site.wrapper().loaderId()), site.wrapper(), expression).bytes());
    }
    return new ApplyItem(position, null, new RebindArgs(query, statement.target(), expression, wrapper, dryRun));
  }

  /**
   * The agent names a failed patch by its script position; when it compiled the patch, the compiler's
   * position inside the snippet follows, and is mapped into the script here.
   */
  private static String inScript(String message, List<ScriptStatement> statements, String name) {
    List<String> lines = new ArrayList<>();
    for (String line : message.split("\n", -1)) {
      String mapped = line;
      for (ScriptStatement statement : statements) {
        String prefix = statement.position(name) + ": ";
        if (line.startsWith(prefix)) {
          mapped = statement.locate(name, line.substring(prefix.length()));
          break;
        }
      }
      lines.add(mapped);
    }
    return String.join("\n", lines);
  }

  /** The script line a failure names ({@code file:LINE:COLUMN: ...}), to report failures in script order. */
  private static int scriptLine(String failure) {
    Matcher position = FAILURE_POSITION.matcher(failure);
    return position.find() ? Integer.parseInt(position.group(1)) : Integer.MAX_VALUE;
  }

  private String read() {
    try {
      long size = Files.size(script);
      if (size > MAX_SCRIPT_BYTES) {
        throw GraftException.rejected(script + " has " + size + " bytes; a patch script may have at most " + MAX_SCRIPT_BYTES);
      }
      return Files.readString(script, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraftException(ExitCodes.USAGE, "cannot read the script " + script + ": " + e.getMessage());
    }
  }
}
