package dev.graft.compile;

import java.util.List;

/**
 * The target's classes, as javac needs them to compile a snippet: the classes of a package, and their
 * class files, as the target class's loader sees them. Served over the socket to the CLI, or read in
 * place when the agent compiles.
 */
public interface ClassSource {
  List<String> classNames(String packageName);

  byte[] classBytes(String className);
}
