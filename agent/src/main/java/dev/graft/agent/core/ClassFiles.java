package dev.graft.agent.core;

import dev.graft.patch.PatchTransformer;
import dev.graft.protocol.GraftException;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import net.bytebuddy.dynamic.ClassFileLocator;

/**
 * Class file bytes as the target JVM has them: the original bytes (what patches are woven into, what
 * javac compiles against) and the current ones (what the JVM runs, patches included).
 */
public final class ClassFiles {
  private final Instrumentation instrumentation;
  private final PatchTransformer transformer;
  private final LoaderIds loaderIds;

  public ClassFiles(Instrumentation instrumentation, PatchTransformer transformer, LoaderIds loaderIds) {
    this.instrumentation = instrumentation;
    this.transformer = transformer;
    this.loaderIds = loaderIds;
  }

  /** The class's bytes before any patch: captured at its last transformation, else served by its loader. */
  public byte[] original(Class<?> type) {
    String internalName = type.getName().replace('.', '/');
    byte[] captured = transformer.original(internalName, loaderIds.idOf(type.getClassLoader()));
    if (captured != null) {
      return captured;
    }
    byte[] served = fromLoader(type.getClassLoader(), type.getName());
    return served != null ? served : current(type);
  }

  /** What the class loader serves for a class name (loaded or not); null when it serves nothing. */
  public byte[] fromLoader(ClassLoader loader, String className) {
    try (ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(loader)) {
      ClassFileLocator.Resolution resolution = locator.locate(className);
      return resolution.isResolved() ? resolution.resolve() : null;
    } catch (IOException e) {
      throw new GraftException(dev.graft.protocol.ExitCodes.INTERNAL, "cannot read the class file of " + className + " from " + LoaderIds.describe(loader) + ": " + e, e);
    }
  }

  /** The bytes the JVM runs now, captured by a retransformation (so they include active patches). */
  public byte[] current(Class<?> type) {
    if (!instrumentation.isModifiableClass(type)) {
      throw GraftException.rejected(type.getName() + " cannot be retransformed, so its bytes cannot be read from the JVM");
    }
    try {
      ClassFileLocator.Resolution resolution = ClassFileLocator.ForInstrumentation.of(instrumentation, type).locate(type.getName());
      return resolution.resolve();
    } catch (IOException | RuntimeException e) {
      throw new GraftException(dev.graft.protocol.ExitCodes.INTERNAL, "cannot capture the bytes of " + type.getName() + " from the JVM: " + e, e);
    }
  }
}
