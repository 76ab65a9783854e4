package dev.graft.agent.core;

import dev.graft.compile.ClassSource;
import dev.graft.protocol.GraftException;
import java.util.ArrayList;
import java.util.List;

/** The target's classes for javac, read in place: what the agent serves the CLI, and compiles with itself. */
record LocalClassSource(AgentContext context, ClassLoader loader) implements ClassSource {
  @Override
  public List<String> classNames(String packageName) {
    return new ArrayList<>(context.packages().classNames(loader, packageName));
  }

  /** What the loader serves for the name, else the bytes of a class it already loaded (generated ones have no file). */
  @Override
  public byte[] classBytes(String className) {
    byte[] bytes = context.classFiles().fromLoader(loader, className);
    if (bytes != null) {
      return bytes;
    }
    Class<?> loaded = context.classes().findInitiated(loader, className);
    if (loaded == null) {
      throw GraftException.rejected("no class file for " + className + " in " + LoaderIds.describe(loader));
    }
    return context.classFiles().originalForPatching(loaded); // javac runs for a patch: a class without a file may be read from the JVM
  }
}
