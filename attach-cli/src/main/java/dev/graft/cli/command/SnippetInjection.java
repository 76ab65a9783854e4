package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClassSource;
import dev.graft.cli.attach.AgentClient;
import dev.graft.cli.attach.AgentConnector;
import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** One snippet compiled where the options say (the agent, or here) and applied at its target. */
final class SnippetInjection {
  private final GraftCommand command;
  private final LoaderOptions loaders;
  private final CompileOptions compiling;
  private final boolean propagate;
  private final boolean whenLoaded;
  private final boolean onThrow;

  SnippetInjection(GraftCommand command, LoaderOptions loaders, CompileOptions compiling, boolean propagate, boolean whenLoaded) {
    this(command, loaders, compiling, propagate, whenLoaded, false);
  }

  /** {@code onThrow}: at a method's exit, the snippet runs also when an exception leaves it ({@code --on-throw}). */
  SnippetInjection(GraftCommand command, LoaderOptions loaders, CompileOptions compiling, boolean propagate, boolean whenLoaded, boolean onThrow) {
    this.command = command;
    this.loaders = loaders;
    this.compiling = compiling;
    this.propagate = propagate;
    this.whenLoaded = whenLoaded;
    this.onThrow = onThrow;
  }

  /**
   * Compiles (in the agent, or here) and applies one snippet at a target; says the site's notes. Shared by
   * {@code inject} and {@code watch}, whose snippet graft writes.
   */
  PatchResult apply(AgentClient agent, PatchTarget parsed, String snippet, boolean dryRun) {
    return apply(agent, parsed, snippet, dryRun, null);
  }

  /** The same, for a patch that reverts itself ({@code lifetime} non-null). */
  PatchResult apply(AgentClient agent, PatchTarget parsed, String snippet, boolean dryRun, Messages.Lifetime lifetime) {
    // compiled by the agent: one request, the agent resolves the site itself and sends its notes back
    InjectArgs args = new InjectArgs(parsed.toString(), loaders.loader(), snippet, null, null, null, propagate, whenLoaded, dryRun, lifetime, onThrow);
    if (!compiling.agentCompiles(agent.agentCompiles())) {
      SiteQuery query = new SiteQuery(parsed.toString(), loaders.loader(), whenLoaded, onThrow);
      SiteInfo site = site(agent, query);
      site.notes().forEach(note -> command.say("note: " + note));
      // a waiting patch applies in whichever loader defines the class, unless --loader names one
      String loader = whenLoaded ? loaders.loader() : site.loaderId();
      long started = System.nanoTime();
      SnippetCompiler.Compiled compiled = compiling.compiler().compileStatements(new AgentClassSource(agent, site.loaderId()), site, snippet);
      command.verbose("graft: compiled the snippet here in " + (System.nanoTime() - started) / 1_000_000 + " ms");
      args = new InjectArgs(parsed.toString(), loader, snippet, compiled.wrapperName(), Base64.getEncoder().encodeToString(compiled.bytes()),
          compiled.localNames(), propagate, whenLoaded, dryRun, lifetime, onThrow);
    }
    PatchResult result;
    try {
      result = agent.call(Protocol.OP_INJECT, args, PatchResult.class);
    } catch (GraftException rejected) {
      SITES.clear(); // a refusal may come of a site that no longer holds: the next try asks again
      if (args.wrapperBase64() == null && rejected.exitCode() == ExitCodes.REJECTED) {
        sayNotesOf(agent, parsed); // what the site tells explains many a rejection (no -g, locals out of scope)
      }
      throw rejected;
    }
    if (result.notes() != null) {
      result.notes().forEach(note -> command.say("note: " + note));
    }
    return result;
  }

  /**
   * The sites a long-lived process (the console) was told, per JVM and query: a site describes the class as
   * its loader defined it, which patches do not change, so asking again only costs a round trip per inject.
   * A class not loaded yet ({@code --when-loaded}) is asked for every time.
   */
  private static final Map<String, SiteInfo> SITES = new ConcurrentHashMap<>();

  private static SiteInfo site(AgentClient agent, SiteQuery query) {
    if (!AgentConnector.keepsConnections() || query.whenLoaded()) {
      return agent.call(Protocol.OP_SITE, query, SiteInfo.class);
    }
    String key = agent.pid() + " " + query;
    SiteInfo known = SITES.get(key);
    if (known != null) {
      return known;
    }
    SiteInfo site = agent.call(Protocol.OP_SITE, query, SiteInfo.class);
    SITES.put(key, site);
    return site;
  }

  private void sayNotesOf(AgentClient agent, PatchTarget parsed) {
    try {
      agent.call(Protocol.OP_SITE, new SiteQuery(parsed.toString(), loaders.loader(), whenLoaded, onThrow), SiteInfo.class).notes()
          .forEach(note -> command.say("note: " + note));
    } catch (GraftException e) {
      // the rejection itself says what is wrong
    }
  }
}
