package dev.graft.patch;

import dev.graft.protocol.GraftException;
import dev.graft.weave.AttributeRestorer;
import dev.graft.weave.ClassWeaver;
import dev.graft.weave.JvmVerifier;
import dev.graft.weave.WeaveSpec;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import net.bytebuddy.dynamic.ClassFileLocator;
import org.slf4j.Logger;

/**
 * The one long-lived transformer: at every (re)transformation of a class with patches, it weaves the
 * class's active patches, in order, into the original bytes the JVM hands it, after putting back what the
 * JVM dropped from them ({@link AttributeRestorer}). With no patches left the class is its original bytes
 * again. It remembers what it handed over, so reading a class never needs a retransformation.
 */
public final class PatchTransformer implements ClassFileTransformer {
  private final PatchRegistry registry;
  private final Function<ClassLoader, String> loaderIds;
  private final Logger log;
  private final Map<String, byte[]> originals = new ConcurrentHashMap<>();
  private final Map<String, RuntimeException> failures = new ConcurrentHashMap<>();
  private final Map<String, CheckedClass> checked = new ConcurrentHashMap<>();
  private final Map<String, byte[]> definitions = new ConcurrentHashMap<>();
  private final Set<String> definedNames = ConcurrentHashMap.newKeySet();
  private final Map<String, byte[]> installed = new ConcurrentHashMap<>();
  private volatile ClassDefinitionHook definitionHook = ClassDefinitionHook.NONE;
  /** JDK-8240908 was fixed in 19: from then on the JVM keeps MethodParameters at retransformation. */
  private static final int FIRST_JDK_KEEPING_PARAMETERS = 19;

  public PatchTransformer(PatchRegistry registry, Function<ClassLoader, String> loaderIds, Logger log) {
    this.registry = registry;
    this.loaderIds = loaderIds;
    this.log = log;
  }

  @Override
  public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain, byte[] classFile) {
    if (internalName == null || JvmVerifier.isCopyLoader(loader)) {
      return null; // a copy the verifier is asked about is woven already, and no patch waits for it
    }
    if (redefined == null && definitionHook.awaits(internalName)) {
      definitionHook.defining(loader, internalName);
    }
    boolean patched = registry.touches(internalName);
    if (!patched && !definedNames.contains(internalName)) {
      return null;
    }
    String loaderId = loaderIds.apply(loader);
    String key = key(internalName, loaderId);
    failures.remove(key); // what is kept is the failure of the last weaving: an earlier one (another agent's retransformation) is past
    byte[] complete = redefined == null ? classFile : restored(key, classFile);
    List<Patch> patches = patched ? registry.forClass(internalName, loaderId) : List.of();
    if (patches.isEmpty()) {
      return install(key, complete, classFile);
    }
    originals.put(key, complete.clone());
    CheckedClass ready = checked.remove(key);
    if (ready != null && PatchRegistry.ids(ready.patches()).equals(PatchRegistry.ids(patches)) && Arrays.equals(ready.original(), complete)) {
      registry.markWoven(patches);
      return install(key, ready.woven(), classFile);
    }
    try {
      List<WeaveSpec> specs = patches.stream().map(Patch::spec).toList();
      byte[] woven = new ClassWeaver(loader).weave(complete, specs).bytes();
      registry.markWoven(patches);
      return install(key, woven, classFile);
    } catch (RuntimeException e) {
      // The JVM would drop an exception thrown from here without a word; keep it for the caller of retransform.
      failures.put(key, e);
      registry.markLost(patches, "a retransformation of " + internalName.replace('/', '.') + " at " + java.time.Instant.now()
          + " could not weave it: " + e.getMessage());
      log.error("cannot weave {} with patches {}: the JVM runs it without them", internalName, PatchRegistry.ids(patches), e);
      return install(key, complete, classFile);
    }
  }

  /**
   * Before graft first retransforms a class it keeps the class file its loader serves: the JVM's own copy
   * may lack attributes (JDK 17: MethodParameters), and every later retransformation of the class, by graft
   * or by any agent, gets them back from it.
   */
  public void keepDefinition(Class<?> type) {
    String key = keyOf(type);
    if (definitions.containsKey(key)) {
      return;
    }
    try (ClassFileLocator locator = ClassFileLocator.ForClassLoader.of(type.getClassLoader())) {
      ClassFileLocator.Resolution resolution = locator.locate(type.getName());
      if (resolution.isResolved()) {
        definitions.put(key, resolution.resolve());
        definedNames.add(type.getName().replace('.', '/'));
      } else {
        refuseIfNamesWouldBeLost(type);
        log.warn("{} serves no class file for {}: attributes the JVM drops at retransformation cannot be restored",
            type.getClassLoader(), type.getName());
      }
    } catch (IOException e) {
      log.warn("cannot read the class file of {}: attributes the JVM drops at retransformation cannot be restored", type.getName(), e);
    }
  }

  /**
   * A class whose loader serves no class file can still be patched, except where a retransformation
   * would lose what graft cannot put back: on JDK 17 its parameter names.
   */
  public static void refuseIfNamesWouldBeLost(Class<?> type) {
    if (Runtime.version().feature() < FIRST_JDK_KEEPING_PARAMETERS && hasParameterNames(type)) {
      throw GraftException.rejected(type.getName() + " has parameter names (MethodParameters), which JDK "
          + Runtime.version().feature() + " drops when it retransforms a class (JDK-8240908), and its loader ("
          + type.getClassLoader() + ") serves no class file to restore them from: retransforming it would take them from "
          + "reflection until the JVM restarts (frameworks bind request parameters by them), so graft leaves it alone");
    }
  }

  private static boolean hasParameterNames(Class<?> type) {
    try {
      List<java.lang.reflect.Executable> members = new java.util.ArrayList<>(List.of(type.getDeclaredMethods()));
      members.addAll(List.of(type.getDeclaredConstructors()));
      return members.stream().flatMap(member -> java.util.Arrays.stream(member.getParameters())).anyMatch(java.lang.reflect.Parameter::isNamePresent);
    } catch (LinkageError e) {
      return true; // cannot tell: assume the worst
    }
  }

  /** The JVM's reconstitution of a class with what it dropped put back from the class file. */
  private byte[] restored(String key, byte[] classFile) {
    byte[] definition = definitions.get(key);
    if (definition == null) {
      return classFile;
    }
    try {
      return AttributeRestorer.restore(classFile, definition);
    } catch (RuntimeException e) {
      log.error("cannot restore the attributes of {} from its class file", key, e);
      return classFile;
    }
  }

  /** Remembers what the JVM runs from now on; returns what to hand it (null: its own bytes, unchanged). */
  private byte[] install(String key, byte[] runs, byte[] classFile) {
    installed.put(key, runs.clone());
    return runs == classFile ? null : runs.clone();
  }

  /** Who is told of classes about to be defined (a start-up script with patches still to compile). */
  public void setDefinitionHook(ClassDefinitionHook hook) {
    this.definitionHook = hook;
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

  /**
   * The bytes the JVM runs for the class: those handed over (or left as they were) at graft's last
   * retransformation of it; null when graft never retransformed it.
   */
  public byte[] installed(Class<?> type) {
    byte[] bytes = installed.get(keyOf(type));
    return bytes == null ? null : bytes.clone();
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
