package dev.graft.cli.command;

import dev.graft.cli.attach.AgentClient;
import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.protocol.Messages.Lifetime;
import dev.graft.protocol.Messages.PatchResult;
import dev.graft.protocol.PatchTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @picocli.CommandLine.Mixin
  LifetimeOptions lifetimes;

  @Parameters(index = "0", paramLabel = "PID", description = "The target JVM's process id.")
  long pid;

  @Parameters(index = "1", paramLabel = "TARGET", description = "CLASS:LINE, CLASS#METHOD:LINE, CLASS#METHOD:entry or CLASS#METHOD:exit; METHOD may name parameter types, m(int,double).")
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

  @Option(names = "--on-throw", description = "With CLASS#METHOD:exit: run the code also when an exception leaves the method, as thrown; "
      + "the exception goes on unchanged.")
  boolean onThrow;

  @Override
  Object execute() {
    PatchTarget parsed = parseTarget(target);
    requireExitForOnThrow(parsed, onThrow);
    String snippet = snippet();
    Lifetime lifetime = lifetimes.lifetime();
    try (AgentClient agent = connect(pid)) {
      PatchResult result = new SnippetInjection(this, loaders, compiling, propagate, whenLoaded, onThrow).apply(agent, parsed, snippet, dryRun, lifetime);
      renderPatch(pid, result, lifetime);
      return result;
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

  /** {@code --on-throw} goes with an exit only; said before anything reaches the target. */
  static void requireExitForOnThrow(PatchTarget target, boolean onThrow) {
    if (onThrow && !target.isExit()) {
      throw new GraftException(ExitCodes.USAGE, "--on-throw goes with a method's exit, CLASS#METHOD:exit; " + target + " is not one");
    }
  }

  static PatchTarget parseTarget(String text) {
    try {
      return PatchTarget.parse(text);
    } catch (IllegalArgumentException e) {
      throw new GraftException(ExitCodes.USAGE, e.getMessage());
    }
  }
}
