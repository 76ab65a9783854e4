package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClassSource;
import dev.graft.cli.attach.AgentClient;
import dev.graft.compile.SnippetCompiler;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.InjectArgs;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.Messages.SiteInfo;
import dev.graft.protocol.Messages.SiteQuery;
import dev.graft.protocol.PatchTarget;
import dev.graft.protocol.Protocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code graft inject PID TARGET CODE}: compile Java statements and splice them before TARGET's line. */
@Command(name = "inject", description = "Splice Java statements into a method, just before a line runs, every time it runs.")
public final class InjectCommand extends GraftCommand {
  @picocli.CommandLine.Mixin
  LoaderOptions loaders;

  @picocli.CommandLine.Mixin
  CompileOptions compiling;

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "TARGET", description = "CLASS:LINE, CLASS#METHOD:LINE or CLASS#METHOD:entry; METHOD may name parameter types, m(int,double).")
  String target;

  @Parameters(index = "2", arity = "0..1", paramLabel = "CODE", description = "Java statements, e.g. 'if (rate > 0.5) rate = 0.5;'.")
  String inline;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the Java statements from FILE instead.")
  Path file;

  @Option(names = "--dry-run", description = "Compile, weave and verify; change nothing.")
  boolean dryRun;

  @Option(names = "--when-loaded", description = "The class is not loaded yet: the patch waits, and applies when the class loads.")
  boolean whenLoaded;

  @Option(names = "--propagate", description = "Let exceptions raised by the spliced code through (by default they are caught, counted and logged).")
  boolean propagate;

  @Override
  Object execute() {
    PatchTarget parsed = parseTarget(target);
    String snippet = snippet();
    try (AgentClient agent = connect(pid)) {
      // compiled by the agent: one request, the agent resolves the site itself and sends its notes back
      InjectArgs args = new InjectArgs(parsed.toString(), loaders.loader(), snippet, null, null, null, propagate, whenLoaded, dryRun);
      if (!compiling.agentCompiles(agent.agentCompiles())) {
        SiteInfo site = agent.call(Protocol.OP_SITE, new SiteQuery(parsed.toString(), loaders.loader(), whenLoaded), SiteInfo.class);
        site.notes().forEach(note -> say("note: " + note));
        // a waiting patch applies in whichever loader defines the class, unless --loader names one
        String loader = whenLoaded ? loaders.loader() : site.loaderId();
        long started = System.nanoTime();
        SnippetCompiler.Compiled compiled = new SnippetCompiler().compileStatements(new AgentClassSource(agent, site.loaderId()), site, snippet);
        verbose("graft: compiled the snippet here in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        args = new InjectArgs(parsed.toString(), loader, snippet, compiled.wrapperName(), Base64.getEncoder().encodeToString(compiled.bytes()),
            compiled.localNames(), propagate, whenLoaded, dryRun);
      }
      PatchResult result;
      try {
        result = agent.call(Protocol.OP_INJECT, args, PatchResult.class);
      } catch (GraftException rejected) {
        if (args.wrapperBase64() == null && rejected.exitCode() == ExitCodes.REJECTED) {
          sayNotesOf(agent, parsed); // what the site tells explains many a rejection (no -g, locals out of scope)
        }
        throw rejected;
      }
      if (result.notes() != null) {
        result.notes().forEach(note -> say("note: " + note));
      }
      renderPatch(pid, result);
      return result;
    }
  }

  private void sayNotesOf(AgentClient agent, PatchTarget parsed) {
    try {
      agent.call(Protocol.OP_SITE, new SiteQuery(parsed.toString(), loaders.loader(), whenLoaded), SiteInfo.class).notes()
          .forEach(note -> say("note: " + note));
    } catch (GraftException e) {
      // the rejection itself says what is wrong
    }
  }

  private String snippet() {
    if ((inline == null) == (file == null)) {
      throw new GraftException(ExitCodes.USAGE, "give the Java statements either as CODE or with -f FILE (one of them)");
    }
    String code;
    try {
      code = file == null ? inline : Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new GraftException(ExitCodes.USAGE, "cannot read " + file + ": " + e.getMessage());
    }
    if (isEmpty(code)) {
      throw new GraftException(ExitCodes.USAGE, "the snippet " + (file == null ? "" : "in " + file + " ")
          + "is empty (nothing but blanks and comments): there is nothing to inject");
    }
    return code;
  }

  /** Nothing but blanks and comments: a patch that would change nothing but the class's bytes. */
  static boolean isEmpty(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ").replace(";", " ").isBlank();
  }

  static PatchTarget parseTarget(String text) {
    try {
      return PatchTarget.parse(text);
    } catch (IllegalArgumentException e) {
      throw new GraftException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
