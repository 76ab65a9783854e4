package dev.graft.agent.core;

import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.Messages.RebindQuery;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.script.ScriptParser;
import dev.graft.script.ScriptStatement;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;

/**
 * {@code -javaagent:graft-agent.jar=apply=FILE}: the script's patches are compiled here, in the target
 * (which must then run on a JDK), against its class loader's class files, before {@code main} runs. Its
 * classes are not loaded yet, so every patch (inject or rebind) waits for its class. All or none, as with
 * {@code graft apply}.
 */
final class StartupScript {
  static final String OPTION = "apply=";

  private StartupScript() {}

  /** Applies the script; a failure is logged and told in one line on stderr, and the application starts anyway. */
  static void apply(CommandHandler handler, AgentContext context, Path file, Logger log) {
    try {
      List<PatchBatch.Prepared> prepared = prepare(handler, context, file);
      List<PatchResult> results = handler.batch.apply(prepared, false);
      handler.afterReply(); // no reply to wait for at start-up: the patches' reports go to the log now
      log.info("start-up script {}: {} patch(es) registered", file, results.size());
    } catch (GraftException | IOException e) {
      log.error("start-up script {} not applied: {}", file, e.getMessage());
      System.err.println("graft: start-up script " + file + " not applied: " + e.getMessage().lines().findFirst().orElse("")
          + " (details in " + context.log().file() + ")");
    }
  }

  /** A script's rebind, waiting for its class, to be compiled here. */
  private static RebindArgs rebindArgs(ScriptStatement statement) {
    String binding = statement.code();
    int equals = binding.indexOf('=');
    String name = binding.substring(0, equals).trim();
    String expression = binding.substring(equals + 1).trim();
    String where = statement.target();
    int indexAt = statement.options().indexOf("--index");
    Integer index = indexAt < 0 ? null : Integer.valueOf(statement.options().get(indexAt + 1));
    int colon = where.lastIndexOf(':');
    RebindQuery query;
    if (colon > 0) {
      query = new RebindQuery(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)), null, name, index, null, true);
    } else {
      int hash = where.indexOf('#');
      if (hash <= 0) {
        throw GraftException.rejected("'" + where + "': expected CLASS:LINE (a closure) or CLASS#METHOD (field reads)");
      }
      query = new RebindQuery(where.substring(0, hash), 0, where.substring(hash + 1), name, index, null, true);
    }
    return new RebindArgs(query, where, expression, null, false);
  }

  private static List<PatchBatch.Prepared> prepare(CommandHandler handler, AgentContext context, Path file) throws IOException {
    String name = file.toString();
    List<ScriptStatement> statements = new ScriptParser(name, Files.readString(file, StandardCharsets.UTF_8)).parse();
    List<PatchBatch.Prepared> prepared = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ScriptStatement statement : statements) {
      try {
        if (statement.kind().equals(ScriptStatement.REBIND)) {
          prepared.add(handler.batch.prepareRebind(handler.compiler.complete(rebindArgs(statement)), statement.position(name)));
          continue;
        }
        PatchTarget target = CommandHandler.parseTarget(statement.target());
        SiteInfo site = handler.site(new SiteQuery(target.toString(), null, true));
        ClassLoader loader = context.loaderIds().loader(site.loaderId());
        SnippetCompiler.Compiled compiled = new SnippetCompiler(context.javac()).compileStatements(new LocalClassSource(context, loader), site, statement.code());
        InjectArgs args = new InjectArgs(target.toString(), null, statement.code(), compiled.wrapperName(),
            Base64.getEncoder().encodeToString(compiled.bytes()), compiled.localNames(), statement.options().contains("--propagate"), true, false);
        prepared.add(handler.batch.prepareInject(args, statement.position(name)));
      } catch (GraftException e) {
        failures.add(statement.locate(name, e.getMessage()));
      }
    }
    if (!failures.isEmpty()) {
      throw GraftException.rejected(String.join("\n", failures));
    }
    return prepared;
  }
}
