package dev.graft.weave;

import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Answers type questions (super class, interface?, assignable?) from class files found through the
 * target's class loader, with Byte Buddy's type pool: nothing is loaded or initialised to answer them.
 */
public final class TypeHierarchy {
  private static final String OBJECT = "java/lang/Object";
  private final TypePool pool;

  public TypeHierarchy(ClassLoader loader) {
    ClassFileLocator locator = new ClassFileLocator.Compound(
        ClassFileLocator.ForClassLoader.of(loader), ClassFileLocator.ForClassLoader.ofBootLoader());
    this.pool = TypePool.Default.of(locator);
  }

  /** The type, or null when no class file for it can be found. */
  public TypeDescription describe(String internalName) {
    TypePool.Resolution resolution = pool.describe(internalName.replace('/', '.'));
    return resolution.isResolved() ? resolution.resolve() : null;
  }

  /** The nearest common super class, as ClassWriter's frame computation asks for it. */
  public String commonSuperClass(String first, String second) {
    TypeDescription a = describe(first);
    TypeDescription b = describe(second);
    if (a == null || b == null || a.isInterface() || b.isInterface()) {
      return OBJECT;
    }
    for (TypeDescription candidate = a; candidate != null; candidate = superOf(candidate)) {
      if (b.isAssignableTo(candidate)) {
        return candidate.getInternalName();
      }
    }
    return OBJECT;
  }

  public boolean isAssignable(String superName, String subName) {
    if (superName.equals(subName) || superName.equals(OBJECT)) {
      return true;
    }
    TypeDescription sup = describe(superName);
    TypeDescription sub = describe(subName);
    return sup != null && sub != null && sub.isAssignableTo(sup);
  }

  public boolean isInterface(String internalName) {
    TypeDescription type = describe(internalName);
    return type != null && type.isInterface();
  }

  public String superName(String internalName) {
    TypeDescription type = describe(internalName);
    TypeDescription parent = type == null ? null : superOf(type);
    return parent == null ? null : parent.getInternalName();
  }

  private static TypeDescription superOf(TypeDescription type) {
    return type.getSuperClass() == null ? null : type.getSuperClass().asErasure();
  }
}
