package dev.graft.weave;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Asks the JVM's own verifier about a woven class without touching the class: a copy of it (the changed
 * methods only, {@link VerifierCopy}) is defined under the same name in a {@link ThrowawayLoader}, a child
 * of the class's loader, and linked. The JVM verifies classes of such loaders by default
 * (BytecodeVerificationRemote), with the same split verifier that checks a retransformed class, so it
 * finds what ASM's SimpleVerifier does not model: uninitialised {@code this}, stack map frames, protected
 * access, ...
 *
 * <p>The copy is the real class in every respect the verifier looks at but two: it is another class of
 * the same name, and it lives in another runtime package. Where that could change the verdict the copy is
 * not asked, or its refusal is not taken, and ASM's check alone stands:
 * <ul>
 *   <li>classes of the boot loader: the JVM does not verify them (BytecodeVerificationLocal is off), and
 *       {@code java.*} names cannot be defined by another loader;
 *   <li>classes of named modules: the copy would be in its loader's unnamed module, which reads everything;
 *   <li>hidden classes: they cannot be retransformed, nor redefined by name;
 *   <li>subclasses of sealed types: the copy is not among the permitted ones;
 *   <li>any refusal that is not the verifier's (an IllegalAccessError for a package-private super class in
 *       the other runtime package, ...);
 *   <li>a refusal the unpatched class's copy gets too: it is about the copy, not the patch;
 *   <li>"not assignable" between two types the real hierarchy makes assignable: a subclass of the real
 *       class is no subclass of the copy;
 *   <li>"bad access to protected data" where a super class shares the real class's runtime package: the
 *       copy, in another one, may not use what the real class may.
 * </ul>
 */
public final class JvmVerifier {
  private static final Pattern NOT_ASSIGNABLE = Pattern.compile("Type '([^']+)' \\(.*\\) is not assignable to '([^']+)'");
  private static final String PROTECTED = "Bad access to protected data";

  private JvmVerifier() {}

  /**
   * Whether the loader is one of the verifier's throwaway loaders: their copies show among the JVM's
   * loaded classes until they are collected, and are no class a user means, nor one to patch.
   */
  public static boolean isCopyLoader(ClassLoader loader) {
    return loader instanceof ThrowawayLoader;
  }

  /** Whether the JVM would verify {@code woven} as {@code real}'s new bytes; {@code methods} are those that changed. */
  public static JvmVerdict judge(Class<?> real, byte[] original, byte[] woven, Set<String> methods) {
    String unfit = whyCopyCannotStandFor(real);
    if (unfit != null) {
      return new JvmVerdict.NotAsked(unfit);
    }
    JvmVerdict verdict = verify(real, VerifierCopy.of(woven, methods));
    if (!(verdict instanceof JvmVerdict.Refused refused)) {
      return verdict;
    }
    String artifact = artifactOfCopy(real, refused.reason());
    if (artifact != null) {
      return new JvmVerdict.NotAsked(artifact + " (" + refused.reason() + ")");
    }
    // only now, when it counts: refusing what the JVM accepts in the real class would block a good patch
    if (verify(real, VerifierCopy.of(original, methods)) instanceof JvmVerdict.Refused alsoOriginal) {
      return new JvmVerdict.NotAsked("the JVM refuses the unpatched class's copy too (" + alsoOriginal.reason() + ")");
    }
    return refused;
  }

  private static JvmVerdict verify(Class<?> real, byte[] copy) {
    try {
      new ThrowawayLoader(real.getClassLoader()).defineAndLink(real.getName(), copy);
      return new JvmVerdict.Accepted();
    } catch (VerifyError e) {
      return new JvmVerdict.Refused(VerifyErrorReason.of(e));
    } catch (LinkageError | SecurityException e) {
      return new JvmVerdict.NotAsked("the JVM refuses the copy for a reason of its own (" + e + ")");
    }
  }

  private static String whyCopyCannotStandFor(Class<?> real) {
    if (real.getClassLoader() == null) {
      return "a class of the boot loader";
    }
    if (real.getModule().isNamed()) {
      return "a class of the named module " + real.getModule().getName();
    }
    if (real.isHidden()) {
      return "a hidden class";
    }
    if (real.getSuperclass() != null && real.getSuperclass().isSealed()) {
      return "a subclass of the sealed " + real.getSuperclass().getName();
    }
    for (Class<?> face : real.getInterfaces()) {
      if (face.isSealed()) {
        return "an implementation of the sealed " + face.getName();
      }
    }
    return null;
  }

  /** Why the copy, and not the patch, may be what the verifier refuses; null when nothing suggests it. */
  private static String artifactOfCopy(Class<?> real, String reason) {
    if (reason.startsWith(PROTECTED) && superClassInSamePackage(real)) {
      return "a super class shares the class's runtime package, which the copy does not";
    }
    Matcher types = NOT_ASSIGNABLE.matcher(reason);
    if (types.find() && new TypeHierarchy(real.getClassLoader()).isAssignable(types.group(2), types.group(1))) {
      return types.group(1) + " is assignable to " + types.group(2) + " in the real class's hierarchy, not in the copy's";
    }
    return null;
  }

  private static boolean superClassInSamePackage(Class<?> real) {
    for (Class<?> parent = real.getSuperclass(); parent != null; parent = parent.getSuperclass()) {
      if (parent.getClassLoader() == real.getClassLoader() && parent.getPackageName().equals(real.getPackageName())) {
        return true;
      }
    }
    return false;
  }
}
