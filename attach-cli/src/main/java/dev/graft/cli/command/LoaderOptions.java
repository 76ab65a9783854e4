package dev.graft.cli.command;

import picocli.CommandLine.Option;

/** Which class loader's class a command means, for the commands that name classes. */
public final class LoaderOptions {
  @Option(names = "--loader", paramLabel = "ID|NAME", description = "The class loader, when several define the class: an id (`graft show` lists them), "
      + "or its class name or name, or a part of one only it has (LaunchedClassLoader).")
  String loader;

  @Option(names = "--loader-of", paramLabel = "CLASS", description = "The class loader that defined CLASS (a loaded class).")
  String loaderOf;

  /** What the agent is told of the loader: {@code --loader}'s text, or {@code of:CLASS}; null for none. */
  String loader() {
    if (loader != null && loaderOf != null) {
      throw new dev.graft.protocol.GraftException(dev.graft.protocol.ExitCodes.USAGE, "--loader and --loader-of name the same thing; give one");
    }
    return loaderOf != null ? dev.graft.protocol.Protocol.LOADER_OF + loaderOf : loader;
  }
}
