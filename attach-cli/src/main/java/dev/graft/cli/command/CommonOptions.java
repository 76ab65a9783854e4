package dev.graft.cli.command;

import picocli.CommandLine.Option;

/** Options every command takes (DESIGN §2). */
public final class CommonOptions {
  @Option(names = "--json", description = "Print one JSON document on stdout (errors too).")
  boolean json;

  @Option(names = "--loader", paramLabel = "ID", description = "The class loader, when several define the class (`graft show` lists the ids).")
  String loader;

  @Option(names = {"-v", "--verbose"}, description = "Say more about what graft does.")
  boolean verbose;

  /** Where snippets are compiled: in the target when it has javac (warm, fast), else here. */
  enum CompileIn { auto, cli, agent }

  @Option(names = "--compile-in", paramLabel = "WHERE", defaultValue = "auto",
      description = "Where to compile snippets: auto (in the target when it runs on a JDK, else here), cli, agent.")
  CompileIn compileIn;

  boolean agentCompiles(boolean targetHasJavac) {
    return compileIn == CompileIn.agent || (compileIn == CompileIn.auto && targetHasJavac);
  }
}
