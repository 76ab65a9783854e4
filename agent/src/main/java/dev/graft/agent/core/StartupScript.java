package dev.graft.agent.core;

import dev.graft.compile.SnippetCompiler;
import dev.graft.patch.ClassDefinitionHook;
import dev.graft.patch.PatchTransformer;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;

/**
 * {@code -javaagent:graft-agent.jar=apply=FILE}: the script's patches are compiled here, in the target
 * (which must then run on a JDK), against its class loader's class files, on a thread of graft's while
 * {@code main} starts ({@link StartupCompile}: a class they patch waits for them at its definition). Its
 * classes are not loaded yet, so every patch (inject or rebind) waits for its class. All or none, as with
 * {@code graft apply}.
 */
final class StartupScript {
  static final String OPTION = "apply=";

  private StartupScript() {}

  /**
   * Applies the script; a failure is logged and told in one line on stderr, and the application starts
   * anyway. A statement whose class no class loader can serve yet (a Spring Boot application class, in the
   * fat jar its launcher opens later) waits: it is compiled when that class is defined, against its loader.
   */
  static void apply(CommandHandler handler, AgentContext context, PatchTransformer transformer, Path file, Logger log) {
    String name = file.toString();
    try {
      List<ScriptStatement> statements = new ScriptParser(name, Files.readString(file, StandardCharsets.UTF_8)).parse();
      List<ScriptStatement> now = new ArrayList<>();
      Map<String, List<ScriptStatement>> later = new LinkedHashMap<>();
      for (ScriptStatement statement : statements) {
        String className = classOf(statement);
        if (new TargetClasses(context).served(className)) {
          now.add(statement);
        } else {
          later.computeIfAbsent(className.replace('.', '/'), key -> new ArrayList<>()).add(statement);
        }
      }
      ClassDefinitionHook deferred = later.isEmpty() ? ClassDefinitionHook.NONE : new DeferredStatements(handler, context, later, name, log);
      if (!later.isEmpty()) {
        log.info("start-up script {}: patches of {} wait for a class loader to define them", file, later.keySet());
      }
      if (now.isEmpty()) {
        transformer.setDefinitionHook(deferred);
        return;
      }
      Set<String> compiled = new HashSet<>();
      now.forEach(statement -> compiled.add(classOf(statement).replace('.', '/')));
      StartupCompile compile = new StartupCompile(compiled, deferred, name);
      transformer.setDefinitionHook(compile);
      Thread thread = new Thread(() -> compile.finish(() -> applyNow(handler, context, now, file, log)), "graft-start-up-script");
      thread.setDaemon(true);
      thread.setContextClassLoader(StartupScript.class.getClassLoader()); // javac's service lookups stay out of the application
      thread.start();
    } catch (GraftException | IOException e) {
      log.error("start-up script {} not applied: {}", file, e.getMessage());
      System.err.println("graft: start-up script " + file + " not applied: " + e.getMessage().lines().findFirst().orElse("")
          + " (details in " + context.log().file() + ")");
    }
  }

  /** Compiles and registers the statements whose class files a loader serves; all or none; never throws. */
  private static void applyNow(CommandHandler handler, AgentContext context, List<ScriptStatement> now, Path file, Logger log) {
    handler.lock.lock();
    try {
      List<PatchResult> results = handler.batch.apply(prepare(handler, context, now, file.toString(), null), false);
      log.info("start-up script {}: {} patch(es) registered", file, results.size());
    } catch (RuntimeException | LinkageError e) { // a rejection (GraftException) or worse: the classes load unpatched
      log.error("start-up script {} not applied: {}", file, e.getMessage());
      System.err.println("graft: start-up script " + file + " not applied: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
          + " (details in " + context.log().file() + ")");
    } finally {
      handler.lock.unlock();
    }
    handler.afterReply(); // no reply to wait for at start-up: the patches' reports go to the log now
  }

  /** The class a statement patches: CLASS of {@code CLASS:LINE}, {@code CLASS#METHOD...}. */
  private static String classOf(ScriptStatement statement) {
    String where = statement.target();
    int end = where.length();
    for (char separator : new char[] {'#', ':'}) {
      int at = where.indexOf(separator);
      if (at > 0 && at < end) {
        end = at;
      }
    }
    return where.substring(0, end);
  }

  /** A script's rebind, waiting for its class, to be compiled here. */
  private static RebindArgs rebindArgs(ScriptStatement statement, String loaderId) {
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
      query = new RebindQuery(where.substring(0, colon), Integer.parseInt(where.substring(colon + 1)), null, name, index, loaderId, true);
    } else {
      int hash = where.indexOf('#');
      if (hash <= 0) {
        throw GraftException.rejected("'" + where + "': expected CLASS:LINE (a closure) or CLASS#METHOD (field reads)");
      }
      query = new RebindQuery(where.substring(0, hash), 0, where.substring(hash + 1), name, index, loaderId, true);
    }
    return new RebindArgs(query, where, expression, null, false);
  }

  /**
   * Compiles every statement against its class's loader (the one it names, else {@code definingLoaderId},
   * else the one that serves the class file); all must compile, or none is returned.
   */
  static List<PatchBatch.Prepared> prepare(CommandHandler handler, AgentContext context, List<ScriptStatement> statements,
      String name, String definingLoaderId) {
    List<PatchBatch.Prepared> prepared = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (ScriptStatement statement : statements) {
      String loaderId = statement.loader() != null ? statement.loader() : definingLoaderId;
      try {
        if (statement.kind().equals(ScriptStatement.REBIND)) {
          prepared.add(handler.batch.prepareRebind(handler.compiler.complete(rebindArgs(statement, loaderId)), statement.position(name)));
          continue;
        }
        PatchTarget target = CommandHandler.parseTarget(statement.target());
        boolean onThrow = statement.options().contains("--on-throw");
        SiteInfo site = handler.site(new SiteQuery(target.toString(), loaderId, true, onThrow));
        ClassLoader loader = context.loaderIds().loader(site.loaderId());
        SnippetCompiler.Compiled compiled = new SnippetCompiler(context.javac()).compileStatements(new LocalClassSource(context, loader), site, statement.code());
        InjectArgs args = new InjectArgs(target.toString(), loaderId, statement.code(), compiled.wrapperName(),
            Base64.getEncoder().encodeToString(compiled.bytes()), compiled.localNames(), statement.options().contains("--propagate"), true, false,
            null, onThrow);
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
