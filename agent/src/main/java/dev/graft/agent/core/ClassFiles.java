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
    byte[] known = capturedOrServed(type);
    if (known == null) {
      throw GraftException.rejected(LoaderIds.describe(type.getClassLoader()) + " serves no class file for " + type.getName()
          + " (a class generated at run time?), so graft cannot read it without retransforming it");
    }
    return known;
  }

  /**
   * The original bytes of a class about to be patched. A class its loader serves no file for (generated
   * at run time) is read from the JVM by a retransformation that changes nothing: the patch retransforms
   * it anyway, and that is refused where it would lose parameter names (JDK 17). Read-only commands use
   * {@link #original}, which never retransforms.
   */
  public byte[] originalForPatching(Class<?> type) {
    byte[] known = capturedOrServed(type);
    if (known != null) {
      return known;
    }
    PatchTransformer.refuseIfNamesWouldBeLost(type);
    if (!instrumentation.isModifiableClass(type)) {
      throw GraftException.rejected(type.getName() + " cannot be retransformed, so graft cannot patch it");
    }
    try {
      return ClassFileLocator.ForInstrumentation.of(instrumentation, type).locate(type.getName()).resolve();
    } catch (IOException | RuntimeException e) {
      throw new GraftException(dev.graft.protocol.ExitCodes.INTERNAL, "cannot read the bytes of " + type.getName() + " from the JVM: " + e, e);
    }
  }

  /** What the transformer captured at the class's last transformation, else what its loader serves; null when neither. */
  private byte[] capturedOrServed(Class<?> type) {
    byte[] captured = transformer.original(type.getName().replace('.', '/'), loaderIds.idOf(type.getClassLoader()));
    return captured != null ? captured : fromLoader(type.getClassLoader(), type.getName());
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

  /**
   * The bytes the JVM runs now, read without a retransformation (on JDK 17 a retransformation alone takes
   * the parameter names from reflection, JDK-8240908): what graft handed the JVM at its last
   * retransformation of the class, else the class file its loader serves, which is what the JVM defined.
   */
  public RunningBytes current(Class<?> type) {
    byte[] installed = transformer.installed(type);
    if (installed != null) {
      return new RunningBytes(installed, "the bytes graft handed the JVM at its last retransformation of the class");
    }
    byte[] served = fromLoader(type.getClassLoader(), type.getName());
    if (served == null) {
      throw GraftException.rejected(LoaderIds.describe(type.getClassLoader()) + " serves no class file for " + type.getName()
          + ", and graft has not changed it; graft does not retransform a class only to read it");
    }
    return new RunningBytes(served, "the class file " + LoaderIds.describe(type.getClassLoader())
        + " serves (graft has not changed this class; a change by another agent would not show)");
  }

  /** A class's bytes as the JVM runs them, and where they were read. */
  public record RunningBytes(byte[] bytes, String source) {}
}
