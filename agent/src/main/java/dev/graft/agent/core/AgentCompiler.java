package dev.graft.agent.core;

import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.ApplyItem;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles snippets inside the target, when it runs on a JDK: javac stays loaded and warm here between
 * commands, and no class file crosses the socket. The CLI compiles instead when the target has no javac.
 */
final class AgentCompiler {
  private final CommandHandler handler;
  private final AgentContext context;

  AgentCompiler(CommandHandler handler, AgentContext context) {
    this.handler = handler;
    this.context = context;
  }

  /** Whether this JVM has javac; asked once, when first needed, not at agent start. */
  static boolean available() {
    return Presence.AVAILABLE;
  }

  /**
   * Whether the agent offers to compile now: javac is here, and the heap (and a capped metaspace) has a
   * compile's room. Asked at every greeting, so it costs no collection: a short reading only moves the
   * compile to the CLI, which is no harm.
   */
  static boolean compilesNow() {
    return available() && MemoryHeadroom.shortfall(MemoryHeadroom.COMPILE, false) == null;
  }

  private static final class Presence {
    static final boolean AVAILABLE = compilerPresent();
  }

  /** The request with its snippet compiled here, for {@code site} (where the request's target resolved). */
  InjectArgs complete(InjectArgs args, SiteInfo site) {
    requireCompiler();
    SnippetCompiler.Compiled compiled = new SnippetCompiler(context.javac()).compileStatements(source(site), site, args.code());
    return args.compiled(compiled.wrapperName(), encode(compiled), compiled.localNames());
  }

  RebindArgs complete(RebindArgs args) {
    if (args.wrapperBase64() != null) {
      return args;
    }
    requireCompiler();
    SiteInfo wrapper = new RebindResolver(context).resolve(args.query()).wrapper();
    SnippetCompiler.Compiled compiled = new SnippetCompiler(context.javac()).compileExpression(source(wrapper), wrapper, args.expression());
    return args.compiled(encode(compiled));
  }

  /** A script's items with their code compiled, and the failures by item index. */
  record Batch(List<ApplyItem> items, Map<Integer, GraftException> failures) {}

  /**
   * Compiles every patch of a script the client left to the agent, in one javac task per class loader:
   * one task costs about what one snippet does.
   */
  Batch completeAll(List<ApplyItem> items) {
    List<ApplyItem> done = new ArrayList<>(items);
    Map<Integer, GraftException> failures = new HashMap<>();
    Map<String, List<Integer>> byLoader = new LinkedHashMap<>();
    Map<Integer, SiteInfo> sites = new HashMap<>();
    for (int i = 0; i < items.size(); i++) {
      ApplyItem item = items.get(i);
      boolean waiting = item.inject() != null ? item.inject().wrapperBase64() == null : item.rebind().wrapperBase64() == null;
      if (!waiting) {
        continue;
      }
      try {
        requireCompiler();
        SiteInfo site = item.inject() != null
            ? handler.site(item.inject().siteQuery())
            : new RebindResolver(context).resolve(item.rebind().query()).wrapper();
        sites.put(i, site);
        byLoader.computeIfAbsent(site.loaderId(), id -> new ArrayList<>()).add(i);
      } catch (GraftException e) {
        failures.put(i, e);
      }
    }
    for (List<Integer> indexes : byLoader.values()) {
      List<SnippetCompiler.Job> jobs = new ArrayList<>();
      for (int i : indexes) {
        ApplyItem item = items.get(i);
        jobs.add(item.inject() != null ? new SnippetCompiler.Job(sites.get(i), item.inject().code(), false)
            : new SnippetCompiler.Job(sites.get(i), item.rebind().expression(), true));
      }
      List<SnippetCompiler.Outcome> outcomes = new SnippetCompiler(context.javac()).compileTogether(source(sites.get(indexes.get(0))), jobs);
      for (int k = 0; k < indexes.size(); k++) {
        int i = indexes.get(k);
        SnippetCompiler.Outcome outcome = outcomes.get(k);
        if (outcome.failure() != null) {
          failures.put(i, outcome.failure());
        } else {
          done.set(i, withCode(items.get(i), outcome.compiled()));
        }
      }
    }
    return new Batch(done, failures);
  }

  private static ApplyItem withCode(ApplyItem item, SnippetCompiler.Compiled compiled) {
    if (item.inject() != null) {
      InjectArgs args = item.inject();
      return new ApplyItem(item.position(), args.compiled(compiled.wrapperName(), encode(compiled), compiled.localNames()), null);
    }
    RebindArgs args = item.rebind();
    return new ApplyItem(item.position(), null, args.compiled(encode(compiled)));
  }

  private LocalClassSource source(SiteInfo site) {
    return new LocalClassSource(context, context.loaderIds().loader(site.loaderId()));
  }

  private static String encode(SnippetCompiler.Compiled compiled) {
    return Base64.getEncoder().encodeToString(compiled.bytes());
  }

  /**
   * Before every compile here: javac, and room for it. The CLI sends uncompiled code only when the agent
   * offered to compile, or when told to (--compile-in agent); a heap that filled up since is refused with
   * the figures (after one GC hint), target unchanged.
   */
  private static void requireCompiler() {
    if (!available()) {
      throw new GraftException(ExitCodes.USAGE, "this JVM runs on a JRE without javac: the client must compile the snippet");
    }
    String shortOfMemory = MemoryHeadroom.shortfall(MemoryHeadroom.COMPILE, true);
    if (shortOfMemory != null) {
      throw new GraftException(ExitCodes.UNREACHABLE, shortOfMemory + "; nothing changed (--compile-in cli compiles in graft's own JVM)");
    }
  }

  /**
   * The system compiler is jdk.compiler's: asking the module graph loads no class of javac, where asking
   * ToolProvider would load its tool and file manager into every target a client greets, compile or not.
   */
  private static boolean compilerPresent() {
    return ModuleLayer.boot().findModule("jdk.compiler").isPresent();
  }
}
