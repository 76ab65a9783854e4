package dev.graft.agent.core;

import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.RebindArgs;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import java.util.Base64;
import javax.tools.ToolProvider;

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

  private static final class Presence {
    static final boolean AVAILABLE = compilerPresent();
  }

  /** The request as it came, when the CLI compiled it; otherwise with the snippet compiled here. */
  InjectArgs complete(InjectArgs args) {
    if (args.wrapperBase64() != null) {
      return args;
    }
    requireCompiler();
    SiteInfo site = handler.site(new SiteQuery(args.target(), args.loaderId(), args.whenLoaded()));
    SnippetCompiler.Compiled compiled = new SnippetCompiler().compileStatements(source(site), site, args.code());
    return new InjectArgs(args.target(), args.loaderId(), args.code(), compiled.wrapperName(), encode(compiled),
        compiled.localNames(), args.propagate(), args.whenLoaded(), args.dryRun());
  }

  RebindArgs complete(RebindArgs args) {
    if (args.wrapperBase64() != null) {
      return args;
    }
    requireCompiler();
    SiteInfo wrapper = new RebindResolver(context).resolve(args.query()).wrapper();
    SnippetCompiler.Compiled compiled = new SnippetCompiler().compileExpression(source(wrapper), wrapper, args.expression());
    return new RebindArgs(args.query(), args.target(), args.expression(), encode(compiled), args.dryRun());
  }

  private LocalClassSource source(SiteInfo site) {
    return new LocalClassSource(context, context.loaderIds().loader(site.loaderId()));
  }

  private static String encode(SnippetCompiler.Compiled compiled) {
    return Base64.getEncoder().encodeToString(compiled.bytes());
  }

  private static void requireCompiler() {
    if (!available()) {
      throw new GraftException(ExitCodes.USAGE, "this JVM runs on a JRE without javac: the client must compile the snippet");
    }
  }

  private static boolean compilerPresent() {
    try {
      return ToolProvider.getSystemJavaCompiler() != null;
    } catch (RuntimeException | LinkageError e) {
      return false;
    }
  }
}
