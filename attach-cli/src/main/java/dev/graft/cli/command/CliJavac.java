package dev.graft.cli.command;

import dev.graft.compile.ReusedJavacContexts;
import dev.graft.compile.SnippetCompiler;

/**
 * The javac this process compiles snippets with. A one-shot command compiles once and exits: a new javac
 * context per compile. A console lives on: it keeps one warm ({@link #keepWarm}), reused by every command
 * it runs, so that a warm compile costs milliseconds and the target never runs javac.
 */
public final class CliJavac {
  private static volatile SnippetCompiler kept;

  private CliJavac() {}

  static SnippetCompiler compiler() {
    SnippetCompiler compiler = kept;
    return compiler != null ? compiler : new SnippetCompiler();
  }

  /**
   * From now on every command of this process compiles with javac's contexts kept between compiles;
   * false when this JVM cannot keep them (javac's pool package not exported to graft: the CLI not run as
   * {@code java -jar graft-cli.jar}), then each compile has a new context, as in a one-shot command.
   */
  public static boolean keepWarm() {
    kept = new SnippetCompiler(ReusedJavacContexts.openExported());
    return ReusedJavacContexts.exported();
  }
}
