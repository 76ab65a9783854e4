package dev.graft.cli.command;

import picocli.CommandLine.Option;

/** Where snippets are compiled, for the commands that compile them. */
public final class CompileOptions {
  /** Where snippets are compiled: in the target when it has javac (warm, fast), else here. */
  enum CompileIn { auto, cli, agent }

  @Option(names = "--compile-in", paramLabel = "WHERE", defaultValue = "auto",
      description = "Where to compile snippets: auto (in the target when it runs on a JDK, else here), cli, agent.")
  CompileIn compileIn;

  /** The javac of this process (a console's is kept warm between commands, see {@link CliJavac}). */
  dev.graft.compile.SnippetCompiler compiler() {
    return CliJavac.compiler();
  }

  boolean agentCompiles(boolean targetHasJavac) {
    return compileIn == CompileIn.agent || (compileIn == CompileIn.auto && targetHasJavac);
  }
}
