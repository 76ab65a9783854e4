package dev.graft.patch;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.weave.ClassWeaver;
import dev.graft.weave.WovenClass;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.List;
import org.slf4j.Logger;

/**
 * Applies and removes patches, all or nothing: a patch is woven and verified before the registry or
 * any class changes, and when the JVM still refuses the retransformation the registry is rolled back
 * and the class retransformed once more, to the bytes it had.
 */
public final class PatchApplier {
  private final Instrumentation instrumentation;
  private final PatchRegistry registry;
  private final PatchTransformer transformer;
  private final Logger log;

  public PatchApplier(Instrumentation instrumentation, PatchRegistry registry, PatchTransformer transformer, Logger log) {
    this.instrumentation = instrumentation;
    this.registry = registry;
    this.transformer = transformer;
    this.log = log;
  }

  /** Weaves {@code patches}, in order, into {@code original}, and verifies the result: changes nothing. */
  public WovenClass check(Class<?> type, byte[] original, List<Patch> patches) {
    return new ClassWeaver(type.getClassLoader()).weave(original, patches.stream().map(Patch::spec).toList());
  }

  /** Registers the patches and retransforms their class; on any failure, nothing stays changed. */
  public void apply(Class<?> type, List<Patch> patches) {
    patches.forEach(registry::add);
    try {
      retransform(type, patches.get(0));
    } catch (GraftException e) {
      patches.forEach(patch -> registry.remove(patch.id()));
      try {
        retransform(type, patches.get(0));
      } catch (GraftException again) {
        e.addSuppressed(again);
        log.error("could not restore {} after a refused patch", type.getName(), again);
      }
      throw e;
    }
  }

  /** Removes the patch; its class is re-woven from its original bytes with the patches that remain. */
  public void revert(Class<?> type, Patch patch) {
    registry.remove(patch.id());
    retransform(type, patch);
  }

  private void retransform(Class<?> type, Patch patch) {
    try {
      instrumentation.retransformClasses(type);
    } catch (UnmodifiableClassException e) {
      throw new GraftException(ExitCodes.REJECTED, "the JVM cannot retransform " + type.getName() + ": it is not modifiable");
    } catch (LinkageError | UnsupportedOperationException e) {
      throw new GraftException(ExitCodes.REFUSED, "the JVM refused the new " + type.getName() + " (" + e + "); it keeps its old code", e);
    }
    RuntimeException failed = transformer.takeFailure(patch.internalName(), patch.loaderId());
    if (failed != null) {
      int code = failed instanceof GraftException graft ? graft.exitCode() : ExitCodes.INTERNAL;
      throw new GraftException(code, "cannot weave " + type.getName() + ": " + failed.getMessage(), failed);
    }
  }
}
