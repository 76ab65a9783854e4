package dev.graft.weave;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The code of a constructor that runs before its {@code super(...)} or {@code this(...)} call: the
 * arguments of that call, the statements Java 25 allows before it (JEP 513), an inner class's store of its
 * outer instance. The object is not initialised there: the JVM's verifier refuses any use of {@code this}
 * but the stores to its own fields, so a snippet spliced there gets no {@code self}. javac writes a
 * constructor's code in source order, with the one call at the top level of its body: what comes before
 * the call in the instructions runs before it.
 */
public final class ConstructorPrologue {
  /** Why a snippet there has no object: said in the site's notes and with each compile error it explains. */
  public static final String NO_OBJECT = "the snippet runs before the constructor's super(...) or this(...) call, where the "
      + "object is not initialised yet (JEP 513): self, this and the object's fields and methods cannot be used there; "
      + "the constructor's parameters and locals can (to use the object, inject at a line after the call, or at <init>:entry)";

  private ConstructorPrologue() {}

  /** Whether any of the points runs before the constructor call of {@code method} (false outside constructors). */
  public static boolean holdsAny(MethodNode method, List<SplicePoint> points) {
    if (!"<init>".equals(method.name)) {
      return false;
    }
    int call = method.instructions.indexOf(constructorCall(method));
    return points.stream().anyMatch(point -> point.firstInstruction() < call);
  }

  /** The constructor's own {@code super(...)} or {@code this(...)} call. */
  static AbstractInsnNode constructorCall(MethodNode method) {
    int pendingNews = 0; // each NEW is matched by the next <init> call; the unmatched one is super/this
    for (AbstractInsnNode node : method.instructions) {
      if (node.getOpcode() == Opcodes.NEW) {
        pendingNews++;
      } else if (node.getOpcode() == Opcodes.INVOKESPECIAL && "<init>".equals(((MethodInsnNode) node).name)) {
        if (pendingNews == 0) {
          return node;
        }
        pendingNews--;
      }
    }
    throw new IllegalStateException("constructor " + method.name + method.desc + " never calls super(...) or this(...)");
  }
}
