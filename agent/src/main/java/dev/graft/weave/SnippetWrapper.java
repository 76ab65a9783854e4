package dev.graft.weave;

import dev.graft.protocol.GraftException;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.SimpleRemapper;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * The class javac compiles around a snippet. It extends the target class (or implements the target
 * interface) so that the snippet names the target's members as if written inside it; its method
 * {@value #METHOD} takes {@code self} and the target's locals as parameters and holds the snippet;
 * falling off the snippet's end is marked by {@code throw }{@value #CONTINUE}{@code ()}. Once its
 * own name is mapped to the target's, its code can be inlined into the target method.
 */
public final class SnippetWrapper {
  public static final String METHOD = "__graft";
  public static final String CONTINUE = "__graft$continue";
  /** Wraps the thrown value of each {@code throw} the user wrote, so the weaver can tell them from javac's own rethrows. */
  public static final String THROW = "__graft$throw";
  public static final String SELF = "self";
  public static final String CLASS_SUFFIX = "$$Graft";
  private static final String LAMBDA_FACTORY = "java/lang/invoke/LambdaMetafactory";

  private final MethodNode method;

  /** Reads the wrapper and renames it to the target, so the snippet's member references point at the target. */
  public SnippetWrapper(byte[] wrapperClass, String targetInternalName, boolean targetIsInterface) {
    ClassReader reader = new ClassReader(wrapperClass);
    ClassNode node = new ClassNode();
    reader.accept(new ClassRemapper(node, renaming(reader.getClassName(), targetInternalName)), ClassReader.SKIP_FRAMES);
    this.method = node.methods.stream()
        .filter(m -> m.name.equals(METHOD))
        .findFirst()
        .orElseThrow(() -> GraftException.rejected("the compiled snippet has no " + METHOD + " method"));
    for (AbstractInsnNode insn : method.instructions) {
      if (insn instanceof InvokeDynamicInsnNode indy && createsClosure(indy.bsm)) {
        throw GraftException.rejected("the snippet creates a lambda or method reference; that would need a new "
            + "method in the target class. Call an existing method instead");
      }
      if (targetIsInterface && insn instanceof MethodInsnNode call && call.owner.equals(targetInternalName)) {
        // javac saw a class (the wrapper) inherit these methods; in the interface itself they are interface calls
        call.itf = true;
        if (call.getOpcode() == Opcodes.INVOKEVIRTUAL) {
          call.setOpcode(Opcodes.INVOKEINTERFACE);
        }
      }
    }
  }

  /**
   * A remapper that renames the wrapper class only. ASM 9.9's newer constructor also maps the names of
   * well-known invokedynamic call sites, reading their bootstrap arguments: of nothing graft renames, and
   * it fails on a malformed call site before graft can refuse the snippet with a reason.
   */
  @SuppressWarnings("deprecation")
  private static SimpleRemapper renaming(String from, String to) {
    return new SimpleRemapper(from, to);
  }

  public MethodNode method() {
    return method;
  }

  /** Whether the snippet returns from the target method somewhere (falling off its end is not a return). */
  public boolean returns() {
    for (AbstractInsnNode insn : method.instructions) {
      if (insn.getOpcode() >= Opcodes.IRETURN && insn.getOpcode() <= Opcodes.RETURN) {
        return true;
      }
    }
    return false;
  }

  public boolean isStatic() {
    return (method.access & Opcodes.ACC_STATIC) != 0;
  }

  private static boolean createsClosure(Handle bootstrap) {
    return bootstrap.getOwner().equals(LAMBDA_FACTORY);
  }
}
