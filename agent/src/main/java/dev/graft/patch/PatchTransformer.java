package dev.graft.patch;

import dev.graft.weave.ClassWeaver;
import dev.graft.weave.WeaveSpec;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The one long-lived transformer: at every (re)transformation of a class with patches, it weaves the
 * class's active patches, in order, into the original bytes the JVM hands it. With no patches it returns
 * null, and the class is its original bytes again.
 */
public final class PatchTransformer implements ClassFileTransformer {
  private final PatchRegistry registry;
  private final Function<ClassLoader, String> loaderIds;
  private final Logger log;
  private final Map<String, byte[]> originals = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Map<String, CheckedClass> checked = new ConcurrentHashMap<>();

  public PatchTransformer(PatchRegistry registry, Function<ClassLoader, String> loaderIds, Logger log) {
    this.registry = registry;
    this.loaderIds = loaderIds;
    this.log = log;
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
    if (internalName == null || !registry.touches(internalName)) {
      return null;
    }
    String key = key(internalName, loaderIds.apply(loader));
    List<Patch> patches = registry.forClass(internalName, loaderIds.apply(loader));
    if (patches.isEmpty()) {
      return null;
    }
    originals.put(key, classFile.clone());
    CheckedClass ready = checked.remove(key);
    if (ready != null && PatchRegistry.ids(ready.patches()).equals(PatchRegistry.ids(patches)) && Arrays.equals(ready.original(), classFile)) {
      registry.markWoven(patches);
      return ready.woven().clone();
    }
    try {
      List<WeaveSpec> specs = patches.stream().map(Patch::spec).toList();
      byte[] woven = new ClassWeaver(loader).weave(classFile, specs).bytes();
      registry.markWoven(patches);
      return woven;
    } catch (RuntimeException e) {
      // The JVM would drop an exception thrown from here without a word; keep it for the caller of retransform.
      failures.put(key, e);
      log.error("cannot weave {} with patches {}", internalName, PatchRegistry.ids(patches), e);
      return null;
    }
  }

  /** Woven bytes for the next retransformation of {@code type}, used if its patches and original bytes are still these. */
  public void offer(Class<?> type, CheckedClass woven) {
    checked.put(keyOf(type), woven);
  }

  /** Forgets what was offered for {@code type} and not taken. */
  public void withdraw(Class<?> type) {
    checked.remove(keyOf(type));
  }

  /** The bytes the JVM handed over at the last transformation of the class, before any patch. */
  public byte[] original(String internalName, String loaderId) {
    return originals.get(key(internalName, loaderId));
  }

  /** The failure of the last weaving of that class, cleared as it is taken; null when it succeeded. */
  public RuntimeException takeFailure(Class<?> type) {
    return failures.remove(keyOf(type));
  }

  private String keyOf(Class<?> type) {
    return key(type.getName().replace('.', '/'), loaderIds.apply(type.getClassLoader()));
  }

  private static String key(String internalName, String loaderId) {
    return loaderId + "/" + internalName;
  }
}
