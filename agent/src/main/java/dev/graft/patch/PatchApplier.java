package dev.graft.patch;

import dev.graft.protocol.ExitCodes;
import dev.graft.protocol.GraftException;
import dev.graft.weave.ClassWeaver;
import dev.graft.weave.JvmVerdict;
import dev.graft.weave.JvmVerifier;
import dev.graft.weave.WovenClass;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
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

  /** Weaves {@code patches}, in order, into {@code original}, and verifies the result with ASM: changes nothing. */
  public WovenClass check(ClassLoader loader, byte[] original, List<Patch> patches) {
    return new ClassWeaver(loader).weave(original, patches.stream().map(Patch::spec).toList());
  }

  /**
   * As {@link #check(ClassLoader, byte[], List)}, and then, for a loaded class, asks the JVM's own
   * verifier too ({@link JvmVerifier}): a dry run, and the check before an apply, refuse what the JVM
   * would refuse, with its reason. A class not loaded yet is verified by the JVM when it is defined.
   */
  public WovenClass checkForApply(Class<?> loaded, ClassLoader loader, byte[] original, List<Patch> patches) {
    WovenClass woven = check(loader, original, patches);
    if (loaded == null) {
      return woven;
    }
    Set<String> methods = new LinkedHashSet<>();
    woven.changedMethods().values().forEach(methods::addAll);
    JvmVerdict verdict = JvmVerifier.judge(loaded, original, woven.bytes(), methods);
    if (verdict instanceof JvmVerdict.Refused refused) {
      throw new GraftException(ExitCodes.REFUSED, "the JVM's verifier refuses the woven " + loaded.getName() + " (" + refused.reason()
          + "); nothing was changed");
    }
    if (verdict instanceof JvmVerdict.NotAsked notAsked) {
      log.info("{} is checked by ASM's verifier only: the JVM's cannot judge a copy of it: {}", loaded.getName(), notAsked.why());
    }
    return woven;
  }

  /** Registers patches whose class is not loaded yet: the transformer weaves them in when it loads. */
  public void await(List<Patch> patches) {
    patches.forEach(registry::add);
  }

  /**
   * Registers every patch and retransforms all their classes in one call to the JVM (one pause, not one
   * per class); on any failure every patch is unregistered and every class retransformed back. {@code
   * checked} holds classes already woven and verified with these patches: their bytes are used as they are.
   */
  public void applyAll(Map<Class<?>, List<Patch>> patchesByClass, Map<Class<?>, CheckedClass> checked) {
    patchesByClass.keySet().forEach(transformer::keepDefinition); // may refuse a class, before anything changes
    List<Patch> all = new ArrayList<>();
    patchesByClass.values().forEach(all::addAll);
    all.forEach(registry::add);
    checked.forEach(transformer::offer);
    try {
      retransform(patchesByClass);
    } catch (GraftException e) {
      all.forEach(patch -> registry.remove(patch.id()));
      try {
        retransform(patchesByClass);
      } catch (GraftException again) {
        e.addSuppressed(again);
        log.error("could not restore {} after a refused patch", patchesByClass.keySet(), again);
      }
      throw e;
    } finally {
      checked.keySet().forEach(transformer::withdraw);
    }
  }

  /** Removes the patch; its classes (none, if it still waits) are re-woven from their original bytes with the patches that remain. */
  public void revert(List<Class<?>> types, Patch patch) {
    registry.remove(patch.id());
    if (!types.isEmpty()) {
      Map<Class<?>, List<Patch>> byClass = new java.util.LinkedHashMap<>();
      types.forEach(type -> byClass.put(type, List.of(patch)));
      retransform(byClass);
    }
  }

  /**
   * Spliced code reports caught exceptions through java.util.logging; a class in a named module that does
   * not read java.logging is given that read edge first (a class of the unnamed module reads every module).
   */
  private void letReadLogging(Class<?> type) {
    Module module = type.getModule();
    Module logging = java.util.logging.Logger.class.getModule();
    if (module.isNamed() && !module.canRead(logging)) {
      instrumentation.redefineModule(module, Set.of(logging), Map.of(), Map.of(), Set.of(), Map.of());
    }
  }

  private void retransform(Map<Class<?>, List<Patch>> patchesByClass) {
    patchesByClass.keySet().forEach(this::letReadLogging);
    patchesByClass.keySet().forEach(transformer::keepDefinition);
    Class<?>[] types = patchesByClass.keySet().toArray(new Class<?>[0]);
    String names = patchesByClass.keySet().stream().map(Class::getName).collect(Collectors.joining(", "));
    try {
      instrumentation.retransformClasses(types);
    } catch (UnmodifiableClassException e) {
      throw new GraftException(ExitCodes.REJECTED, "the JVM cannot retransform " + names + ": not modifiable");
    } catch (LinkageError | UnsupportedOperationException e) {
      throw new GraftException(ExitCodes.REFUSED, "the JVM refused the new " + names + " (" + e + "); they keep their old code", e);
    }
    for (Map.Entry<Class<?>, List<Patch>> entry : patchesByClass.entrySet()) {
      RuntimeException failed = transformer.takeFailure(entry.getKey());
      if (failed != null) {
        int code = failed instanceof GraftException graft ? graft.exitCode() : ExitCodes.INTERNAL;
        throw new GraftException(code, "cannot weave " + entry.getKey().getName() + ": " + failed.getMessage(), failed);
      }
    }
  }

}
